import type { Request, Response } from 'express';

// What AllExceptionsFilter does besides rendering an error, for the layers above it (which it must
// not import): idempotency's stored responses and claims.

// An answer prepared before the handler ran, thrown to end the request there and sent as it is
// (a stored response sent again: idempotency/idempotent-run.ts, ReplayedResponse).
export abstract class PreparedAnswer extends Error {
  abstract sendTo(response: Response): void;
}

// Work to finish before the request's error is answered (an Idempotency-Key claimed for a request
// that failed before its operation ran is freed first, so that the corrected retry the client sends
// on reading the error finds the key free). `settle` returns null when there is nothing left to do.
const pending = new WeakMap<Request, () => Promise<void> | null>();

export function settleBeforeAnsweringAnError(request: Request, settle: () => Promise<void> | null): void {
  pending.set(request, settle);
}

export function settleBeforeAnswering(request: Request): Promise<void> | null {
  return pending.get(request)?.() ?? null;
}
