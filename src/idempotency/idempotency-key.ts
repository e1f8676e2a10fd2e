import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestValidationError, ValidationIssue } from '../common/errors';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

// Worded as the server sends them (and documented with these examples).
export const STILL_RUNNING = 'A request with this Idempotency-Key is still being processed';
export const IDEMPOTENCY_KEY_REUSED: ValidationIssue = {
  loc: ['header', IDEMPOTENCY_KEY_HEADER],
  msg: 'This Idempotency-Key was already used with a different request (method, path or body)',
  type: 'idempotency_key_reused',
};
export const IDEMPOTENCY_KEY_TOO_LONG: ValidationIssue = {
  loc: ['header', IDEMPOTENCY_KEY_HEADER],
  msg: `String should have at most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters`,
  type: 'string_too_long',
};

// The request's Idempotency-Key, undefined without one. 1-255 printable ASCII characters, sent
// once; anything else is a 422 at ["header", "idempotency-key"].
export function readIdempotencyKey(request: Pick<IncomingMessage, 'headers' | 'rawHeaders'>): string | undefined {
  const value = request.headers[IDEMPOTENCY_KEY_HEADER];
  if (value === undefined) return undefined;
  const sent = request.rawHeaders.filter((name, index) => index % 2 === 0 && name.toLowerCase() === IDEMPOTENCY_KEY_HEADER);
  if (sent.length > 1 || typeof value !== 'string') {
    throw invalidKey('Idempotency-Key must be sent once', 'value_error');
  }
  if (value.length < 1) throw invalidKey('String should have at least 1 character', 'string_too_short');
  if (value.length > IDEMPOTENCY_KEY_MAX_LENGTH) throw new RequestValidationError([IDEMPOTENCY_KEY_TOO_LONG]);
  if (!PRINTABLE_ASCII.test(value)) {
    throw invalidKey('Idempotency-Key must be printable ASCII characters', 'string_pattern_mismatch');
  }
  return value;
}

function invalidKey(msg: string, type: string): RequestValidationError {
  return new RequestValidationError([{ loc: ['header', IDEMPOTENCY_KEY_HEADER], msg, type }]);
}

// What makes two requests "the same": method, path with its query, and the JSON body, compared as
// JSON (key order and whitespace do not matter). Hex SHA-256.
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([method.toUpperCase(), url, canonicalJson(body)]))
    .digest('hex');
}

// JSON with object keys sorted, recursively; undefined (no body) becomes null.
export function canonicalJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(canonicalJson);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonicalJson((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
