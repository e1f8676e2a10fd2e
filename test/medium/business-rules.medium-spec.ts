import { AccountsService } from '../../src/accounts/accounts.service';
import type { AccountUpdateRequest } from '../../src/accounts/dto/account-update-request.dto';
import { ApiKeysService } from '../../src/api-keys/api-keys.service';
import type { CreateAPIKeyRequest } from '../../src/api-keys/dto/create-api-key-request.dto';
import type { UpdateAPIKeyRequest } from '../../src/api-keys/dto/update-api-key-request.dto';
import { AuthContext } from '../../src/auth/auth-context';
import { DomainError } from '../../src/common/errors';
import type { UserUpdateRequest } from '../../src/users/dto/user-update-request.dto';
import type { User } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { createAccount, createKey, createTenant, createUser, Tenant } from '../helpers/factories';
import { createTestContext, TestContext } from '../helpers/test-app';

// The business rules, on the services as the server wires them and on a real database, without
// HTTP: the e2e tier checks how each outcome is answered, this tier checks the outcomes.
describe('business rules (services on a real database)', () => {
  let t: TestContext;
  let users: UsersService;
  let accounts: AccountsService;
  let keys: ApiKeysService;
  beforeAll(async () => {
    t = await createTestContext();
    users = t.context.get(UsersService);
    accounts = t.context.get(AccountsService);
    keys = t.context.get(ApiKeysService);
  });
  afterAll(async () => {
    await t?.close();
  });

  // The caller a key of `user` makes (the key itself only matters as the actor of events).
  async function callerFor(user: User): Promise<AuthContext> {
    const { apiKey } = await createKey(t, user);
    return new AuthContext(apiKey.id, user.id, user.accountId, user.superAdmin);
  }
  const liveSuperadmins = async (): Promise<Array<{ id: string; account_id: string }>> =>
    t.dataSource.query(
      `SELECT u.id, u.account_id FROM users u JOIN accounts a ON a.id = u.account_id
        WHERE u.super_admin AND u.deleted_at IS NULL AND u.status = 'active' AND a.deleted_at IS NULL AND a.status = 'active'`,
    );
  const rejection = (pending: Promise<unknown>) =>
    pending.then(
      () => null,
      (error: unknown) => {
        if (!(error instanceof DomainError)) throw error;
        return { code: error.code, detail: error.detail };
      },
    );
  const userUpdate = (body: Partial<UserUpdateRequest>) => body as UserUpdateRequest;
  const accountUpdate = (body: Partial<AccountUpdateRequest>) => body as AccountUpdateRequest;

  describe('the last superadmin', () => {
    // Run first, while the bootstrap superadmin is the only one.
    it('cannot be demoted, deleted, suspended or set back to invited, nor its account suspended or deleted', async () => {
      const [only] = await liveSuperadmins();
      expect(await liveSuperadmins()).toHaveLength(1);
      const superadmin = await callerFor(
        (await t.dataSource.query('SELECT id, account_id AS "accountId", super_admin AS "superAdmin" FROM users WHERE id = $1', [only.id]))[0],
      );
      const lastUser = { code: 'conflict', detail: 'The last active superadmin cannot be demoted, deleted or made inactive' };
      for (const body of [{ super_admin: false }, { deleted: true }, { status: 'suspended' }, { status: 'invited' }] as const) {
        expect(await rejection(users.update(superadmin, only.id, userUpdate(body)))).toEqual(lastUser);
      }
      const lastAccount = { code: 'conflict', detail: 'The account holding the last superadmin cannot be suspended or deleted' };
      for (const body of [{ status: 'suspended' }, { deleted: true }] as const) {
        expect(await rejection(accounts.update(superadmin, only.account_id, accountUpdate(body)))).toEqual(lastAccount);
      }
      expect(await liveSuperadmins()).toEqual([only]);
    });

    it('of two, one can be demoted; demoting both at once leaves exactly one', async () => {
      const first = await createTenant(t, { superAdmin: true });
      const second = await createTenant(t, { superAdmin: true });
      const actor = await callerFor(first.user);
      await users.update(actor, second.user.id, userUpdate({ super_admin: false }));
      expect((await liveSuperadmins()).map((row) => row.id)).not.toContain(second.user.id);

      // Everyone but two superadmins demoted, then both demoted concurrently: the lock orders them.
      const pair = [await createTenant(t, { superAdmin: true }), await createTenant(t, { superAdmin: true })];
      for (const row of await liveSuperadmins()) {
        if (!pair.some((p) => p.user.id === row.id)) await users.update(actor, row.id, userUpdate({ super_admin: false }));
      }
      const outcomes = await Promise.all(
        pair.map(async (p, i) => rejection(users.update(await callerFor(pair[1 - i].user), p.user.id, userUpdate({ super_admin: false })))),
      );
      expect(outcomes.filter((o) => o === null)).toHaveLength(1);
      expect(outcomes.filter((o) => o !== null)).toEqual([
        { code: 'conflict', detail: 'The last active superadmin cannot be demoted, deleted or made inactive' },
      ]);
      expect(await liveSuperadmins()).toHaveLength(1);
    });
  });

  describe('deletion cascades', () => {
    const liveRows = async (table: 'users' | 'api_keys', accountId: string): Promise<number> =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE account_id = $1 AND deleted_at IS NULL`, [accountId]))[0].n;
    const deletedEvents = async (type: string, accountId: string): Promise<number> =>
      (await t.dataSource.query('SELECT count(*)::int AS n FROM events WHERE type = $1 AND account_id = $2', [type, accountId]))[0].n;
    let superadmin: AuthContext;
    beforeAll(async () => {
      superadmin = await callerFor((await createTenant(t, { superAdmin: true })).user);
    });

    it("an account's deletion deletes its users and their keys, each with its own event", async () => {
      const tenant: Tenant = await createTenant(t);
      const colleague = await createUser(t, tenant.account.id);
      await createKey(t, colleague);
      await createKey(t, colleague);
      expect(await liveRows('users', tenant.account.id)).toBe(2);
      expect(await liveRows('api_keys', tenant.account.id)).toBe(3);

      await accounts.update(superadmin, tenant.account.id, accountUpdate({ deleted: true }));
      expect(await liveRows('users', tenant.account.id)).toBe(0);
      expect(await liveRows('api_keys', tenant.account.id)).toBe(0);
      expect(await deletedEvents('account.deleted', tenant.account.id)).toBe(1);
      expect(await deletedEvents('user.deleted', tenant.account.id)).toBe(2);
      expect(await deletedEvents('api_key.deleted', tenant.account.id)).toBe(3);
    });

    it("a user's deletion deletes that user's keys only", async () => {
      const tenant = await createTenant(t);
      const colleague = await createUser(t, tenant.account.id);
      await createKey(t, colleague);
      await users.update(superadmin, colleague.id, userUpdate({ deleted: true }));
      expect(await liveRows('users', tenant.account.id)).toBe(1);
      expect(await liveRows('api_keys', tenant.account.id)).toBe(1);
      expect(await deletedEvents('api_key.deleted', tenant.account.id)).toBe(1);
    });
  });

  describe('key rights', () => {
    const create = (auth: AuthContext, owner: User) =>
      keys.create(auth, { account_id: owner.accountId, user_id: owner.id, name: 'minted' } as CreateAPIKeyRequest);
    const revoke = (auth: AuthContext, keyId: string) => keys.update(auth, keyId, { status: 'revoked' } as UpdateAPIKeyRequest);

    it("a key minted by a regular user stays a user's key; a superadmin's follows its owner", async () => {
      const tenant = await createTenant(t);
      const regular = await callerFor(tenant.user);
      expect((await create(regular, tenant.user)).apiKey.maxRole).toBe('user');
      const admin = await createTenant(t, { superAdmin: true });
      expect((await create(await callerFor(admin.user), tenant.user)).apiKey.maxRole).toBe('superadmin');
    });

    it("only superadmins mint or change a superadmin's keys, even in the same account", async () => {
      const account = await createAccount(t);
      const admin = await createUser(t, account.id, { superAdmin: true });
      const colleague = await callerFor(await createUser(t, account.id));
      expect(await rejection(create(colleague, admin))).toEqual({
        code: 'forbidden',
        detail: 'Only superadmins can create API keys for a superadmin user',
      });
      const { apiKey } = await createKey(t, admin);
      expect(await rejection(revoke(colleague, apiKey.id))).toEqual({
        code: 'forbidden',
        detail: "Only superadmins can change a superadmin's API keys",
      });
      expect((await revoke(await callerFor(admin), apiKey.id)).status).toBe('revoked');
    });

    it("a regular user manages the keys of its own account's users, not another account's", async () => {
      const tenant = await createTenant(t);
      const other = await createTenant(t);
      const caller = await callerFor(tenant.user);
      const { apiKey: colleagueKey } = await createKey(t, await createUser(t, tenant.account.id));
      expect((await revoke(caller, colleagueKey.id)).status).toBe('revoked');
      const { apiKey: foreignKey } = await createKey(t, other.user);
      expect(await rejection(revoke(caller, foreignKey.id))).toEqual({ code: 'forbidden', detail: 'You do not have access to this account' });
      expect(await rejection(create(caller, other.user))).toEqual({ code: 'forbidden', detail: 'You do not have access to this account' });
    });

    it('a revoked key cannot be reactivated', async () => {
      const tenant = await createTenant(t);
      const caller = await callerFor(tenant.user);
      const { apiKey } = await createKey(t, tenant.user);
      await revoke(caller, apiKey.id);
      expect(await rejection(keys.update(caller, apiKey.id, { status: 'active' } as UpdateAPIKeyRequest))).toEqual({
        code: 'conflict',
        detail: 'A revoked API key cannot be reactivated',
      });
    });
  });
});
