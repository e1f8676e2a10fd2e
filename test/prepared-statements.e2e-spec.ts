import { createHook } from 'node:async_hooks';
// @ts-expect-error -- pg ships no types for its internal helpers
import pgUtils from 'pg/lib/utils';
// @ts-expect-error -- pg ships no types for its internal helpers
import PgResult from 'pg/lib/result';
import { poolOf, runOnPool } from '../src/database/connection/bounded-pool';
import { createTenant } from './helpers/factories';
import { as, asSuperadmin } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

// One pooled connection, so pg_prepared_statements (which shows the current session's) shows the
// statements every request used.
describe('named prepared statements', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '1', AUTH_CACHE_TTL_MS: '0' });
  });
  afterAll(async () => {
    await t.close();
  });

  const statements = async (): Promise<Array<{ name: string; statement: string }>> =>
    t.dataSource.query(`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'c%' ORDER BY name`);

  async function traffic(round: number) {
    const tenant = await createTenant(t);
    await t.http().get(`/v1/users/${tenant.userId}`).set(as(tenant)).expect(200);
    await t.http().get('/v1/users?limit=5').set(as(tenant)).expect(200);
    const page = await t.http().get('/v1/users?limit=1&sort=email:asc').set(asSuperadmin).expect(200);
    await t.http().get(`/v1/users?limit=1&sort=email:asc&cursor=${page.body.pagination.next_cursor}`).set(asSuperadmin).expect(200);
    const created = await t.http().post('/v1/users').set(as(tenant)).send({
      account_id: tenant.accountId,
      email: `prepared-${round}@example.com`,
      display_name: 'Prepared',
    });
    expect(created.status).toBe(201);
    await t.http().patch(`/v1/users/${created.body.id}`).set(as(tenant)).send({ display_name: `Prepared ${round}` }).expect(200);
  }

  it('runs the principal lookup, get-by-id, lists, create and update as named statements, prepared once each', async () => {
    await traffic(1);
    const afterFirst = await statements();
    const text = afterFirst.map((s) => s.statement).join('\n');
    expect(text).toContain('FROM api_keys k');
    expect(text).toMatch(/INSERT INTO "?users"? \(/);
    expect(text).toMatch(/UPDATE "?users"? SET/);
    expect(afterFirst.filter((s) => /FROM "?users"? u\b/.test(s.statement)).length).toBeGreaterThanOrEqual(3);
    expect(afterFirst.every((s) => /^c\d+_[A-Za-z0-9_-]{20}$/.test(s.name))).toBe(true);

    await traffic(2);
    await traffic(3);
    // The same shapes again: nothing new to prepare, whatever the values.
    expect((await statements()).map((s) => s.name)).toEqual(afterFirst.map((s) => s.name));
  });
});

// docs/performance.md, "pg's query path": a named statement reaches pg as its text (a config object
// would be copied by pg property by property, 7–18 µs a statement under load) and settles through
// the bound's one promise (pg's own promise and its `.catch` are not made).
describe('a named statement on a pooled connection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DATABASE_POOL_SIZE: '1' });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('is handed to pg as text, and makes one promise', async () => {
    const pool = poolOf(t.dataSource);
    const client = await pool.connect();
    try {
      const text = 'SELECT $1::int + 1 AS n';
      expect((await client.query(text, [1])).rows).toEqual([{ n: 2 }]);
      const normalize = jest.spyOn(pgUtils, 'normalizeQueryConfig');
      // The promises the call makes before it returns (not the transport's, which differ between
      // the embedded database and a socket).
      let promises = 0;
      const hook = createHook({
        init: (_id, type) => {
          if (type === 'PROMISE') promises++;
        },
      }).enable();
      const pending = client.query(text, [41]);
      hook.disable();
      expect((await pending).rows).toEqual([{ n: 42 }]);
      expect(normalize.mock.calls.map(([config]: unknown[]) => typeof config)).toEqual(['string']);
      expect(promises).toBe(1);
    } finally {
      client.release();
    }
  });

  // The promises made from the call until it settles, the transport's included (they differ between
  // the embedded database and a socket, but not between two runs of one statement).
  const promisesUntilSettled = async (statement: () => Promise<unknown>): Promise<number> => {
    let promises = 0;
    const hook = createHook({
      init: (_id, type) => {
        if (type === 'PROMISE') promises++;
      },
    }).enable();
    try {
      await statement();
    } finally {
      hook.disable();
    }
    return promises;
  };

  it('on the pool, adds no promise to the statement’s own: the connection and its release are callbacks', async () => {
    const pool = poolOf(t.dataSource);
    const text = 'SELECT $1::int * 2 AS n';
    expect((await runOnPool(pool, text, [1])).rows).toEqual([{ n: 2 }]);
    const client = await pool.connect();
    let onItsConnection: number;
    try {
      await client.query(text, [2]);
      onItsConnection = await promisesUntilSettled(() => client.query(text, [3]));
    } finally {
      client.release();
    }
    const onThePool = await promisesUntilSettled(() => runOnPool(pool, text, [4]));
    expect(onThePool).toBe(onItsConnection);
  });

  it('adds no listener to its connection (the connection has its own, for its whole life)', async () => {
    const pool = poolOf(t.dataSource);
    const client = await pool.connect();
    const on = jest.spyOn(client, 'on');
    const removeListener = jest.spyOn(client, 'removeListener');
    client.release();
    try {
      // The pool's one connection runs it.
      expect((await runOnPool(pool, 'SELECT $1::int AS n', [7])).rows).toEqual([{ n: 7 }]);
      // pg-pool's own listener for an idle connection aside.
      const ours = (calls: unknown[][]) => calls.filter(([event, listener]) => event === 'error' && (listener as () => void).name !== 'idleListener');
      expect(ours(on.mock.calls)).toEqual([]);
      expect(ours(removeListener.mock.calls)).toEqual([]);
    } finally {
      on.mockRestore();
      removeListener.mockRestore();
    }
  });

  it("reads the row description once per statement and connection, and every later row the same way", async () => {
    const pool = poolOf(t.dataSource);
    const client = await pool.connect();
    try {
      const text =
        "SELECT $1::int AS n, $2::text AS t, now() - interval '1 day' AS at, NULL::uuid AS nothing, " +
        "ARRAY[$1::int] AS list, true AS yes";
      const addFields = jest.spyOn(PgResult.prototype, 'addFields');
      const first = (await client.query(text, [1, 'a'])).rows;
      const again = (await client.query(text, [2, 'b'])).rows;
      const third = (await client.query(text, [3, 'c'])).rows;
      // pg's own reading of the row, for the same statement unnamed (no parameters to name it by).
      const plain = (await client.query(text.replaceAll('$1::int', '3::int').replaceAll('$2::text', "'c'::text"))).rows;
      expect(addFields).toHaveBeenCalledTimes(2);
      expect(first).toEqual([{ n: 1, t: 'a', at: expect.any(Date), nothing: null, list: [1], yes: true }]);
      expect(again[0]).toMatchObject({ n: 2, t: 'b', list: [2] });
      expect(third).toEqual(plain.map((row: { at: Date }) => ({ ...row, at: expect.any(Date) })));
      expect(Object.keys(third[0])).toEqual(Object.keys(plain[0]));
    } finally {
      client.release();
    }
  });
});
