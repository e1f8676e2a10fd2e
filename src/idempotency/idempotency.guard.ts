import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthContext } from '../auth/auth-context';
import { AuthenticatedRequest } from '../auth/auth.decorator';
import { DomainError, RequestValidationError } from '../common/errors';
import { IDEMPOTENCY_KEY_REUSED, readIdempotencyKey, requestFingerprint, STILL_RUNNING } from './idempotency-key';
import { IdempotencyScope } from './idempotency.repository';
import { IdempotencyService, StoredResponse } from './idempotency.service';
import { holdClaim, ReplayedResponse } from './idempotent-run';

// Idempotency-Key on a create, part one: the claim. A guard of the route (Idempotent() puts it on
// every create), so it runs after the global guards (a 401, 403 or 429 from them is never kept, and
// the key is scoped to the calling API key) and before the parameters are validated (a key reused
// with another request is answered as such, whatever that request's body). Without the header it
// answers at once, with no promise. Part two is the handler's @Idempotency() parameter, which runs
// the operation under the claim and keeps its answer (idempotent-run.ts).
//
// Not an interceptor: Nest runs every interceptor through an RxJS pipeline bound to the async
// context, on every request, the header or not: 8 % of a create's instructions (docs/performance.md).
@Injectable()
export class IdempotencyGuard implements CanActivate {
  constructor(private readonly idempotency: IdempotencyService) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = readIdempotencyKey(request);
    if (key === undefined) return true;
    return this.claim(request, context.switchToHttp().getResponse<Response>(), key);
  }

  private async claim(request: AuthenticatedRequest, response: Response, key: string): Promise<true> {
    const auth = request.auth;
    if (!auth) throw new Error('Idempotency-Key handled on a route the AuthGuard did not authenticate');
    const scope: IdempotencyScope = {
      apiKeyId: auth.apiKeyId,
      key,
      requestHash: requestFingerprint(request.method, request.originalUrl, request.body),
    };
    const claim = await this.idempotency.claim(scope);
    switch (claim.kind) {
      case 'replay':
        // The caller's rights may have shrunk since (a demoted superadmin, an admin made member):
        // it gets the stored response only if it may still see it, else the 403 the normal path
        // would answer, and nothing is replayed.
        assertMaySee(auth, claim.response);
        throw new ReplayedResponse(claim.response);
      case 'mismatch':
        throw new RequestValidationError([IDEMPOTENCY_KEY_REUSED]);
      case 'in_progress':
        throw new DomainError('conflict', STILL_RUNNING);
      case 'claimed':
        holdClaim(request, response, this.idempotency, scope, claim.attemptId);
        return true;
    }
  }
}

function assertMaySee(auth: AuthContext, stored: StoredResponse): void {
  const owner = stored.owner;
  if (!owner) return;
  auth.assertAccountAccess(owner.accountId);
  if (owner.userId !== null) auth.assertManagesKeysOf(owner.userId);
}
