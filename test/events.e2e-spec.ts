import { ChangeLog } from '../src/events/change-log';
import { Sql } from '../src/database/sql/sql';
import { EventRetentionService } from '../src/events/event-retention.service';
import { formatId } from '../src/common/ids';
import { settleEvents } from './helpers/events';
import { createKey, createTenant, createUser } from './helpers/factories';
import { as, asSuperadmin, Headers } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

interface EventBody {
  id: string;
  type: string;
  account_id: string;
  resource_id: string;
  actor: { api_key_id: string; user_id: string } | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  data: Record<string, unknown>;
  created_at: string;
}

const onPostgres = process.env.TEST_DATABASE_URL !== undefined;

describe('events: the audit trail and change feed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const events = async (headers: Headers, query = '', limit = 100): Promise<EventBody[]> => {
    await settleEvents(t);
    const response = await t.http().get(`/v1/events?limit=${limit}${query}`).set(headers);
    expect(response.status).toBe(200);
    return response.body.data;
  };
  const about = (resourceId: string) => events(asSuperadmin, `&resource_id=${resourceId}`);
  const superadminActor = async () => {
    const [key] = await t.dataSource.query(`SELECT k.id, k.user_id FROM api_keys k WHERE k.name = 'Superadmin (bootstrap)'`);
    return { api_key_id: formatId('key', key.id), user_id: formatId('usr', key.user_id) };
  };

  it('records the first-start bootstrap with no actor', async () => {
    const first = await events(asSuperadmin, '', 3);
    expect(first.map((e) => e.type)).toEqual(['account.created', 'user.created', 'api_key.created']);
    expect(first.every((e) => e.actor === null)).toBe(true);
    expect(first[1].data).toMatchObject({ super_admin: true, email: t.config.SUPERADMIN_EMAIL });
  });

  it('account.created / .updated: data exactly as GET returns it, changes of what changed, the caller as actor', async () => {
    const created = await t.http().post('/v1/accounts').set(asSuperadmin).send({ name: 'Evented Games' });
    const id = created.body.id;
    await t.http().patch(`/v1/accounts/${id}`).set(asSuperadmin).send({ name: 'Evented Studios' }).expect(200);
    await t.http().patch(`/v1/accounts/${id}`).set(asSuperadmin).send({ name: 'Evented Studios' }).expect(200);
    const current = (await t.http().get(`/v1/accounts/${id}`).set(asSuperadmin)).body;

    const trail = await about(id);
    expect(trail.map((e) => e.type)).toEqual(['account.created', 'account.updated']);
    expect(trail[0].data).toEqual(created.body);
    expect(trail[1].data).toEqual(current);
    expect(trail[1].changes).toEqual({ name: { from: 'Evented Games', to: 'Evented Studios' } });
    expect(trail[1].account_id).toBe(id);
    expect(trail[1].actor).toEqual(await superadminActor());
    expect(trail[1].id).toMatch(/^evt_[0-9a-f-]{36}$/);
    expect((await t.http().get(`/v1/events/${trail[1].id}`).set(asSuperadmin)).body).toEqual(trail[1]);
  });

  it('user and api_key events, revocation as an update of status, and no secret anywhere', async () => {
    const tenant = await createTenant(t);
    const user = await t.http().post('/v1/users').set(as(tenant)).send({
      account_id: tenant.accountId,
      email: 'evented@example.com',
      display_name: 'Evented',
    });
    await t.http().patch(`/v1/users/${user.body.id}`).set(as(tenant)).send({ display_name: 'Evented Again' }).expect(200);
    const minted = await t.http().post('/v1/api-keys').set(as(tenant)).send({
      account_id: tenant.accountId,
      user_id: user.body.id,
      name: 'Evented key',
    });
    await t.http().get('/v1/users').set(as(minted.body.key)).expect(200); // last_used_at: no event
    await t.http().patch(`/v1/api-keys/${minted.body.id}`).set(as(tenant)).send({ status: 'revoked' }).expect(200);

    const userTrail = await about(user.body.id);
    expect(userTrail.map((e) => e.type)).toEqual(['user.created', 'user.updated']);
    expect(userTrail[1].changes).toEqual({ display_name: { from: 'Evented', to: 'Evented Again' } });
    const [tenantKey] = await t.dataSource.query('SELECT id FROM api_keys WHERE user_id = $1', [tenant.user.id]);
    expect(userTrail[0].actor).toEqual({ api_key_id: formatId('key', tenantKey.id), user_id: tenant.userId });

    const keyTrail = await about(minted.body.id);
    expect(keyTrail.map((e) => e.type)).toEqual(['api_key.created', 'api_key.updated']);
    expect(keyTrail[1].changes).toEqual({ status: { from: 'active', to: 'revoked' } });
    expect(keyTrail[1].data).toEqual((await t.http().get(`/v1/api-keys/${minted.body.id}`).set(asSuperadmin)).body);

    const [{ key_hash: hash }] = await t.dataSource.query('SELECT key_hash FROM api_keys WHERE id = $1', [
      minted.body.id.slice(4),
    ]);
    const everything = JSON.stringify(await t.dataSource.query('SELECT * FROM events'));
    expect(everything).not.toContain(minted.body.key);
    expect(everything).not.toContain(hash);
  });

  it('user.created: written by the create in one statement, data exactly as the create answered', async () => {
    const tenant = await createTenant(t);
    await t.http().get('/v1/users?limit=1').set(as(tenant)).expect(200); // the principal cached
    const sent: string[] = [];
    const stop = t.app.get(Sql).watch((text) => sent.push(text));
    const created = await t.http().post('/v1/users').set(as(tenant)).send({
      account_id: tenant.accountId,
      email: 'one.statement@example.com',
      display_name: 'One Statement',
    });
    stop();
    expect(created.status).toBe(201);
    // No BEGIN, account lock, event INSERT or COMMIT of their own: one round trip (a principal
    // lookup or last_used_at stamp may come first when the cache entry has just expired).
    const creates = sent.filter((text) => !text.includes('FROM api_keys k') && !text.startsWith('UPDATE api_keys'));
    expect(creates).toHaveLength(1);
    expect(creates[0]).toMatch(/FROM accounts[\s\S]*FOR SHARE[\s\S]*INSERT INTO users[\s\S]*INSERT INTO events/);
    const [event] = await about(created.body.id);
    expect(event.type).toBe('user.created');
    // created_at and updated_at come from the database's clock, formatted by the statement itself.
    expect(event.data).toEqual(created.body);
    expect(event.account_id).toBe(tenant.accountId);
  });

  it('api_key.created and account.created (explicit slug): one statement each, data exactly as the create answered', async () => {
    const tenant = await createTenant(t);
    await t.http().get('/v1/users?limit=1').set(as(tenant)).expect(200); // the principal cached
    await t.http().get('/v1/users?limit=1').set(asSuperadmin).expect(200);
    const sent: string[] = [];
    const stop = t.app.get(Sql).watch((text) => sent.push(text));
    const minted = await t.http().post('/v1/api-keys').set(as(tenant)).send({
      account_id: tenant.accountId,
      user_id: tenant.userId,
      name: 'One statement key',
      expires_at: '2999-01-02T03:04:05.678Z',
    });
    const account = await t.http().post('/v1/accounts').set(asSuperadmin).send({ name: 'One Statement', slug: 'one-statement' });
    stop();
    expect([minted.status, account.status]).toEqual([201, 201]);
    const creates = sent.filter((text) => !text.includes('FROM api_keys k') && !text.startsWith('UPDATE api_keys'));
    expect(creates).toHaveLength(2);
    expect(creates[0]).toMatch(/FOR SHARE OF a, u[\s\S]*INSERT INTO api_keys[\s\S]*INSERT INTO events/);
    expect(creates[1]).toMatch(/INSERT INTO accounts[\s\S]*INSERT INTO events/);

    const [keyEvent] = await about(minted.body.id);
    expect(keyEvent.type).toBe('api_key.created');
    // created_at and updated_at from the database's clock, formatted by the statement itself.
    expect(keyEvent.data).toEqual((await t.http().get(`/v1/api-keys/${minted.body.id}`).set(asSuperadmin)).body);
    expect(keyEvent.data).toMatchObject({ created_at: minted.body.created_at, expires_at: '2999-01-02T03:04:05.678Z' });
    expect(JSON.stringify(keyEvent)).not.toContain(minted.body.key);
    const [accountEvent] = await about(account.body.id);
    expect(accountEvent.type).toBe('account.created');
    expect(accountEvent.data).toEqual(account.body);
  });

  it('a PATCH that changes nothing writes nothing', async () => {
    const tenant = await createTenant(t);
    const count = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM events'))[0].n;
    const before = await count();
    await t.http().patch(`/v1/users/${tenant.userId}`).set(as(tenant)).send({ display_name: tenant.user.displayName }).expect(200);
    await t.http().patch(`/v1/users/${tenant.userId}`).set(as(tenant)).send({}).expect(200);
    expect(await count()).toBe(before);
  });

  it('a cascading delete writes an event per resource: account, its users, their keys', async () => {
    const tenant = await createTenant(t);
    const second = await createUser(t, tenant.account.id);
    const { apiKey } = await createKey(t, second);
    await t.http().patch(`/v1/accounts/${tenant.accountId}`).set(asSuperadmin).send({ deleted: true }).expect(200);

    const [tenantKey] = await t.dataSource.query('SELECT id FROM api_keys WHERE user_id = $1', [tenant.user.id]);
    const trail = await events(asSuperadmin, `&account_id=${tenant.accountId}`);
    const deleted = trail.filter((e) => e.type.endsWith('.deleted'));
    expect(deleted.map((e) => e.resource_id).sort()).toEqual(
      [tenant.accountId, tenant.userId, formatId('usr', second.id), formatId('key', apiKey.id), formatId('key', tenantKey.id)].sort(),
    );
    expect(deleted[0]).toMatchObject({ type: 'account.deleted', resource_id: tenant.accountId });
    const lastState = deleted.find((e) => e.resource_id === formatId('usr', second.id))!;
    expect(lastState.data).toMatchObject({ id: formatId('usr', second.id), email: second.email });
    expect(deleted.every((e) => e.actor !== null)).toBe(true);
  });

  it('a deleted user takes its keys, each with an event', async () => {
    const tenant = await createTenant(t);
    const colleague = await createUser(t, tenant.account.id);
    const { apiKey } = await createKey(t, colleague);
    const colleagueId = formatId('usr', colleague.id);
    await t.http().patch(`/v1/users/${colleagueId}`).set(as(tenant)).send({ deleted: true }).expect(200);
    expect((await about(colleagueId)).map((e) => e.type)).toEqual(['user.deleted']);
    expect((await about(formatId('key', apiKey.id))).map((e) => e.type)).toEqual(['api_key.deleted']);
  });

  describe('scope', () => {
    it('a regular user sees only its own account, a superadmin every account or one', async () => {
      const a = await createTenant(t);
      const b = await createTenant(t);
      await t.http().patch(`/v1/users/${a.userId}`).set(as(a)).send({ display_name: 'Scoped A' }).expect(200);
      await t.http().patch(`/v1/users/${b.userId}`).set(as(b)).send({ display_name: 'Scoped B' }).expect(200);

      const seenByA = await events(as(a));
      expect(seenByA.length).toBeGreaterThan(0);
      expect(seenByA.every((e) => e.account_id === a.accountId)).toBe(true);
      expect((await t.http().get(`/v1/events?account_id=${b.accountId}`).set(as(a))).status).toBe(403);
      const ofB = await events(asSuperadmin, `&account_id=${b.accountId}`);
      expect(ofB.map((e) => e.resource_id)).toEqual([b.userId]);
      const bEvent = ofB[0].id;
      expect((await t.http().get(`/v1/events/${bEvent}`).set(as(a))).status).toBe(403);
      expect((await t.http().get(`/v1/events/${bEvent}`).set(as(b))).status).toBe(200);
      expect((await t.http().get(`/v1/events/${bEvent}?account_id=${a.accountId}`).set(asSuperadmin)).status).toBe(404);
      expect((await t.http().get(`/v1/events/evt_00000000-0000-4000-8000-000000000000`).set(asSuperadmin)).status).toBe(404);
      expect((await t.http().get(`/v1/events/usr_00000000-0000-4000-8000-000000000000`).set(asSuperadmin)).status).toBe(422);
    });
  });

  describe('filters and cursor', () => {
    it('filters by exact type, by type prefix and by resource, and binds the cursor to them', async () => {
      const tenant = await createTenant(t);
      await t.http().patch(`/v1/users/${tenant.userId}`).set(as(tenant)).send({ display_name: 'Filter Me' }).expect(200);
      const updates = await events(asSuperadmin, '&type=user.updated');
      expect(updates.length).toBeGreaterThan(0);
      expect(updates.every((e) => e.type === 'user.updated')).toBe(true);
      const keyEvents = await events(asSuperadmin, '&type=api_key.');
      expect(keyEvents.length).toBeGreaterThan(0);
      expect(keyEvents.every((e) => e.type.startsWith('api_key.'))).toBe(true);
      expect((await events(asSuperadmin, `&resource_id=${tenant.userId.toUpperCase().replace('USR_', 'usr_')}`)).length).toBe(1);

      for (const bad of ['type=user', 'type=user.renamed', 'resource_id=evt_x', 'sort=id:asc', 'sort=created_at']) {
        await settleEvents(t);
        const response = await t.http().get(`/v1/events?${bad}`).set(asSuperadmin);
        expect(response.status).toBe(422);
        expect(response.body.detail[0].loc).toEqual(['query', bad.split('=')[0]]);
      }
      const page = await t.http().get('/v1/events?limit=1&type=user.').set(asSuperadmin);
      expect((await t.http().get(`/v1/events?limit=1&type=api_key.&cursor=${page.body.pagination.next_cursor}`).set(asSuperadmin)).status).toBe(400);
    });

    it('oldest first: following next_cursor reads everything once; the last and empty pages keep a cursor to poll', async () => {
      const tenant = await createTenant(t);
      const mine = `&account_id=${tenant.accountId}`;
      for (const name of ['One', 'Two', 'Three']) {
        await t.http().patch(`/v1/users/${tenant.userId}`).set(as(tenant)).send({ display_name: `Poll ${name}` }).expect(200);
      }
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 10; i++) {
        await settleEvents(t);
        const page = await t.http().get(`/v1/events?limit=2${mine}${cursor}`).set(asSuperadmin);
        seen.push(...page.body.data.map((e: EventBody) => e.id));
        expect(page.body.pagination.next_cursor).toEqual(expect.any(String));
        cursor = `&cursor=${page.body.pagination.next_cursor}`;
        if (!page.body.pagination.has_next) break;
      }
      expect(seen).toHaveLength(3);
      await settleEvents(t);
      const empty = await t.http().get(`/v1/events?limit=2${mine}${cursor}`).set(asSuperadmin);
      expect(empty.body.data).toEqual([]);
      expect(empty.body.pagination.next_cursor).toEqual(expect.any(String));
      await t.http().patch(`/v1/users/${tenant.userId}`).set(as(tenant)).send({ display_name: 'Poll Four' }).expect(200);
      await settleEvents(t);
      const polled = await t.http().get(`/v1/events?limit=2${mine}&cursor=${empty.body.pagination.next_cursor}`).set(asSuperadmin);
      expect(polled.body.data.map((e: EventBody) => e.changes?.display_name?.to)).toEqual(['Poll Four']);

      await settleEvents(t);

      const newestFirst = await t.http().get(`/v1/events?limit=10${mine}&sort=created_at:desc`).set(asSuperadmin);
      expect(newestFirst.body.data.map((e: EventBody) => e.id)).toEqual([...seen, polled.body.data[0].id].reverse());
      expect(newestFirst.body.pagination.next_cursor).toBeNull();
    });

    it('an empty feed still hands out a cursor to poll from', async () => {
      const tenant = await createTenant(t);
      await settleEvents(t);
      const page = await t.http().get(`/v1/events?account_id=${tenant.accountId}`).set(asSuperadmin);
      expect(page.body.data).toEqual([]);
      await t.http().patch(`/v1/users/${tenant.userId}`).set(as(tenant)).send({ display_name: 'First Event' }).expect(200);
      await settleEvents(t);
      const polled = await t.http().get(`/v1/events?account_id=${tenant.accountId}&cursor=${page.body.pagination.next_cursor}`).set(asSuperadmin);
      expect(polled.body.data.map((e: EventBody) => e.type)).toEqual(['user.updated']);
    });
  });

  describe('retention', () => {
    it('deletes events older than EVENTS_RETENTION_DAYS; a cursor from before the horizon is a 410', async () => {
      const tenant = await createTenant(t);
      const mine = `&account_id=${tenant.accountId}`;
      for (const name of ['Old One', 'Old Two']) {
        await t.http().patch(`/v1/users/${tenant.userId}`).set(as(tenant)).send({ display_name: name }).expect(200);
      }
      await settleEvents(t);
      const first = await t.http().get(`/v1/events?limit=1${mine}`).set(asSuperadmin);
      const staleCursor = first.body.pagination.prev_cursor ?? first.body.pagination.next_cursor;
      await settleEvents(t);
      const everythingOld = await t.http().get(`/v1/events?limit=1`).set(asSuperadmin);
      await t.dataSource.query(`UPDATE events SET created_at = now() - interval '100 days'`);
      await t.http().patch(`/v1/users/${tenant.userId}`).set(as(tenant)).send({ display_name: 'Recent' }).expect(200);

      const deleted = await t.app.get(EventRetentionService).purge();
      expect(deleted).toBeGreaterThan(0);
      const left = await events(asSuperadmin, mine);
      expect(left.map((e) => e.changes?.display_name?.to)).toEqual(['Recent']);

      for (const cursor of [staleCursor, everythingOld.body.pagination.next_cursor]) {
        await settleEvents(t);
        const gone = await t.http().get(`/v1/events?limit=1&cursor=${cursor}${cursor === staleCursor ? mine : ''}`).set(asSuperadmin);
        expect(gone.status).toBe(410);
        expect(gone.body.detail).toContain('retention');
      }
      expect(await t.app.get(EventRetentionService).purge()).toBe(0);
    });
  });
});

// Concurrency is a PostgreSQL server's matter: the embedded database is one session that runs
// transactions one at a time (and the app holds its only connection), so no transaction can commit
// behind another's back there, and a test holding one open would wait for itself. These cases are
// registered on PostgreSQL only; CI runs the suite on both.
(onPostgres ? describe : () => undefined)('events: the feed under concurrent writers (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('delivers an event whose transaction started first and committed last, after holding back later ones', async () => {
    const tenant = await createTenant(t);
    const mine = `/v1/events?account_id=${tenant.accountId}`;
    const start = await t.http().get(mine).set(asSuperadmin);
    let cursor: string = start.body.pagination.next_cursor;

    // T1 begins writing first...
    let commit!: () => void;
    let written!: () => void;
    const slowWritten = new Promise<void>((resolve) => (written = resolve));
    const slow = t.app.get(Sql).transaction(async (tx) => {
      await t.app.get(ChangeLog).created(tx, null, 'user', { id: tenant.user.id, accountId: tenant.account.id }, { marker: 'slow' });
      written();
      await new Promise<void>((resolve) => (commit = resolve));
    });
    await slowWritten;
    // ...T2 commits while T1 is still open...
    await t.http().patch(`/v1/users/${tenant.userId}`).set(as(tenant)).send({ display_name: 'Fast' }).expect(200);
    const meanwhile = await t.http().get(`${mine}&cursor=${cursor}`).set(asSuperadmin);
    expect(meanwhile.body.data).toEqual([]); // T2's event waits behind T1
    cursor = meanwhile.body.pagination.next_cursor;
    // ...then T1 commits: the reader gets both, T1's first, nothing skipped.
    commit();
    await slow;
    await settleEvents(t);
    const after = await t.http().get(`${mine}&cursor=${cursor}`).set(asSuperadmin);
    expect(after.body.data.map((e: EventBody) => e.data.marker ?? e.type)).toEqual(['slow', 'user.updated']);
  });

  it('a reader following next_cursor while 8 writers commit sees exactly the events in the table, once each, in a stable order', async () => {
    const tenants = await Promise.all(Array.from({ length: 4 }, () => createTenant(t)));
    const writers = 8;
    const until = Date.now() + 4000;
    let writes = 0;
    const writer = async (w: number) => {
      const tenant = tenants[w % tenants.length];
      let n = 0;
      while (Date.now() < until) {
        n++;
        const created = await t.http().post('/v1/users').set(as(tenant)).send({
          account_id: tenant.accountId,
          email: `w${w}-${n}@example.com`,
          display_name: `Writer ${w} ${n}`,
        });
        if (created.status !== 201) throw new Error(`create: ${created.status}`);
        await t.http().patch(`/v1/users/${created.body.id}`).set(as(tenant)).send({ display_name: `Renamed ${w} ${n}` });
        if (n % 3 === 0) await t.http().patch(`/v1/users/${created.body.id}`).set(as(tenant)).send({ deleted: true });
        writes++;
      }
    };
    const seen: string[] = [];
    let cursor = '';
    let writing = true;
    const reader = async () => {
      while (true) {
        const stillWriting = writing;
        if (!stillWriting) await settleEvents(t);
        const page = await t.http().get(`/v1/events?limit=50${cursor}`).set(asSuperadmin);
        expect(page.status).toBe(200);
        seen.push(...page.body.data.map((e: EventBody) => e.id));
        cursor = `&cursor=${page.body.pagination.next_cursor}`;
        if (!stillWriting && page.body.data.length === 0) return;
      }
    };
    const reading = reader();
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    writing = false;
    await reading;

    expect(writes).toBeGreaterThan(writers);
    const table: Array<{ id: string }> = await t.dataSource.query('SELECT id FROM events ORDER BY tx, seq');
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(table.map((row) => formatId('evt', row.id)));
  });

  it('a user create that waits on an account delete answers 404 and writes nothing (the statement share-locks the account)', async () => {
    const tenant = await createTenant(t);
    await t.http().get('/v1/users?limit=1').set(as(tenant)).expect(200); // the principal cached
    let deleteNow!: () => void;
    let locked!: () => void;
    const accountLocked = new Promise<void>((resolve) => (locked = resolve));
    // An account delete in progress: the account row locked FOR UPDATE, deleted only later.
    const deleting = t.app.get(Sql).transaction(async (tx) => {
      await tx.rows('SELECT id FROM accounts WHERE id = $1 FOR UPDATE', [tenant.account.id]);
      locked();
      await new Promise<void>((resolve) => (deleteNow = resolve));
      await tx.rows('UPDATE accounts SET deleted_at = now() WHERE id = $1', [tenant.account.id]);
    });
    await accountLocked;
    const create = t
      .http()
      .post('/v1/users')
      .set(as(tenant))
      .send({ account_id: tenant.accountId, email: 'too.late@example.com', display_name: 'Too Late' })
      .then((response) => response);
    // The create is waiting for the account's lock (a blocked backend of this database).
    const waiting = async () =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n;
    for (let i = 0; i < 100 && (await waiting()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await waiting()).toBe(1);
    deleteNow();
    await deleting;
    expect((await create).status).toBe(404);
    expect(await t.dataSource.query(`SELECT id FROM users WHERE email = 'too.late@example.com'`)).toEqual([]);
    await settleEvents(t);
    const trail = await t.dataSource.query(`SELECT id FROM events WHERE data->>'email' = 'too.late@example.com'`);
    expect(trail).toEqual([]);
  });
});
