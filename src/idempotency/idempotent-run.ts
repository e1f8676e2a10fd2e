import { createParamDecorator, ExecutionContext, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientErrorAnswer, clientErrorOf } from '../common/client-error';
import { PreparedAnswer, settleBeforeAnsweringAnError } from '../common/error-answer';
import { IdempotencyScope } from './idempotency.repository';
import { IdempotencyService, StoredResponse } from './idempotency.service';
import { replayOwnerOf } from './replay-owner';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

// Idempotency-Key on a create, part two: a handler parameter, `@Idempotency() idempotency:
// IdempotentRun`, and the handler's whole work inside `idempotency.run(async () => …)`. Without
// the header, `run` calls the operation and nothing more. Under a claim (IdempotencyGuard, part
// one), what the operation answers, a 2xx or a client error of the endpoint, is kept before it is
// sent, and sent byte for byte the same to every later request with that key and the same method,
// path and body; a 5xx frees the key instead, and so does any error answered before the operation
// ran (a 422 from validation): AllExceptionsFilter frees it before it answers (common/error-answer.ts).
export interface IdempotentRun {
  run<T>(operation: () => Promise<T>): Promise<T>;
}

const UNCLAIMED: IdempotentRun = { run: (operation) => operation() };

const logger = new Logger('Idempotency');

class ClaimedRun implements IdempotentRun {
  private settled = false;
  private readonly stopRenewing: () => void;

  constructor(
    private readonly response: Response,
    private readonly idempotency: IdempotencyService,
    private readonly scope: IdempotencyScope,
    private readonly attemptId: string,
  ) {
    this.stopRenewing = idempotency.keepClaimed(scope, attemptId);
  }

  async run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.settled) throw new Error('An idempotent operation runs once per request');
    this.settled = true;
    let value: T;
    let outcome: StoredResponse;
    let clientError: unknown = null;
    try {
      value = await operation();
      // The status Nest set before the handler (the operation's 201); the body as it will be sent
      // (Express serialises with JSON.stringify and no replacer).
      outcome = { status: this.response.statusCode, body: JSON.stringify(value), owner: replayOwnerOf(value) };
    } catch (error) {
      const rendered = clientErrorOf(error);
      if (!rendered) {
        await this.release();
        throw error;
      }
      // As AllExceptionsFilter answers it.
      const answer = clientErrorAnswer(rendered);
      outcome = { status: answer.status, body: JSON.stringify(answer.body) };
      clientError = error;
    } finally {
      this.stopRenewing();
    }
    // The request has done its work: its answer is sent even if it cannot be kept. The claim then
    // lapses, and a retry after that runs again.
    await this.idempotency.store(this.scope, this.attemptId, outcome).catch((error: unknown) => {
      logger.error(`Could not store an idempotent response: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (clientError !== null) throw clientError;
    return value!;
  }

  // Frees the key when the operation never ran; null when it did (it settled the claim itself).
  releaseIfUnsettled(): Promise<void> | null {
    if (this.settled) return null;
    this.settled = true;
    this.stopRenewing();
    return this.release();
  }

  private release(): Promise<void> {
    return this.idempotency.release(this.scope, this.attemptId).catch((error: unknown) => {
      logger.warn(`Could not release an idempotency claim: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

const claims = new WeakMap<Request, ClaimedRun>();

// Called by IdempotencyGuard once it holds the claim: the claim is renewed until the run settles,
// and freed before an error is answered if the operation never ran.
export function holdClaim(request: Request, response: Response, idempotency: IdempotencyService, scope: IdempotencyScope, attemptId: string): void {
  const run = new ClaimedRun(response, idempotency, scope, attemptId);
  claims.set(request, run);
  settleBeforeAnsweringAnError(request, () => run.releaseIfUnsettled());
}

// A stored response, answered in place of running the request again (thrown by IdempotencyGuard,
// sent by AllExceptionsFilter): exactly what was stored, with its status, marked as replayed.
export class ReplayedResponse extends PreparedAnswer {
  constructor(private readonly stored: StoredResponse) {
    super('Replayed idempotent response');
  }

  sendTo(response: Response): void {
    response.status(this.stored.status);
    response.setHeader(REPLAYED_HEADER, 'true');
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.send(this.stored.body);
  }
}

const IDEMPOTENCY_PARAMETER = Symbol('idempotency-parameter');

export const Idempotency = createParamDecorator(
  (_data: unknown, context: ExecutionContext): IdempotentRun => claims.get(context.switchToHttp().getRequest<Request>()) ?? UNCLAIMED,
  [(target, key) => Reflect.defineMetadata(IDEMPOTENCY_PARAMETER, true, target, key!)],
);

// A method decorator (in Idempotent()) that refuses, when the class is defined, a handler without
// an @Idempotency() parameter (parameter decorators are applied before the method's).
export const RunsIdempotently = (): MethodDecorator => (target, key) => {
  if (Reflect.getMetadata(IDEMPOTENCY_PARAMETER, target, key) !== true) {
    throw new Error(`${target.constructor.name}.${String(key)} honours Idempotency-Key: run its work through an @Idempotency() parameter`);
  }
};
