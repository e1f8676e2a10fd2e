import { formatId } from '../src/common/ids';
import { createAccount, createKey, createTenant, createUser, Tenant } from './helpers/factories';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

describe('Users API', () => {
  let t: TestApp;
  let tenant: Tenant;
  const asSuperadmin = () => ({ 'leadr-api-key': SUPERADMIN_KEY });
  const as = (who: Tenant) => ({ 'leadr-api-key': who.key });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    tenant = await createTenant(t);
  });

  const createUserViaApi = (headers: Record<string, string>, body: object, query = '') =>
    t.http().post(`/v1/users${query}`).set(headers).send(body);

  describe('POST /v1/users', () => {
    it('creates a user in the caller’s own account and returns the contract’s shape', async () => {
      const response = await createUserViaApi(as(tenant), {
        account_id: tenant.accountId,
        email: 'ada@example.com',
        display_name: '  Ada Lovelace  ',
      });
      expect(response.status).toBe(201);
      expect(Object.keys(response.body).sort()).toEqual(
        ['account_id', 'created_at', 'display_name', 'email', 'id', 'role', 'status', 'super_admin', 'updated_at'].sort(),
      );
      expect(response.body).toMatchObject({
        account_id: tenant.accountId,
        email: 'ada@example.com',
        display_name: 'Ada Lovelace',
        super_admin: false,
        status: 'active',
      });
      expect(response.body.id).toMatch(/^usr_[0-9a-f-]{36}$/);
      expect(response.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(response.body.updated_at).toBe(response.body.created_at);

      const fetched = await t.http().get(`/v1/users/${response.body.id}`).set(as(tenant));
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(response.body);
    });

    it('lets a superadmin create in any account', async () => {
      const response = await createUserViaApi(asSuperadmin(), {
        account_id: tenant.accountId,
        email: 'grace@example.com',
        display_name: 'Grace',
      });
      expect(response.status).toBe(201);
      expect(response.body.account_id).toBe(tenant.accountId);
    });

    it('refuses a regular user creating in another account (403), writing nothing', async () => {
      const other = await createTenant(t);
      const response = await createUserViaApi(as(tenant), {
        account_id: other.accountId,
        email: 'intruder@example.com',
        display_name: 'Intruder',
      });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ detail: expect.any(String) });
      const list = await t.http().get('/v1/users').set(as(other));
      expect(list.body.data.map((u: { email: string }) => u.email)).not.toContain('intruder@example.com');
    });

    it('answers 404 for an unknown or deleted account', async () => {
      const unknown = await createUserViaApi(asSuperadmin(), {
        account_id: formatId('acc', MISSING_UUID),
        email: 'x@example.com',
        display_name: 'Nobody',
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ detail: 'Account not found' });

      const deleted = await createAccount(t, { deletedAt: new Date() });
      const response = await createUserViaApi(asSuperadmin(), {
        account_id: formatId('acc', deleted.id),
        email: 'x@example.com',
        display_name: 'Nobody',
      });
      expect(response.status).toBe(404);
    });

    it('rejects a duplicate email in the same account, case-insensitively (409)', async () => {
      const body = { account_id: tenant.accountId, email: 'dup@example.com', display_name: 'First' };
      expect((await createUserViaApi(as(tenant), body)).status).toBe(201);
      const again = await createUserViaApi(as(tenant), { ...body, email: 'DUP@Example.com', display_name: 'Second' });
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ detail: 'A user with this email already exists in this account' });
    });

    it('allows the same email in another account and after the first user is deleted', async () => {
      const other = await createTenant(t);
      const body = { email: 'shared@example.com', display_name: 'Shared' };
      const first = await createUserViaApi(as(tenant), { ...body, account_id: tenant.accountId });
      expect(first.status).toBe(201);
      expect((await createUserViaApi(as(other), { ...body, account_id: other.accountId })).status).toBe(201);

      await t.http().patch(`/v1/users/${first.body.id}`).set(as(tenant)).send({ deleted: true }).expect(200);
      const reused = await createUserViaApi(as(tenant), { ...body, account_id: tenant.accountId });
      expect(reused.status).toBe(201);
      expect(reused.body.id).not.toBe(first.body.id);
    });

    it('gives exactly one 201 when the same email is created in parallel; the rest are 409', async () => {
      const body = { account_id: tenant.accountId, email: 'race@example.com', display_name: 'Racer' };
      const responses = await Promise.all(Array.from({ length: 8 }, () => createUserViaApi(as(tenant), body)));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      const list = await t.http().get('/v1/users').set(as(tenant));
      expect(list.body.data.filter((u: { email: string }) => u.email === 'race@example.com')).toHaveLength(1);
    });

    it('requires a query account_id, when given, to equal the body’s (400)', async () => {
      const other = await createTenant(t);
      const body = { account_id: tenant.accountId, email: 'q@example.com', display_name: 'Query' };
      const mismatch = await createUserViaApi(asSuperadmin(), body, `?account_id=${other.accountId}`);
      expect(mismatch.status).toBe(400);
      const match = await createUserViaApi(asSuperadmin(), body, `?account_id=${tenant.accountId}`);
      expect(match.status).toBe(201);
    });

    const OWN = 'own-account';
    it.each([
      [{ email: 'a@example.com', display_name: 'Ab' }, ['body', 'account_id'], 'missing'],
      [{ account_id: 'acc_123', email: 'a@example.com', display_name: 'Ab' }, ['body', 'account_id'], 'value_error'],
      [{ account_id: 'ACCOUNT', email: 'a@example.com', display_name: 'Ab' }, ['body', 'account_id'], 'value_error'],
      [{ account_id: null, email: 'a@example.com', display_name: 'Ab' }, ['body', 'account_id'], 'missing'],
      [{ account_id: OWN, email: 'not-an-email', display_name: 'Ab' }, ['body', 'email'], 'value_error'],
      [{ account_id: OWN, email: 42, display_name: 'Ab' }, ['body', 'email'], 'string_type'],
      [{ account_id: OWN, display_name: 'Ab' }, ['body', 'email'], 'missing'],
      [{ account_id: OWN, email: 'a@example.com', display_name: ' A ' }, ['body', 'display_name'], 'string_too_short'],
      [{ account_id: OWN, email: 'a@example.com', display_name: 'x'.repeat(101) }, ['body', 'display_name'], 'string_too_long'],
      [{ account_id: OWN, email: 'a@example.com', display_name: ['Ab'] }, ['body', 'display_name'], 'string_type'],
    ])('rejects %j with a 422 at %j', async (body, loc, type) => {
      const response = await createUserViaApi(as(tenant), {
        ...body,
        ...((body as { account_id?: unknown }).account_id === OWN && { account_id: tenant.accountId }),
      });
      expect(response.status).toBe(422);
      expect(response.body.detail).toEqual(
        expect.arrayContaining([{ loc, msg: expect.any(String), type }]),
      );
    });

    it('ignores unknown fields, including super_admin, as pydantic does', async () => {
      const response = await createUserViaApi(as(tenant), {
        account_id: tenant.accountId,
        email: 'strip@example.com',
        display_name: 'Stripped',
        super_admin: true,
        id: 'usr_00000000-0000-4000-8000-000000000000',
      });
      expect(response.status).toBe(201);
      expect(response.body.super_admin).toBe(false);
      expect(response.body.id).not.toBe('usr_00000000-0000-4000-8000-000000000000');
    });
  });

  describe('GET /v1/users/{user_id}', () => {
    it('returns 404 for an unknown and for a soft-deleted user', async () => {
      const unknown = await t.http().get(`/v1/users/${formatId('usr', MISSING_UUID)}`).set(asSuperadmin());
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ detail: 'User not found' });
      const deleted = await createUser(t, tenant.account.id, { deletedAt: new Date() });
      const response = await t.http().get(`/v1/users/${formatId('usr', deleted.id)}`).set(asSuperadmin());
      expect(response.status).toBe(404);
    });

    it('answers 403 to a regular user asking for another account’s user', async () => {
      const other = await createTenant(t);
      const response = await t.http().get(`/v1/users/${other.userId}`).set(as(tenant));
      expect(response.status).toBe(403);
    });

    it('accepts uppercase hex in ids', async () => {
      const response = await t.http().get(`/v1/users/${tenant.userId.toUpperCase().replace('USR_', 'usr_')}`).set(as(tenant));
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(tenant.userId);
    });

    it.each(['usr_123', 'acc_' + MISSING_UUID, MISSING_UUID, 'usr_' + MISSING_UUID + 'x'])(
      'rejects the malformed id %s with 422 on the path',
      async (id) => {
        const response = await t.http().get(`/v1/users/${id}`).set(asSuperadmin());
        expect(response.status).toBe(422);
        expect(response.body.detail[0].loc).toEqual(['path', 'user_id']);
      },
    );

    it('narrows by the account_id query parameter', async () => {
      const other = await createTenant(t);
      const wrong = await t.http().get(`/v1/users/${tenant.userId}?account_id=${other.accountId}`).set(asSuperadmin());
      expect(wrong.status).toBe(404);
      const right = await t.http().get(`/v1/users/${tenant.userId}?account_id=${tenant.accountId}`).set(asSuperadmin());
      expect(right.status).toBe(200);
      const bad = await t.http().get(`/v1/users/${tenant.userId}?account_id=nope`).set(asSuperadmin());
      expect(bad.status).toBe(422);
      expect(bad.body.detail[0].loc).toEqual(['query', 'account_id']);
    });
  });

  describe('PATCH /v1/users/{user_id}', () => {
    const patch = (headers: Record<string, string>, userId: string, body: unknown) =>
      t.http().patch(`/v1/users/${userId}`).set(headers).send(body as object);

    it('changes only the fields sent and advances updated_at', async () => {
      const before = (await t.http().get(`/v1/users/${tenant.userId}`).set(as(tenant))).body;
      await new Promise((resolve) => setTimeout(resolve, 5));
      const response = await patch(as(tenant), tenant.userId, { display_name: 'Renamed' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...before, display_name: 'Renamed', updated_at: expect.any(String) });
      expect(Date.parse(response.body.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
      const after = await t.http().get(`/v1/users/${tenant.userId}`).set(as(tenant));
      expect(after.body).toEqual(response.body);
    });

    it('changes the email, and refuses one another live user in the account has (409)', async () => {
      const other = await createUser(t, tenant.account.id, { email: 'taken@example.com' });
      const conflict = await patch(as(tenant), tenant.userId, { email: 'TAKEN@example.com' });
      expect(conflict.status).toBe(409);
      const ok = await patch(as(tenant), tenant.userId, { email: 'fresh@example.com' });
      expect(ok.status).toBe(200);
      expect(ok.body.email).toBe('fresh@example.com');
      expect(other.email).toBe('taken@example.com');
    });

    it('treats an empty body, nulls and unchanged values as no change, updated_at included', async () => {
      const before = (await t.http().get(`/v1/users/${tenant.userId}`).set(as(tenant))).body;
      await new Promise((resolve) => setTimeout(resolve, 5));
      for (const body of [{}, { email: null, display_name: null, deleted: null }, { display_name: before.display_name }, { deleted: false }]) {
        const response = await patch(as(tenant), tenant.userId, body);
        expect(response.status).toBe(200);
        expect(response.body).toEqual(before);
      }
    });

    it('soft-deletes: then 404 on get and patch, absent from lists, and its API keys stop working', async () => {
      const victim = await createUser(t, tenant.account.id);
      const { key: victimKey } = await createKey(t, victim);
      const victimId = formatId('usr', victim.id);
      expect((await t.http().get('/v1/users').set({ 'leadr-api-key': victimKey })).status).toBe(200);

      const response = await patch(as(tenant), victimId, { deleted: true });
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(victimId);

      expect((await t.http().get(`/v1/users/${victimId}`).set(as(tenant))).status).toBe(404);
      expect((await patch(as(tenant), victimId, { display_name: 'Ghost' })).status).toBe(404);
      const list = await t.http().get('/v1/users').set(as(tenant));
      expect(list.body.data.map((u: { id: string }) => u.id)).not.toContain(victimId);
      const withKey = await t.http().get('/v1/users').set({ 'leadr-api-key': victimKey });
      expect(withKey.status).toBe(401);
    });

    it('lets only superadmins change super_admin (403 otherwise, nothing changes)', async () => {
      const denied = await patch(as(tenant), tenant.userId, { super_admin: true, display_name: 'Sneaky' });
      expect(denied.status).toBe(403);
      const unchanged = await t.http().get(`/v1/users/${tenant.userId}`).set(as(tenant));
      expect(unchanged.body.super_admin).toBe(false);
      expect(unchanged.body.display_name).toBe(tenant.user.displayName);

      const promoted = await patch(asSuperadmin(), tenant.userId, { super_admin: true });
      expect(promoted.status).toBe(200);
      expect(promoted.body.super_admin).toBe(true);
    });

    it('does not let a regular user modify or delete a superadmin of its own account (403)', async () => {
      const admin = await createUser(t, tenant.account.id, { superAdmin: true });
      const adminId = formatId('usr', admin.id);
      expect((await patch(as(tenant), adminId, { display_name: 'Hijacked' })).status).toBe(403);
      expect((await patch(as(tenant), adminId, { deleted: true })).status).toBe(403);
      const still = await t.http().get(`/v1/users/${adminId}`).set(asSuperadmin());
      expect(still.body.display_name).toBe(admin.displayName);
    });

    it.each([
      [{ email: 'nope' }, ['body', 'email']],
      [{ display_name: 'x' }, ['body', 'display_name']],
      [{ super_admin: 'yes' }, ['body', 'super_admin']],
      [{ deleted: 1 }, ['body', 'deleted']],
    ])('rejects %j with 422', async (body, loc) => {
      const response = await patch(as(tenant), tenant.userId, body);
      expect(response.status).toBe(422);
      expect(response.body.detail[0].loc).toEqual(loc);
    });
  });
});

describe('the last superadmin', () => {
  let t: TestApp;
  const asSuperadmin = { 'leadr-api-key': SUPERADMIN_KEY };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const bootstrapSuperadminId = async () => {
    const list = await t.http().get('/v1/users?sort=created_at:asc&limit=1').set(asSuperadmin);
    return list.body.data[0].id as string;
  };

  it('can be neither demoted nor deleted (409)', async () => {
    const id = await bootstrapSuperadminId();
    const demote = await t.http().patch(`/v1/users/${id}`).set(asSuperadmin).send({ super_admin: false });
    expect(demote.status).toBe(409);
    const remove = await t.http().patch(`/v1/users/${id}`).set(asSuperadmin).send({ deleted: true });
    expect(remove.status).toBe(409);
    const still = await t.http().get(`/v1/users/${id}`).set(asSuperadmin);
    expect(still.body.super_admin).toBe(true);
  });

  it('keeps one superadmin when two are demoted at the same moment', async () => {
    const first = await bootstrapSuperadminId();
    const second = await createUser(t, (await t.dataSource.query('SELECT account_id FROM users LIMIT 1'))[0].account_id, {
      superAdmin: true,
    });
    const secondId = formatId('usr', second.id);
    const { key: secondKey } = await createKey(t, second);
    const responses = await Promise.all([
      t.http().patch(`/v1/users/${first}`).set(asSuperadmin).send({ super_admin: false }),
      t.http().patch(`/v1/users/${secondId}`).set({ 'leadr-api-key': secondKey }).send({ deleted: true }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const [{ count }] = await t.dataSource.query(
      'SELECT count(*)::int AS count FROM users WHERE super_admin AND deleted_at IS NULL',
    );
    expect(count).toBe(1);
  });
});
