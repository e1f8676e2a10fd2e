import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.decorator';
import { DomainError } from '../common/errors';
import { RATE_LIMIT_EXCEEDED, RateLimiter } from './rate-limiter';

// Global, after the AuthGuard (app.module.ts registers them in that order): an authenticated
// request spends a token of its key's budget and of its account's, or is refused with 429 before
// any handler, interceptor (idempotency) or write runs. Public routes (no request.auth) are not
// limited. Every limited response carries RateLimit-Policy and RateLimit.
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (!this.limiter.enabled) return true;
    const http = context.switchToHttp();
    const auth = http.getRequest<AuthenticatedRequest>().auth;
    if (auth === undefined) return true;
    return this.limit(http.getResponse<Response>(), auth.apiKeyId, auth.accountId, auth.isSuperadmin);
  }

  private async limit(response: Response, keyId: string, accountId: string, superadmin: boolean): Promise<boolean> {
    const verdict = await this.limiter.check(keyId, accountId, superadmin);
    if (verdict === null) return true;
    response.setHeader('RateLimit-Policy', verdict.policy);
    response.setHeader('RateLimit', verdict.rateLimit);
    if (verdict.retryAfter !== null) throw new DomainError('rate_limited', RATE_LIMIT_EXCEEDED, verdict.retryAfter);
    return true;
  }
}
