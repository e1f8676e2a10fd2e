import { Authenticator } from '../src/auth/authenticator';
import { RequestValidationError } from '../src/common/errors';
import { MAX_JSON_DEPTH } from '../src/common/json-depth';
import { createTenant, Tenant } from './helpers/factories';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

const auth = { 'leadr-api-key': SUPERADMIN_KEY };
const UNICODE_MSG = 'Input should be a valid string, unable to parse raw data as a unicode string';
const unicodeIssue = (...loc: (string | number)[]) => ({ loc: ['body', ...loc], msg: UNICODE_MSG, type: 'string_unicode' });
const TOO_DEEP = { detail: [{ loc: ['body'], msg: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, type: 'json_invalid' }] };

// JSON.stringify writes a lone surrogate as the escape "\ud800", which JSON.parse turns back into
// the lone surrogate: exactly what a client sending such JSON produces on the server.
const json = (value: unknown) => JSON.stringify(value);
const deepArrays = (levels: number, inner = '1') => '['.repeat(levels) + inner + ']'.repeat(levels);

describe('ill-formed Unicode and deep JSON', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
  });

  async function counts() {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM accounts) AS accounts,
              (SELECT count(*)::int FROM api_keys) AS keys,
              (SELECT max(updated_at) FROM users) AS users_updated, (SELECT max(updated_at) FROM accounts) AS accounts_updated`,
    );
    return row;
  }

  const send = (method: 'post' | 'patch', path: string, body: string, headers: Record<string, string> = auth) =>
    t.http()[method](path).set(headers).set('content-type', 'application/json').send(body);

  it('answers a lone surrogate in a string field with 422 at its location and stores nothing', async () => {
    const before = await counts();
    const cases: Array<[ReturnType<typeof send>, object]> = [
      [send('post', '/v1/users', json({ account_id: tenant.accountId, email: 'a\ud800b@example.com', display_name: 'Surrogate' })), unicodeIssue('email')],
      [send('post', '/v1/users', json({ account_id: tenant.accountId, email: 'ok@example.com', display_name: 'Bad \udc00 name' })), unicodeIssue('display_name')],
      [send('patch', `/v1/users/${tenant.userId}`, json({ display_name: 'x\ud83c' })), unicodeIssue('display_name')],
      [send('patch', `/v1/users/${tenant.userId}`, json({ email: '\udfff@example.com' })), unicodeIssue('email')],
      [send('post', '/v1/accounts', json({ name: 'Studio \ud800' })), unicodeIssue('name')],
      [send('patch', `/v1/accounts/${tenant.accountId}`, json({ slug: 'a\ud800' })), unicodeIssue('slug')],
      [send('post', '/v1/api-keys', json({ account_id: tenant.accountId, user_id: tenant.userId, name: '\ud800' })), unicodeIssue('name')],
      [send('post', '/v1/users', json({ account_id: tenant.accountId, email: 'k@example.com', display_name: 'Key', '\ud800': 1 })), unicodeIssue('\ud800')],
      [send('post', '/v1/users', json({ account_id: ['\udc00'], email: 'k@example.com', display_name: 'Key' })), unicodeIssue('account_id', 0)],
    ];
    for (const [pending, expected] of cases) {
      const response = await pending;
      expect(response.status).toBe(422);
      expect(response.body).toEqual({ detail: [expected] });
    }
    expect(await counts()).toEqual(before);
  });

  it('checks the body before authentication, as it does malformed JSON', async () => {
    const response = await send('post', '/v1/users', json({ email: '\ud800' }), {});
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ detail: [unicodeIssue('email')] });
  });

  it('still accepts well-formed text outside the Basic Multilingual Plane', async () => {
    const response = await send('post', '/v1/users', json({ account_id: tenant.accountId, email: 'emoji@example.com', display_name: 'Player 🎮𝄞' }));
    expect(response.status).toBe(201);
    expect(response.body.display_name).toBe('Player 🎮𝄞');
    const [stored] = await t.dataSource.query('SELECT display_name FROM users WHERE email = $1', ['emoji@example.com']);
    expect(stored.display_name).toBe('Player 🎮𝄞');
  });

  it('refuses a lone surrogate in the API key header (unreachable over HTTP, where headers are Latin-1)', async () => {
    await expect(t.app.get(Authenticator).authenticate('ldr_\ud800', '127.0.0.1')).rejects.toEqual(
      new RequestValidationError([{ loc: ['header', 'leadr-api-key'], msg: UNICODE_MSG, type: 'string_unicode' }]),
    );
  });

  it('never answers 500 to percent-escapes that are not UTF-8, in query strings or the path', async () => {
    expect((await t.http().get('/v1/accounts?slug=%ED%A0%80').set(auth)).body.data).toEqual([]);
    for (const [path, status] of [
      ['/v1/users?sort=%ED%A0%80', 400],
      ['/v1/users?cursor=%ED%A0%80', 400],
      ['/v1/users?account_id=%ED%A0%80', 422],
      ['/v1/accounts?slug=%ED%A0%80', 200],
      // Express cannot decode a path parameter that is not UTF-8.
      ['/v1/users/%ED%A0%80', 400],
      ['/v1/users/usr_%ED%A0%80', 400],
    ] as const) {
      // In a query they decode to U+FFFD, a well-formed character: an ordinary (if unusual) value.
      const response = await t.http().get(path).set(auth);
      expect([path, response.status]).toEqual([path, status]);
      if (response.status >= 400) expect(response.body).toHaveProperty('detail');
    }
  });

  it(`answers a body nested deeper than ${MAX_JSON_DEPTH} levels with 422 at ["body"], before anything else`, async () => {
    const before = await counts();
    for (const [method, path] of [
      ['post', '/v1/users'],
      ['patch', `/v1/users/${tenant.userId}`],
      ['post', '/v1/accounts'],
      ['patch', `/v1/accounts/${tenant.accountId}`],
      ['post', '/v1/api-keys'],
      ['patch', `/v1/api-keys/${tenant.userId}`],
    ] as const) {
      for (const body of [deepArrays(20_000), deepArrays(MAX_JSON_DEPTH + 1), `{"display_name": ${deepArrays(MAX_JSON_DEPTH)}}`]) {
        const response = await send(method, path, body);
        expect({ path, status: response.status, body: response.body }).toEqual({ path, status: 422, body: TOO_DEEP });
      }
    }
    // Even without an API key: the body is refused before authentication.
    expect((await send('post', '/v1/users', deepArrays(20_000), {})).body).toEqual(TOO_DEEP);
    expect(await counts()).toEqual(before);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and validates them as usual`, async () => {
    const response = await send('post', '/v1/users', `{"account_id": ${deepArrays(MAX_JSON_DEPTH - 1)}}`);
    expect(response.status).toBe(422);
    expect(response.body.detail.map((issue: { loc: string[] }) => issue.loc.join('.'))).toContain('body.account_id');
  });
});
