import { BinaryLike, createHash, Hash } from 'node:crypto';

// SHA-256's block size, in bytes (RFC 2104's B).
const BLOCK_BYTES = 64;

// HMAC-SHA256 under one key, for the request path's keyed hashes (the API key's hash, the cursors'
// signature). `createHmac` sets the HMAC up from the key on every call (OpenSSL looks up the MAC and
// the digest and keys them), which cost ~13 µs of a get-by-id under load (docs/performance.md, "The
// API key's HMAC"). RFC 2104 defines the HMAC as H((K ^ opad) || H((K ^ ipad) || m)): the two keyed
// states depend on the key alone, so they are computed once and copied for each message. The digest
// is createHmac's (unit test, keyed-hash.spec.ts).
export class KeyedHash {
  private readonly inner: Hash;
  private readonly outer: Hash;

  constructor(key: string | Buffer) {
    let bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
    if (bytes.length > BLOCK_BYTES) bytes = createHash('sha256').update(bytes).digest();
    const padded = Buffer.alloc(BLOCK_BYTES);
    bytes.copy(padded);
    this.inner = createHash('sha256').update(padded.map((byte) => byte ^ 0x36));
    this.outer = createHash('sha256').update(padded.map((byte) => byte ^ 0x5c));
  }

  digest(message: string | BinaryLike): Buffer {
    return this.outer.copy().update(this.innerDigest(message)).digest();
  }

  hex(message: string | BinaryLike): string {
    return this.outer.copy().update(this.innerDigest(message)).digest('hex');
  }

  private innerDigest(message: string | BinaryLike): Buffer {
    const inner = this.inner.copy();
    return (typeof message === 'string' ? inner.update(message, 'utf8') : inner.update(message)).digest();
  }
}
