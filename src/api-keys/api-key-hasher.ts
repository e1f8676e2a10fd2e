import { createHmac, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'ldr_';
const PREFIX_LENGTH = 8;

// Keys are stored only as a keyed hash: a leaked table cannot be replayed without the server secret.
export class ApiKeyHasher {
  constructor(private readonly secret: string) {}

  generate(): string {
    return API_KEY_PREFIX + randomBytes(32).toString('base64url');
  }

  hash(key: string): string {
    return createHmac('sha256', this.secret).update(key).digest('hex');
  }

  static prefixOf(key: string): string {
    return key.slice(0, PREFIX_LENGTH);
  }
}
