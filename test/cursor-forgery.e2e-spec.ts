import { createHmac } from 'node:crypto';
import { cursorKey } from '../src/common/secrets';
import { DEV_API_KEY_SECRET } from '../src/config';
import { CursorCodec, CursorPayload } from '../src/pagination/cursor-codec';
import { createTenant } from './helpers/factories';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

const bodyOf = (payload: CursorPayload) =>
  Buffer.from(JSON.stringify([payload.resource, payload.sort, payload.filters, payload.direction, payload.key]));
// The token format: a 16-byte truncated HMAC-SHA256 of the body, then the body.
const signedWith = (key: Buffer, body: Buffer) =>
  Buffer.concat([createHmac('sha256', key).update(body).digest().subarray(0, 16), body]).toString('base64url');

// Whoever knows the signing key can mint any cursor, so the payload is checked as strictly as
// untrusted input: nothing a cursor carries may reach PostgreSQL in a form it rejects.
describe('forged and foreign cursors', () => {
  let t: TestApp;
  // The codec the server itself uses: cursors it signs pass the signature check, so only the
  // payload checks stand between them and the database.
  let serverCodec: CursorCodec;
  const as = () => ({ 'leadr-api-key': SUPERADMIN_KEY });

  // A genuine cursor of the given list and sort, decoded, so forgeries keep its binding.
  const genuine = async (path: string, sort: string): Promise<CursorPayload> => {
    const response = await t.http().get(`${path}?limit=1&sort=${sort}`).set(as());
    expect(response.status).toBe(200);
    return serverCodec.decode(response.body.pagination.next_cursor);
  };
  const expect400 = async (path: string, sort: string, cursor: string) => {
    const response = await t.http().get(`${path}?limit=1&sort=${sort}&cursor=${encodeURIComponent(cursor)}`).set(as());
    expect({ status: response.status, body: response.body }).toEqual({ status: 400, body: { detail: expect.any(String) } });
  };

  beforeAll(async () => {
    t = await createTestApp();
    serverCodec = new CursorCodec(t.config.API_KEY_SECRET);
    // A second account, user and key, so that every list has a second page.
    await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('accepts the genuine cursor it starts from', async () => {
    const cursor = serverCodec.encode(await genuine('/v1/users', 'created_at:asc'));
    expect((await t.http().get(`/v1/users?limit=1&sort=created_at:asc&cursor=${cursor}`).set(as())).status).toBe(200);
  });

  it('refuses a cursor signed with the public development secret while the server has its own', async () => {
    expect(t.config.API_KEY_SECRET).not.toBe(DEV_API_KEY_SECRET);
    const payload = await genuine('/v1/users', 'created_at:asc');
    await expect400('/v1/users', 'created_at:asc', new CursorCodec(DEV_API_KEY_SECRET).encode(payload));
  });

  // The raw secret is the key that peppers the stored key hashes; the old cursor key was an HMAC
  // of a label. Neither may sign a cursor now.
  it('refuses a cursor signed with the key-hash key (the raw secret) or the previous cursor key', async () => {
    const payload = await genuine('/v1/users', 'created_at:asc');
    const secret = t.config.API_KEY_SECRET;
    for (const key of [Buffer.from(secret), createHmac('sha256', secret).update('leadr:pagination-cursor').digest()]) {
      await expect400('/v1/users', 'created_at:asc', signedWith(key, bodyOf(payload)));
    }
  });

  it('refuses a correctly signed cursor whose payload is not a cursor', async () => {
    const bodies = ['', 'null', '{}', '[]', '"x"', '[1,2,3,4,5]', 'not json', '\u0000', '\uffff', JSON.stringify(['users', 'a', 'b', 'next', [{}]])];
    for (const body of bodies) {
      await expect400('/v1/users', 'created_at:asc', signedWith(cursorKey(t.config.API_KEY_SECRET), Buffer.from(body)));
    }
  });

  // Each sort kind, with values of the right type in JSON that are still wrong for it.
  const badKeys: Array<[string, string, string, (key: string[]) => string[]]> = [
    ['a timestamp past year 9999 that Date.parse accepts', '/v1/users', 'created_at:asc', ([, id]) => ['+275760-09-13T00:00:00.000Z', id]],
    ['a timestamp with a 16-digit year', '/v1/users', 'created_at:asc', ([, id]) => ['9999999999999999-01-01T00:00:00.000Z', id]],
    ['a bare number as a timestamp', '/v1/users', 'created_at:asc', ([, id]) => ['1', id]],
    ['a natural-language date', '/v1/users', 'updated_at:desc', ([, id]) => ['Tue Mar 01 2022 GMT+0100', id]],
    ['year zero', '/v1/users', 'created_at:asc', ([, id]) => ['0000-01-01T00:00:00.000Z', id]],
    ['an impossible date', '/v1/users', 'created_at:asc', ([, id]) => ['2025-02-30T00:00:00.000Z', id]],
    ['an empty timestamp', '/v1/users', 'created_at:asc', ([, id]) => ['', id]],
    ['a NUL in a text key', '/v1/users', 'email:asc', ([, id]) => ['a\u0000b@example.com', id]],
    ['a lone surrogate in a text key', '/v1/users', 'display_name:asc', ([, id]) => ['x\ud800y', id]],
    ['an over-long text key', '/v1/users', 'email:asc', ([, id]) => ['a'.repeat(5_000), id]],
    ['a malformed uuid', '/v1/users', 'email:asc', ([email]) => [email, 'not-a-uuid']],
    ['a uuid with a NUL', '/v1/users', 'email:asc', ([email, id]) => [email, `${id}\u0000`]],
    ['too many key values', '/v1/users', 'email:asc', (key) => [...key, ...key]],
    ['too few key values', '/v1/users', 'email:asc', ([email]) => [email]],
    ['no key values', '/v1/users', 'email:asc', () => []],
    ['a timestamp on the accounts list', '/v1/accounts', 'created_at:desc', ([, id]) => ['99999-12-31T23:59:59.999Z', id]],
    ['a NUL in an account name', '/v1/accounts', 'name:asc', ([, id]) => ['\u0000', id]],
    ['a timestamp on the API keys list', '/v1/api-keys', 'updated_at:asc', ([, id]) => ['1e10', id]],
    ['a NUL in a key name', '/v1/api-keys', 'name:desc', ([, id]) => ['k\u0000', id]],
  ];

  it.each(badKeys)('refuses a correctly signed cursor with %s (400, not 500)', async (_label, path, sort, forge) => {
    const payload = await genuine(path, sort);
    for (const direction of ['next', 'prev'] as const) {
      await expect400(path, sort, serverCodec.encode({ ...payload, direction, key: forge(payload.key) }));
    }
  });
});
