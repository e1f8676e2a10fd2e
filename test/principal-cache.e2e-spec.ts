import { CacheablePrincipal, PrincipalCache } from '../src/auth/principal-cache';
import { formatId } from '../src/common/ids';
import { createKey, createTenant } from './helpers/factories';
import { as, asSuperadmin } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the principal cache', () => {
  let t: TestApp;
  let cache: PrincipalCache<CacheablePrincipal>;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_CACHE_TTL_MS: '60000' });
    cache = t.app.get(PrincipalCache);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps valid principals only: unknown and invalid keys are never cached', async () => {
    const tenant = await createTenant(t);
    cache.clear();
    await t.http().get('/v1/users').set(as('ldr_unknown-key-0123456789abcdefghij')).expect(401);
    await t.http().get('/v1/users').set(as(`${tenant.key}x`)).expect(401);
    expect(cache.size).toBe(0);
    await t.http().get('/v1/users').set(as(tenant.key)).expect(200);
    expect(cache.size).toBe(1);
    const hits = cache.hits;
    await t.http().get('/v1/users').set(as(tenant.key)).expect(200);
    expect(cache.hits).toBe(hits + 1);
  });

  it('a cached key still stops working at its expires_at', async () => {
    const tenant = await createTenant(t);
    const { key } = await createKey(t, tenant.user, { expiresAt: new Date(Date.now() + 1_500) });
    await t.http().get('/v1/users').set(as(key)).expect(200);
    await pause(1_600);
    expect((await t.http().get('/v1/users').set(as(key))).status).toBe(401);
  });

  // The listening connection is PostgreSQL's (the embedded database has no second connection).
  (process.env.TEST_DATABASE_URL ? it : () => undefined)(
    'clears the cache when its LISTEN connection drops, reconnects, and hears changes again',
    async () => {
      const tenant = await createTenant(t);
      await t.http().get('/v1/users').set(as(tenant.key)).expect(200);
      expect(cache.size).toBeGreaterThan(0);
      const listeners = async () =>
        (
          await t.dataSource.query(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN leadr_principals%'`,
          )
        ).map((row: { pid: number }) => row.pid);
      const [pid] = await listeners();
      expect(pid).toEqual(expect.any(Number));
      await t.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
      for (let i = 0; i < 100 && cache.size > 0; i++) await pause(20);
      expect(cache.size).toBe(0);
      let again: number[] = [];
      for (let i = 0; i < 200 && again.length === 0; i++) {
        await pause(25);
        again = await listeners();
      }
      expect(again).toHaveLength(1);
      expect(again[0]).not.toBe(pid);

      // Heard again: a change made behind this instance's back (another instance's NOTIFY).
      await t.http().get('/v1/users').set(as(tenant.key)).expect(200);
      await t.dataSource.query(`UPDATE api_keys SET status = 'revoked' WHERE user_id = $1`, [tenant.user.id]);
      await t.dataSource.query(`SELECT pg_notify('leadr_principals', $1)`, [`user:${tenant.user.id}`]);
      let status = 200;
      for (let i = 0; i < 100 && status === 200; i++) {
        await pause(10);
        status = (await t.http().get('/v1/users').set(as(tenant.key))).status;
      }
      expect(status).toBe(401);
    },
  );

  // A process that caches no principals itself (AUTH_CACHE_TTL_MS=0, as the CLI) still announces
  // its changes: this instance, which would trust the key for a minute, refuses it within 2 s.
  (process.env.TEST_DATABASE_URL ? it : () => undefined)(
    'hears the changes made by an instance that caches nothing',
    async () => {
      const notCaching = await createTestApp({ DATABASE_URL: t.config.DATABASE_URL!, AUTH_CACHE_TTL_MS: '0' });
      const patch = (path: string, body: object) =>
        notCaching.http().patch(path).set(asSuperadmin).send(body).expect(200);
      type Change = (ids: { key: string; user: string; account: string }) => Promise<unknown>;
      const changes: Array<[string, Change, number]> = [
        ['the key revoked', (ids) => patch(`/v1/api-keys/${ids.key}`, { status: 'revoked' }), 401],
        ['its user suspended', (ids) => patch(`/v1/users/${ids.user}`, { status: 'suspended' }), 403],
        ['its account deleted', (ids) => patch(`/v1/accounts/${ids.account}`, { deleted: true }), 401],
      ];
      const delays: Record<string, number> = {};
      try {
        for (const [label, change, refused] of changes) {
          const tenant = await createTenant(t);
          const { key, apiKey } = await createKey(t, tenant.user);
          await t.http().get('/v1/users').set(as(key)).expect(200);
          await notCaching.http().get('/v1/users').set(as(key)).expect(200);
          await change({ key: formatId('key', apiKey.id), user: tenant.userId, account: tenant.accountId });
          await notCaching.http().get('/v1/users').set(as(key)).expect(refused);
          const start = Date.now();
          let status = 200;
          while (status === 200 && Date.now() - start < 5_000) {
            await pause(5);
            status = (await t.http().get('/v1/users').set(as(key))).status;
          }
          delays[label] = Date.now() - start;
          expect({ label, status }).toEqual({ label, status: refused });
        }
        expect(Math.max(...Object.values(delays))).toBeLessThanOrEqual(2_000);
      } finally {
        await notCaching.close();
      }
    },
  );
});
