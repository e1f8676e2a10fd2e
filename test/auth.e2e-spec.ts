import { ApiKey } from '../src/api-keys/api-key.entity';
import { PrincipalCache } from '../src/auth/principal-cache';
import { SuperadminBootstrapService } from '../src/bootstrap/superadmin-bootstrap.service';
import { createAccount, createKey, createTenant, createUser } from './helpers/factories';
import { as } from './helpers/headers';
import { capturingStdout } from './helpers/log-capture';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

describe('API key authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const listWith = (headers: Record<string, string>) => t.http().get('/v1/users').set(headers);

  it('answers 401 without a key', async () => {
    const response = await t.http().get('/v1/users');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ detail: 'Missing API key' });
  });

  it('answers 401 for an unknown key, and the other contract headers do not authenticate', async () => {
    expect((await listWith(as('ldr_nope'))).body).toEqual({ detail: 'Invalid API key' });
    expect((await listWith(as('ldr_nope'))).status).toBe(401);
    expect((await listWith({ authorization: `Bearer ${SUPERADMIN_KEY}` })).status).toBe(401);
    expect((await listWith({ authorization: SUPERADMIN_KEY, 'leadr-client-nonce': 'n' })).status).toBe(401);
  });

  it.each([
    ['revoked', { status: 'revoked' as const }],
    ['expired', { expiresAt: new Date(Date.now() - 1000) }],
    ['soft-deleted', { deletedAt: new Date() }],
  ])('answers 401 for a %s key', async (_, values) => {
    const tenant = await createTenant(t);
    const { key } = await createKey(t, tenant.user, values);
    expect((await listWith(as(key))).status).toBe(401);
    expect((await listWith(as(tenant.key))).status).toBe(200);
  });

  it('accepts a key that expires in the future', async () => {
    const tenant = await createTenant(t);
    const { key } = await createKey(t, tenant.user, { expiresAt: new Date(Date.now() + 60_000) });
    expect((await listWith(as(key))).status).toBe(200);
  });

  it('answers 401 when the key’s user or account is deleted', async () => {
    const account = await createAccount(t, { deletedAt: new Date() });
    const user = await createUser(t, account.id);
    const { key: accountGone } = await createKey(t, user);
    expect((await listWith(as(accountGone))).status).toBe(401);

    const tenant = await createTenant(t);
    const ghost = await createUser(t, tenant.account.id, { deletedAt: new Date() });
    const { key: userGone } = await createKey(t, ghost);
    expect((await listWith(as(userGone))).status).toBe(401);
  });

  it('answers 403 for a key of a suspended account', async () => {
    const account = await createAccount(t, { status: 'suspended' });
    const user = await createUser(t, account.id);
    const { key } = await createKey(t, user);
    const response = await listWith(as(key));
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ detail: 'Account is suspended' });
  });

  it('records last_used_at, writing it at most once a minute per key', async () => {
    const tenant = await createTenant(t);
    const { key, apiKey } = await createKey(t, tenant.user);
    const lastUsed = async () =>
      (await t.dataSource.getRepository(ApiKey).findOneByOrFail({ id: apiKey.id })).lastUsedAt;
    expect(await lastUsed()).toBeNull();

    await listWith(as(key)).expect(200);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await listWith(as(key)).expect(200);
    expect(await lastUsed()).toEqual(first);

    await t.dataSource.query(`UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [
      apiKey.id,
    ]);
    const stale = await lastUsed();
    // The principal cache keeps the key's last_used_at for up to AUTH_CACHE_TTL_MS; the stamp was
    // changed behind the API's back, so drop the cached one (as its TTL would).
    t.app.get(PrincipalCache).clear();
    await listWith(as(key)).expect(200);
    const refreshed = await lastUsed();
    expect(refreshed!.getTime()).toBeGreaterThan(stale!.getTime() + 60_000);
  });
});

describe('superadmin bootstrap', () => {
  let t: TestApp;
  let printed = '';

  beforeAll(async () => {
    ({ result: t, printed } = await capturingStdout(() => createTestApp({ SUPERADMIN_API_KEY: '' })));
  });
  afterAll(async () => {
    await t.close();
  });

  const liveSuperadmins = async (): Promise<number> =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE super_admin AND deleted_at IS NULL'))[0].n;

  it('generates a key when SUPERADMIN_API_KEY is unset, prints it once, and it works', async () => {
    const keys = printed.match(/ldr_[A-Za-z0-9_-]{43}/g) ?? [];
    expect(keys).toHaveLength(1);
    const response = await t.http().get('/v1/users').set(as(keys[0]!));
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([
      expect.objectContaining({ email: t.config.SUPERADMIN_EMAIL, super_admin: true }),
    ]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM api_keys WHERE key_hash LIKE 'ldr_%'`);
    expect(n).toBe(0);
  });

  it('does nothing when a superadmin exists', async () => {
    const bootstrap = t.app.get(SuperadminBootstrapService);
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM api_keys');
    await bootstrap.onApplicationBootstrap();
    expect(await liveSuperadmins()).toBe(1);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM api_keys')).toEqual(before);
  });

  it('creates exactly one superadmin when instances bootstrap at the same moment', async () => {
    await t.dataSource.query('UPDATE users SET deleted_at = now() WHERE super_admin');
    expect(await liveSuperadmins()).toBe(0);
    const bootstrap = t.app.get(SuperadminBootstrapService);
    await capturingStdout(() =>
      Promise.all([bootstrap.onApplicationBootstrap(), bootstrap.onApplicationBootstrap(), bootstrap.onApplicationBootstrap()]),
    );
    expect(await liveSuperadmins()).toBe(1);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM accounts WHERE slug = $1`, [
      t.config.SUPERADMIN_ACCOUNT_SLUG,
    ]);
    expect(n).toBe(1);
  });
});
