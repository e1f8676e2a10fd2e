import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { statementName } from '../src/database/sql/prepared-statements';
import { Sql } from '../src/database/sql/sql';
import { EventsRepository } from '../src/events/events.repository';
import { IdempotencyRepository } from '../src/idempotency/idempotency.repository';
import { createTenant } from './helpers/factories';
import { as, asSuperadmin, Headers } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

// The SQL the application sends, checked in under src/database/queries/ (one file per table), so a
// change to a statement shows in review. The texts are recorded from the SQL gateway while real
// requests run: every endpoint, every list sorted by each of its fields both ways and filtered by
// each filter, first page and cursor page, then the background purges. `npm run sql:snapshot`
// rewrites the files; this test fails when they differ from what the code sends.
const QUERIES = join(__dirname, '..', 'src', 'database', 'queries');
const WRITE = process.env.SQL_SNAPSHOT === 'write';

const LISTS: Record<string, { sorts: string[]; filters: string[] }> = {
  accounts: { sorts: ['id', 'name', 'slug', 'created_at', 'updated_at'], filters: ['slug=snapshot-one'] },
  users: {
    sorts: ['id', 'email', 'display_name', 'created_at', 'updated_at'],
    filters: ['status=active', 'status=suspended', 'email=one@snapshot.example', 'q=sn'],
  },
  'api-keys': { sorts: ['id', 'name', 'created_at', 'updated_at'], filters: ['status=active', 'status=revoked'] },
  events: { sorts: [], filters: ['type=user.created', 'type_group=user', 'resource_id=RESOURCE'] },
};

function tableOf(text: string): string {
  const match = /\b(?:FROM|INTO|UPDATE)\s+"?([a-z_]+)"?/i.exec(text);
  return match ? match[1] : 'other';
}

function render(texts: string[]): Map<string, string> {
  const byTable = new Map<string, string[]>();
  for (const text of [...new Set(texts)].sort()) {
    const table = tableOf(text);
    byTable.set(table, [...(byTable.get(table) ?? []), `-- ${statementName(text)}\n${text.trim()};\n`]);
  }
  return new Map([...byTable].map(([table, entries]) => [`${table}.sql`, entries.join('\n')]));
}

describe('SQL snapshot (src/database/queries)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_CACHE_TTL_MS: '0' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function ok(pending: PromiseLike<{ status: number; body: unknown }>): Promise<Record<string, unknown>> {
    const response = await pending;
    expect(response.status).toBeLessThan(300);
    return response.body as Record<string, unknown>;
  }

  // The first page and the page after it, as `who` sees them.
  async function pages(path: string, who: Headers): Promise<void> {
    const first = await ok(t.http().get(`${path}${path.includes('?') ? '&' : '?'}limit=1`).set(who));
    const cursor = (first.pagination as { next_cursor: string | null }).next_cursor;
    if (cursor) await ok(t.http().get(`${path}${path.includes('?') ? '&' : '?'}limit=1&cursor=${encodeURIComponent(cursor)}`).set(who));
  }

  async function traffic(): Promise<void> {
    const tenant = await createTenant(t);
    const http = () => t.http();
    await ok(http().get('/v1/health'));
    // Accounts: an explicit slug, a derived one, read, rename.
    const account = await ok(http().post('/v1/accounts').set(asSuperadmin).send({ name: 'Snapshot one', slug: 'snapshot-one' }));
    await ok(http().post('/v1/accounts').set(asSuperadmin).send({ name: 'Snapshot two' }));
    await ok(http().get(`/v1/accounts/${account.id}`).set(asSuperadmin));
    await ok(http().patch(`/v1/accounts/${account.id}`).set(asSuperadmin).send({ name: 'Snapshot one, renamed' }));
    // Users: create (with an Idempotency-Key, twice), read, update, suspend, demote.
    const newUser = { account_id: account.id, email: 'one@snapshot.example', display_name: 'Snapshot' };
    const idempotent = { ...asSuperadmin, 'Idempotency-Key': 'snapshot-user-1' };
    const user = await ok(http().post('/v1/users').set(idempotent).send(newUser));
    await ok(http().post('/v1/users').set(idempotent).send(newUser));
    await ok(http().post('/v1/users').set(asSuperadmin).send({ ...newUser, email: 'two@snapshot.example', super_admin: true }));
    await ok(http().get(`/v1/users/${user.id}`).set(asSuperadmin));
    await ok(http().patch(`/v1/users/${user.id}`).set(asSuperadmin).send({ display_name: 'Snapshot renamed' }));
    await ok(http().patch(`/v1/users/${user.id}`).set(asSuperadmin).send({ super_admin: true }));
    await ok(http().patch(`/v1/users/${user.id}`).set(asSuperadmin).send({ super_admin: false }));
    await ok(http().patch(`/v1/users/${user.id}`).set(asSuperadmin).send({ status: 'suspended' }));
    // API keys: create, read, use (the principal lookup and last-used stamp), revoke.
    const key = await ok(http().post('/v1/api-keys').set(asSuperadmin).send({ account_id: tenant.accountId, user_id: tenant.userId, name: 'Snapshot' }));
    await ok(http().get(`/v1/api-keys/${key.id}`).set(asSuperadmin));
    await ok(http().get(`/v1/users/${tenant.userId}`).set(as(tenant)));
    await ok(http().get('/v1/users').set(as(tenant)));
    await ok(http().patch(`/v1/api-keys/${key.id}`).set(asSuperadmin).send({ status: 'revoked' }));
    // Every list: each sort both ways, each filter, first and cursor pages; and a tenant's view.
    const events = await ok(http().get('/v1/events?limit=1').set(asSuperadmin));
    const resource = (events.data as Array<{ resource_id: string; id: string }>)[0];
    await ok(http().get(`/v1/events/${resource.id}`).set(asSuperadmin));
    for (const [list, { sorts, filters }] of Object.entries(LISTS)) {
      await pages(`/v1/${list}`, asSuperadmin);
      await pages(`/v1/${list}`, as(tenant));
      for (const field of sorts) for (const direction of ['asc', 'desc']) await pages(`/v1/${list}?sort=${field}:${direction}`, asSuperadmin);
      for (const filter of filters) await pages(`/v1/${list}?${filter.replace('RESOURCE', resource.resource_id)}`, asSuperadmin);
    }
    // Deletes, with their cascades: a key, a user (its keys), an account (its users and keys).
    const doomed = await ok(http().post('/v1/api-keys').set(asSuperadmin).send({ account_id: account.id, user_id: user.id, name: 'Doomed' }));
    await ok(http().patch(`/v1/api-keys/${doomed.id}`).set(asSuperadmin).send({ deleted: true }));
    await ok(http().patch(`/v1/users/${user.id}`).set(asSuperadmin).send({ deleted: true }));
    await ok(http().patch(`/v1/accounts/${account.id}`).set(asSuperadmin).send({ deleted: true }));
    // The background jobs.
    await t.app.get(EventsRepository).purgeOlderThan(new Date(Date.now() + 60_000));
    await t.app.get(IdempotencyRepository).purgeExpired(100);
  }

  it('matches what the code sends', async () => {
    const texts: string[] = [];
    const stop = t.app.get(Sql).watch((text) => texts.push(text));
    try {
      await traffic();
    } finally {
      stop();
    }
    const expected = render(texts);
    if (WRITE) {
      rmSync(QUERIES, { recursive: true, force: true });
      mkdirSync(QUERIES, { recursive: true });
      for (const [file, content] of expected) writeFileSync(join(QUERIES, file), content);
    }
    const stored = new Map(
      existsSync(QUERIES) ? readdirSync(QUERIES).sort().map((file) => [file, readFileSync(join(QUERIES, file), 'utf8')]) : [],
    );
    expect(Object.fromEntries(stored)).toEqual(Object.fromEntries([...expected].sort(([a], [b]) => a.localeCompare(b))));
  });
});
