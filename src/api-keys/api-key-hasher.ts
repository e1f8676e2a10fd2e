import { createHash, Hash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'ldr_';
const PREFIX_LENGTH = 8;
// SHA-256's block size, in bytes (RFC 2104's B).
const BLOCK_BYTES = 64;

// Keys are stored only as a keyed hash, HMAC-SHA256 with the server secret: a leaked table cannot
// be replayed without the secret.
//
// Every authenticated request hashes the key it presents. `createHmac` sets up the HMAC from the
// secret on each call (OpenSSL looks up the MAC and the digest and keys them), which cost ~13 µs of
// a get-by-id under load (docs/performance.md, "The API key's HMAC"). RFC 2104 defines the HMAC as
// H((K ^ opad) || H((K ^ ipad) || m)): the two keyed states depend on the secret alone, so they are
// computed once here and copied for each key. The digest is the same as createHmac's (unit test).
export class ApiKeyHasher {
  private readonly inner: Hash;
  private readonly outer: Hash;

  constructor(secret: string) {
    let key = Buffer.from(secret, 'utf8');
    if (key.length > BLOCK_BYTES) key = createHash('sha256').update(key).digest();
    const padded = Buffer.alloc(BLOCK_BYTES);
    key.copy(padded);
    this.inner = createHash('sha256').update(padded.map((byte) => byte ^ 0x36));
    this.outer = createHash('sha256').update(padded.map((byte) => byte ^ 0x5c));
  }

  generate(): string {
    return API_KEY_PREFIX + randomBytes(32).toString('base64url');
  }

  hash(key: string): string {
    return this.outer.copy().update(this.inner.copy().update(key, 'utf8').digest()).digest('hex');
  }

  static prefixOf(key: string): string {
    return key.slice(0, PREFIX_LENGTH);
  }
}
