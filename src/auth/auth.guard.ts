import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest } from './auth.decorator';
import { AuthOutcomes, failedAuthOutcome } from './auth-outcomes';
import { Authenticator } from './authenticator';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_SCOPE } from './required-scope.decorator';
import type { ApiKeyScope } from './scopes';

// Global and default-deny: every route needs a valid `leadr-api-key` unless marked @Public(), and
// the scope its operation names (@RequiresScope, set by the operation decorators).
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly outcomes: AuthOutcomes,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.header('leadr-api-key');
    try {
      // request.ip honours TRUST_PROXY (Express's `trust proxy`, set in configureApp).
      request.auth = await this.authenticator.authenticate(key, request.ip ?? '');
    } catch (error) {
      this.outcomes.record(failedAuthOutcome(error, key !== undefined && key !== ''));
      throw error;
    }
    this.outcomes.record('ok');
    const scope = this.reflector.get<ApiKeyScope | undefined>(REQUIRED_SCOPE, context.getHandler());
    if (scope !== undefined) request.auth.assertScope(scope);
    return true;
  }
}
