import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AuthContext } from './auth-context';

export interface AuthenticatedRequest extends Request {
  auth?: AuthContext;
}

export const Auth = createParamDecorator((_: unknown, context: ExecutionContext): AuthContext => {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  // The global guard sets it on every non-public route; a handler reaching here without one is a bug.
  if (!auth) throw new Error('@Auth() used on a route the AuthGuard did not authenticate');
  return auth;
});
