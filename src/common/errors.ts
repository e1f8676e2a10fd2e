export type DomainErrorCode =
  | 'invalid_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'account_suspended'
  | 'user_inactive'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'precondition_failed'
  | 'rate_limited'
  // The rate-limit store is unreachable and RATE_LIMIT_ON_STORE_ERROR=deny.
  | 'limits_unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly detail: string,
    // Sent as Retry-After (seconds) when set.
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} not found`);
}

export function statusForCode(code: DomainErrorCode): number {
  switch (code) {
    case 'invalid_request':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
    case 'account_suspended':
    case 'user_inactive':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'gone':
      return 410;
    case 'precondition_failed':
      return 412;
    case 'rate_limited':
      return 429;
    case 'limits_unavailable':
      return 503;
    default: {
      const unreachable: never = code;
      throw new Error(`Unmapped domain error code ${String(unreachable)}`);
    }
  }
}

export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

// Thrown by the request validation pipe; rendered as FastAPI's 422 body.
export class RequestValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super('Request validation failed');
    this.name = 'RequestValidationError';
  }
}
