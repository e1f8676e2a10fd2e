import { createTenant, Tenant } from './helpers/factories';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

// Keys, users and cursors are not for caches: every API response says so, errors included.
describe('Cache-Control: no-store', () => {
  let t: TestApp;
  let tenant: Tenant;
  const auth = { 'leadr-api-key': SUPERADMIN_KEY };

  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const requests: Array<[string, number, () => ReturnType<ReturnType<TestApp['http']>['get']>]> = [
    ['the response carrying a plain key', 201, () => t.http().post('/v1/api-keys').set(auth).send({ account_id: tenant.accountId, user_id: tenant.userId, name: 'CI' })],
    ['a page of users with its cursors', 200, () => t.http().get('/v1/users?limit=1').set(auth)],
    ['one user', 200, () => t.http().get(`/v1/users/${tenant.userId}`).set(auth)],
    ['a list of keys', 200, () => t.http().get('/v1/api-keys').set(auth)],
    ['an account update', 200, () => t.http().patch(`/v1/accounts/${tenant.accountId}`).set(auth).send({ name: 'Renamed' })],
    ['health', 200, () => t.http().get('/v1/health')],
    ['liveness', 200, () => t.http().get('/v1/health/live')],
    ['a bad cursor (400)', 400, () => t.http().get('/v1/users?cursor=garbage').set(auth)],
    ['no key (401)', 401, () => t.http().get('/v1/users')],
    ['an invalid key (401)', 401, () => t.http().get('/v1/users').set({ 'leadr-api-key': 'ldr_nope' })],
    ['another account (403)', 403, () => t.http().get('/v1/users').set({ 'leadr-api-key': tenant.key }).query({ account_id: 'acc_00000000-0000-4000-8000-000000000000' })],
    ['an unknown user (404)', 404, () => t.http().get('/v1/users/usr_00000000-0000-4000-8000-000000000000').set(auth)],
    ['an unknown route (404)', 404, () => t.http().get('/v1/nothing')],
    ['a route outside /v1 (404)', 404, () => t.http().get('/')],
    ['a duplicate (409)', 409, () => t.http().post('/v1/users').set(auth).send({ account_id: tenant.accountId, email: tenant.user.email, display_name: 'Twin' })],
    ['a body over the limit (413)', 413, () => t.http().post('/v1/users').set(auth).send({ display_name: 'x'.repeat(200_000) })],
    ['malformed JSON (422)', 422, () => t.http().post('/v1/users').set(auth).set('content-type', 'application/json').send('{"email": ')],
    ['an invalid body (422)', 422, () => t.http().post('/v1/users').set(auth).send({ email: 'x' })],
  ];

  it.each(requests)('is on %s', async (_label, status, send) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('is on a server error', async () => {
    const broken = await createTestApp();
    try {
      await broken.dataSource.destroy();
      const response = await broken.http().get('/v1/users').set(auth);
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(response.headers['cache-control']).toBe('no-store');
    } finally {
      await broken.close();
    }
  });

  // The documentation is public and the same for everyone: caches may keep it.
  it.each(['/openapi.json', '/docs', '/docs/swagger-ui.css'])('is not on the public documentation %s', async (path) => {
    const response = await t.http().get(path).redirects(1);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control'] ?? '').not.toContain('no-store');
  });
});
