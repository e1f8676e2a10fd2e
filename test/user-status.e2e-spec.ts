import { QueryFailedError } from 'typeorm';
import { SuperadminBootstrapService } from '../src/bootstrap/superadmin-bootstrap.service';
import { formatId } from '../src/common/ids';
import { UserStatus1764300000000 } from '../src/database/migrations/1764300000000-UserStatus';
import { User } from '../src/users/user.entity';
import { createAccount, createKey, createTenant, createUser, Tenant } from './helpers/factories';
import { as, asSuperadmin, Headers } from './helpers/headers';
import { capturingStdout } from './helpers/log-capture';
import { createTestApp, createTestAppsSharingADatabase, TestApp } from './helpers/test-app';

const SEED_USER_FIELDS = ['account_id', 'created_at', 'display_name', 'email', 'id', 'super_admin', 'updated_at'];

describe('User status', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    tenant = await createTenant(t);
  });

  const patch = (headers: Headers, userId: string, body: unknown) =>
    t.http().patch(`/v1/users/${userId}`).set(headers).send(body as object);
  const statusOf = async (userId: string) => (await t.http().get(`/v1/users/${userId}`).set(asSuperadmin)).body.status;
  const listWith = (key: string) => t.http().get('/v1/users').set(as(key));

  // A second regular user in the tenant's account, with a key of its own.
  const colleague = async () => {
    const user = await createUser(t, tenant.account.id);
    const { key } = await createKey(t, user);
    return { user, id: formatId('usr', user.id), key };
  };

  describe('in responses', () => {
    it('is active for a user created through the API, and shown by get and list', async () => {
      const created = await t
        .http()
        .post('/v1/users')
        .set(as(tenant))
        .send({ account_id: tenant.accountId, email: 'new@example.com', display_name: 'Newcomer' });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('active');
      expect((await t.http().get(`/v1/users/${created.body.id}`).set(as(tenant))).body.status).toBe('active');
      const listed = await t.http().get('/v1/users').set(as(tenant));
      expect(listed.body.data.map((u: { status: string }) => u.status)).toEqual(['active', 'active']);
    });

    it('is additive: a client of the seed’s shape reads the same fields and its updates leave status alone', async () => {
      const other = await colleague();
      await patch(as(tenant), other.id, { status: 'suspended' }).expect(200);

      const response = await patch(as(tenant), other.id, { email: 'renamed@example.com', display_name: 'Renamed', deleted: null });
      expect(response.status).toBe(200);
      for (const field of SEED_USER_FIELDS) expect(response.body).toHaveProperty(field);
      expect(typeof response.body.super_admin).toBe('boolean');
      expect(response.body).toMatchObject({ email: 'renamed@example.com', display_name: 'Renamed', status: 'suspended' });
      expect(await statusOf(other.id)).toBe('suspended');
    });
  });

  describe('PATCH /v1/users/{user_id} status', () => {
    it('lets a regular user suspend and reactivate a regular user of its own account', async () => {
      const other = await colleague();
      const suspended = await patch(as(tenant), other.id, { status: 'suspended' });
      expect(suspended.status).toBe(200);
      expect(suspended.body.status).toBe('suspended');
      expect(await statusOf(other.id)).toBe('suspended');
      const reactivated = await patch(as(tenant), other.id, { status: 'active' });
      expect(reactivated.status).toBe(200);
      expect(reactivated.body.status).toBe('active');
    });

    it('lets a superadmin set any status on a user of any account', async () => {
      for (const status of ['invited', 'suspended', 'active']) {
        const response = await patch(asSuperadmin, tenant.userId, { status });
        expect(response.status).toBe(200);
        expect(response.body.status).toBe(status);
      }
    });

    it('treats null and absent as unchanged, updated_at included', async () => {
      const other = await colleague();
      const before = (await patch(as(tenant), other.id, { status: 'invited' }).expect(200)).body;
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (const body of [{ status: null }, {}, { status: 'invited' }]) {
        const response = await patch(as(tenant), other.id, body);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(before);
      }
    });

    it('refuses a regular user another account’s user (403), and nothing changes', async () => {
      const stranger = await createTenant(t);
      const response = await patch(as(tenant), stranger.userId, { status: 'suspended' });
      expect(response.status).toBe(403);
      expect(await statusOf(stranger.userId)).toBe('active');
      expect((await listWith(stranger.key)).status).toBe(200);
    });

    it('refuses a regular user a superadmin of its own account (403), and nothing changes', async () => {
      const admin = await createUser(t, tenant.account.id, { superAdmin: true });
      const adminId = formatId('usr', admin.id);
      const response = await patch(as(tenant), adminId, { status: 'suspended' });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ detail: 'Only superadmins can modify a superadmin user' });
      expect(await statusOf(adminId)).toBe('active');
    });

    it.each(['suspended', 'invited'])('refuses a user setting its own status to %s (403), and nothing changes', async (status) => {
      const response = await patch(as(tenant), tenant.userId, { status });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ detail: `A user cannot set its own status to ${status}` });
      expect(await statusOf(tenant.userId)).toBe('active');
      expect((await listWith(tenant.key)).status).toBe(200);
    });

    it('refuses a superadmin suspending itself even when other superadmins remain (403)', async () => {
      const system = await createAccount(t);
      const admin = await createUser(t, system.id, { superAdmin: true });
      const { key } = await createKey(t, admin);
      const response = await patch(as(key), formatId('usr', admin.id), { status: 'suspended' });
      expect(response.status).toBe(403);
      expect(await statusOf(formatId('usr', admin.id))).toBe('active');
      // Setting itself active is no change at all.
      expect((await patch(as(key), formatId('usr', admin.id), { status: 'active' })).status).toBe(200);
    });

    it.each([['banned'], ['ACTIVE'], [''], [42], [true], [['active']], [{ value: 'active' }]])(
      'rejects status %j with a 422 at ["body", "status"], changing nothing',
      async (status) => {
        const other = await colleague();
        const response = await patch(as(tenant), other.id, { status, display_name: 'Not Applied' });
        expect(response.status).toBe(422);
        expect(response.body.detail).toEqual([{ loc: ['body', 'status'], msg: expect.any(String), type: 'enum' }]);
        const after = (await t.http().get(`/v1/users/${other.id}`).set(as(tenant))).body;
        expect(after).toMatchObject({ status: 'active', display_name: other.user.displayName });
      },
    );
  });

  describe('authentication', () => {
    it.each(['suspended', 'invited'])(
      'refuses every key of a user who is %s with 403 naming the state from the next request on; reactivating restores them',
      async (status) => {
        const other = await colleague();
        const { key: secondKey } = await createKey(t, other.user);
        expect((await listWith(other.key)).status).toBe(200);

        await patch(as(tenant), other.id, { status }).expect(200);
        for (const key of [other.key, secondKey]) {
          const refused = await listWith(key);
          expect(refused.status).toBe(403);
          expect(refused.body).toEqual({ detail: `User is ${status}` });
        }
        const write = await patch(as(other.key), other.id, { display_name: 'While Locked Out' });
        expect(write.status).toBe(403);
        expect((await t.http().get(`/v1/accounts/${tenant.accountId}`).set(as(other.key))).status).toBe(403);
        // Other users of the account are unaffected, and the keys themselves stay active.
        expect((await listWith(tenant.key)).status).toBe(200);
        const keys = await t.http().get(`/v1/api-keys?account_id=${tenant.accountId}`).set(asSuperadmin);
        const ownKeys = keys.body.data.filter((k: { user_id: string }) => k.user_id === other.id);
        expect(ownKeys.map((k: { status: string }) => k.status)).toEqual(['active', 'active']);

        await patch(as(tenant), other.id, { status: 'active' }).expect(200);
        for (const key of [other.key, secondKey]) expect((await listWith(key)).status).toBe(200);
        expect((await t.http().get(`/v1/users/${other.id}`).set(as(other.key))).body.display_name).toBe(other.user.displayName);
      },
    );

    it('refuses a suspended superadmin’s key too', async () => {
      const system = await createAccount(t);
      const admin = await createUser(t, system.id, { superAdmin: true });
      const { key } = await createKey(t, admin);
      expect((await listWith(key)).status).toBe(200);
      await patch(asSuperadmin, formatId('usr', admin.id), { status: 'suspended' }).expect(200);
      const refused = await listWith(key);
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({ detail: 'User is suspended' });
    });
  });

  describe('GET /v1/users?status=', () => {
    // The tenant's account: the tenant (active), two suspended, one invited, and a deleted suspended one.
    const seedStatuses = async () => {
      const users: Record<string, string[]> = { active: [tenant.userId], suspended: [], invited: [] };
      for (const status of ['suspended', 'suspended', 'invited'] as const) {
        const user = await createUser(t, tenant.account.id, { status });
        users[status].push(formatId('usr', user.id));
      }
      const deleted = await createUser(t, tenant.account.id, { status: 'suspended', deletedAt: new Date() });
      return { users, deletedId: formatId('usr', deleted.id) };
    };
    const ids = (response: { body: { data: Array<{ id: string }> } }) => response.body.data.map((u) => u.id).sort();

    it('lists only users with that status, never soft-deleted ones; without it, every status', async () => {
      const { users, deletedId } = await seedStatuses();
      for (const status of ['active', 'suspended', 'invited']) {
        const response = await t.http().get(`/v1/users?status=${status}`).set(as(tenant));
        expect(response.status).toBe(200);
        expect(ids(response)).toEqual([...users[status]].sort());
        expect(response.body.data.every((u: { status: string }) => u.status === status)).toBe(true);
      }
      const all = await t.http().get('/v1/users').set(as(tenant));
      expect(ids(all)).toEqual([...users.active, ...users.suspended, ...users.invited].sort());
      expect(ids(all)).not.toContain(deletedId);
    });

    it('stays within the caller’s scope: a superadmin filters across accounts or in one', async () => {
      const { users } = await seedStatuses();
      const elsewhere = await createTenant(t);
      const foreign = await createUser(t, elsewhere.account.id, { status: 'suspended' });
      const own = await t.http().get('/v1/users?status=suspended').set(as(tenant));
      expect(ids(own)).toEqual([...users.suspended].sort());

      const everywhere = await t.http().get('/v1/users?status=suspended&limit=100').set(asSuperadmin);
      expect(ids(everywhere)).toEqual(expect.arrayContaining([...users.suspended, formatId('usr', foreign.id)]));
      const oneAccount = await t.http().get(`/v1/users?status=suspended&account_id=${elsewhere.accountId}`).set(asSuperadmin);
      expect(ids(oneAccount)).toEqual([formatId('usr', foreign.id)]);
    });

    it('walks pages within the filter, and binds the cursor to it (400 with another status or none)', async () => {
      const suspended: string[] = [];
      for (let i = 0; i < 5; i++) suspended.push(formatId('usr', (await createUser(t, tenant.account.id, { status: 'suspended' })).id));
      await createUser(t, tenant.account.id, { status: 'invited' });

      const seen: string[] = [];
      let cursor: string | null = null;
      let firstCursor: string | null = null;
      do {
        const query: string = `/v1/users?status=suspended&limit=2&sort=email:asc${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await t.http().get(query).set(as(tenant));
        expect(page.status).toBe(200);
        seen.push(...page.body.data.map((u: { id: string }) => u.id));
        cursor = page.body.pagination.next_cursor ?? null;
        firstCursor ??= cursor;
      } while (cursor);
      expect(seen.sort()).toEqual(suspended.sort());

      for (const other of ['&status=active', '&status=invited', '']) {
        const mismatched = await t.http().get(`/v1/users?limit=2&sort=email:asc${other}&cursor=${firstCursor}`).set(as(tenant));
        expect(mismatched.status).toBe(400);
        expect(mismatched.body).toEqual({ detail: 'Cursor does not match the sort or filters of this request' });
      }
    });

    it.each(['banned', 'Active', '', 'active&status=suspended'])('rejects status=%s with a 422 at ["query", "status"]', async (value) => {
      const response = await t.http().get(`/v1/users?status=${value}`).set(as(tenant));
      expect(response.status).toBe(422);
      expect(response.body.detail).toEqual([{ loc: ['query', 'status'], msg: expect.any(String), type: 'enum' }]);
    });
  });

  describe('audit trail', () => {
    interface EventBody {
      type: string;
      changes: Record<string, { from: unknown; to: unknown }> | null;
      data: Record<string, unknown>;
    }
    // The feed shows an event once every transaction that began before it has ended (on PostgreSQL,
    // other test files' too): poll until `count` events about the resource are visible.
    const eventsAbout = async (resourceId: string, count: number): Promise<EventBody[]> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const response = await t.http().get(`/v1/events?limit=100&resource_id=${resourceId}`).set(asSuperadmin);
        expect(response.status).toBe(200);
        if (response.body.data.length >= count || Date.now() >= deadline) return response.body.data;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    it('records a status change as user.updated with changes.status, and users are created active in it', async () => {
      const created = await t
        .http()
        .post('/v1/users')
        .set(as(tenant))
        .send({ account_id: tenant.accountId, email: 'audited@example.com', display_name: 'Audited' });
      await patch(as(tenant), created.body.id, { status: 'suspended' }).expect(200);
      await patch(as(tenant), created.body.id, { status: 'suspended' }).expect(200);
      await patch(as(tenant), created.body.id, { status: 'active', display_name: 'Audited Again' }).expect(200);

      const trail = await eventsAbout(created.body.id, 3);
      expect(trail.map((e) => e.type)).toEqual(['user.created', 'user.updated', 'user.updated']);
      expect(trail[0].data.status).toBe('active');
      expect(trail[1].changes).toEqual({ status: { from: 'active', to: 'suspended' } });
      expect(trail[1].data.status).toBe('suspended');
      expect(trail[2].changes).toEqual({
        status: { from: 'suspended', to: 'active' },
        display_name: { from: 'Audited', to: 'Audited Again' },
      });
    });

    it('shows the bootstrap superadmin created active', async () => {
      const [{ id }] = await t.dataSource.query(`SELECT id FROM users WHERE super_admin ORDER BY created_at LIMIT 1`);
      const [created] = await eventsAbout(formatId('usr', id), 1);
      expect(created).toMatchObject({ type: 'user.created', data: { status: 'active', super_admin: true } });
    });
  });

  it('the migration makes existing users active, refuses unknown statuses, and reverts cleanly', async () => {
    const existing = await createUser(t, tenant.account.id, { status: 'suspended' });
    const migration = new UserStatus1764300000000();
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      expect(await runner.hasColumn('users', 'status')).toBe(false);
      const [{ id: legacy }] = await runner.query(
        `INSERT INTO users (account_id, email, display_name) VALUES ($1, 'legacy@example.com', 'Legacy') RETURNING id`,
        [tenant.account.id],
      );
      await migration.up(runner);
      const rows: Array<{ id: string; status: string }> = await runner.query(
        'SELECT id, status FROM users WHERE id = ANY($1::uuid[])',
        [[existing.id, legacy]],
      );
      expect(rows.map((r) => r.status)).toEqual(['active', 'active']);
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    const refused = await t.dataSource
      .query(`UPDATE users SET status = 'banned' WHERE id = $1`, [existing.id])
      .then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(QueryFailedError);
    expect((refused as QueryFailedError & { driverError: { constraint: string } }).driverError.constraint).toBe('ck_users_status');
  });
});

// Its own app: these tests change who the active superadmins are.
describe('the last active superadmin', () => {
  let t: TestApp;
  let systemAccountId: string;
  let bootstrapId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const [row] = await t.dataSource.query('SELECT id, account_id FROM users WHERE super_admin');
    bootstrapId = formatId('usr', row.id);
    systemAccountId = formatId('acc', row.account_id);
  });
  afterAll(async () => {
    await t.close();
  });

  const patchUser = (headers: Headers, userId: string, body: object) => t.http().patch(`/v1/users/${userId}`).set(headers).send(body);
  const activeSuperadmins = async (): Promise<number> =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE super_admin AND deleted_at IS NULL AND status = 'active'`))[0].n;

  // Another superadmin, in an active account of its own.
  const secondSuperadmin = async (status: User['status']) => {
    const account = await createAccount(t);
    const user = await createUser(t, account.id, { superAdmin: true, status });
    const { key } = await createKey(t, user);
    return { user, id: formatId('usr', user.id), key, accountId: formatId('acc', account.id) };
  };

  it.each(['suspended', 'invited'] as const)(
    'does not count a superadmin who is %s: demoting, deleting or suspending the account of the last active one is a 409',
    async (status) => {
      const other = await secondSuperadmin(status);
      const demote = await patchUser(asSuperadmin, bootstrapId, { super_admin: false });
      expect(demote.status).toBe(409);
      expect(demote.body).toEqual({ detail: 'The last active superadmin cannot be demoted, deleted or made inactive' });
      expect((await patchUser(asSuperadmin, bootstrapId, { deleted: true })).status).toBe(409);
      const suspendAccount = await t.http().patch(`/v1/accounts/${systemAccountId}`).set(asSuperadmin).send({ status: 'suspended' });
      expect(suspendAccount.status).toBe(409);
      expect(await activeSuperadmins()).toBe(1);

      // Once the other one is active again, it counts.
      await patchUser(asSuperadmin, other.id, { status: 'active' }).expect(200);
      const suspended = await patchUser(as(other.key), bootstrapId, { status: 'suspended' });
      expect(suspended.status).toBe(200);
      expect((await t.http().get('/v1/users').set(asSuperadmin)).body).toEqual({ detail: 'User is suspended' });
      await patchUser(as(other.key), bootstrapId, { status: 'active' }).expect(200);
      await patchUser(asSuperadmin, other.id, { deleted: true }).expect(200);
      expect(await activeSuperadmins()).toBe(1);
    },
  );

  it.each(['suspended', 'invited'])('cannot set itself %s: a 409, before the rule that nobody locks itself out', async (status) => {
    const response = await patchUser(asSuperadmin, bootstrapId, { status });
    expect(response.status).toBe(409);
    expect(response.body).toEqual({ detail: 'The last active superadmin cannot be demoted, deleted or made inactive' });
    expect(await activeSuperadmins()).toBe(1);
    expect((await t.http().get('/v1/users').set(asSuperadmin)).status).toBe(200);
  });

  it('keeps one active superadmin when two suspend each other at the same moment', async () => {
    const other = await secondSuperadmin('active');
    const responses = await Promise.all([
      patchUser(asSuperadmin, other.id, { status: 'suspended' }),
      patchUser(as(other.key), bootstrapId, { status: 'suspended' }),
    ]);
    // The second one is refused: with 409 when it passed authentication before the first committed,
    // with 403 ("User is suspended") when its caller had already been suspended.
    const [winner, loser] = [...responses].sort((a, b) => a.status - b.status);
    expect(winner.status).toBe(200);
    expect([403, 409]).toContain(loser.status);
    expect(await activeSuperadmins()).toBe(1);

    // Leave the bootstrap superadmin as the only one again.
    const [{ status }] = await t.dataSource.query(`SELECT status FROM users WHERE id = $1`, [other.user.id]);
    if (status === 'active') {
      await patchUser(as(other.key), bootstrapId, { status: 'active' }).expect(200);
    }
    await patchUser(asSuperadmin, other.id, { deleted: true }).expect(200);
    expect(await activeSuperadmins()).toBe(1);
  });

  it('bootstrap creates no new superadmin while a suspended one exists (it runs only when none is live)', async () => {
    await t.dataSource.query(`UPDATE users SET status = 'suspended' WHERE super_admin`);
    try {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM users');
      const { printed } = await capturingStdout(() => t.app.get(SuperadminBootstrapService).onApplicationBootstrap());
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM users')).toEqual(before);
      expect(printed).toBe('');
    } finally {
      await t.dataSource.query(`UPDATE users SET status = 'active' WHERE super_admin`);
    }
    expect((await t.http().get('/v1/users').set(asSuperadmin)).status).toBe(200);
  });
});

// Instances cache authenticated principals briefly; a status change invalidates them like a
// deletion does (at once on the changing instance, by NOTIFY or at most the cache TTL elsewhere).
describe('a status change and other instances on the same database', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    [first, second] = await createTestAppsSharingADatabase(2);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  // The first status the other instance answers with, polling for at most two seconds.
  const statusWithin2s = async (app: TestApp, key: string, expected: number): Promise<{ status: number; body: unknown }> => {
    const deadline = Date.now() + 2000;
    for (;;) {
      const response = await app.http().get('/v1/users').set(as(key));
      if (response.status === expected || Date.now() >= deadline) return { status: response.status, body: response.body };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('a user suspended on one instance is refused by the other within 2 s, and accepted again after reactivation', async () => {
    const tenant = await createTenant(first);
    const user = await createUser(first, tenant.account.id);
    const { key } = await createKey(first, user);
    const userId = formatId('usr', user.id);
    // Both instances have the principal cached.
    expect((await second.http().get('/v1/users').set(as(key))).status).toBe(200);
    expect((await first.http().get('/v1/users').set(as(key))).status).toBe(200);

    await first.http().patch(`/v1/users/${userId}`).set(as(tenant)).send({ status: 'suspended' }).expect(200);
    expect((await first.http().get('/v1/users').set(as(key))).status).toBe(403);
    expect(await statusWithin2s(second, key, 403)).toEqual({ status: 403, body: { detail: 'User is suspended' } });

    await first.http().patch(`/v1/users/${userId}`).set(as(tenant)).send({ status: 'active' }).expect(200);
    expect((await first.http().get('/v1/users').set(as(key))).status).toBe(200);
    expect((await statusWithin2s(second, key, 200)).status).toBe(200);
  });
});
