import { createHmac, randomBytes } from 'node:crypto';
import { DomainError } from '../common/errors';
import { cursorKey } from '../common/secrets';
import { CursorCodec, CursorPayload } from './cursor-codec';

const SECRET = 'unit-test-secret-0123456789';
const codec = new CursorCodec(SECRET);

const PAYLOAD: CursorPayload = {
  resource: 'users',
  sort: 'email:asc,id:asc',
  filters: '[["account_id","6c1f5a1e-6a55-4d0c-9f33-8c3c0b1f2e90"]]',
  direction: 'next',
  key: ['ann@example.com', '0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41'],
};

function expectInvalid(token: string, using = codec): void {
  let caught: unknown;
  try {
    using.decode(token);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect(caught).toMatchObject({ code: 'invalid_request', detail: 'Invalid cursor' });
}

describe('CursorCodec', () => {
  it.each<CursorPayload>([
    PAYLOAD,
    { ...PAYLOAD, direction: 'prev' },
    { resource: 'r', sort: '', filters: '', direction: 'next', key: [] },
    { ...PAYLOAD, key: ['Zoë "quoted" \\ ünïcødé ✓', '2024-01-02T03:04:05.678Z', ''] },
  ])('round-trips %j', (payload) => {
    expect(codec.decode(codec.encode(payload))).toEqual(payload);
  });

  it('produces URL-safe base64 without padding', () => {
    for (let length = 0; length < 12; length++) {
      const token = codec.encode({ ...PAYLOAD, key: ['?'.repeat(length), '\u00ff~'.repeat(length)] });
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it('is deterministic and depends on the payload', () => {
    expect(codec.encode(PAYLOAD)).toBe(new CursorCodec(SECRET).encode(PAYLOAD));
    expect(codec.encode({ ...PAYLOAD, direction: 'prev' })).not.toBe(codec.encode(PAYLOAD));
  });

  it('refuses a cursor signed with a different secret', () => {
    const foreign = new CursorCodec('another-secret-0123456789').encode(PAYLOAD);
    expectInvalid(foreign);
  });

  it('refuses the token when any single byte is flipped', () => {
    const bytes = Buffer.from(codec.encode(PAYLOAD), 'base64url');
    for (let index = 0; index < bytes.length; index++) {
      for (const mask of [0x01, 0x80]) {
        const tampered = Buffer.from(bytes);
        tampered[index] ^= mask;
        expectInvalid(tampered.toString('base64url'));
      }
    }
  });

  it('refuses the token when any single character is changed', () => {
    // Pad the payload to a whole number of 3-byte groups: then no character carries unused
    // trailing bits, so every substitution changes the decoded bytes.
    const tokens = ['', 'x', 'xx'].map((pad) => codec.encode({ ...PAYLOAD, resource: PAYLOAD.resource + pad }));
    const token = tokens.find((candidate) => Buffer.from(candidate, 'base64url').length % 3 === 0)!;
    for (let index = 0; index < token.length; index++) {
      const replacement = token[index] === 'A' ? 'B' : 'A';
      expectInvalid(token.slice(0, index) + replacement + token.slice(index + 1));
    }
  });

  it('refuses a truncated token', () => {
    const token = codec.encode(PAYLOAD);
    for (const length of [1, 4, 21, 22, 24, token.length - 4]) expectInvalid(token.slice(0, length));
  });

  it('refuses an edited payload that keeps the original signature', () => {
    const raw = Buffer.from(codec.encode(PAYLOAD), 'base64url');
    const signature = raw.subarray(0, 16);
    const tuple = JSON.parse(raw.subarray(16).toString('utf8'));
    expect(tuple).toEqual([PAYLOAD.resource, PAYLOAD.sort, PAYLOAD.filters, PAYLOAD.direction, PAYLOAD.key]);

    tuple[2] = '[["account_id",null]]';
    const edited = Buffer.concat([signature, Buffer.from(JSON.stringify(tuple))]).toString('base64url');
    expectInvalid(edited);
  });

  it('refuses an edited payload signed with a guessed key (the raw secret)', () => {
    const body = Buffer.from(JSON.stringify(['users', 'email:asc,id:asc', '[]', 'next', ['a', 'b']]));
    const signature = createHmac('sha256', SECRET).update(body).digest().subarray(0, 16);
    expectInvalid(Buffer.concat([signature, body]).toString('base64url'));
  });

  it.each<[string, string]>([
    ['empty string', ''],
    ['non-base64 characters', '!!!'],
    ['too short to hold a signature', 'abc'],
    ['standard base64 alphabet', codec.encode(PAYLOAD).replace(/[-_]/g, '+') + '/'],
    ['whitespace around a valid token', ` ${codec.encode(PAYLOAD)} `],
    ['long random base64url', randomBytes(200).toString('base64url')],
    ['JSON payload without a signature', Buffer.from(JSON.stringify(['users', 's', '[]', 'next', []])).toString('base64url')],
  ])('refuses garbage: %s', (_label, token) => {
    expectInvalid(token);
  });

  it.each<[string, unknown]>([
    ['not JSON', 'not json at all'],
    ['an object instead of a tuple', { resource: 'users', sort: 's', filters: '', direction: 'next', key: [] }],
    ['a short tuple', ['users', 's', '', 'next']],
    ['an unknown direction', ['users', 's', '', 'sideways', []]],
    ['a non-string key part', ['users', 's', '', 'next', [1]]],
    ['a non-array key', ['users', 's', '', 'next', 'k']],
    ['a non-string resource', [null, 's', '', 'next', []]],
  ])('refuses a correctly signed body that is %s', (_label, body) => {
    // Sign exactly as the codec does, so only the payload validation can reject it.
    const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const signature = createHmac('sha256', cursorKey(SECRET)).update(bytes).digest().subarray(0, 16);
    expectInvalid(Buffer.concat([signature, bytes]).toString('base64url'));
  });
});
