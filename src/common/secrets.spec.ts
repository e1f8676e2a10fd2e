import { createHmac } from 'node:crypto';
import { ApiKeyHasher } from '../api-keys/api-key-hasher';
import { DEV_API_KEY_SECRET, loadConfig } from '../config';
import { CURSOR_KEY_LABEL, cursorKey, publicSecretWarning } from './secrets';

const SECRET = 'unit-test-secret-0123456789';

describe('cursorKey', () => {
  it('is HKDF-SHA256 of the secret with the cursor label (known answer)', () => {
    // Computed independently (Python hmac): PRK = HMAC(32 zero bytes, secret), OKM = HMAC(PRK, label || 0x01).
    expect(CURSOR_KEY_LABEL).toBe('leadr:pagination-cursor:v1');
    expect(cursorKey(SECRET).toString('hex')).toBe('6fbe20dab751d0ebb62d4e27744089b1cf64e2c806c96579e0135471829d2679');
  });

  it('differs per secret', () => {
    expect(cursorKey(SECRET).equals(cursorKey(`${SECRET}x`))).toBe(false);
  });

  it('is neither the key-hash key nor a key hash, so the two uses stay apart', () => {
    const key = cursorKey(SECRET);
    expect(key.equals(Buffer.from(SECRET))).toBe(false);
    expect(key.toString('hex')).not.toBe(new ApiKeyHasher(SECRET).hash(CURSOR_KEY_LABEL));
    expect(key.equals(createHmac('sha256', SECRET).update('leadr:pagination-cursor').digest())).toBe(false);
  });
});

describe('ApiKeyHasher', () => {
  it('still hashes keys as HMAC-SHA256(API_KEY_SECRET, key), so stored hashes stay valid', () => {
    const key = 'ldr_abcdefghijklmnopqrstuvwxyz012345';
    expect(new ApiKeyHasher(SECRET).hash(key)).toBe(createHmac('sha256', SECRET).update(key).digest('hex'));
  });
});

describe('publicSecretWarning', () => {
  it.each(['development', undefined])('warns when API_KEY_SECRET is unset and NODE_ENV is %s', (nodeEnv) => {
    const warning = publicSecretWarning(loadConfig(nodeEnv ? { NODE_ENV: nodeEnv } : {}));
    expect(warning).toContain('API_KEY_SECRET');
    expect(warning).toContain('forge');
    expect(warning).toContain('public');
  });

  it('warns when API_KEY_SECRET is set to the public development value', () => {
    expect(publicSecretWarning(loadConfig({ API_KEY_SECRET: DEV_API_KEY_SECRET }))).toContain('API_KEY_SECRET');
  });

  it('stays quiet with a secret of its own, and in the tests', () => {
    expect(publicSecretWarning(loadConfig({ API_KEY_SECRET: SECRET }))).toBeNull();
    expect(publicSecretWarning(loadConfig({ NODE_ENV: 'test' }))).toBeNull();
  });

  it('never contains the secret', () => {
    expect(publicSecretWarning(loadConfig({}))).not.toContain(DEV_API_KEY_SECRET);
  });
});
