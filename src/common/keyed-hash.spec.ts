import { createHmac } from 'node:crypto';
import { KeyedHash } from './keyed-hash';

// The keyed states are computed once and copied (RFC 2104); the digest must stay createHmac's, or
// every stored key hash and every cursor already handed out would stop matching.
describe('KeyedHash', () => {
  const keys: Array<string | Buffer> = [
    'unit-test-secret-0123456789',
    'x'.repeat(64), // exactly one block
    'y'.repeat(65), // longer than a block: hashed first
    'z'.repeat(200),
    'sécret-ünïcode-0123456789',
    's',
    Buffer.from('00ff10ab'.repeat(8), 'hex'),
    Buffer.alloc(100, 7),
  ];
  const messages: Array<string | Buffer> = ['ldr_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', '', 'clé-ü', Buffer.from([0, 1, 2, 255]), 'm'.repeat(1000)];

  it.each(keys.map((key) => [key]))('equals createHmac(sha256, %p) for every message, call after call', (key) => {
    const keyed = new KeyedHash(key);
    for (const message of messages) {
      const expected = createHmac('sha256', key).update(message).digest();
      expect(keyed.digest(message)).toEqual(expected);
      expect(keyed.hex(message)).toBe(expected.toString('hex'));
      expect(keyed.digest(message)).toEqual(expected);
    }
  });
});
