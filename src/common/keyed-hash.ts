import { createHash, hash } from 'node:crypto';

// SHA-256's block size, in bytes (RFC 2104's B).
const BLOCK_BYTES = 64;
// SHA-256's digest size, in bytes.
const DIGEST_BYTES = 32;

// HMAC-SHA256 under one key, for the request path's keyed hashes (the API key's hash, the cursors'
// signature). `createHmac` sets the HMAC up from the key on every call (OpenSSL looks up the MAC and
// the digest and keys them), which cost ~16 µs of a get-by-id under load; copying precomputed
// keyed Hash objects still cost ~14 µs (each copy is a Hash object and its stream machinery;
// docs/performance.md, "The API key's HMAC"). RFC 2104 defines the HMAC as
// H((K ^ opad) || H((K ^ ipad) || m)); here the two padded keys are computed once and each H is one
// call of crypto.hash (one native call, no object). The digest is createHmac's (keyed-hash.spec.ts).
export class KeyedHash {
  private readonly innerPad: Buffer;
  private readonly outerPad: Buffer;

  constructor(key: string | Buffer) {
    let bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
    if (bytes.length > BLOCK_BYTES) bytes = createHash('sha256').update(bytes).digest();
    const padded = Buffer.alloc(BLOCK_BYTES);
    bytes.copy(padded);
    this.innerPad = Buffer.from(padded.map((byte) => byte ^ 0x36));
    this.outerPad = Buffer.from(padded.map((byte) => byte ^ 0x5c));
  }

  digest(message: string | Buffer): Buffer {
    return this.outer(message, 'buffer') as Buffer;
  }

  hex(message: string | Buffer): string {
    return this.outer(message, 'hex') as string;
  }

  private outer(message: string | Buffer, encoding: 'hex' | 'buffer'): string | Buffer {
    const length = typeof message === 'string' ? Buffer.byteLength(message, 'utf8') : message.length;
    const inner = Buffer.allocUnsafe(BLOCK_BYTES + length);
    this.innerPad.copy(inner);
    if (typeof message === 'string') inner.write(message, BLOCK_BYTES, 'utf8');
    else message.copy(inner, BLOCK_BYTES);
    const outer = Buffer.allocUnsafe(BLOCK_BYTES + DIGEST_BYTES);
    this.outerPad.copy(outer);
    (hash('sha256', inner, 'buffer') as unknown as Buffer).copy(outer, BLOCK_BYTES);
    return hash('sha256', outer, encoding as 'hex') as string | Buffer;
  }
}
