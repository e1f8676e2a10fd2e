import { createHmac } from 'node:crypto';
import { API_KEY_PREFIX, ApiKeyHasher } from './api-key-hasher';

const hasher = new ApiKeyHasher('unit-test-secret-0123456789');

describe('ApiKeyHasher.generate', () => {
  it('makes ldr_ followed by 32 random bytes in base64url', () => {
    const key = hasher.generate();
    expect(API_KEY_PREFIX).toBe('ldr_');
    expect(key).toMatch(/^ldr_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(4), 'base64url')).toHaveLength(32);
  });

  it('never repeats a key', () => {
    const keys = Array.from({ length: 2000 }, () => hasher.generate());
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys.map(ApiKeyHasher.prefixOf)).size).toBeGreaterThan(1);
  });
});

describe('ApiKeyHasher.hash', () => {
  const key = 'ldr_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

  it('is 64 lowercase hex characters', () => {
    expect(hasher.hash(key)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic for the same secret and key', () => {
    expect(hasher.hash(key)).toBe(hasher.hash(key));
    expect(new ApiKeyHasher('unit-test-secret-0123456789').hash(key)).toBe(hasher.hash(key));
  });

  it('is HMAC-SHA256 of the key under the secret', () => {
    expect(hasher.hash(key)).toBe(createHmac('sha256', 'unit-test-secret-0123456789').update(key).digest('hex'));
  });

  it('differs by secret', () => {
    expect(new ApiKeyHasher('another-secret-0123456789').hash(key)).not.toBe(hasher.hash(key));
  });

  it.each([`${key}H`, key.slice(0, -1), key.toUpperCase(), `${key} `])('differs for a different key %j', (other) => {
    expect(hasher.hash(other)).not.toBe(hasher.hash(key));
  });

  it('does not reveal the key', () => {
    const generated = hasher.generate();
    const digest = hasher.hash(generated);
    expect(digest).not.toContain(generated);
    expect(digest).not.toContain(generated.slice(4));
    expect(digest).not.toContain(Buffer.from(generated.slice(4), 'base64url').toString('hex'));
  });
});

describe('ApiKeyHasher.prefixOf', () => {
  it.each([
    ['ldr_abcdefghijk', 'ldr_abcd'],
    ['ldr_ab', 'ldr_ab'],
    ['', ''],
  ])('prefixOf(%j) is %j', (key, prefix) => {
    expect(ApiKeyHasher.prefixOf(key)).toBe(prefix);
  });

  it('is the first 8 characters of a generated key', () => {
    const key = hasher.generate();
    expect(ApiKeyHasher.prefixOf(key)).toHaveLength(8);
    expect(key.startsWith(ApiKeyHasher.prefixOf(key))).toBe(true);
  });
});
