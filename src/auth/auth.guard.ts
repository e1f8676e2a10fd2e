import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthContext } from './auth-context';
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

  // What each handler's metadata says, read once per handler rather than on every request.
  private readonly rules = new WeakMap<object, HandlerRules>();

  // Synchronous when the key is known at once (Authenticator.authenticateNowOrLater): Nest then
  // awaits nothing for this guard.
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const { isPublic, scope } = this.rulesOf(context);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.header('leadr-api-key');
    let auth: AuthContext | Promise<AuthContext>;
    try {
      // request.ip honours TRUST_PROXY (Express's `trust proxy`, set in configureApp).
      auth = this.authenticator.authenticateNowOrLater(key, request.ip ?? '');
    } catch (error) {
      throw this.failed(error, key);
    }
    if (!(auth instanceof Promise)) {
      this.admit(request, auth, scope);
      return true;
    }
    return auth.then(
      (later) => {
        this.admit(request, later, scope);
        return true;
      },
      (error: unknown) => {
        throw this.failed(error, key);
      },
    );
  }

  private admit(request: AuthenticatedRequest, auth: AuthContext, scope: ApiKeyScope | undefined): void {
    request.auth = auth;
    this.outcomes.record('ok');
    if (scope !== undefined) auth.assertScope(scope);
  }

  private failed(error: unknown, key: string | undefined): unknown {
    this.outcomes.record(failedAuthOutcome(error, key !== undefined && key !== ''));
    return error;
  }

  private rulesOf(context: ExecutionContext): HandlerRules {
    const handler = context.getHandler();
    const controller = context.getClass();
    let rules = this.rules.get(handler);
    // A method shared by two controller classes (inheritance) may be public in one only.
    if (rules === undefined || rules.controller !== controller) {
      rules = {
        controller,
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) === true,
        scope: this.reflector.get<ApiKeyScope | undefined>(REQUIRED_SCOPE, handler),
      };
      this.rules.set(handler, rules);
    }
    return rules;
  }
}

interface HandlerRules {
  controller: object;
  isPublic: boolean;
  scope: ApiKeyScope | undefined;
}
