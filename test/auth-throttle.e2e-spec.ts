import { createKey, createTenant, createUser, Tenant } from './helpers/factories';
import { as } from './helpers/headers';
import { MACHINE_REDIS_URL, uniquePrefix } from './helpers/redis-server';
import { createTestApp, createTestAppsSharingADatabase, TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait-for';

const BAD_KEY = 'ldr_not-a-key-0123456789abcdefghijklmnop';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('failed-login throttling', () => {
  describe('per client address', () => {
    let t: TestApp;
    let tenant: Tenant;
    beforeAll(async () => {
      t = await createTestApp({ AUTH_FAILURE_LIMIT: '3', AUTH_FAILURE_WINDOW_MS: '60000' });
      tenant = await createTenant(t);
    });
    afterAll(async () => {
      await t.close();
    });

    const list = (key?: string, forwardedFor?: string) => {
      const call = t.http().get('/v1/users');
      if (key !== undefined) call.set(as(key));
      if (forwardedFor !== undefined) call.set('x-forwarded-for', forwardedFor);
      return call;
    };

    it('answers 429 with Retry-After once the budget of invalid keys is spent, but never to a key in use', async () => {
      expect((await list(tenant.key)).status).toBe(200);
      for (let i = 0; i < 3; i++) expect((await list(BAD_KEY)).status).toBe(401);

      const throttled = await list(BAD_KEY);
      expect(throttled.status).toBe(429);
      expect(throttled.body).toEqual({ detail: 'Too many invalid API keys from this address; retry later' });
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect((await list()).status).toBe(429);

      // A valid key this instance has not seen recently is refused like a guess: nothing is looked up.
      const { key: unused } = await createKey(t, await createUser(t, tenant.account.id));
      expect((await list(unused)).status).toBe(429);
      // The key in use goes on as usual.
      expect((await list(tenant.key)).status).toBe(200);
      // Public routes are not throttled.
      expect((await t.http().get('/v1/health/live')).status).toBe(200);
    });

    it('ignores X-Forwarded-For unless TRUST_PROXY says so', async () => {
      expect((await list(BAD_KEY, '203.0.113.7')).status).toBe(429);
    });
  });

  describe('behind a trusted proxy', () => {
    let t: TestApp;
    beforeAll(async () => {
      // One proxy in front: the client address is the entry that proxy appended (the last one).
      t = await createTestApp({ AUTH_FAILURE_LIMIT: '2', AUTH_FAILURE_WINDOW_MS: '60000', TRUST_PROXY: '1' });
    });
    afterAll(async () => {
      await t.close();
    });

    // What the proxy forwards: whatever the client sent, then the address it saw.
    const via = (clientSent: string | null, seen: string, key = BAD_KEY) =>
      t.http().get('/v1/users').set(as(key)).set('x-forwarded-for', clientSent === null ? seen : `${clientSent}, ${seen}`);

    it('keeps a budget per forwarded client address', async () => {
      expect((await via(null, '203.0.113.1')).status).toBe(401);
      expect((await via(null, '203.0.113.1')).status).toBe(401);
      expect((await via(null, '203.0.113.1')).status).toBe(429);
      expect((await via(null, '203.0.113.2')).status).toBe(401);
    });

    it('does not let a client rotate X-Forwarded-For for more guesses', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await via(`198.51.100.${i}`, '203.0.113.10')).status);
      expect(statuses).toEqual([401, 401, 429, 429, 429, 429]);
    });

    it('does not let a client spend a victim’s budget by naming its address', async () => {
      for (let i = 0; i < 4; i++) await via('203.0.113.20', '203.0.113.66');
      const tenant = await createTenant(t);
      // The victim, a first-time caller from 203.0.113.20, is not locked out.
      expect((await via(null, '203.0.113.20', tenant.key)).status).toBe(200);
      expect((await via(null, '203.0.113.20')).status).toBe(401);
    });

    it('refuses to start with TRUST_PROXY=true (every hop trusted: the client picks its address)', async () => {
      await expect(createTestApp({ TRUST_PROXY: 'true' })).rejects.toThrow(/TRUST_PROXY must be/);
    });
  });

  describe('two instances sharing Redis', () => {
    let apps: TestApp[];
    beforeAll(async () => {
      apps = await createTestAppsSharingADatabase(2, {
        AUTH_FAILURE_LIMIT: '3',
        AUTH_FAILURE_WINDOW_MS: '60000',
        REDIS_URL: MACHINE_REDIS_URL,
        RATE_LIMIT_REDIS_PREFIX: uniquePrefix('auth-throttle'),
        // Each test calls from an address of its own (its proxy's last X-Forwarded-For entry).
        TRUST_PROXY: '1',
      });
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
    });

    let from = '';
    const list = (app: TestApp, key: string) => app.http().get('/v1/users').set(as(key)).set('x-forwarded-for', from);

    it('share one budget of invalid keys per address', async () => {
      from = '192.0.2.1';
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await list(apps[i % 2], BAD_KEY)).status);
      // Three failures in all, not three per instance; each instance then answers 429.
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    });

    it('keep serving, from a throttled address, a key that authenticated from it on the other instance', async () => {
      from = '192.0.2.2';
      const tenant = await createTenant(apps[0]);
      const { key: unused } = await createKey(apps[0], await createUser(apps[0], tenant.account.id));
      expect((await list(apps[0], tenant.key)).status).toBe(200);
      for (let i = 0; i < 4; i++) await list(apps[1], BAD_KEY);
      expect((await list(apps[1], BAD_KEY)).status).toBe(429);
      // apps[1] never saw tenant.key; the trust apps[0] recorded (without waiting) is in Redis.
      await waitFor('the key to be served by the other instance', async () => (await list(apps[1], tenant.key)).status === 200, {
        timeoutMs: 3_000,
      });
      // A valid key never used from this address is refused like a guess.
      expect((await list(apps[1], unused)).status).toBe(429);
    });
  });

  describe('windows and the database', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ AUTH_FAILURE_LIMIT: '1', AUTH_FAILURE_WINDOW_MS: '1000' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('forgives an address once its window has passed', async () => {
      expect((await t.http().get('/v1/users').set(as(BAD_KEY))).status).toBe(401);
      expect((await t.http().get('/v1/users').set(as(BAD_KEY))).status).toBe(429);
      await pause(1100);
      expect((await t.http().get('/v1/users').set(as(BAD_KEY))).status).toBe(401);
    });

    it('refuses a throttled address without touching the database', async () => {
      expect((await t.http().get('/v1/users').set(as(BAD_KEY))).status).toBe(429);
      // With the database gone, any lookup would fail; the throttled request never makes one.
      await t.dataSource.destroy();
      const response = await t.http().get('/v1/users').set(as(BAD_KEY));
      expect(response.status).toBe(429);
    });
  });
});
