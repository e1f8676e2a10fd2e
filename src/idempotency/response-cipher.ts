import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { storedResponseKey } from '../common/secrets';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

// Stored responses are encrypted at rest (AES-256-GCM): the one of POST /v1/api-keys holds a plain
// API key, the others personal data. The key is derived from API_KEY_SECRET with its own HKDF label
// (common/secrets.ts), so it is used for nothing else. The associated data ties a ciphertext to its
// row: moved to another row, it does not decrypt.
export class ResponseCipher {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = storedResponseKey(secret);
  }

  encrypt(plaintext: string, associatedData: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
  }

  decrypt(sealed: Buffer, associatedData: string): string {
    if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) {
      throw new Error('Unreadable stored response');
    }
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}
