import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { CacheablePrincipal, PrincipalCache } from '../src/auth/principal-cache';
import { EMBEDDED_POOL_SIZE } from '../src/database/embedded/embedded-postgres';
import { createAccount, createKey, createTenant, createUser, Tenant } from './helpers/factories';
import { as } from './helpers/headers';
import { parsePrometheus, Sample, sampleValue } from './helpers/prometheus';
import { createTestApp, TestApp } from './helpers/test-app';

const BAD_KEY = 'ldr_not-a-key-0123456789abcdefghijklmnop';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('GET /metrics', () => {
  let t: TestApp;
  let tenant: Tenant;
  let samples: Sample[];
  let scrape: Awaited<ReturnType<ReturnType<TestApp['http']>['get']>>;

  beforeAll(async () => {
    // A small throttle budget, so that the throttled outcome is reachable.
    t = await createTestApp({ AUTH_FAILURE_LIMIT: '2', AUTH_FAILURE_WINDOW_MS: '60000' });
    tenant = await createTenant(t);
    const suspended = await createAccount(t, { status: 'suspended' });
    const { key: suspendedKey } = await createKey(t, await createUser(t, suspended.id));

    for (let i = 0; i < 3; i++) expect((await t.http().get('/v1/users').set(as(tenant))).status).toBe(200);
    expect((await t.http().get(`/v1/users/usr_0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41`).set(as(tenant))).status).toBe(404);
    expect((await t.http().get(`/v1/users/${tenant.userId}`).set(as(tenant))).status).toBe(200);
    expect((await t.http().get('/v1/users').set(as(suspendedKey))).status).toBe(403);
    expect((await t.http().get('/v1/users')).status).toBe(401);
    expect((await t.http().get('/v1/users').set(as(BAD_KEY))).status).toBe(401);
    expect((await t.http().get('/v1/users').set(as(BAD_KEY))).status).toBe(401);
    expect((await t.http().get('/v1/users').set(as(BAD_KEY))).status).toBe(429);
    expect((await t.http().get('/v1/nowhere')).status).toBe(404);

    scrape = await t.http().get('/metrics');
    samples = parsePrometheus(scrape.text);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers without an API key, in the Prometheus text format', async () => {
    expect(scrape.status).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(samples.length).toBeGreaterThan(50);
  });

  it('times requests by method, route template and status class', async () => {
    const count = (route: string, statusClass: string) =>
      sampleValue(samples, 'leadr_http_request_duration_seconds_count', { method: 'GET', route, status_class: statusClass });
    expect(count('/v1/users', '2xx')).toBe(3);
    expect(count('/v1/users', '4xx')).toBe(5);
    expect(count('/v1/users/:user_id', '2xx')).toBe(1);
    expect(count('/v1/users/:user_id', '4xx')).toBe(1);
    expect(count('unmatched', '4xx')).toBe(1);
    const sum = sampleValue(samples, 'leadr_http_request_duration_seconds_sum', { route: '/v1/users', status_class: '2xx' });
    expect(sum).toBeGreaterThan(0);
    const buckets = samples.filter(
      (s) => s.name === 'leadr_http_request_duration_seconds_bucket' && s.labels.route === '/v1/users' && s.labels.status_class === '2xx',
    );
    expect(buckets.find((s) => s.labels.le === '+Inf')?.value).toBe(3);
    // Labels carry templates, never ids.
    for (const sample of samples) for (const value of Object.values(sample.labels)) expect(value).not.toMatch(UUID);
  });

  it('counts authentication outcomes', async () => {
    const outcome = (name: string) => sampleValue(samples, 'leadr_auth_attempts_total', { outcome: name });
    expect(outcome('ok')).toBe(5);
    expect(outcome('suspended')).toBe(1);
    expect(outcome('missing_key')).toBe(1);
    expect(outcome('invalid_key')).toBe(2);
    expect(outcome('throttled')).toBe(1);
  });

  it("counts the principal cache's hits and misses", async () => {
    const cache = t.app.get<PrincipalCache<CacheablePrincipal>>(PrincipalCache);
    const hits = sampleValue(samples, 'leadr_principal_cache_hits_total');
    const misses = sampleValue(samples, 'leadr_principal_cache_misses_total');
    // Every presented key that got past the throttle was looked up in the cache: 5 + 1 + 2.
    expect(hits! + misses!).toBe(8);
    expect(misses).toBeGreaterThanOrEqual(3);
    // The scrape reads the cache's own counters (nothing authenticated since).
    expect([hits, misses]).toEqual([cache.hits, cache.misses]);
    expect(sampleValue(samples, 'leadr_principal_cache_entries')).toBe(cache.size);
  });

  it("reports the database pool that TypeORM's driver uses", async () => {
    const pool = (t.dataSource.driver as PostgresDriver).master as Pool;
    const expectedMax = t.config.usesEmbeddedDatabase ? EMBEDDED_POOL_SIZE : t.config.DATABASE_POOL_SIZE;
    expect(sampleValue(samples, 'leadr_db_pool_max_clients')).toBe(expectedMax);
    expect(sampleValue(samples, 'leadr_db_pool_clients')).toBe(pool.totalCount);
    expect(sampleValue(samples, 'leadr_db_pool_clients')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'leadr_db_pool_idle_clients')).toBe(pool.idleCount);
    expect(sampleValue(samples, 'leadr_db_pool_waiting_requests')).toBe(0);
  });

  it('includes the Node process metrics', async () => {
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_active_handles_total']) {
      expect(sampleValue(samples, name)).toBeGreaterThanOrEqual(0);
    }
    // Left out on purpose: it observes every garbage collection (see metrics.ts).
    expect(samples.some((sample) => sample.name.startsWith('nodejs_gc_duration_seconds'))).toBe(false);
  });

  it('counts the scrape itself on the next scrape, and is not in the OpenAPI document', async () => {
    const next = parsePrometheus((await t.http().get('/metrics')).text);
    expect(sampleValue(next, 'leadr_http_request_duration_seconds_count', { route: '/metrics', status_class: '2xx' })).toBe(1);
    const document = (await t.http().get('/openapi.json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).not.toContain('/metrics');
  });
});

describe('METRICS_ENABLED=false', () => {
  it('answers /metrics with 404', async () => {
    const t = await createTestApp({ METRICS_ENABLED: 'false' });
    try {
      const response = await t.http().get('/metrics');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ detail: 'Not Found' });
    } finally {
      await t.close();
    }
  });
});
