import { formatId } from '../../src/common/ids';
import { createKey, createTenant, createUser, Tenant } from '../helpers/factories';
import { as, asSuperadmin } from '../helpers/headers';
import { parsePrometheus, sampleValue } from '../helpers/prometheus';
import { ReplicaCluster, startReplicaCluster } from '../helpers/replica-cluster';
import { createTestAppOn, TestApp } from '../helpers/test-app';
import { sleep, waitFor } from '../helpers/wait-for';

// Issue 20 on a real primary and streaming replica (started once for this file). Two instances,
// A and B, share the primary and read from the replica. Replay is paused on the replica
// (pg_wal_replay_pause) to make lag on demand: a row written meanwhile is absent there, so a read
// that returns it was served by the primary, and a read that misses it by the replica.
const MAX_LAG_MS = 3_000;
const POLL_MS = 100;

let cluster: ReplicaCluster;
let a: TestApp;
let b: TestApp;
let tenant: Tenant;

interface ReplicaHealth {
  name: string;
  status: string;
  lag_ms: number | null;
}

async function health(app: TestApp): Promise<{ status: number; body: { database: string; replicas?: ReplicaHealth[] } }> {
  const response = await app.http().get('/v1/health');
  return { status: response.status, body: response.body };
}

async function replicaStatus(app: TestApp): Promise<string | undefined> {
  return (await health(app)).body.replicas?.[0]?.status;
}

async function reads(app: TestApp): Promise<Record<string, number>> {
  const samples = parsePrometheus((await app.http().get('/metrics')).text);
  const count = (target: string) => sampleValue(samples, 'leadr_db_reads_total', { target }) ?? 0;
  return { replica: count('replica'), primary: count('primary'), fallback: count('fallback') };
}

// A key of a new superadmin user of the tenant's account: a key with no writes of its own yet.
async function freshKey(): Promise<{ key: string; keyId: string }> {
  const user = await createUser(a, tenant.account.id, { superAdmin: true });
  const { key, apiKey } = await createKey(a, user);
  return { key, keyId: formatId('key', apiKey.id) };
}

async function onReplicaCount(table: string, id: string): Promise<number> {
  const [row] = await cluster.onReplica<{ n: string }>(`SELECT count(*)::text AS n FROM ${table} WHERE id = $1`, [id]);
  return Number(row.n);
}

// The fixtures exist on the replica and both instances see it streaming.
async function settled(): Promise<void> {
  await cluster.caughtUp();
  for (const app of [a, b]) {
    await waitFor('the replica streaming again', async () => (await replicaStatus(app)) === 'streaming', { timeoutMs: 15_000, intervalMs: 50 });
  }
}

beforeAll(async () => {
  cluster = await startReplicaCluster();
  const env = {
    DATABASE_URL: cluster.primaryUrl,
    DATABASE_POOL_SIZE: '4',
    DATABASE_REPLICA_URLS: cluster.replicaUrl,
    DATABASE_REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
    DATABASE_REPLICA_POLL_MS: String(POLL_MS),
  };
  a = await createTestAppOn(env);
  b = await createTestAppOn(env);
  tenant = await createTenant(a);
  await settled();
});

afterEach(async () => {
  // Whatever a test did, the next one starts with replay running.
  await cluster.resumeReplay().catch(() => undefined);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await cluster?.close();
});

describe('reads on a streaming replica', () => {
  it('serves the GETs of users from the replica, not the primary, on both instances', async () => {
    await a.http().get(`/v1/users/${tenant.userId}`).set(as(tenant));
    await b.http().get(`/v1/users/${tenant.userId}`).set(as(tenant));
    const [replicaBefore, primaryBefore] = [await cluster.userReads('replica'), await cluster.userReads('primary')];
    const [metricsA, metricsB] = [await reads(a), await reads(b)];
    for (let i = 0; i < 20; i++) {
      for (const app of [a, b]) {
        const response = await app.http().get(`/v1/users/${tenant.userId}`).set(as(tenant));
        expect(response.status).toBe(200);
      }
    }
    // Lists, and the other resources' single GETs, take the same road.
    for (const path of ['/v1/users', '/v1/accounts', '/v1/api-keys', `/v1/accounts/${tenant.accountId}`]) {
      expect((await a.http().get(path).set(as(tenant))).status).toBe(200);
    }
    expect((await cluster.userReads('replica')) - replicaBefore).toBeGreaterThanOrEqual(41);
    expect((await cluster.userReads('primary')) - primaryBefore).toBe(0);
    expect((await reads(a)).replica - metricsA.replica).toBe(24);
    expect((await reads(b)).replica - metricsB.replica).toBe(20);
    for (const app of [a, b]) {
      const { status, body } = await health(app);
      expect(status).toBe(200);
      expect(body.database).toBe('connected');
      expect(body.replicas).toEqual([{ name: expect.stringMatching(/^127\.0\.0\.1:\d+\/leadr_replica_test$/), status: 'streaming', lag_ms: expect.any(Number) }]);
    }
  });

  it("with replay paused, a key's own write is visible to its next read, and a token from A is honoured by B", async () => {
    const writer = await freshKey();
    const reader = await freshKey();
    await settled();
    await cluster.pauseReplay();
    const created = await a.http().post('/v1/users').set(as(writer.key)).send({
      account_id: tenant.accountId,
      email: `ryw-${Date.now()}@example.com`,
      display_name: 'Read your writes',
    });
    expect(created.status).toBe(201);
    const token = created.headers['consistency-token'];
    expect(token).toMatch(/^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/);
    const path = `/v1/users/${created.body.id}`;
    const startedAt = Date.now();
    // Absent from the paused replica: a read that finds it was served by the primary.
    expect(await onReplicaCount('users', created.body.id.replace(/^usr_/, ''))).toBe(0);

    expect((await a.http().get(path).set(as(writer.key))).status).toBe(200);
    expect((await a.http().get(`/v1/users?limit=100&account_id=${tenant.accountId}`).set(as(writer.key))).body.data.map((u: { id: string }) => u.id)).toContain(created.body.id);
    expect((await b.http().get(path).set(as(reader.key)).set('Consistency-Token', token)).status).toBe(200);
    expect((await a.http().get(path).set(as(reader.key)).set('Consistency-Token', token)).status).toBe(200);
    // Without the token, another key reads the replica: stale, and allowed to be.
    expect((await b.http().get(path).set(as(reader.key))).status).toBe(404);
    expect((await a.http().get(path).set(as(reader.key))).status).toBe(404);
    expect(Date.now() - startedAt).toBeLessThan(MAX_LAG_MS);
    expect((await reads(a)).primary).toBeGreaterThanOrEqual(3);
    expect((await reads(b)).primary).toBeGreaterThanOrEqual(1);

    await cluster.resumeReplay();
    await settled();
    // Once replayed, the writer's reads go back to the replica: from the instance's first poll that
    // sees the replay past the write (every POLL_MS). The pause was shorter than MAX_LAG_MS, so the
    // replica never stopped being "streaming" and settled() cannot tell when that poll has run; until
    // it has, the writer's reads stay on the primary.
    await waitFor(
      "the writer's read served by the replica",
      async () => {
        const before = (await reads(a)).replica;
        expect((await a.http().get(path).set(as(writer.key))).status).toBe(200);
        return (await reads(a)).replica === before + 1;
      },
      { timeoutMs: 10_000, intervalMs: POLL_MS / 4 },
    );
  });

  it('refuses a malformed Consistency-Token with 400', async () => {
    for (const token of ['x', '0/', '0/1/2', 'FFFFFFFFF/0']) {
      const response = await a.http().get('/v1/users').set(as(tenant)).set('Consistency-Token', token);
      expect(response.status).toBe(400);
      expect(response.body.detail).toMatch(/Consistency-Token/);
    }
  });

  it('keeps other reads on the replica until the lag limit, then sends them to the primary', async () => {
    const reader = await freshKey();
    await settled();
    await cluster.pauseReplay();
    const renamed = `Renamed ${Date.now()}`;
    await cluster.onPrimary('UPDATE users SET display_name = $1 WHERE id = $2', [renamed, tenant.user.id]);
    const wroteAt = Date.now();
    const seen: Array<{ at: number; app: string; name: string; status: number }> = [];
    while (Date.now() - wroteAt < MAX_LAG_MS + 1_500) {
      for (const [name, app] of [['a', a], ['b', b]] as const) {
        const at = Date.now() - wroteAt;
        const response = await app.http().get(`/v1/users/${tenant.userId}`).set(as(reader.key));
        seen.push({ at, app: name, name: response.body.display_name, status: response.status });
      }
      await sleep(100);
    }
    const summary = JSON.stringify(seen);
    expect(seen.every((read) => read.status === 200)).toBe(true);
    // Before the limit: the replica (the old name). The lag is measured from the first poll that
    // saw the primary past the replica, so the switch comes at most ~2 polls after the limit.
    const early = seen.filter((read) => read.at < MAX_LAG_MS - 200);
    const late = seen.filter((read) => read.at >= MAX_LAG_MS + 4 * POLL_MS + 300);
    expect(early.length).toBeGreaterThanOrEqual(4);
    expect(late.length).toBeGreaterThanOrEqual(2);
    expect(early.filter((read) => read.name === renamed)).toEqual([]);
    expect(late.filter((read) => read.name !== renamed)).toEqual([]);
    expect(summary).toContain(renamed);
    for (const app of [a, b]) {
      const { status, body } = await health(app);
      expect(status).toBe(200);
      expect(body.replicas?.[0].status).toBe('lagging');
      expect(body.replicas?.[0].lag_ms).toBeGreaterThan(MAX_LAG_MS);
    }
    expect((await reads(a)).fallback).toBeGreaterThan(0);

    await cluster.resumeReplay();
    await settled();
    const before = (await reads(a)).replica;
    const response = await a.http().get(`/v1/users/${tenant.userId}`).set(as(reader.key));
    expect(response.body.display_name).toBe(renamed);
    expect((await reads(a)).replica).toBe(before + 1);
  });

  it('refuses a revoked key at once on the revoking instance, and on the other within ms, with replay paused', async () => {
    const doomed = await freshKey();
    await settled();
    // Cached on both instances.
    for (const app of [a, b]) expect((await app.http().get('/v1/users').set(as(doomed.key))).status).toBe(200);
    await cluster.pauseReplay();
    const revoked = await a.http().patch(`/v1/api-keys/${doomed.keyId}`).set(asSuperadmin).send({ status: 'revoked' });
    expect(revoked.status).toBe(200);
    const revokedAt = Date.now();
    expect((await a.http().get('/v1/users').set(as(doomed.key))).status).toBe(401);
    await waitFor('B to refuse the revoked key', async () => (await b.http().get('/v1/users').set(as(doomed.key))).status === 401, {
      timeoutMs: 300,
      intervalMs: 5,
    });
    expect(Date.now() - revokedAt).toBeLessThan(300);
    // The paused replica still has the key active: the refusal did not come from it.
    const [row] = await cluster.onReplica<{ status: string }>('SELECT status FROM api_keys WHERE id = $1', [doomed.keyId.replace(/^key_/, '')]);
    expect(row.status).toBe('active');
    for (const app of [a, b]) expect((await app.http().get('/v1/users').set(as(doomed.key))).status).toBe(401);
  });

  it('loses no request when the replica stops, shows it down meanwhile, and reads from it again once back', async () => {
    await settled();
    const statuses: number[] = [];
    let running = true;
    const load = async (app: TestApp) => {
      while (running) {
        const response = await app.http().get(`/v1/users/${tenant.userId}`).set(as(tenant));
        statuses.push(response.status);
      }
    };
    const loops = [a, b, a, b].map(load);
    await sleep(300);
    await cluster.stopReplica();
    await sleep(1_000);
    for (const app of [a, b]) {
      const { status, body } = await health(app);
      expect(status).toBe(200);
      expect(body.replicas?.[0]).toEqual(expect.objectContaining({ status: 'down', lag_ms: null }));
    }
    await cluster.startReplica();
    await settled();
    const replicaBefore = await cluster.userReads('replica');
    await sleep(300);
    running = false;
    await Promise.all(loops);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect((await reads(a)).fallback).toBeGreaterThan(0);
    expect((await cluster.userReads('replica')) - replicaBefore).toBeGreaterThan(0);
  });
});

describe('a read-only primary (DATABASE_URL names a standby)', () => {
  let standby: TestApp;

  beforeAll(async () => {
    standby = await createTestAppOn({ DATABASE_URL: cluster.replicaUrl, DATABASE_POOL_SIZE: '2' });
  });

  afterAll(async () => {
    await standby?.close();
  });

  it('says so in health (503, "read-only"), answers writes 503 with Retry-After, and serves reads', async () => {
    const { status, body } = await health(standby);
    expect(status).toBe(503);
    expect(body.database).toBe('read-only');

    // A key never used: its last_used_at stamp cannot be written on a standby, and the read is served anyway.
    const unused = await freshKey();
    await cluster.caughtUp();
    const read = await standby.http().get(`/v1/users/${tenant.userId}`).set(as(unused.key));
    expect(read.status).toBe(200);
    expect(standby.logs.text).toMatch(/last_used_at not recorded \(25006 /);

    const write = await standby.http().post('/v1/users').set(asSuperadmin).send({
      account_id: tenant.accountId,
      email: `standby-${Date.now()}@example.com`,
      display_name: 'Nowhere to write',
    });
    expect(write.status).toBe(503);
    expect(write.headers['retry-after']).toBe('5');
    expect(write.body).toEqual({ detail: expect.stringMatching(/read-only/) });
    expect(standby.logs.text).not.toMatch(/Internal Server Error|"level":50/);
  });
});
