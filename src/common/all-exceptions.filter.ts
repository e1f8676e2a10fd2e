import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { clientErrorAnswer, clientErrorOf } from './client-error';
import { DatabaseAvailability } from '../database/connection/database-availability';
import { databaseUnavailability, isReadOnlyDatabase, isStatementTimeout } from '../database/connection/database-errors';
import { RequestValidationError } from './errors';
import { PreparedAnswer, settleBeforeAnswering } from './error-answer';

interface Rendered {
  status: number;
  body: { detail: unknown };
  retryAfterSeconds?: number;
  // An expected 5xx (the database is out of reach), already reported by DatabaseAvailability.
  reported?: true;
}

// Seconds a client should wait before retrying a request the database could not serve.
export const RETRY_AFTER_SECONDS = 5;

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  constructor(private readonly availability: DatabaseAvailability) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // An answer prepared before the handler ran (a stored response of an Idempotency-Key).
    if (exception instanceof PreparedAnswer) return exception.sendTo(response);
    // What the request holds is freed first (an Idempotency-Key claimed by a request that failed
    // before its operation ran: error-answer.ts).
    const settling = settleBeforeAnswering(host.switchToHttp().getRequest<Request>());
    if (settling) void settling.then(() => this.answer(exception, response));
    else this.answer(exception, response);
  }

  private answer(exception: unknown, response: Response): void {
    const rendered = this.render(exception);
    if (rendered.status >= 500 && !rendered.reported) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (response.headersSent) return;
    if (rendered.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(rendered.retryAfterSeconds));
    response.status(rendered.status).json(rendered.body);
  }

  private render(exception: unknown): Rendered {
    // Not a bug: the database is out of reach (one warning per outage, DatabaseAvailability), or it
    // cancelled a slow statement (statement_timeout; the SQL gateway has logged the statement).
    const unavailable = databaseUnavailability(exception);
    if (unavailable) this.availability.refused(unavailable);
    if (unavailable || isStatementTimeout(exception)) {
      return {
        status: 503,
        body: { detail: 'Service temporarily unavailable' },
        retryAfterSeconds: RETRY_AFTER_SECONDS,
        reported: true,
      };
    }
    // A write refused by a primary in recovery: not a bug, and not an outage either (reads work).
    if (isReadOnlyDatabase(exception)) {
      return {
        status: 503,
        body: { detail: 'The database is read-only at the moment; retry later' },
        retryAfterSeconds: RETRY_AFTER_SECONDS,
        reported: true,
      };
    }
    const clientError = clientErrorOf(exception);
    if (clientError) return { ...clientErrorAnswer(clientError), retryAfterSeconds: clientError.retryAfterSeconds };
    if (exception instanceof RequestValidationError) {
      return { status: 422, body: { detail: exception.issues } };
    }
    if (exception instanceof HttpException) {
      // Nest wraps body-parser failures; invalid JSON is a validation error to FastAPI clients.
      if ((exception.cause as { type?: string } | undefined)?.type === 'entity.parse.failed') {
        return { status: 422, body: { detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] } };
      }
      const status = exception.getStatus();
      // Nest's own 404 says "Cannot GET /x"; FastAPI clients expect Starlette's wording.
      const detail = status === 404 ? 'Not Found' : exception.message;
      return { status, body: { detail } };
    }
    return { status: 500, body: { detail: 'Internal Server Error' } };
  }
}
