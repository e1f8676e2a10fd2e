import { createKey, createTenant, createUser, Tenant } from './helpers/factories';
import { as } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

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
      t = await createTestApp({ AUTH_FAILURE_LIMIT: '2', AUTH_FAILURE_WINDOW_MS: '60000', TRUST_PROXY: 'true' });
    });
    afterAll(async () => {
      await t.close();
    });

    it('keeps a budget per forwarded client address', async () => {
      const from = (address: string) => t.http().get('/v1/users').set(as(BAD_KEY)).set('x-forwarded-for', address);
      expect((await from('203.0.113.1')).status).toBe(401);
      expect((await from('203.0.113.1')).status).toBe(401);
      expect((await from('203.0.113.1')).status).toBe(429);
      expect((await from('203.0.113.2')).status).toBe(401);
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
