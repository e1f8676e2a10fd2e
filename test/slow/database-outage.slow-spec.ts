import { createTenant, Tenant } from '../helpers/factories';
import { createProxiedTestApp, ProxiedTestApp } from '../helpers/proxied-app';
import { SUPERADMIN_KEY } from '../helpers/test-app';

const auth = { 'leadr-api-key': SUPERADMIN_KEY };
const UNAVAILABLE = { detail: 'Service temporarily unavailable' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// One request of each kind the API serves, reads and writes.
function everyKindOfRequest(t: ProxiedTestApp, tenant: Tenant) {
  let n = 0;
  return [
    () => t.http().get(`/v1/users/${tenant.userId}`).set(auth),
    () => t.http().get('/v1/users?limit=5').set(auth),
    () =>
      t
        .http()
        .post('/v1/users')
        .set(auth)
        .send({ account_id: tenant.accountId, email: `outage-${n++}@example.com`, display_name: 'During outage' }),
    () => t.http().patch(`/v1/users/${tenant.userId}`).set(auth).send({ display_name: 'Renamed in outage' }),
    () => t.http().get(`/v1/accounts/${tenant.accountId}`).set(auth),
    () => t.http().get('/v1/api-keys').set(auth),
    () => t.http().post('/v1/api-keys').set(auth).send({ account_id: tenant.accountId, user_id: tenant.userId, name: 'k' }),
    () => t.http().get('/v1/users').set('leadr-api-key', tenant.key),
  ];
}

async function expectUnavailable(response: { status: number; body: unknown; headers: Record<string, string> }): Promise<void> {
  expect({ status: response.status, body: response.body }).toEqual({ status: 503, body: UNAVAILABLE });
  expect(response.headers['retry-after']).toMatch(/^\d+$/);
}

// Polls until the server answers a read again.
async function untilServing(t: ProxiedTestApp, tenant: Tenant, withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await t.http().get(`/v1/users/${tenant.userId}`).set(auth);
    if (response.status === 200) return Date.now() - started;
    expect(response.status).toBe(503);
    if (Date.now() - started > withinMs) throw new Error(`still ${response.status} after ${withinMs} ms`);
    await sleep(100);
  }
}

describe.each(['refuse', 'reset'] as const)('database outage (%s)', (mode) => {
  let t: ProxiedTestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await createProxiedTestApp();
    tenant = await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers every request 503 with Retry-After, logs the outage once at warn, and recovers', async () => {
    const users = await t.dataSource.query('SELECT count(*)::int AS n FROM users');
    await t.proxy.cut(mode);

    for (let round = 0; round < 3; round++) {
      for (const send of everyKindOfRequest(t, tenant)) await expectUnavailable(await send());
    }
    const health = await t.http().get('/v1/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ service: 'leadr', status: 'unhealthy', database: 'disconnected' });
    expect((await t.http().get('/v1/health/live')).status).toBe(200);

    expect(t.logs.matching('warn', /^Database unavailable \(/)).toHaveLength(1);
    expect(t.logs.ofLevel('error')).toEqual([]);
    expect(t.logs.matching('warn', /available again/)).toEqual([]);

    await t.proxy.restore();
    await untilServing(t, tenant, 5_000);
    expect((await t.http().get('/v1/health')).status).toBe(200);
    const again = t.logs.matching('warn', /^Database available again after [\d.]+ s; \d+ request\(s\) were answered 503/);
    expect(again).toHaveLength(1);
    expect(t.logs.matching('warn', /^Database unavailable \(/)).toHaveLength(1);
    expect(t.logs.ofLevel('error')).toEqual([]);
    // Nothing was written while the database was away.
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual(users);
  });

  if (mode === 'reset') {
    it('costs a read nothing when its pooled connection died while idle: retried once on a fresh connection, cause logged', async () => {
      for (let i = 0; i < 3; i++) {
        // Let every pooled connection be used, then kill them all without the pool noticing.
        await Promise.all([1, 2, 3].map(() => t.http().get('/v1/users?limit=1').set(auth)));
        t.proxy.poisonOpenConnections();
        const response = await t.http().get(`/v1/users/${tenant.userId}`).set(auth);
        expect(response.status).toBe(200);
        expect(response.body.id).toBe(tenant.userId);
      }
      const retries = t.logs.matching('warn', /^A pooled database connection was dead \((.+)\); retrying the read/);
      expect(retries.length).toBeGreaterThanOrEqual(3);
      for (const line of retries) expect(line).toMatch(/ECONNRESET|Connection terminated unexpectedly/);
      expect(t.logs.ofLevel('error')).toEqual([]);
    });

    // Last: it breaks the schema under the server.
    it('keeps real bugs a logged 500, not a 503', async () => {
      // A schema the code does not expect: a bug, not an outage.
      await t.dataSource.query('ALTER TABLE users RENAME COLUMN display_name TO shown_name');
      const response = await t.http().get(`/v1/users/${tenant.userId}`).set(auth);
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ detail: 'Internal Server Error' });
      expect(response.headers['retry-after']).toBeUndefined();
      expect(t.logs.matching('error', /display_name/)).toHaveLength(1);
      expect(t.logs.matching('warn', /Database unavailable/)).toHaveLength(1); // the earlier outage only
    });
  }
});

// One pooled connection, so the pool is exhausted by a single hanging request.
describe('frozen database (connections open, nothing answers)', () => {
  let t: ProxiedTestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await createProxiedTestApp({
      DATABASE_POOL_SIZE: '1',
      DATABASE_CONNECT_TIMEOUT_MS: '500',
      DATABASE_ACQUIRE_TIMEOUT_MS: '500',
      DATABASE_STATEMENT_TIMEOUT_MS: '1000',
    });
    tenant = await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sets the statement timeout on the connection', async () => {
    expect(await t.dataSource.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '1s' }]);
  });

  it('answers every request 503 within the bounds, then serves again once the database is back', async () => {
    await t.proxy.cut('blackhole');
    const started = Date.now();
    const responses = await Promise.all(everyKindOfRequest(t, tenant).map((send) => send()));
    const elapsed = Date.now() - started;
    for (const response of responses) await expectUnavailable(response);
    // Bound: acquire (0.5 s) + one statement (1 s + 1 s grace) per request, far below this.
    expect(elapsed).toBeLessThan(8_000);
    expect((await t.http().get('/v1/health')).status).toBe(503);
    expect((await t.http().get('/v1/health/live')).status).toBe(200);

    await t.proxy.restore();
    await untilServing(t, tenant, 5_000);
    expect(t.logs.matching('warn', /^Database unavailable \(/)).toHaveLength(1);
    expect(t.logs.matching('warn', /^Database available again/)).toHaveLength(1);
    expect(t.logs.ofLevel('error')).toEqual([]);
  });

  it('does not leave the pool poisoned: after several freezes every request is served again', async () => {
    for (let i = 0; i < 3; i++) {
      await t.proxy.cut('blackhole');
      await expectUnavailable(await t.http().get(`/v1/users/${tenant.userId}`).set(auth));
      await t.proxy.restore();
      await untilServing(t, tenant, 5_000);
    }
    const burst = await Promise.all(Array.from({ length: 12 }, () => t.http().get('/v1/users?limit=3').set(auth)));
    expect(burst.map((r) => r.status)).toEqual(Array(12).fill(200));
  });

  it('answers 503 after the acquire timeout when no pooled connection becomes free', async () => {
    await untilServing(t, tenant, 5_000);
    await t.proxy.cut('blackhole');
    const started = Date.now();
    const timed = <T>(pending: PromiseLike<T>) => Promise.resolve(pending).then((response) => ({ response, ms: Date.now() - started }));
    // The first request takes the only connection, which hangs; the second waits for it.
    const first = timed(t.http().get(`/v1/users/${tenant.userId}`).set(auth));
    await sleep(100);
    const second = await timed(t.http().get('/v1/users').set(auth));
    const firstDone = await first;
    await expectUnavailable(second.response);
    await expectUnavailable(firstDone.response);
    // The waiting request gave up long before the hanging one's statement bound (1 s + 1 s).
    expect(second.ms).toBeLessThan(firstDone.ms);
    await t.proxy.restore();
    await untilServing(t, tenant, 5_000);
  });
});

describe('frozen database with the default bounds', () => {
  it('answers within 10 s', async () => {
    const t = await createProxiedTestApp();
    try {
      const tenant = await createTenant(t);
      expect((await t.http().get(`/v1/users/${tenant.userId}`).set(auth)).status).toBe(200);
      await t.proxy.cut('blackhole');
      for (const send of [
        () => t.http().get(`/v1/users/${tenant.userId}`).set(auth), // hangs on an open connection
        () => t.http().get('/v1/users').set(auth), // hangs opening a new one
      ]) {
        const started = Date.now();
        await expectUnavailable(await send());
        expect(Date.now() - started).toBeLessThan(10_000);
      }
    } finally {
      await t.close();
    }
  });
});
