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
