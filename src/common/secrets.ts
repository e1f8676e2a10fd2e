import { hkdfSync } from 'node:crypto';
import { AppConfig, DEV_API_KEY_SECRET } from '../config';

// API_KEY_SECRET has two uses, kept apart:
// - Stored key hashes are HMAC-SHA256(API_KEY_SECRET, key), exactly as before. Deriving a new key
//   for them would change every stored hash and lock out every key of a deployed database, so
//   the raw secret remains the key-hash key.
// - Cursor signatures use a key derived from the secret with HKDF-SHA256 under a label of their
//   own. The previous cursor key, HMAC(secret, label), was itself a "key hash" of the label; an
//   HKDF output is no HMAC keyed with the raw secret, so neither use yields the other's values.
//   Bump the label's version to invalidate every outstanding cursor.
export const CURSOR_KEY_LABEL = 'leadr:pagination-cursor:v1';

export function cursorKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), CURSOR_KEY_LABEL, 32));
}

// The development default is public (it is in this repository): production refuses it
// (loadConfig), and every other start outside the tests says what it costs.
export function publicSecretWarning(config: AppConfig): string | null {
  if (config.NODE_ENV === 'test' || config.API_KEY_SECRET !== DEV_API_KEY_SECRET) return null;
  return (
    'API_KEY_SECRET is not set: this server uses the public development secret. Anyone can forge ' +
    'pagination cursors, and the stored API key hashes are peppered with a public value. Set ' +
    'API_KEY_SECRET to a long random value of your own before storing real keys (changing it later ' +
    'invalidates every API key).'
  );
}
