import { formatId } from '../src/common/ids';
import { createKey, createTenant, Tenant } from './helpers/factories';
import { as, asSuperadmin } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

// A regular user of account A can read, change or revoke nothing of account B, whatever ids or
// query parameters it sends.
describe('tenant isolation', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let bKeyId: string;
  let bKey: string;

  beforeAll(async () => {
    t = await createTestApp();
    a = await createTenant(t);
    b = await createTenant(t);
    const created = await createKey(t, b.user);
    bKeyId = formatId('key', created.apiKey.id);
    bKey = created.key;
  });
  afterAll(async () => {
    await t.close();
  });

  type Attempt = [string, string, string, (() => object) | undefined, number];
  const attempts = (): Attempt[] => [
    ['GET', `/v1/accounts/${b.accountId}`, 'read B', undefined, 403],
    ['GET', `/v1/accounts/${a.accountId}?account_id=${b.accountId}`, 'read A narrowed to B', undefined, 403],
    ['PATCH', `/v1/accounts/${b.accountId}`, 'rename B', () => ({ name: 'Owned' }), 403],
    ['PATCH', `/v1/accounts/${b.accountId}`, 'suspend B', () => ({ status: 'suspended' }), 403],
    ['GET', `/v1/accounts?account_id=${b.accountId}`, 'list B', undefined, 403],
    ['GET', `/v1/users/${b.userId}`, 'read B user', undefined, 403],
    ['GET', `/v1/users/${b.userId}?account_id=${a.accountId}`, 'read B user narrowed to A', undefined, 403],
    ['PATCH', `/v1/users/${b.userId}`, 'rename B user', () => ({ display_name: 'Owned' }), 403],
    ['PATCH', `/v1/users/${b.userId}?account_id=${a.accountId}`, 'delete B user via A scope', () => ({ deleted: true }), 403],
    ['POST', '/v1/users', 'create in B', () => ({ account_id: b.accountId, email: 'x@example.com', display_name: 'Intruder' }), 403],
    ['POST', `/v1/users?account_id=${a.accountId}`, 'create in B via A query', () => ({ account_id: b.accountId, email: 'y@example.com', display_name: 'Intruder' }), 400],
    ['GET', `/v1/users?account_id=${b.accountId}`, 'list B users', undefined, 403],
    ['GET', `/v1/api-keys/${bKeyId}`, 'read B key', undefined, 403],
    ['PATCH', `/v1/api-keys/${bKeyId}`, 'revoke B key', () => ({ status: 'revoked' }), 403],
    ['PATCH', `/v1/api-keys/${bKeyId}?account_id=${a.accountId}`, 'delete B key via A scope', () => ({ deleted: true }), 403],
    ['POST', '/v1/api-keys', 'mint a key for B user in B', () => ({ account_id: b.accountId, user_id: b.userId, name: 'Steal' }), 403],
    ['POST', '/v1/api-keys', 'mint a key for B user in A', () => ({ account_id: a.accountId, user_id: b.userId, name: 'Steal' }), 404],
    ['GET', `/v1/api-keys?account_id=${b.accountId}`, 'list B keys', undefined, 403],
  ];

  it('refuses every attempt on B', async () => {
    for (const [method, path, what, body, expected] of attempts()) {
      const call = t.http()[method.toLowerCase() as 'get' | 'patch' | 'post'](path).set(as(a));
      const response = body ? await call.send(body()) : await call;
      expect({ what, status: response.status }).toEqual({ what, status: expected });
    }
  });

  it('shows A nothing of B in any list, even when filtering by B’s slug', async () => {
    for (const path of ['/v1/accounts?limit=100', `/v1/accounts?slug=${b.account.slug}`, '/v1/users?limit=100', '/v1/api-keys?limit=100']) {
      const response = await t.http().get(path).set(as(a));
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).not.toContain(b.account.id);
    }
  });

  it('refuses a superadmin’s cursor over B to A (400)', async () => {
    for (const list of ['/v1/users', '/v1/accounts', '/v1/api-keys']) {
      const page = await t.http().get(`${list}?limit=1`).set(asSuperadmin);
      const cursor = page.body.pagination.next_cursor;
      expect(cursor).toEqual(expect.any(String));
      expect((await t.http().get(`${list}?limit=1&cursor=${cursor}`).set(as(a))).status).toBe(400);
    }
  });

  it('left B exactly as it was', async () => {
    const account = await t.http().get(`/v1/accounts/${b.accountId}`).set(asSuperadmin);
    expect(account.body).toMatchObject({ name: b.account.name, status: 'active' });
    const user = await t.http().get(`/v1/users/${b.userId}`).set(asSuperadmin);
    expect(user.body.display_name).toBe(b.user.displayName);
    const users = await t.http().get(`/v1/users?account_id=${b.accountId}`).set(asSuperadmin);
    expect(users.body.data).toHaveLength(1);
    const key = await t.http().get(`/v1/api-keys/${bKeyId}`).set(asSuperadmin);
    expect(key.body.status).toBe('active');
    expect((await t.http().get('/v1/users').set(as(bKey))).status).toBe(200);
  });
});
