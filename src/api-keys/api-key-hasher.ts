import { randomBytes } from 'node:crypto';
import { KeyedHash } from '../common/keyed-hash';

export const API_KEY_PREFIX = 'ldr_';
const PREFIX_LENGTH = 8;

// Keys are stored only as a keyed hash, HMAC-SHA256 with the server secret: a leaked table cannot
// be replayed without the secret. Every authenticated request hashes the key it presents, so the
// HMAC's keyed states are set up once (KeyedHash).
export class ApiKeyHasher {
  private readonly hmac: KeyedHash;

  constructor(secret: string) {
    this.hmac = new KeyedHash(secret);
  }

  generate(): string {
    return API_KEY_PREFIX + randomBytes(32).toString('base64url');
  }

  hash(key: string): string {
    return this.hmac.hex(key);
  }

  static prefixOf(key: string): string {
    return key.slice(0, PREFIX_LENGTH);
  }
}
