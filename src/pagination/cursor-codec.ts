import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '../common/errors';
import { KeyedHash } from '../common/keyed-hash';
import { cursorKey } from '../common/secrets';

export type CursorDirection = 'next' | 'prev';

export interface CursorPayload {
  // What the cursor was made for: resource, normalised sort and filters must all match on use.
  resource: string;
  sort: string;
  filters: string;
  direction: CursorDirection;
  // The sort values of the row the page continues from, one per sort term.
  key: string[];
}

const SIGNATURE_BYTES = 16;

// Opaque base64url: a truncated HMAC-SHA256 followed by the JSON payload.
export class CursorCodec {
  // Every page with a next or previous page signs its cursors, every cursor used is checked.
  private readonly hmac: KeyedHash;

  constructor(secret: string) {
    this.hmac = new KeyedHash(cursorKey(secret));
  }

  encode(payload: CursorPayload): string {
    const body = Buffer.from(
      JSON.stringify([payload.resource, payload.sort, payload.filters, payload.direction, payload.key]),
    );
    return Buffer.concat([this.sign(body), body]).toString('base64url');
  }

  decode(token: string): CursorPayload {
    // Only the canonical encoding is accepted: Node's decoder ignores stray trailing characters.
    const raw = Buffer.from(token, 'base64url');
    if (raw.toString('base64url') !== token) throw invalidCursor();
    const signature = raw.subarray(0, SIGNATURE_BYTES);
    const body = raw.subarray(SIGNATURE_BYTES);
    if (raw.length <= SIGNATURE_BYTES || !timingSafeEqual(signature, this.sign(body))) throw invalidCursor();
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    if (!isPayloadTuple(parsed)) throw invalidCursor();
    const [resource, sort, filters, direction, key] = parsed;
    return { resource, sort, filters, direction, key };
  }

  private sign(body: Buffer): Buffer {
    return this.hmac.digest(body).subarray(0, SIGNATURE_BYTES);
  }
}

function isPayloadTuple(value: unknown): value is [string, string, string, CursorDirection, string[]] {
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    typeof value[0] === 'string' &&
    typeof value[1] === 'string' &&
    typeof value[2] === 'string' &&
    (value[3] === 'next' || value[3] === 'prev') &&
    Array.isArray(value[4]) &&
    value[4].every((part: unknown) => typeof part === 'string')
  );
}

export function invalidCursor(): DomainError {
  return new DomainError('invalid_request', 'Invalid cursor');
}
