import { ResponseCipher } from './response-cipher';

const cipher = new ResponseCipher('unit-test-secret-0123456789');
const body = '{"id":"key_1","key":"ldr_very-secret-value-0123456789"}';

describe('ResponseCipher', () => {
  it('round-trips a body under the same associated data', () => {
    expect(cipher.decrypt(cipher.encrypt(body, 'row-1'), 'row-1')).toBe(body);
  });

  it('never holds the plaintext, and uses a fresh IV each time', () => {
    const a = cipher.encrypt(body, 'row-1');
    const b = cipher.encrypt(body, 'row-1');
    expect(a.equals(b)).toBe(false);
    for (const sealed of [a, b]) {
      expect(sealed.toString('latin1')).not.toContain('ldr_');
      expect(sealed.toString('latin1')).not.toContain('very-secret');
    }
  });

  it('refuses a body moved to another row', () => {
    expect(() => cipher.decrypt(cipher.encrypt(body, 'row-1'), 'row-2')).toThrow();
  });

  it('refuses a tampered body', () => {
    const sealed = cipher.encrypt(body, 'row-1');
    sealed[sealed.length - 1] ^= 1;
    expect(() => cipher.decrypt(sealed, 'row-1')).toThrow();
  });

  it('refuses another secret’s body, and a truncated one', () => {
    const other = new ResponseCipher('another-secret-0123456789');
    expect(() => other.decrypt(cipher.encrypt(body, 'row-1'), 'row-1')).toThrow();
    expect(() => cipher.decrypt(Buffer.from([1, 2, 3]), 'row-1')).toThrow('Unreadable stored response');
  });

  it('derives its key from the secret with its own label: not the secret, not the cursor or key-hash key', () => {
    const key = (cipher as unknown as { key: Buffer }).key;
    expect(key).toHaveLength(32);
    expect(key.toString('latin1')).not.toContain('unit-test-secret');
  });
});
