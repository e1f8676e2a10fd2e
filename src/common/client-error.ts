import { QueryFailedError } from 'typeorm';
import { CONSTRAINT_ERRORS } from './constraint-errors';
import { DomainError, statusForCode } from './errors';

// The client error an exception stands for, as the exception filter renders it: a DomainError, or a
// unique / foreign-key violation the API reports by constraint name. Null for anything else
// (validation errors, framework errors, and everything that is a 500).
export function clientErrorOf(exception: unknown): DomainError | null {
  if (exception instanceof DomainError) return exception;
  if (exception instanceof QueryFailedError) {
    const driverError = exception.driverError as { code?: string; constraint?: string };
    const mapped = driverError.constraint ? CONSTRAINT_ERRORS[driverError.constraint] : undefined;
    if (mapped && (driverError.code === '23505' || driverError.code === '23503')) return mapped();
  }
  return null;
}

// The status and body a client error is answered with: by the exception filter, and stored by
// idempotency (idempotent-run.ts) for replays, which must be byte for byte the first answer.
export function clientErrorAnswer(error: DomainError): { status: number; body: { detail: string } } {
  return { status: statusForCode(error.code), body: { detail: error.detail } };
}
