import { formatId } from '../src/common/ids';
import { ApiKey } from '../src/api-keys/api-key.entity';
import { API_KEY_SCOPES } from '../src/auth/scopes';
import { User } from '../src/users/user.entity';
import { createAccount, createKey, createTenant, createUser, Tenant } from './helpers/factories';
import { as, asSuperadmin, Headers } from './helpers/headers';
import { settleEvents } from './helpers/events';
import { createTestApp, TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait-for';

// Issue 18: scopes on keys, account roles, who may mint, offboarding revocation, key roll, and
// idempotent replays re-authorized. Each `it` names the rule it proves.
describe('Least privilege', () => {
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

  const http = () => t.http();
  const usr = (user: User) => formatId('usr', user.id);
  const key = (apiKey: ApiKey) => formatId('key', apiKey.id);
  const withIdempotency = (headers: Headers, value: string): Headers => ({ ...headers, 'Idempotency-Key': value });
  const mint = (headers: Headers, body: Record<string, unknown>) => http().post('/v1/api-keys').set(headers).send(body);
  const patchUser = (headers: Headers, userId: string, body: object) => http().patch(`/v1/users/${userId}`).set(headers).send(body);
  // A user of the tenant's account with a key of its own (every scope unless given).
  const colleague = async (values: Partial<User> = {}, keyValues: Partial<ApiKey> = {}) => {
    const user = await createUser(t, tenant.account.id, values);
    const { key: plain, apiKey } = await createKey(t, user, { maxRole: 'user', ...keyValues });
    return { user, id: usr(user), key: plain, apiKey };
  };
  const works = async (plainKey: string) => (await http().get('/v1/users').set(as(plainKey))).status;
  // The feed shows an event once older transactions on the server have ended (helpers/events.ts).
  const eventsOf = async (resourceId: string) => {
    await settleEvents(t);
    return (await http().get('/v1/events').query({ resource_id: resourceId, limit: 100 }).set(asSuperadmin)).body.data as Array<{
      type: string;
      actor: Record<string, string> | null;
      changes: Record<string, { from: unknown; to: unknown }> | null;
    }>;
  };

  describe('scopes on keys', () => {
    it('a users:read key gets 403 naming the scope on every write, and 200 on the reads of users', async () => {
      const reader = await colleague({}, { scopes: ['users:read'] });
      const headers = as(reader.key);
      const other = await colleague();

      expect((await http().get('/v1/users').set(headers)).status).toBe(200);
      expect((await http().get(`/v1/users/${other.id}`).set(headers)).status).toBe(200);

      const writes: Array<[string, () => Promise<{ status: number; body: { detail: unknown } }>]> = [
        ['users:write', () => http().post('/v1/users').set(headers).send({ account_id: tenant.accountId, email: 'x@example.com', display_name: 'X Y' })],
        ['users:write', () => patchUser(headers, other.id, { display_name: 'Changed' })],
        ['accounts:write', () => http().post('/v1/accounts').set(headers).send({ name: 'Nope' })],
        ['accounts:write', () => http().patch(`/v1/accounts/${tenant.accountId}`).set(headers).send({ name: 'Nope' })],
        ['api_keys:write', () => mint(headers, { account_id: tenant.accountId, user_id: reader.id, name: 'more' })],
        ['api_keys:write', () => http().patch(`/v1/api-keys/${key(other.apiKey)}`).set(headers).send({ status: 'revoked' })],
        ['api_keys:write', () => http().post(`/v1/api-keys/${key(other.apiKey)}/roll`).set(headers).send({})],
      ];
      for (const [scope, write] of writes) {
        const response = await write();
        expect({ scope, status: response.status, body: response.body }).toEqual({
          scope,
          status: 403,
          body: { detail: `This API key lacks the ${scope} scope` },
        });
      }
      // Reads of other kinds need their own scope.
      expect((await http().get('/v1/api-keys').set(headers)).body).toEqual({ detail: 'This API key lacks the api_keys:read scope' });
      expect((await http().get('/v1/events').set(headers)).body).toEqual({ detail: 'This API key lacks the events:read scope' });
      expect((await http().get(`/v1/accounts/${tenant.accountId}`).set(headers)).body).toEqual({
        detail: 'This API key lacks the accounts:read scope',
      });
      // Nothing changed.
      expect((await http().get(`/v1/users/${other.id}`).set(asSuperadmin)).body.display_name).toBe(other.user.displayName);
      expect(await works(other.key)).toBe(200);
    });

    it('a read-only key changes nothing through Idempotency-Key either', async () => {
      const reader = await colleague({}, { scopes: ['users:read'] });
      const body = { account_id: tenant.accountId, email: 'replayed@example.com', display_name: 'Replayed' };
      for (let i = 0; i < 2; i++) {
        const response = await http().post('/v1/users').set(withIdempotency(as(reader.key), 'read-only-1')).send(body);
        expect(response.status).toBe(403);
        expect(response.headers['idempotent-replayed']).toBeUndefined();
      }
      const listed = await http().get('/v1/users').query({ email: 'replayed@example.com' }).set(asSuperadmin);
      expect(listed.body.data).toEqual([]);
    });

    it('binds a superadmin’s key too', async () => {
      const created = await mint(asSuperadmin, {
        account_id: tenant.accountId,
        user_id: tenant.userId,
        name: 'reader',
        scopes: ['accounts:read'],
      });
      expect(created.status).toBe(201);
      expect(created.body.scopes).toEqual(['accounts:read']);
      const restricted = as(created.body.key as string);
      expect((await http().get(`/v1/accounts/${tenant.accountId}`).set(restricted)).status).toBe(200);
      expect((await http().patch(`/v1/accounts/${tenant.accountId}`).set(restricted).send({ name: 'New' })).body).toEqual({
        detail: 'This API key lacks the accounts:write scope',
      });
    });

    it('defaults to the minting key’s scopes (every scope for an unrestricted key) and shows them in APIKeyResponse', async () => {
      const full = await mint(as(tenant), { account_id: tenant.accountId, user_id: tenant.userId, name: 'full' });
      expect(full.status).toBe(201);
      expect(full.body.scopes).toEqual([...API_KEY_SCOPES]);
      const got = await http().get(`/v1/api-keys/${full.body.id}`).set(as(tenant));
      expect(got.body.scopes).toEqual([...API_KEY_SCOPES]);

      const minter = await colleague({}, { scopes: ['users:read', 'api_keys:write'] });
      const narrow = await mint(as(minter.key), { account_id: tenant.accountId, user_id: minter.id, name: 'narrow' });
      expect(narrow.status).toBe(201);
      expect(narrow.body.scopes).toEqual(['users:read', 'api_keys:write']);
    });

    it('never mints a key with a scope the minting key lacks', async () => {
      const minter = await colleague({}, { scopes: ['users:read', 'api_keys:write'] });
      const response = await mint(as(minter.key), {
        account_id: tenant.accountId,
        user_id: minter.id,
        name: 'wider',
        scopes: ['users:read', 'users:write'],
      });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ detail: 'This API key lacks the users:write scope' });
    });

    it('refuses an unknown scope with 422', async () => {
      const response = await mint(as(tenant), { account_id: tenant.accountId, user_id: tenant.userId, name: 'x', scopes: ['users:delete'] });
      expect(response.status).toBe(422);
      expect(response.body.detail[0].loc).toEqual(['body', 'scopes']);
    });

    it('the OpenAPI document states each operation’s scope in its description and as x-required-scope', async () => {
      const document = (await http().get('/openapi.json')).body as {
        paths: Record<string, Record<string, { description: string; 'x-required-scope'?: string; security?: unknown }>>;
      };
      const seen: string[] = [];
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          if (path.startsWith('/v1/health')) continue;
          const scope = operation['x-required-scope'];
          const kind = path.split('/')[2].replace('-', '_');
          expect({ path, method, scope }).toEqual({ path, method, scope: `${kind}:${method === 'get' ? 'read' : 'write'}` });
          expect(operation.description).toContain(`Required API key scope: \`${scope}\``);
          seen.push(`${method} ${path}`);
        }
      }
      expect(seen).toHaveLength(15);
    });
  });

  describe('account roles', () => {
    it('users are admins unless created as members; the role is shown', async () => {
      const admin = await http().post('/v1/users').set(as(tenant)).send({ account_id: tenant.accountId, email: 'a@example.com', display_name: 'Admin A' });
      expect(admin.status).toBe(201);
      expect(admin.body.role).toBe('admin');
      const member = await http()
        .post('/v1/users')
        .set(as(tenant))
        .send({ account_id: tenant.accountId, email: 'm@example.com', display_name: 'Member M', role: 'member' });
      expect(member.body.role).toBe('member');
      expect((await http().get(`/v1/users/${member.body.id}`).set(as(tenant))).body.role).toBe('member');
    });

    it('a member reads users and manages only itself', async () => {
      const member = await colleague({ role: 'member' });
      const other = await colleague();
      expect((await http().get('/v1/users').set(as(member.key))).status).toBe(200);
      expect((await http().get(`/v1/users/${other.id}`).set(as(member.key))).status).toBe(200);

      const create = await http().post('/v1/users').set(as(member.key)).send({ account_id: tenant.accountId, email: 'n@example.com', display_name: 'Nope' });
      expect(create.status).toBe(403);
      expect(create.body).toEqual({ detail: 'Only account admins can create users' });
      const renameOther = await patchUser(as(member.key), other.id, { display_name: 'Renamed' });
      expect(renameOther.status).toBe(403);
      expect(renameOther.body).toEqual({ detail: 'Members can only change their own user' });
      const suspendOther = await patchUser(as(member.key), other.id, { status: 'suspended' });
      expect(suspendOther.status).toBe(403);
      expect((await patchUser(as(member.key), member.id, { display_name: 'Myself' })).status).toBe(200);
      expect((await http().patch(`/v1/accounts/${tenant.accountId}`).set(as(member.key)).send({ name: 'Mine' })).body).toEqual({
        detail: 'Only account admins can change the account',
      });
    });

    it('only an admin or a superadmin changes a role', async () => {
      const member = await colleague({ role: 'member' });
      const selfPromotion = await patchUser(as(member.key), member.id, { role: 'admin' });
      expect(selfPromotion.status).toBe(403);
      expect(selfPromotion.body).toEqual({ detail: 'Only account admins can change a role' });

      const promoted = await patchUser(as(tenant), member.id, { role: 'admin' });
      expect(promoted.status).toBe(200);
      expect(promoted.body.role).toBe('admin');
      // Its key now acts as an admin.
      expect((await patchUser(as(member.key), tenant.userId, { display_name: 'Changed by a new admin' })).status).toBe(200);
      expect((await patchUser(asSuperadmin, member.id, { role: 'member' })).body.role).toBe('member');
      expect((await patchUser(as(member.key), tenant.userId, { display_name: 'Again' })).status).toBe(403);
    });

    it('a member mints keys only for itself, and sees and manages only its own keys', async () => {
      const member = await colleague({ role: 'member' });
      const other = await colleague();
      const forColleague = await mint(as(member.key), { account_id: tenant.accountId, user_id: other.id, name: 'for you' });
      expect(forColleague.status).toBe(403);
      expect(forColleague.body).toEqual({ detail: 'Members can only create API keys for themselves' });
      const own = await mint(as(member.key), { account_id: tenant.accountId, user_id: member.id, name: 'mine' });
      expect(own.status).toBe(201);

      const listed = await http().get('/v1/api-keys').set(as(member.key));
      expect(listed.status).toBe(200);
      expect(new Set(listed.body.data.map((k: { user_id: string }) => k.user_id))).toEqual(new Set([member.id]));
      expect(listed.body.data).toHaveLength(2);
      expect((await http().get('/v1/api-keys').query({ user_id: other.id }).set(as(member.key))).status).toBe(403);
      const foreign = await http().get(`/v1/api-keys/${key(other.apiKey)}`).set(as(member.key));
      expect(foreign.status).toBe(403);
      expect(foreign.body).toEqual({ detail: 'Members can only manage their own API keys' });
      expect((await http().patch(`/v1/api-keys/${key(other.apiKey)}`).set(as(member.key)).send({ status: 'revoked' })).status).toBe(403);
      expect(await works(other.key)).toBe(200);
      expect((await http().patch(`/v1/api-keys/${own.body.id}`).set(as(member.key)).send({ status: 'revoked' })).status).toBe(200);
    });

    it('a suspension set by a superadmin is lifted by a superadmin only (L1)', async () => {
      const other = await colleague();
      await patchUser(asSuperadmin, other.id, { status: 'suspended' }).expect(200);
      const lift = await patchUser(as(tenant), other.id, { status: 'active' });
      expect(lift.status).toBe(403);
      expect(lift.body).toEqual({ detail: 'Only a superadmin can lift a suspension set by a superadmin' });
      expect((await patchUser(as(tenant), other.id, { status: 'invited' })).status).toBe(403);
      expect((await patchUser(asSuperadmin, other.id, { status: 'active' })).status).toBe(200);

      // An admin's own suspension is lifted by an admin, as before.
      await patchUser(as(tenant), other.id, { status: 'suspended' }).expect(200);
      expect((await patchUser(as(tenant), other.id, { status: 'active' })).status).toBe(200);
    });
  });

  describe('who may mint, and offboarding', () => {
    it('(M1) A2 mints for A1, A2 is suspended: the minted key is revoked, and A2 cannot reactivate itself', async () => {
      const a1 = await colleague();
      const a2 = await colleague();
      const minted = await mint(as(a2.key), { account_id: tenant.accountId, user_id: a1.id, name: 'for A1' });
      expect(minted.status).toBe(201);
      expect(minted.body.scopes).toEqual([...API_KEY_SCOPES]);
      const mintedKey = minted.body.key as string;
      expect(await works(mintedKey)).toBe(200);

      await patchUser(asSuperadmin, a2.id, { status: 'suspended' }).expect(200);
      expect(await works(mintedKey)).toBe(401);
      const reactivate = await patchUser(as(mintedKey), a2.id, { status: 'active' });
      expect(reactivate.status).toBe(401);
      expect((await http().get(`/v1/users/${a2.id}`).set(asSuperadmin)).body.status).toBe('suspended');
      // A1's own key is untouched.
      expect(await works(a1.key)).toBe(200);

      const revocation = (await eventsOf(minted.body.id)).find((e) => e.type === 'api_key.updated');
      expect(revocation?.changes?.status).toEqual({ from: 'active', to: 'revoked' });
      // The actor is whoever made the change: the superadmin that suspended A2.
      const [superadminUser] = (await http().get('/v1/users').query({ email: 'admin@leadr.local' }).set(asSuperadmin)).body.data;
      expect(revocation?.actor?.user_id).toBe(superadminUser.id);
    });

    it('a key minted for someone else cannot change its minter’s own status', async () => {
      const a1 = await colleague();
      const a2 = await colleague();
      const minted = await mint(as(a2.key), { account_id: tenant.accountId, user_id: a1.id, name: 'for A1' });
      const response = await patchUser(as(minted.body.key), a2.id, { status: 'suspended' });
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ detail: 'A user cannot change its own status' });
      // A1's own key may (A1 is an admin of the account).
      expect((await patchUser(as(a1.key), a2.id, { status: 'suspended' })).status).toBe(200);
    });

    it('refuses a key for a user that is not active, unless minted by a superadmin', async () => {
      const suspended = await colleague({ status: 'suspended' });
      const refused = await mint(as(tenant), { account_id: tenant.accountId, user_id: suspended.id, name: 'x' });
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({ detail: 'API keys can only be created for active users' });
      expect((await mint(asSuperadmin, { account_id: tenant.accountId, user_id: suspended.id, name: 'x' })).status).toBe(201);
    });

    it('(demotion) a superadmin mints for a tenant user and is demoted: that key is refused', async () => {
      const system = await createAccount(t);
      const superadmin = await createUser(t, system.id, { superAdmin: true });
      const { key: superKey } = await createKey(t, superadmin);
      const minted = await mint(as(superKey), { account_id: tenant.accountId, user_id: tenant.userId, name: 'from a superadmin' });
      expect(minted.status).toBe(201);
      expect(await works(minted.body.key)).toBe(200);

      await patchUser(asSuperadmin, usr(superadmin), { super_admin: false }).expect(200);
      expect(await works(minted.body.key)).toBe(401);
      expect(await works(tenant.key)).toBe(200);
      expect((await http().get(`/v1/api-keys/${minted.body.id}`).set(asSuperadmin)).body.status).toBe('revoked');
    });

    it('an admin demoted to member loses the keys it minted for others, not its own', async () => {
      const other = await colleague();
      const a2 = await colleague();
      const forOther = await mint(as(a2.key), { account_id: tenant.accountId, user_id: other.id, name: 'for other' });
      const forSelf = await mint(as(a2.key), { account_id: tenant.accountId, user_id: a2.id, name: 'for self' });
      await patchUser(as(tenant), a2.id, { role: 'member' }).expect(200);
      expect(await works(forOther.body.key)).toBe(401);
      expect(await works(forSelf.body.key)).toBe(200);
    });

    it('a deleted user’s keys minted for others are revoked in the same change', async () => {
      const other = await colleague();
      const a2 = await colleague();
      const forOther = await mint(as(a2.key), { account_id: tenant.accountId, user_id: other.id, name: 'for other' });
      await patchUser(as(tenant), a2.id, { deleted: true }).expect(200);
      expect(await works(forOther.body.key)).toBe(401);
      const events = await eventsOf(forOther.body.id);
      expect(events.map((e) => e.type)).toEqual(['api_key.created', 'api_key.updated']);
      expect(events[1].actor).toEqual({ api_key_id: expect.stringMatching(/^key_/), user_id: tenant.userId });
    });

    it('GET /v1/api-keys filters by user_id and created_by_user_id', async () => {
      const other = await colleague();
      const minted = await mint(as(tenant), { account_id: tenant.accountId, user_id: other.id, name: 'minted' });
      const byOwner = await http().get('/v1/api-keys').query({ user_id: other.id }).set(as(tenant));
      expect(byOwner.body.data.map((k: { id: string }) => k.id).sort()).toEqual([key(other.apiKey), minted.body.id].sort());
      const byMinter = await http().get('/v1/api-keys').query({ created_by_user_id: tenant.userId }).set(as(tenant));
      expect(byMinter.body.data.map((k: { id: string }) => k.id)).toEqual([minted.body.id]);
      expect((await http().get('/v1/api-keys').query({ user_id: 'nope' }).set(as(tenant))).status).toBe(422);
    });

    it('events name the minter when a key acts for another user', async () => {
      const a1 = await colleague();
      const minted = await mint(as(tenant), { account_id: tenant.accountId, user_id: a1.id, name: 'for A1' });
      const target = await colleague();
      await patchUser(as(minted.body.key), target.id, { display_name: 'Changed via A1 key' }).expect(200);
      const [updated] = (await eventsOf(target.id)).filter((e) => e.type === 'user.updated');
      expect(updated.actor).toEqual({ api_key_id: minted.body.id, user_id: a1.id, minted_by_user_id: tenant.userId });
      // A key acting for its minter names no one else.
      await patchUser(as(a1.key), target.id, { display_name: 'Changed by A1' }).expect(200);
      const last = (await eventsOf(target.id)).filter((e) => e.type === 'user.updated').pop();
      expect(last?.actor).toEqual({ api_key_id: key(a1.apiKey), user_id: a1.id });
    });

    it('events name the minter on creates too (written by the create statement itself)', async () => {
      const a1 = await colleague();
      const minted = await mint(as(tenant), { account_id: tenant.accountId, user_id: a1.id, name: 'for A1' });
      const created = await http()
        .post('/v1/users')
        .set(as(minted.body.key))
        .send({ account_id: tenant.accountId, email: `made-via-a1-${Date.now()}@example.com`, display_name: 'Made via A1 key' })
        .expect(201);
      const [event] = await eventsOf(created.body.id);
      expect(event.type).toBe('user.created');
      expect(event.actor).toEqual({ api_key_id: minted.body.id, user_id: a1.id, minted_by_user_id: tenant.userId });
    });
  });

  describe('rolling a key', () => {
    it('with a 60 s grace: the old key works until then, the new one at once; same owner, name and scopes', async () => {
      const owner = await colleague({}, { scopes: ['users:read', 'api_keys:write'], name: 'service' });
      const rolled = await http().post(`/v1/api-keys/${key(owner.apiKey)}/roll`).set(as(tenant)).send({ expires_in_seconds: 60 });
      expect(rolled.status).toBe(201);
      expect(Object.keys(rolled.body).sort()).toEqual(['created_at', 'expires_at', 'id', 'key', 'name', 'prefix', 'scopes', 'status']);
      expect(rolled.body).toMatchObject({ name: 'service', scopes: ['users:read', 'api_keys:write'], status: 'active', expires_at: null });
      expect(await works(rolled.body.key)).toBe(200);
      expect(await works(owner.key)).toBe(200);

      const old = (await http().get(`/v1/api-keys/${key(owner.apiKey)}`).set(as(tenant))).body;
      const remaining = new Date(old.expires_at).getTime() - Date.now();
      expect(remaining).toBeGreaterThan(50_000);
      expect(remaining).toBeLessThanOrEqual(60_000);
      expect(old.status).toBe('active');
      const fresh = (await http().get(`/v1/api-keys/${rolled.body.id}`).set(as(tenant))).body;
      expect(fresh).toMatchObject({ user_id: owner.id, account_id: tenant.accountId, max_role: 'user', created_by_user_id: tenant.userId });

      expect((await eventsOf(rolled.body.id)).map((e) => e.type)).toEqual(['api_key.created']);
      const oldEvents = await eventsOf(key(owner.apiKey));
      expect(oldEvents.map((e) => e.type)).toEqual(['api_key.updated']);
      expect(Object.keys(oldEvents[0].changes ?? {})).toEqual(['expires_at']);
    });

    it('the old key stops at the end of its grace period', async () => {
      const owner = await colleague();
      const rolled = await http().post(`/v1/api-keys/${key(owner.apiKey)}/roll`).set(as(tenant)).send({ expires_in_seconds: 1 });
      expect(rolled.status).toBe(201);
      await waitFor('the old key to expire', async () => (await works(owner.key)) === 401, { timeoutMs: 5_000, intervalMs: 100 });
      expect(await works(rolled.body.key)).toBe(200);
    });

    it('by default the old key stops at once; a revoked key cannot be rolled', async () => {
      const owner = await colleague();
      const rolled = await http().post(`/v1/api-keys/${key(owner.apiKey)}/roll`).set(as(tenant)).send({});
      expect(rolled.status).toBe(201);
      expect(await works(owner.key)).toBe(401);
      expect(await works(rolled.body.key)).toBe(200);
      const again = await http().post(`/v1/api-keys/${key(owner.apiKey)}/roll`).set(as(tenant)).send({});
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ detail: 'Only an active API key can be rolled' });
    });

    it('is idempotent with Idempotency-Key, and bounds the grace period', async () => {
      const owner = await colleague();
      const headers = withIdempotency(as(tenant), 'roll-1');
      const first = await http().post(`/v1/api-keys/${key(owner.apiKey)}/roll`).set(headers).send({ expires_in_seconds: 30 });
      const second = await http().post(`/v1/api-keys/${key(owner.apiKey)}/roll`).set(headers).send({ expires_in_seconds: 30 });
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
      const keys = await http().get('/v1/api-keys').query({ user_id: owner.id }).set(as(tenant));
      expect(keys.body.data).toHaveLength(2);

      const tooLong = await http().post(`/v1/api-keys/${key(owner.apiKey)}/roll`).set(as(tenant)).send({ expires_in_seconds: 604_801 });
      expect(tooLong.status).toBe(422);
      expect(tooLong.body.detail[0].loc).toEqual(['body', 'expires_in_seconds']);
    });

    it('never gives the roller a scope it lacks', async () => {
      const owner = await colleague();
      const roller = await colleague({}, { scopes: ['api_keys:write'] });
      const response = await http().post(`/v1/api-keys/${key(owner.apiKey)}/roll`).set(as(roller.key)).send({});
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ detail: 'This API key lacks the users:read scope' });
      expect(await works(owner.key)).toBe(200);
    });
  });

  describe('idempotent replays are re-authorized (L7)', () => {
    it('a demoted superadmin does not get a tenant’s plain key back by replaying its request', async () => {
      const system = await createAccount(t);
      const superadmin = await createUser(t, system.id, { superAdmin: true });
      const { key: superKey } = await createKey(t, superadmin);
      const body = { account_id: tenant.accountId, user_id: tenant.userId, name: 'replayed' };
      const headers = withIdempotency(as(superKey), 'replay-after-demotion');
      const first = await mint(headers, body);
      expect(first.status).toBe(201);

      await patchUser(asSuperadmin, usr(superadmin), { super_admin: false }).expect(200);
      const replay = await mint(headers, body);
      expect(replay.status).toBe(403);
      expect(replay.body).toEqual({ detail: 'You do not have access to this account' });
      expect(replay.headers['idempotent-replayed']).toBeUndefined();
      expect(JSON.stringify(replay.body)).not.toContain(first.body.key);
    });

    it('an admin made member does not get a colleague’s plain key back', async () => {
      const a2 = await colleague();
      const other = await colleague();
      const body = { account_id: tenant.accountId, user_id: other.id, name: 'replayed' };
      const headers = withIdempotency(as(a2.key), 'replay-after-role-change');
      expect((await mint(headers, body)).status).toBe(201);
      await patchUser(as(tenant), a2.id, { role: 'member' }).expect(200);
      const replay = await mint(headers, body);
      expect(replay.status).toBe(403);
      expect(replay.body).toEqual({ detail: 'Members can only manage their own API keys' });
    });

    it('a caller whose rights did not change still gets the replay', async () => {
      const headers = withIdempotency(as(tenant), 'replay-unchanged');
      const body = { account_id: tenant.accountId, user_id: tenant.userId, name: 'same' };
      const first = await mint(headers, body);
      const second = await mint(headers, body);
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body).toEqual(first.body);
    });
  });
});
