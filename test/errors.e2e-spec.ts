import { createTenant, Tenant } from './helpers/factories';
import { asSuperadmin } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

describe('error responses', () => {
  let t: TestApp;
  let tenant: Tenant;
  const auth = asSuperadmin;

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers malformed JSON with a 422 validation body', async () => {
    const response = await t.http().post('/v1/users').set(auth).set('content-type', 'application/json').send('{"email": ');
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }] });
  });

  it.each([['[]'], ['"text"'], ['42'], ['null']])('answers the non-object JSON body %s with 422', async (body) => {
    const response = await t.http().post('/v1/users').set(auth).set('content-type', 'application/json').send(body);
    expect(response.status).toBe(422);
    expect(response.body.detail[0].loc).toEqual(['body']);
  });

  it('answers a missing or non-JSON body with 422 "Field required"', async () => {
    const none = await t.http().post('/v1/users').set(auth);
    expect(none.status).toBe(422);
    expect(none.body).toEqual({ detail: [{ loc: ['body'], msg: 'Field required', type: 'missing' }] });
    const form = await t.http().patch(`/v1/users/${tenant.userId}`).set(auth).type('form').send('display_name=Hacker');
    expect(form.status).toBe(422);
  });

  it('answers a body over 100 kB with 413 and the error body', async () => {
    const response = await t
      .http()
      .post('/v1/users')
      .set(auth)
      .send({ account_id: tenant.accountId, email: 'big@example.com', display_name: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ detail: expect.any(String) });
  });

  it('answers unknown routes and methods with 404 {"detail": "Not Found"}', async () => {
    for (const response of [
      await t.http().get('/v1/nothing'),
      await t.http().delete(`/v1/users/${tenant.userId}`).set(auth),
      await t.http().get('/'),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ detail: 'Not Found' });
    }
  });

  it('reports every invalid field at once', async () => {
    const response = await t.http().post('/v1/users').set(auth).send({ email: 'x' });
    expect(response.status).toBe(422);
    expect(response.body.detail.map((d: { loc: string[] }) => d.loc.join('.')).sort()).toEqual([
      'body.account_id',
      'body.display_name',
      'body.email',
    ]);
  });

  // Odd but possible requests: none may produce a 500; each gets the answer it should.
  const NUL = '\u0000';
  const oddRequests: Array<[string, number, () => ReturnType<ReturnType<TestApp['http']>['get']>]> = [
    ['NUL in display_name', 422, () => t.http().post('/v1/users').set(auth).send({ account_id: tenant.accountId, email: 'n@example.com', display_name: `A${NUL}B` })],
    ['NUL in email', 422, () => t.http().post('/v1/users').set(auth).send({ account_id: tenant.accountId, email: `n${NUL}@example.com`, display_name: 'Nul' })],
    ['NUL in patch', 422, () => t.http().patch(`/v1/users/${tenant.userId}`).set(auth).send({ display_name: `A${NUL}B` })],
    ['nested objects', 422, () => t.http().post('/v1/users').set(auth).send({ account_id: { $ne: 1 }, email: ['a@b.co'], display_name: { a: 1 } })],
    ['huge email', 422, () => t.http().post('/v1/users').set(auth).send({ account_id: tenant.accountId, email: `${'a'.repeat(400)}@example.com`, display_name: 'Long' })],
    ['emoji name', 201, () => t.http().post('/v1/users').set(auth).send({ account_id: tenant.accountId, email: 'emoji@example.com', display_name: '🎮🎮' })],
    ['repeated query params', 422, () => t.http().get('/v1/users?limit=1&limit=2&sort=id&sort=email&cursor=a&cursor=b').set(auth)],
    ['bracket query params', 200, () => t.http().get('/v1/users?account_id[]=x&limit[a]=1').set(auth)],
    ['NUL in sort', 400, () => t.http().get(`/v1/users?sort=${encodeURIComponent(`email${NUL}:asc`)}`).set(auth)],
    ['NUL in cursor', 400, () => t.http().get(`/v1/users?cursor=${encodeURIComponent(NUL)}`).set(auth)],
    ['NUL in path', 422, () => t.http().get('/v1/users/%00').set(auth)],
    ['bad percent-encoding in path', 400, () => t.http().get('/v1/users/%E0%A4%A').set(auth)],
    ['NUL in api key', 401, () => t.http().get('/v1/users').set('leadr-api-key', 'ldr_%00')],
    ['very long api key', 401, () => t.http().get('/v1/users').set('leadr-api-key', 'ldr_' + 'k'.repeat(8000))],
    ['super_admin as string', 422, () => t.http().patch(`/v1/users/${tenant.userId}`).set(auth).send({ super_admin: 'true' })],
    ['limit huge number', 422, () => t.http().get('/v1/users?limit=99999999999999999999999').set(auth)],
    ['NUL in account name', 422, () => t.http().post('/v1/accounts').set(auth).send({ name: `A${NUL}B` })],
    ['NUL in slug filter', 422, () => t.http().get(`/v1/accounts?slug=${encodeURIComponent(NUL)}`).set(auth)],
    ['NUL in key name', 422, () => t.http().post('/v1/api-keys').set(auth).send({ account_id: tenant.accountId, user_id: tenant.userId, name: NUL })],
    ['year 10000 expiry', 422, () => t.http().post('/v1/api-keys').set(auth).send({ account_id: tenant.accountId, user_id: tenant.userId, name: 'k', expires_at: '+010000-01-01T00:00:00Z' })],
    ['NUL in key status filter', 422, () => t.http().get(`/v1/api-keys?status=${encodeURIComponent(NUL)}`).set(auth)],
    ['object as account patch', 422, () => t.http().patch(`/v1/accounts/${tenant.accountId}`).set(auth).send({ name: { $set: 'x' }, status: ['active'] })],
    ['account_id with sql', 422, () => t.http().get(`/v1/users?account_id=${encodeURIComponent("acc_' OR 1=1 --")}`).set(auth)],
  ];

  it.each(oddRequests)('answers %s with %i, never a 500', async (_, status, send) => {
    const response = await send();
    expect(response.status).toBe(status);
    if (response.status >= 400) expect(response.body).toHaveProperty('detail');
  });
});
