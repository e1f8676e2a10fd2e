import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { defer, lastValueFrom, Observable } from 'rxjs';
import type { AuthContext } from '../auth/auth-context';
import { AuthenticatedRequest } from '../auth/auth.decorator';
import { clientErrorOf } from '../common/client-error';
import { DomainError, RequestValidationError, statusForCode } from '../common/errors';
import { IDEMPOTENCY_KEY_REUSED, readIdempotencyKey, requestFingerprint, STILL_RUNNING } from './idempotency-key';
import { IdempotencyScope } from './idempotency.repository';
import { IdempotencyService, StoredResponse } from './idempotency.service';
import { replayOwnerOf } from './replay-owner';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

// Idempotency-Key on a POST. Runs after the guard (so 401/403 from it are never kept, and the key
// is scoped to the calling API key) and around the pipes and the handler (so a 422 from validation
// is seen and not kept). The first request with a key runs; what it answers, 2xx or a client error
// of the endpoint, is stored and sent, byte for byte the same, to every later request with that
// key and the same method, path and body. A 5xx (or a 422 from validation) frees the key instead.
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly idempotency: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = readIdempotencyKey(request);
    if (key === undefined) return next.handle();
    const auth = request.auth;
    if (!auth) throw new Error('Idempotency-Key handled on a route the AuthGuard did not authenticate');
    const scope: IdempotencyScope = {
      apiKeyId: auth.apiKeyId,
      key,
      requestHash: requestFingerprint(request.method, request.originalUrl, request.body),
    };

    return defer(async () => {
      const claim = await this.idempotency.claim(scope);
      switch (claim.kind) {
        case 'replay':
          // The caller's rights may have shrunk since (a demoted superadmin, an admin made member):
          // it gets the stored response only if it may still see it, else the 403 the normal path
          // would answer, and nothing is replayed.
          assertMaySee(auth, claim.response);
          response.setHeader(REPLAYED_HEADER, 'true');
          return send(response, claim.response);
        case 'mismatch':
          throw new RequestValidationError([IDEMPOTENCY_KEY_REUSED]);
        case 'in_progress':
          throw new DomainError('conflict', STILL_RUNNING);
        case 'claimed':
          return send(response, await this.runOnce(scope, claim.attemptId, response, next));
      }
    });
  }

  private async runOnce(
    scope: IdempotencyScope,
    attemptId: string,
    response: Response,
    next: CallHandler,
  ): Promise<StoredResponse> {
    const stopRenewing = this.idempotency.keepClaimed(scope, attemptId);
    let outcome: StoredResponse;
    try {
      const value = await lastValueFrom(next.handle());
      outcome = { status: response.statusCode, body: JSON.stringify(value), owner: replayOwnerOf(value) };
    } catch (error) {
      const clientError = clientErrorOf(error);
      if (!clientError) {
        await this.idempotency.release(scope, attemptId).catch(() => undefined);
        throw error;
      }
      outcome = { status: statusForCode(clientError.code), body: JSON.stringify({ detail: clientError.detail }) };
    } finally {
      stopRenewing();
    }
    // The request has done its work: its answer is sent even if it cannot be kept. The claim then
    // lapses, and a retry after that runs again.
    await this.idempotency.store(scope, attemptId, outcome).catch((error: unknown) => {
      this.logger.error(`Could not store an idempotent response: ${error instanceof Error ? error.message : String(error)}`);
    });
    return outcome;
  }
}

function assertMaySee(auth: AuthContext, stored: StoredResponse): void {
  const owner = stored.owner;
  if (!owner) return;
  auth.assertAccountAccess(owner.accountId);
  if (owner.userId !== null) auth.assertManagesKeysOf(owner.userId);
}

// What is sent is exactly what is stored: the JSON text, as the handler's value would have been
// serialised, with its status.
function send(response: Response, stored: StoredResponse): string {
  response.status(stored.status);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  return stored.body;
}
