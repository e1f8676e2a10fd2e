import { randomUUID } from 'node:crypto';
import { formatId } from '../src/common/ids';
import { createAccount, createKey, createTenant, createUser, Tenant } from './helpers/factories';
import { as, asSuperadmin, Headers } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

interface Example {
  summary: string;
  value: unknown;
}
interface Operation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
  responses: Record<string, { content?: { 'application/json': { examples?: Record<string, Example> } } }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

const ERROR_STATUSES = ['400', '401', '403', '404', '409', '422', '429'];
const RESOURCE_OF_PATH: Record<string, string> = {
  '/v1/users/{user_id}': 'User not found',
  '/v1/accounts/{account_id}': 'Account not found',
  '/v1/api-keys/{key_id}': 'API key not found',
  '/v1/events/{event_id}': 'Event not found',
};
const unknown = (prefix: 'usr' | 'acc' | 'key') => formatId(prefix, randomUUID());

describe('OpenAPI error examples', () => {
  let t: TestApp;
  let document: Document;
  let operations: Array<[string, string, Operation]>;

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http().get('/openapi.json')).body as Document;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => [path, method, operation] as [string, string, Operation]),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const examplesOf = (path: string, method: string, status: string): Example[] =>
    Object.values(document.paths[path][method].responses[status]?.content?.['application/json'].examples ?? {});

  it('gives every error response of every operation at least one example', async () => {
    const authenticated = operations.filter(([path]) => !path.startsWith('/v1/health'));
    expect(authenticated.length).toBeGreaterThanOrEqual(14);
    for (const [path, method, operation] of authenticated) {
      for (const status of Object.keys(operation.responses).filter((s) => ERROR_STATUSES.includes(s))) {
        expect([path, method, status, examplesOf(path, method, status).length > 0]).toEqual([path, method, status, true]);
      }
    }
  });

  it('words 401, 403 and 429 as authentication does, never as "User not found"', async () => {
    for (const [path, method] of operations.filter(([p]) => !p.startsWith('/v1/health'))) {
      expect(examplesOf(path, method, '401').map((e) => e.value)).toEqual([{ detail: 'Invalid API key' }, { detail: 'Missing API key' }]);
      expect(examplesOf(path, method, '403').map((e) => e.value)).toContainEqual({ detail: 'Account is suspended' });
      expect(examplesOf(path, method, '429').map((e) => e.value)).toEqual([
        { detail: 'Rate limit exceeded' },
        { detail: 'Too many invalid API keys from this address; retry later' },
      ]);
      for (const status of ['400', '401', '403', '409', '429']) {
        for (const example of examplesOf(path, method, status)) expect(example.value).not.toEqual({ detail: 'User not found' });
      }
    }
  });

  it('names the resource of the path in each single-resource 404', async () => {
    for (const [path, message] of Object.entries(RESOURCE_OF_PATH)) {
      for (const method of Object.keys(document.paths[path])) {
        expect(examplesOf(path, method, '404').map((e) => e.value)).toEqual([{ detail: message }]);
      }
    }
  });

  it("points each 422 example's loc at a real parameter or body field of its operation", async () => {
    for (const [path, method, operation] of operations.filter(([p]) => !p.startsWith('/v1/health'))) {
      const examples = examplesOf(path, method, '422');
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        const [issue] = (example.value as { detail: Array<{ loc: string[] }> }).detail;
        const [where, name] = issue.loc;
        if (where === 'body') {
          const schema = operation.requestBody!.content['application/json'].schema.$ref.split('/').pop()!;
          expect(Object.keys(document.components.schemas[schema].properties!)).toContain(name);
        } else {
          expect(operation.parameters!.map((p) => `${p.in}:${p.name}`)).toContain(`${where}:${name}`);
        }
      }
    }
  });

  describe('are what the server answers', () => {
    let tenant: Tenant;
    let other: Tenant;
    let suspendedKey: string;
    let suspendedUserKey: string;
    let invitedUserKey: string;
    let revokedKeyId: string;
    let superadminUserId: string;

    beforeAll(async () => {
      tenant = await createTenant(t);
      other = await createTenant(t);
      const suspended = await createAccount(t, { status: 'suspended' });
      suspendedKey = (await createKey(t, await createUser(t, suspended.id))).key;
      suspendedUserKey = (await createKey(t, await createUser(t, tenant.account.id, { status: 'suspended' }))).key;
      invitedUserKey = (await createKey(t, await createUser(t, tenant.account.id, { status: 'invited' }))).key;
      const { apiKey } = await createKey(t, tenant.user, { status: 'revoked' });
      revokedKeyId = formatId('key', apiKey.id);
      superadminUserId = (await t.http().get('/v1/users?limit=1&sort=created_at:asc').set(asSuperadmin)).body.data[0].id;
    });

    type Case = [label: string, method: 'get' | 'post' | 'patch', url: () => string, caller: () => Headers, body: () => object | undefined, doc: [string, string, string], summary: string];
    const cases: Case[] = [
      ['invalid key', 'get', () => '/v1/users', () => as('ldr_wrong-key-0123456789abcdefghij'), () => undefined, ['/v1/users', 'get', '401'], 'Invalid API key'],
      ['missing key', 'get', () => '/v1/accounts', () => ({}), () => undefined, ['/v1/accounts', 'get', '401'], 'Missing API key'],
      ['suspended account', 'get', () => '/v1/api-keys', () => as(suspendedKey), () => undefined, ['/v1/api-keys', 'get', '403'], 'Account is suspended'],
      ['suspended user', 'get', () => '/v1/accounts', () => as(suspendedUserKey), () => undefined, ['/v1/accounts', 'get', '403'], 'User is suspended'],
      ['invited user', 'get', () => '/v1/users', () => as(invitedUserKey), () => undefined, ['/v1/users', 'get', '403'], 'User is invited'],
      ["another account's user", 'get', () => `/v1/users/${other.userId}`, () => as(tenant), () => undefined, ['/v1/users/{user_id}', 'get', '403'], 'You do not have access to this account'],
      ['regular user creating an account', 'post', () => '/v1/accounts', () => as(tenant), () => ({ name: 'Nope' }), ['/v1/accounts', 'post', '403'], 'Only superadmins can create accounts'],
      ['unknown user', 'get', () => `/v1/users/${unknown('usr')}`, () => asSuperadmin, () => undefined, ['/v1/users/{user_id}', 'get', '404'], 'User not found'],
      ['unknown account', 'patch', () => `/v1/accounts/${unknown('acc')}`, () => asSuperadmin, () => ({ name: 'Renamed' }), ['/v1/accounts/{account_id}', 'patch', '404'], 'Account not found'],
      ['unknown key', 'get', () => `/v1/api-keys/${unknown('key')}`, () => asSuperadmin, () => undefined, ['/v1/api-keys/{key_id}', 'get', '404'], 'API key not found'],
      ['user in an unknown account', 'post', () => '/v1/users', () => asSuperadmin, () => ({ account_id: unknown('acc'), email: 'a@example.com', display_name: 'Ada' }), ['/v1/users', 'post', '404'], 'Account not found'],
      ['key for an unknown user', 'post', () => '/v1/api-keys', () => asSuperadmin, () => ({ account_id: tenant.accountId, user_id: unknown('usr'), name: 'Key' }), ['/v1/api-keys', 'post', '404'], 'User not found'],
      ['duplicate email', 'post', () => '/v1/users', () => as(tenant), () => ({ account_id: tenant.accountId, email: tenant.user.email, display_name: 'Twin' }), ['/v1/users', 'post', '409'], 'A user with this email already exists in this account'],
      ['duplicate slug', 'post', () => '/v1/accounts', () => asSuperadmin, () => ({ name: 'Copy', slug: tenant.account.slug }), ['/v1/accounts', 'post', '409'], 'An account with this slug already exists'],
      ['reactivated key', 'patch', () => `/v1/api-keys/${revokedKeyId}`, () => as(tenant), () => ({ status: 'active' }), ['/v1/api-keys/{key_id}', 'patch', '409'], 'A revoked API key cannot be reactivated'],
      ['last superadmin demoted', 'patch', () => `/v1/users/${superadminUserId}`, () => asSuperadmin, () => ({ super_admin: false }), ['/v1/users/{user_id}', 'patch', '409'], 'The last active superadmin cannot be demoted, deleted or made inactive'],
      ['self-suspension', 'patch', () => `/v1/users/${tenant.userId}`, () => as(tenant), () => ({ status: 'suspended' }), ['/v1/users/{user_id}', 'patch', '403'], 'A user cannot set its own status to suspended'],
      ['query and body accounts differ', 'post', () => `/v1/users?account_id=${other.accountId}`, () => asSuperadmin, () => ({ account_id: tenant.accountId, email: 'b@example.com', display_name: 'Bea' }), ['/v1/users', 'post', '400'], 'account_id in the query does not match account_id in the body'],
      ['bad cursor', 'get', () => '/v1/users?cursor=abc', () => asSuperadmin, () => undefined, ['/v1/users', 'get', '400'], 'Invalid cursor'],
      ['users sorted by name', 'get', () => '/v1/users?sort=name:asc', () => asSuperadmin, () => undefined, ['/v1/users', 'get', '400'], "Invalid sort field 'name'. Valid sort fields: id, email, display_name, created_at, updated_at"],
      ['accounts sorted by email', 'get', () => '/v1/accounts?sort=email:asc', () => asSuperadmin, () => undefined, ['/v1/accounts', 'get', '400'], "Invalid sort field 'email'. Valid sort fields: id, name, slug, created_at, updated_at"],
      ['keys sorted by email', 'get', () => '/v1/api-keys?sort=email:asc', () => asSuperadmin, () => undefined, ['/v1/api-keys', 'get', '400'], "Invalid sort field 'email'. Valid sort fields: id, name, created_at, updated_at"],
      ['invalid email', 'post', () => '/v1/users', () => asSuperadmin, () => ({ account_id: tenant.accountId, email: 'not-an-email', display_name: 'Ada' }), ['/v1/users', 'post', '422'], 'body.email: value is not a valid email address'],
      ['users limit 101', 'get', () => '/v1/users?limit=101', () => asSuperadmin, () => undefined, ['/v1/users', 'get', '422'], 'query.limit: limit must not be greater than 100'],
      ['malformed user id', 'get', () => '/v1/users/123', () => asSuperadmin, () => undefined, ['/v1/users/{user_id}', 'get', '422'], 'path.user_id: Input should be an id of the form usr_<uuid>'],
      ['short display name', 'patch', () => `/v1/users/${tenant.userId}`, () => as(tenant), () => ({ display_name: 'A' }), ['/v1/users/{user_id}', 'patch', '422'], 'body.display_name: display_name must be longer than or equal to 2 characters'],
      ['short account name', 'post', () => '/v1/accounts', () => asSuperadmin, () => ({ name: 'A' }), ['/v1/accounts', 'post', '422'], 'body.name: name must be longer than or equal to 2 characters'],
      ['accounts limit 101', 'get', () => '/v1/accounts?limit=101', () => asSuperadmin, () => undefined, ['/v1/accounts', 'get', '422'], 'query.limit: limit must not be greater than 100'],
      ['malformed account id', 'get', () => '/v1/accounts/acc_x', () => asSuperadmin, () => undefined, ['/v1/accounts/{account_id}', 'get', '422'], 'path.account_id: Input should be an id of the form acc_<uuid>'],
      ['unknown account status', 'patch', () => `/v1/accounts/${tenant.accountId}`, () => asSuperadmin, () => ({ status: 'closed' }), ['/v1/accounts/{account_id}', 'patch', '422'], 'body.status: status must be one of the following values: active, suspended'],
      ['key expiring in the past', 'post', () => '/v1/api-keys', () => as(tenant), () => ({ account_id: tenant.accountId, user_id: tenant.userId, name: 'Old', expires_at: '2001-01-01T00:00:00Z' }), ['/v1/api-keys', 'post', '422'], 'body.expires_at: Input should be in the future'],
      ['unknown key status filter', 'get', () => '/v1/api-keys?status=expired', () => asSuperadmin, () => undefined, ['/v1/api-keys', 'get', '422'], 'query.status: status must be one of the following values: active, revoked'],
      ['malformed key id', 'get', () => '/v1/api-keys/key_1', () => asSuperadmin, () => undefined, ['/v1/api-keys/{key_id}', 'get', '422'], 'path.key_id: Input should be an id of the form key_<uuid>'],
      ['unknown event', 'get', () => `/v1/events/${formatId('evt', randomUUID())}`, () => asSuperadmin, () => undefined, ['/v1/events/{event_id}', 'get', '404'], 'Event not found'],
      ['malformed event id', 'get', () => '/v1/events/evt_1', () => asSuperadmin, () => undefined, ['/v1/events/{event_id}', 'get', '422'], 'path.event_id: Input should be an id of the form evt_<uuid>'],
      ['malformed resource filter', 'get', () => '/v1/events?resource_id=x', () => asSuperadmin, () => undefined, ['/v1/events', 'get', '422'], 'query.resource_id: Input should be an id of the form acc_<uuid>, usr_<uuid> or key_<uuid>'],
      ['bad events cursor', 'get', () => '/v1/events?cursor=abc', () => asSuperadmin, () => undefined, ['/v1/events', 'get', '400'], 'Invalid cursor'],
      ['unknown key status', 'patch', () => `/v1/api-keys/${revokedKeyId}`, () => as(tenant), () => ({ status: 'paused' }), ['/v1/api-keys/{key_id}', 'patch', '422'], 'body.status: status must be one of the following values: active, revoked'],
    ];

    it.each(cases)('%s', async (_, method, url, caller, body, [docPath, docMethod, status], summary) => {
      const example = examplesOf(docPath, docMethod, status).find((e) => e.summary === summary);
      expect(example).toBeDefined();
      const call = t.http()[method](url()).set(caller());
      const response = await (body() === undefined ? call : call.send(body()));
      expect(response.status).toBe(Number(status));
      expect(response.body).toEqual(example!.value);
    });
  });
});
