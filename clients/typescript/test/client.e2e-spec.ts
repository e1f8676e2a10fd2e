import { settleEvents } from '../../../test/helpers/events';
import { createAccount, createTenant, createUser, Tenant } from '../../../test/helpers/factories';
import { createTestApp, SUPERADMIN_KEY, TestApp } from '../../../test/helpers/test-app';
import { createLeadrClient, LeadrApiError, LeadrClient, type User } from '../src';

// The client against a live server: the real app, listening on a port, on the test database.
describe('TypeScript client', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: LeadrClient;
  let tenant: Tenant;
  let requests: string[];

  const countingFetch = (request: Request) => {
    requests.push(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);
    return fetch(request);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `${await t.app.getUrl()}/`;
    admin = createLeadrClient({ baseUrl, apiKey: SUPERADMIN_KEY, fetch: countingFetch });
    tenant = await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    requests = [];
  });

  describe('lists', () => {
    let accountId: string;
    let emails: string[];
    beforeAll(async () => {
      const account = await createAccount(t);
      accountId = `acc_${account.id}`;
      emails = [];
      for (let i = 0; i < 7; i++) emails.push((await createUser(t, account.id, { email: `member-${i}@paged.example` })).email);
    });

    it('iterates over every item of every page with for await', async () => {
      const seen: User[] = [];
      for await (const user of admin.users.list({ account_id: accountId, sort: 'email:asc', limit: 2 })) seen.push(user);
      expect(seen.map((user) => user.email)).toEqual([...emails].sort());
      expect(requests).toHaveLength(4);
      expect(requests[0]).toBe(`GET /v1/users?account_id=${accountId}&sort=email%3Aasc&limit=2`);
      expect(requests[1]).toMatch(/&cursor=/);
    });

    it('hands out the pages themselves, and stops fetching when the loop stops', async () => {
      const counts: number[] = [];
      for await (const page of admin.users.list({ account_id: accountId, limit: 3 }).pages()) counts.push(page.pagination.count);
      expect(counts).toEqual([3, 3, 1]);

      requests = [];
      for await (const user of admin.users.list({ account_id: accountId, limit: 3 })) {
        expect(user.account_id).toBe(accountId);
        break;
      }
      expect(requests).toHaveLength(1);
    });

    it('lists accounts and API keys the same way, with their filters', async () => {
      const slugs = (await admin.accounts.list({ sort: 'slug:asc', limit: 1 }).toArray()).map((account) => account.slug);
      expect(slugs).toEqual([...slugs].sort());
      expect(slugs).toContain(tenant.account.slug);
      const keys = await createLeadrClient({ baseUrl, apiKey: tenant.key }).apiKeys.list({ status: 'active' }).toArray();
      expect(keys.map((key) => key.user_id)).toEqual([tenant.userId]);
    });
  });

  describe('errors', () => {
    it('throws a LeadrApiError with the status, the detail and the request id', async () => {
      const client = createLeadrClient({ baseUrl, apiKey: SUPERADMIN_KEY, headers: { 'x-request-id': 'client-test-1' } });
      const error = await client.users.get('usr_0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LeadrApiError);
      expect(error).toMatchObject({ status: 404, detail: 'User not found', issues: [], requestId: 'client-test-1' });
      expect((error as Error).message).toBe('404 User not found');
    });

    it('carries the issues of a 422', async () => {
      const error = (await admin.users
        .create({ account_id: tenant.accountId, email: 'not-an-email', display_name: 'Ada' })
        .catch((e: unknown) => e)) as LeadrApiError;
      expect(error.status).toBe(422);
      expect(error.issues).toEqual([{ loc: ['body', 'email'], msg: 'value is not a valid email address', type: 'value_error' }]);
      expect(error.detail).toBe('body.email: value is not a valid email address');
    });

    it.each([
      ['an invalid key', 'ldr_not-a-key-0123456789abcdefghij', 401, 'Invalid API key'],
      ["another account's key", () => tenant.key, 403, 'You do not have access to this account'],
    ])('reports %s', async (_, key, status, detail) => {
      const client = createLeadrClient({ baseUrl, apiKey: typeof key === 'function' ? key() : key });
      await expect(client.accounts.get(`acc_${(await createAccount(t)).id}`)).rejects.toMatchObject({ status, detail });
    });

    it('fails a list on the page that fails', async () => {
      const iterate = async () => {
        for await (const user of admin.users.list({ sort: 'name:asc' })) expect(user).toBeUndefined();
      };
      await expect(iterate()).rejects.toMatchObject({ status: 400, detail: expect.stringContaining("Invalid sort field 'name'") });
    });
  });

  it('creates, updates and revokes: the life of a studio', async () => {
    const account = await admin.accounts.create({ name: 'Client Studio' });
    expect(account.slug).toBe('client-studio');
    const user = await admin.users.create({ account_id: account.id, email: 'dev@client.example', display_name: 'Dev' });
    const created = await admin.apiKeys.create({ account_id: account.id, user_id: user.id, name: 'Build server' });
    expect(created.key).toMatch(/^ldr_/);

    const studio = createLeadrClient({ baseUrl, apiKey: created.key! });
    expect((await studio.users.list().toArray()).map((u) => u.id)).toEqual([user.id]);
    expect((await studio.users.update(user.id, { display_name: 'Lead Dev' })).display_name).toBe('Lead Dev');

    // Rolled with a grace period: both keys work until the old one expires.
    const rolled = await admin.apiKeys.roll(created.id, { expires_in_seconds: 60 });
    expect(rolled.scopes).toEqual(created.scopes);
    const rolledStudio = createLeadrClient({ baseUrl, apiKey: rolled.key! });
    expect((await rolledStudio.users.get(user.id)).id).toBe(user.id);
    expect((await studio.users.get(user.id)).id).toBe(user.id);

    expect((await admin.apiKeys.revoke(created.id)).status).toBe('revoked');
    await expect(studio.users.get(user.id)).rejects.toMatchObject({ status: 401, detail: 'Invalid API key' });
    await expect(admin.apiKeys.update(created.id, { status: 'active' })).rejects.toMatchObject({ status: 409 });
  });

  it('walks the audit trail like any other list', async () => {
    const account = await admin.accounts.create({ name: 'Audited Studio' });
    await admin.accounts.update(account.id, { name: 'Audited Studio Renamed' });
    await settleEvents(t);
    const events = await admin.events.list({ resource_id: account.id, limit: 1 }).toArray();
    expect(events.map((event) => event.type)).toEqual(['account.created', 'account.updated']);
    expect(await admin.events.get(events[1].id)).toEqual(events[1]);
  });

  it('reads the health check', async () => {
    expect(await admin.health()).toEqual({ service: 'leadr', status: 'healthy', database: 'connected' });
  });
});
