import { formatId } from '../src/common/ids';
import { createKey, createTenant, createUser, Tenant } from './helpers/factories';
import { as, asSuperadmin } from './helpers/headers';
import { createTestApp, createTestAppsSharingADatabase, TestApp } from './helpers/test-app';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';
const API_KEY_RESPONSE_FIELDS = [
  'account_id',
  'created_at',
  'created_by_key_id',
  'created_by_user_id',
  'expires_at',
  'id',
  'last_used_at',
  'max_role',
  'name',
  'prefix',
  'scopes',
  'status',
  'updated_at',
  'user_id',
];

describe('API keys API', () => {
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

  const createKeyViaApi = (headers: Record<string, string>, body: object) =>
    t.http().post('/v1/api-keys').set(headers).send(body);

  describe('POST /v1/api-keys', () => {
    it('returns the plain key once, with its prefix; the key works and is stored only as a hash', async () => {
      const response = await createKeyViaApi(as(tenant), {
        account_id: tenant.accountId,
        user_id: tenant.userId,
        name: 'Production Server',
      });
      expect(response.status).toBe(201);
      expect(Object.keys(response.body).sort()).toEqual(
        ['created_at', 'expires_at', 'id', 'key', 'name', 'prefix', 'scopes', 'status'].sort(),
      );
      const { id, key, prefix } = response.body;
      expect(id).toMatch(/^key_[0-9a-f-]{36}$/);
      expect(key).toMatch(/^ldr_[A-Za-z0-9_-]{43}$/);
      expect(prefix).toBe(key.slice(0, 8));
      expect(response.body).toMatchObject({ name: 'Production Server', status: 'active', expires_at: null });

      const withNewKey = await t.http().get('/v1/users').set(as(key));
      expect(withNewKey.status).toBe(200);

      const stored = await t.dataSource.query('SELECT * FROM api_keys WHERE id = $1', [id.slice(4)]);
      expect(JSON.stringify(stored)).not.toContain(key);
      expect(stored[0].key_hash).toMatch(/^[0-9a-f]{64}$/);

      const fetched = await t.http().get(`/v1/api-keys/${id}`).set(as(tenant));
      expect(fetched.status).toBe(200);
      expect(Object.keys(fetched.body).sort()).toEqual(API_KEY_RESPONSE_FIELDS);
      expect(JSON.stringify(fetched.body)).not.toContain(key);
      expect(JSON.stringify(fetched.body)).not.toContain(stored[0].key_hash);
    });

    it('requires a query account_id, when given, to equal the body’s (400), as for users', async () => {
      const other = await createTenant(t);
      const body = { account_id: tenant.accountId, user_id: tenant.userId, name: 'Query' };
      const mismatch = await t.http().post(`/v1/api-keys?account_id=${other.accountId}`).set(asSuperadmin).send(body);
      expect(mismatch.status).toBe(400);
      expect(mismatch.body).toEqual({ detail: 'account_id in the query does not match account_id in the body' });
      const match = await t.http().post(`/v1/api-keys?account_id=${tenant.accountId}`).set(asSuperadmin).send(body);
      expect(match.status).toBe(201);
      const malformed = await t.http().post('/v1/api-keys?account_id=nope').set(asSuperadmin).send(body);
      expect(malformed.status).toBe(422);
      expect(malformed.body.detail[0].loc).toEqual(['query', 'account_id']);
    });

    it('sets expires_at, and refuses one in the past (422)', async () => {
      const future = new Date(Date.now() + 86_400_000).toISOString();
      const ok = await createKeyViaApi(as(tenant), { account_id: tenant.accountId, user_id: tenant.userId, name: 'Temp', expires_at: future });
      expect(ok.status).toBe(201);
      expect(ok.body.expires_at).toBe(future);

      for (const expires_at of [new Date(Date.now() - 60_000).toISOString(), 'tomorrow', '2026-13-01T00:00:00Z', 42]) {
        const past = await createKeyViaApi(as(tenant), { account_id: tenant.accountId, user_id: tenant.userId, name: 'Old', expires_at });
        expect(past.status).toBe(422);
        expect(past.body.detail[0].loc).toEqual(['body', 'expires_at']);
      }
    });

    it('requires a live user of that account (404 otherwise)', async () => {
      const other = await createTenant(t);
      const ghost = await createUser(t, tenant.account.id, { deletedAt: new Date() });
      for (const user_id of [other.userId, formatId('usr', ghost.id), formatId('usr', MISSING_UUID)]) {
        const response = await createKeyViaApi(asSuperadmin, { account_id: tenant.accountId, user_id, name: 'Nope' });
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ detail: 'User not found' });
      }
      const noAccount = await createKeyViaApi(asSuperadmin, {
        account_id: formatId('acc', MISSING_UUID),
        user_id: tenant.userId,
        name: 'Nope',
      });
      expect(noAccount.status).toBe(404);
    });

    it('lets regular users mint keys only in their own account (403)', async () => {
      const other = await createTenant(t);
      const response = await createKeyViaApi(as(tenant), { account_id: other.accountId, user_id: other.userId, name: 'Steal' });
      expect(response.status).toBe(403);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM api_keys WHERE user_id = $1', [other.user.id]);
      expect(n).toBe(1);
    });

    it('never lets a regular user mint a key for a superadmin user (403); a superadmin may', async () => {
      const admin = await createUser(t, tenant.account.id, { superAdmin: true });
      const body = { account_id: tenant.accountId, user_id: formatId('usr', admin.id), name: 'Escalate' };
      expect((await createKeyViaApi(as(tenant), body)).status).toBe(403);
      expect((await createKeyViaApi(asSuperadmin, body)).status).toBe(201);
    });

    it('records who minted a key and its max_role', async () => {
      const colleague = await createUser(t, tenant.account.id);
      const body = { account_id: tenant.accountId, user_id: formatId('usr', colleague.id), name: 'Colleague key' };
      const byRegular = await createKeyViaApi(as(tenant), body);
      const byRegularShown = await t.http().get(`/v1/api-keys/${byRegular.body.id}`).set(asSuperadmin);
      const [tenantKey] = await t.dataSource.query('SELECT id FROM api_keys WHERE user_id = $1', [tenant.user.id]);
      expect(byRegularShown.body).toMatchObject({
        max_role: 'user',
        created_by_key_id: formatId('key', tenantKey.id),
        created_by_user_id: tenant.userId,
      });
      const bySuperadmin = await createKeyViaApi(asSuperadmin, body);
      const bySuperadminShown = await t.http().get(`/v1/api-keys/${bySuperadmin.body.id}`).set(asSuperadmin);
      expect(bySuperadminShown.body.max_role).toBe('superadmin');
      expect(bySuperadminShown.body.created_by_user_id).toMatch(/^usr_/);
      const bootstrapKey = await t.http().get('/v1/api-keys?limit=1&sort=created_at:asc').set(asSuperadmin);
      expect(bootstrapKey.body.data[0]).toMatchObject({ max_role: 'superadmin', created_by_key_id: null, created_by_user_id: null });
    });

    // The sequence a security review tried: a regular user mints a key for a regular colleague,
    // a superadmin later promotes the colleague. The key must not become a superadmin key.
    it('a key minted by a regular user never gains superadmin rights when its owner is promoted', async () => {
      const colleague = await createUser(t, tenant.account.id);
      const colleagueId = formatId('usr', colleague.id);
      const minted = await createKeyViaApi(as(tenant), { account_id: tenant.accountId, user_id: colleagueId, name: 'For a colleague' });
      expect(minted.status).toBe(201);
      const heldKey = minted.body.key as string;
      const promote = (value: boolean) =>
        t.http().patch(`/v1/users/${colleagueId}`).set(asSuperadmin).send({ super_admin: value }).expect(200);
      await promote(true);

      const other = await createTenant(t);
      expect((await t.http().get(`/v1/users?account_id=${other.accountId}`).set(as(heldKey))).status).toBe(403);
      expect((await t.http().get(`/v1/users/${other.userId}`).set(as(heldKey))).status).toBe(403);
      const everyone = await t.http().get('/v1/users?limit=100').set(as(heldKey));
      expect(everyone.status).toBe(200);
      expect(everyone.body.data.every((u: { account_id: string }) => u.account_id === tenant.accountId)).toBe(true);
      const bootstrapUser = (await t.http().get('/v1/users?limit=1&sort=created_at:asc').set(asSuperadmin)).body.data[0];
      const forSuperadmin = await createKeyViaApi(as(heldKey), {
        account_id: bootstrapUser.account_id,
        user_id: bootstrapUser.id,
        name: 'Escalate',
      });
      expect(forSuperadmin.status).toBe(403);
      expect((await createKeyViaApi(as(heldKey), { account_id: other.accountId, user_id: other.userId, name: 'x' })).status).toBe(403);
      // Not even its (now superadmin) owner's own record can be changed with it.
      expect((await t.http().patch(`/v1/users/${colleagueId}`).set(as(heldKey)).send({ display_name: 'Me' })).status).toBe(403);

      await promote(false);
      expect((await t.http().get(`/v1/users?account_id=${other.accountId}`).set(as(heldKey))).status).toBe(403);
      expect((await t.http().get('/v1/users').set(as(heldKey))).status).toBe(200);
    });

    it('a key minted by a superadmin follows its owner: promotion takes effect at once, and demotion', async () => {
      const colleague = await createUser(t, tenant.account.id);
      const colleagueId = formatId('usr', colleague.id);
      const minted = await createKeyViaApi(asSuperadmin, { account_id: tenant.accountId, user_id: colleagueId, name: 'Ops' });
      const key = minted.body.key as string;
      const other = await createTenant(t);
      const readOther = () => t.http().get(`/v1/users?account_id=${other.accountId}`).set(as(key));
      expect((await readOther()).status).toBe(403);
      await t.http().patch(`/v1/users/${colleagueId}`).set(asSuperadmin).send({ super_admin: true }).expect(200);
      expect((await readOther()).status).toBe(200);
      await t.http().patch(`/v1/users/${colleagueId}`).set(asSuperadmin).send({ super_admin: false }).expect(200);
      expect((await readOther()).status).toBe(403);
    });

    it.each([
      [{ user_id: 'own', name: 'x' }, ['body', 'account_id']],
      [{ account_id: 'own', name: 'x' }, ['body', 'user_id']],
      [{ account_id: 'own', user_id: 'own' }, ['body', 'name']],
      [{ account_id: 'own', user_id: 'own', name: '   ' }, ['body', 'name']],
      [{ account_id: 'own', user_id: 'key_' + MISSING_UUID, name: 'x' }, ['body', 'user_id']],
    ])('rejects %j with 422', async (body, loc) => {
      const resolved = Object.fromEntries(
        Object.entries(body).map(([field, value]) => [
          field,
          value === 'own' ? (field === 'account_id' ? tenant.accountId : tenant.userId) : value,
        ]),
      );
      const response = await createKeyViaApi(as(tenant), resolved);
      expect(response.status).toBe(422);
      expect(response.body.detail[0].loc).toEqual(loc);
    });
  });

  describe('GET /v1/api-keys', () => {
    it('lists a regular user’s own account only, paginated, without keys or hashes', async () => {
      const other = await createTenant(t);
      for (let i = 0; i < 4; i++) await createKey(t, tenant.user, { name: `k${i}` });
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const response: { status: number; body: { data: Array<Record<string, unknown>>; pagination: { next_cursor: string | null } } } =
          await t.http().get(`/v1/api-keys?limit=2&sort=name:asc${cursor ? `&cursor=${cursor}` : ''}`).set(as(tenant));
        expect(response.status).toBe(200);
        for (const item of response.body.data) {
          expect(Object.keys(item).sort()).toEqual(API_KEY_RESPONSE_FIELDS);
          expect(item.account_id).toBe(tenant.accountId);
          ids.push(item.id as string);
        }
        cursor = response.body.pagination.next_cursor;
      } while (cursor);
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
      expect((await t.http().get(`/v1/api-keys?account_id=${other.accountId}`).set(as(tenant))).status).toBe(403);
    });

    it('filters by status and lets a superadmin see any account', async () => {
      const { apiKey: revoked } = await createKey(t, tenant.user, { status: 'revoked' });
      const revokedOnly = await t.http().get(`/v1/api-keys?status=revoked&account_id=${tenant.accountId}`).set(asSuperadmin);
      expect(revokedOnly.body.data.map((k: { id: string }) => k.id)).toEqual([formatId('key', revoked.id)]);
      const active = await t.http().get(`/v1/api-keys?status=active&account_id=${tenant.accountId}`).set(asSuperadmin);
      expect(active.body.data).toHaveLength(1);
      expect((await t.http().get('/v1/api-keys?status=expired').set(asSuperadmin)).status).toBe(422);
    });

    it('refuses a cursor made for another status filter or another list (400)', async () => {
      await createKey(t, tenant.user);
      const page = await t.http().get('/v1/api-keys?limit=1&status=active').set(as(tenant));
      const cursor = page.body.pagination.next_cursor;
      expect((await t.http().get(`/v1/api-keys?limit=1&cursor=${cursor}`).set(as(tenant))).status).toBe(400);
      expect((await t.http().get(`/v1/api-keys?limit=1&status=active&cursor=${cursor}`).set(as(tenant))).status).toBe(200);
      expect((await t.http().get(`/v1/users?limit=1&cursor=${cursor}`).set(as(tenant))).status).toBe(400);
    });

    it('rejects an unknown sort field with 400 naming the valid ones', async () => {
      const response = await t.http().get('/v1/api-keys?sort=key_hash:asc').set(as(tenant));
      expect(response.status).toBe(400);
      expect(response.body.detail).toBe("Invalid sort field 'key_hash'. Valid sort fields: id, name, created_at, updated_at");
    });
  });

  describe('GET /v1/api-keys/{key_id}', () => {
    it('answers 404 for unknown or deleted keys and 403 for another account’s key', async () => {
      const { apiKey: gone } = await createKey(t, tenant.user, { deletedAt: new Date() });
      expect((await t.http().get(`/v1/api-keys/${formatId('key', gone.id)}`).set(asSuperadmin)).status).toBe(404);
      expect((await t.http().get(`/v1/api-keys/${formatId('key', MISSING_UUID)}`).set(asSuperadmin)).status).toBe(404);
      const other = await createTenant(t);
      const { apiKey: foreign } = await createKey(t, other.user);
      expect((await t.http().get(`/v1/api-keys/${formatId('key', foreign.id)}`).set(as(tenant))).status).toBe(403);
      expect((await t.http().get(`/v1/api-keys/usr_${MISSING_UUID}`).set(as(tenant))).status).toBe(422);
    });

    it('shows last_used_at once the key has been used', async () => {
      const { key, apiKey } = await createKey(t, tenant.user);
      const before = await t.http().get(`/v1/api-keys/${formatId('key', apiKey.id)}`).set(asSuperadmin);
      expect(before.body.last_used_at).toBeNull();
      await t.http().get('/v1/users').set(as(key)).expect(200);
      const after = await t.http().get(`/v1/api-keys/${formatId('key', apiKey.id)}`).set(asSuperadmin);
      expect(Date.now() - Date.parse(after.body.last_used_at)).toBeLessThan(60_000);
    });
  });

  describe('PATCH /v1/api-keys/{key_id}', () => {
    const patch = (headers: Record<string, string>, id: string, body: object) =>
      t.http().patch(`/v1/api-keys/${formatId('key', id)}`).set(headers).send(body);

    it('revokes: the key gets 401 from the next request on, and revocation is permanent (409)', async () => {
      const { key, apiKey } = await createKey(t, tenant.user);
      expect((await t.http().get('/v1/users').set(as(key))).status).toBe(200);
      const revoked = await patch(as(tenant), apiKey.id, { status: 'revoked' });
      expect(revoked.status).toBe(200);
      expect(revoked.body.status).toBe('revoked');
      expect((await t.http().get('/v1/users').set(as(key))).status).toBe(401);

      const reactivate = await patch(asSuperadmin, apiKey.id, { status: 'active' });
      expect(reactivate.status).toBe(409);
      expect((await t.http().get('/v1/users').set(as(key))).status).toBe(401);
      expect((await patch(asSuperadmin, apiKey.id, { status: 'revoked' })).status).toBe(200);
    });

    it('soft-deletes: 404 afterwards, absent from lists, and the key stops working', async () => {
      const { key, apiKey } = await createKey(t, tenant.user);
      expect((await patch(as(tenant), apiKey.id, { deleted: true })).status).toBe(200);
      expect((await t.http().get(`/v1/api-keys/${formatId('key', apiKey.id)}`).set(as(tenant))).status).toBe(404);
      expect((await patch(as(tenant), apiKey.id, { status: 'revoked' })).status).toBe(404);
      const list = await t.http().get('/v1/api-keys?limit=100').set(as(tenant));
      expect(list.body.data.map((k: { id: string }) => k.id)).not.toContain(formatId('key', apiKey.id));
      expect((await t.http().get('/v1/users').set(as(key))).status).toBe(401);
    });

    it('changes nothing for an empty body', async () => {
      const { apiKey } = await createKey(t, tenant.user);
      const before = await t.http().get(`/v1/api-keys/${formatId('key', apiKey.id)}`).set(as(tenant));
      const response = await patch(as(tenant), apiKey.id, {});
      expect(response.status).toBe(200);
      expect(response.body).toEqual(before.body);
    });

    it('lets no regular user touch another account’s keys or a superadmin’s keys (403)', async () => {
      const other = await createTenant(t);
      const { key: foreignKey, apiKey: foreign } = await createKey(t, other.user);
      expect((await patch(as(tenant), foreign.id, { status: 'revoked' })).status).toBe(403);
      expect((await patch(as(tenant), foreign.id, { deleted: true })).status).toBe(403);
      expect((await t.http().get('/v1/users').set(as(foreignKey))).status).toBe(200);

      const admin = await createUser(t, tenant.account.id, { superAdmin: true });
      const { key: adminKey, apiKey: adminApiKey } = await createKey(t, admin);
      expect((await patch(as(tenant), adminApiKey.id, { status: 'revoked' })).status).toBe(403);
      expect((await t.http().get('/v1/users').set(as(adminKey))).status).toBe(200);
    });

    it.each([[{ status: 'expired' }], [{ deleted: 'yes' }]])('rejects %j with 422', async (body) => {
      const { apiKey } = await createKey(t, tenant.user);
      expect((await patch(as(tenant), apiKey.id, body)).status).toBe(422);
    });
  });
});

// Each instance caches authenticated principals for AUTH_CACHE_TTL_MS (1 s); every change that
// affects a key's rights is announced (NOTIFY) and the changing instance drops its own entries
// before it answers. The other instance must refuse within 2 s (on PostgreSQL it hears the NOTIFY
// within milliseconds; the shared embedded database has no LISTEN connection, so there the TTL
// bounds it).
describe('changes seen by another server instance', () => {
  let first: TestApp;
  let second: TestApp;
  const delays: number[] = [];

  beforeAll(async () => {
    [first, second] = await createTestAppsSharingADatabase(2);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    // The typical delay, for the record (printed, not asserted beyond the 2 s bound).
    const sorted = [...delays].sort((a, b) => a - b);
    process.stdout.write(`cross-instance refusal delays (ms): ${sorted.join(', ')}\n`);
  });

  // Polls the other instance until it answers `status`; the time it took.
  async function refusedWithin(key: string, status: number): Promise<number> {
    const start = Date.now();
    while (Date.now() - start < 5_000) {
      if ((await second.http().get('/v1/users').set(as(key))).status === status) return Date.now() - start;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`the other instance did not answer ${status} within 5 s`);
  }

  async function warmKey() {
    const tenant = await createTenant(first);
    const { key, apiKey } = await createKey(first, tenant.user);
    // Both instances have the principal cached.
    expect((await second.http().get('/v1/users').set(as(key))).status).toBe(200);
    expect((await first.http().get('/v1/users').set(as(key))).status).toBe(200);
    return { tenant, key, keyId: formatId('key', apiKey.id) };
  }

  const patch = (path: string, body: object) => first.http().patch(path).set(asSuperadmin).send(body).expect(200);
  const otherAccount = () => createTenant(first);

  it.each<[string, (w: Awaited<ReturnType<typeof warmKey>>) => Promise<unknown>, number]>([
    ['the key revoked', (w) => patch(`/v1/api-keys/${w.keyId}`, { status: 'revoked' }), 401],
    ['the key deleted', (w) => patch(`/v1/api-keys/${w.keyId}`, { deleted: true }), 401],
    ['its user deleted', (w) => patch(`/v1/users/${w.tenant.userId}`, { deleted: true }), 401],
    ['its account suspended', (w) => patch(`/v1/accounts/${w.tenant.accountId}`, { status: 'suspended' }), 403],
    ['its account deleted', (w) => patch(`/v1/accounts/${w.tenant.accountId}`, { deleted: true }), 401],
  ])('%s: the changing instance refuses at once, the other within 2 s', async (_label, change, status) => {
    const warm = await warmKey();
    await change(warm);
    expect((await first.http().get('/v1/users').set(as(warm.key))).status).toBe(status);
    const delay = await refusedWithin(warm.key, status);
    delays.push(delay);
    expect(delay).toBeLessThanOrEqual(2_000);
  });

  it('its account reactivated: the key works again on both', async () => {
    const warm = await warmKey();
    await patch(`/v1/accounts/${warm.tenant.accountId}`, { status: 'suspended' });
    delays.push(await refusedWithin(warm.key, 403));
    await patch(`/v1/accounts/${warm.tenant.accountId}`, { status: 'active' });
    expect((await first.http().get('/v1/users').set(as(warm.key))).status).toBe(200);
    const delay = await refusedWithin(warm.key, 200);
    delays.push(delay);
    expect(delay).toBeLessThanOrEqual(2_000);
  });

  it('its user promoted and demoted: superadmin rights follow on both instances', async () => {
    const warm = await warmKey();
    const other = await otherAccount();
    const readOther = (app: TestApp) => app.http().get(`/v1/users?account_id=${other.accountId}`).set(as(warm.key));
    expect((await readOther(second)).status).toBe(403);
    await patch(`/v1/users/${warm.tenant.userId}`, { super_admin: true });
    expect((await readOther(first)).status).toBe(200);
    const start = Date.now();
    while ((await readOther(second)).status !== 200 && Date.now() - start < 5_000) await new Promise((r) => setTimeout(r, 5));
    const promoted = Date.now() - start;
    delays.push(promoted);
    expect(promoted).toBeLessThanOrEqual(2_000);
    await patch(`/v1/users/${warm.tenant.userId}`, { super_admin: false });
    expect((await readOther(first)).status).toBe(403);
    const demotedAt = Date.now();
    while ((await readOther(second)).status !== 403 && Date.now() - demotedAt < 5_000) await new Promise((r) => setTimeout(r, 5));
    delays.push(Date.now() - demotedAt);
    expect(Date.now() - demotedAt).toBeLessThanOrEqual(2_000);
  });
});
