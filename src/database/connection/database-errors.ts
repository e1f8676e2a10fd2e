// Which errors mean "the database cannot be reached right now" (a 503 for the client, one warning
// per outage in the log) as opposed to a bug (a 500 with its stack in the log).

// Raised by this application's own statement bound, and for a transaction whose connection died
// between two statements (pg would only say "not queryable" and hide why).
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class DatabaseStatementTimeoutError extends DatabaseUnavailableError {
  constructor(readonly timeoutMs: number) {
    super(`The database did not answer a statement within ${timeoutMs} ms`);
  }
}

export class DatabaseConnectionLostError extends DatabaseUnavailableError {
  constructor(cause: unknown) {
    super(`The database connection was lost: ${describe(cause)}`, { cause });
  }
}

// Socket-level failures: refused, reset, unreachable, DNS.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html) for a server that is
// going away or not accepting connections. Not 57014 (a statement cancelled by statement_timeout):
// the database answered; the statement was slow (see isStatementTimeout).
// Class 08 (connection exception) is matched as a whole; PgBouncer reports its own failures as 08P01.
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57P05', // idle_session_timeout
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
]);

// node-postgres and pg-pool signal these with plain Errors and no code.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/, // unexpectedly | due to connection timeout | (pool or client ended)
  /^timeout exceeded when trying to connect$/,
  /^timeout expired$/, // pg's own connect timeout
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
  /^Query read timeout$/,
  /^Driver not Connected$/, // TypeORM, once the data source is destroyed (shutdown)
];

// The subset where a connection that was open has died: a read on it may be retried elsewhere.
const BROKEN_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', '57P01', '57P02', '08006', '08003']);
const BROKEN_MESSAGES = [
  /^Connection terminated unexpectedly$/,
  /^Client has encountered a connection error and is not queryable$/,
];

interface ErrorLike {
  code?: unknown;
  type?: unknown;
  getStatus?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

// The error and what it wraps: TypeORM's QueryFailedError.driverError, Error.cause, and the
// per-address errors of an AggregateError (a connect to a host with several addresses).
function* chain(error: unknown, depth = 0): Generator<ErrorLike> {
  if (depth > 6 || error === null || typeof error !== 'object') return;
  const e = error as ErrorLike;
  if (isAboutTheRequest(e)) return;
  yield e;
  if (e.driverError !== undefined) yield* chain(e.driverError, depth + 1);
  if (e.cause !== undefined) yield* chain(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

// An error of the HTTP request itself, never of the database, whatever its code says: Nest's
// HttpException, and body-parser's (raw-body's `request aborted` is ECONNABORTED, type
// 'request.aborted', when a client goes away in the middle of its body).
function isAboutTheRequest(e: ErrorLike): boolean {
  return typeof e.getStatus === 'function' || (typeof e.type === 'string' && /^(request|entity|encoding|charset|stream)\./.test(e.type));
}

function codeOf(e: ErrorLike): string | undefined {
  return typeof e.code === 'string' ? e.code : undefined;
}

function messageOf(e: ErrorLike): string {
  return typeof e.message === 'string' ? e.message : '';
}

function isUnavailable(e: ErrorLike): boolean {
  if (e instanceof DatabaseUnavailableError) return true;
  const code = codeOf(e);
  if (code && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) {
    return true;
  }
  const message = messageOf(e);
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

// A short description of an error for the log: code and message, never query parameters.
export function describe(error: unknown): string {
  if (error === null || typeof error !== 'object') return String(error);
  const e = error as ErrorLike;
  const code = codeOf(e);
  const message = messageOf(e) || (error as object).constructor?.name || 'unknown error';
  return code && !message.includes(code) ? `${code} ${message}` : message;
}

// Why the database is unavailable, if that is what this error means (the innermost cause that
// says so), else null: the error is a bug or a client error and must be handled as such.
export function databaseUnavailability(error: unknown): string | null {
  let found: ErrorLike | null = null;
  for (const e of chain(error)) {
    if (isUnavailable(e)) found = e;
  }
  return found ? describe(found) : null;
}

// Did an open connection die under this error (as opposed to a refused connect or a timeout)?
export function isBrokenConnection(error: unknown): boolean {
  for (const e of chain(error)) {
    const code = codeOf(e);
    if (code && BROKEN_CODES.has(code)) return true;
    if (BROKEN_MESSAGES.some((pattern) => pattern.test(messageOf(e)))) return true;
  }
  return false;
}

// Did the statement write to a server in recovery (a standby: SQLSTATE 25006,
// read_only_sql_transaction)? DATABASE_URL then names a read-only database; the client is told to
// retry later (once it is promoted, or the URL repointed), not given a 500.
export function isReadOnlyDatabase(error: unknown): boolean {
  for (const e of chain(error)) if (codeOf(e) === '25006') return true;
  return false;
}

// Did the server cancel a statement for running past statement_timeout? The database is answering:
// this is a slow statement, not an outage.
export function isStatementTimeout(error: unknown): boolean {
  for (const e of chain(error)) if (codeOf(e) === '57014') return true;
  return false;
}
