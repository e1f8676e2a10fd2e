import { formatId } from '../src/common/ids';
import { settleEvents } from './helpers/events';
import { createKey, createTenant } from './helpers/factories';
import { asSuperadmin } from './helpers/headers';
import { createTestApp, TestApp } from './helpers/test-app';

interface Operation {
  parameters?: Array<{ in: string; name: string }>;
  responses: Record<string, { headers?: Record<string, unknown> }>;
}

// Every operation whose served OpenAPI document promises an ETag on its 200 sends one, and every
// other operation's 200 sends none. Taken from the document, so an operation added later is checked
// without touching this file (a path parameter it does not know fails the test).
describe('ETags as the OpenAPI document promises them', () => {
  let t: TestApp;
  let ids: Record<string, string>;
  let operations: Array<{ method: string; path: string; promised: boolean }>;

  beforeAll(async () => {
    t = await createTestApp();
    const tenant = await createTenant(t);
    const { apiKey } = await createKey(t, tenant.user);
    await settleEvents(t);
    const event = (await t.http().get('/v1/events?limit=1').set(asSuperadmin).expect(200)).body.data[0];
    ids = { account_id: tenant.accountId, user_id: tenant.userId, key_id: formatId('key', apiKey.id), event_id: event.id };
    const document = (await t.http().get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod)
        .filter(([method, operation]) => ['get', 'patch'].includes(method) && operation.responses['200'] !== undefined)
        .map(([method, operation]) => ({ method, path, promised: operation.responses['200'].headers?.ETag !== undefined })),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('covers the single-resource gets and updates of accounts, users and API keys', () => {
    expect(operations.filter((operation) => operation.promised).map(({ method, path }) => `${method} ${path}`).sort()).toEqual([
      'get /v1/accounts/{account_id}',
      'get /v1/api-keys/{key_id}',
      'get /v1/users/{user_id}',
      'patch /v1/accounts/{account_id}',
      'patch /v1/api-keys/{key_id}',
      'patch /v1/users/{user_id}',
    ]);
  });

  it('sends an ETag exactly where one is promised', async () => {
    const answers: string[] = [];
    for (const { method, path, promised } of operations) {
      const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => {
        if (ids[name] === undefined) throw new Error(`no id for the path parameter ${name} of ${path}`);
        return ids[name];
      });
      const response = method === 'get' ? await t.http().get(url).set(asSuperadmin) : await t.http().patch(url).set(asSuperadmin).send({});
      answers.push(`${method} ${path}: ${response.status} ${promised ? 'promised' : 'not promised'} ${response.headers.etag ? 'sent' : 'absent'}`);
    }
    expect(answers).toEqual(
      operations.map(({ method, path, promised }) => `${method} ${path}: 200 ${promised ? 'promised sent' : 'not promised absent'}`),
    );
  });
});
