import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { ApiKeyHasher } from '../src/api-keys/api-key-hasher';
import { formatId } from '../src/common/ids';
import { createKey, createTenant, createUser, Tenant } from './helpers/factories';
import { rawRequest, RawResponse } from './helpers/raw-http';
import {
  describeRequest,
  GeneratedRequest,
  Known,
  OpenApiDocument,
  Operation,
  operationsOf,
  requestFor,
  resolve,
} from './helpers/request-arbitraries';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

// Property-based tests over every endpoint: requests generated from the served OpenAPI document
// and mutated never get a 5xx, always get the contract's error shape, and a 4xx (or any GET)
// never changes data. `npm test` replays a fixed seed with 50 requests per endpoint; a failure
// prints the seed. FC_SEED=<seed> replays another run, FC_SEED=random draws one (printed), and
// FC_RUNS sets the number of requests per endpoint: `npm run test:fuzz` is 300 random ones.
const FIXED_SEED = 20261205;
const SEED =
  process.env.FC_SEED === 'random'
    ? Math.floor(Math.random() * 2 ** 31)
    : process.env.FC_SEED !== undefined
      ? Number(process.env.FC_SEED)
      : FIXED_SEED;
const RUNS = process.env.FC_RUNS !== undefined ? Number(process.env.FC_RUNS) : 50;

const ENDPOINTS = [
  'POST /v1/users',
  'GET /v1/users',
  'GET /v1/users/{user_id}',
  'PATCH /v1/users/{user_id}',
  'POST /v1/accounts',
  'GET /v1/accounts',
  'GET /v1/accounts/{account_id}',
  'PATCH /v1/accounts/{account_id}',
  'POST /v1/api-keys',
  'GET /v1/api-keys',
  'GET /v1/api-keys/{key_id}',
  'PATCH /v1/api-keys/{key_id}',
  'POST /v1/api-keys/{key_id}/roll',
  'GET /v1/events',
  'GET /v1/events/{event_id}',
  'GET /v1/health',
  'GET /v1/health/live',
];

const isStringArray = (value: unknown) => Array.isArray(value) && value.every((p) => typeof p === 'string' || typeof p === 'number');

// FastAPI's two error shapes, and nothing else.
function isContractError(body: unknown): boolean {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'detail') return false;
  const { detail } = body as { detail: unknown };
  if (typeof detail === 'string') return detail.length > 0;
  return (
    Array.isArray(detail) &&
    detail.length > 0 &&
    detail.every(
      (issue) =>
        issue !== null &&
        typeof issue === 'object' &&
        Object.keys(issue).sort().join() === 'loc,msg,type' &&
        isStringArray(issue.loc) &&
        issue.loc.length > 0 &&
        typeof issue.msg === 'string' &&
        typeof issue.type === 'string',
    )
  );
}


describe('every endpoint, under generated requests (fast-check)', () => {
  let t: TestApp;
  let base: string;
  let agent: http.Agent;
  let document: OpenApiDocument;
  let operations: Operation[];
  const known: Known = { ids: { acc: [], usr: [], key: [], evt: [] }, apiKeys: [SUPERADMIN_KEY] };
  const plainKeys: string[] = [SUPERADMIN_KEY];
  const keyHashes: string[] = [];

  beforeAll(async () => {
    if (SEED !== FIXED_SEED) process.stdout.write(`request properties: seed ${SEED}, ${RUNS} requests per endpoint (FC_SEED=${SEED} replays it)\n`);
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const response = await rawRequest(base, agent, { method: 'GET', path: '/openapi.json' });
    document = response.json as OpenApiDocument;
    operations = operationsOf(document);
  });
  afterAll(async () => {
    agent.destroy();
    await t.close();
  });

  // Fresh tenants for each endpoint, as earlier endpoints' requests may have deleted, suspended
  // or revoked the previous ones. Requests are sent with the key of a superadmin whose ids are
  // never generated (so nothing can delete or demote it), or with the tenants' keys; the
  // bootstrap superadmin is among the generated ids, so its invariants are exercised too.
  async function refreshFixtures(): Promise<void> {
    const [bootstrap] = await t.dataSource.query(
      'SELECT u.id, u.account_id FROM users u WHERE u.super_admin ORDER BY u.created_at LIMIT 1',
    );
    const admin = await createTenant(t, { superAdmin: true });
    const tenants: Tenant[] = [await createTenant(t), await createTenant(t)];
    const colleague = await createUser(t, tenants[0].account.id);
    const { key: colleagueKey, apiKey } = await createKey(t, colleague);
    known.ids.acc = [formatId('acc', bootstrap.account_id), ...tenants.map((x) => x.accountId)];
    known.ids.usr = [formatId('usr', bootstrap.id), ...tenants.map((x) => x.userId), formatId('usr', colleague.id)];
    const keyIds: Array<{ id: string }> = await t.dataSource.query(
      'SELECT id FROM api_keys WHERE user_id = ANY($1::uuid[])',
      [[bootstrap.id, ...tenants.map((x) => x.user.id)]],
    );
    known.ids.key = keyIds.map((row) => formatId('key', row.id)).concat(formatId('key', apiKey.id));
    const eventIds: Array<{ id: string }> = await t.dataSource.query('SELECT id FROM events ORDER BY seq LIMIT 20');
    known.ids.evt = eventIds.map((row) => formatId('evt', row.id));
    known.apiKeys = [admin.key, ...tenants.map((x) => x.key), colleagueKey];
    plainKeys.push(...known.apiKeys);
    const hasher = new ApiKeyHasher(t.config.API_KEY_SECRET);
    keyHashes.splice(0, keyHashes.length, ...plainKeys.map((key) => hasher.hash(key)));
  }

  // What any change to the data moves, without reading every row: each table's row count and
  // latest updated_at (every update and soft delete stamps it with now(); authentication's
  // last_used_at refresh does not), and the last event (every change appends one).
  async function snapshot(): Promise<Record<string, string>> {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) || ' ' || coalesce(max(updated_at)::text, '') FROM accounts) AS accounts,
              (SELECT count(*) || ' ' || coalesce(max(updated_at)::text, '') FROM users) AS users,
              (SELECT count(*) || ' ' || coalesce(max(updated_at)::text, '') FROM api_keys) AS api_keys,
              (SELECT coalesce(max(seq), 0)::text FROM events) AS events`,
    );
    return row;
  }

  function checkResponse(op: Operation, request: GeneratedRequest, response: RawResponse): void {
    const context = `${describeRequest(request)}\n→ ${response.status} ${response.text.slice(0, 500)}`;
    if (response.status >= 500) {
      throw new Error(`5xx answer\n${context}`);
    }
    // A conditional GET may be answered 304 with no body (HTTP: `If-None-Match: *` matches any
    // current representation; Express applies it to every GET, single resources check their ETag).
    const conditional = request.method === 'GET' && Object.keys(request.headers).some((h) => h.toLowerCase() === 'if-none-match');
    if (response.status === 304 && conditional && response.text === '') return;
    if (!String(response.headers['content-type']).startsWith('application/json')) {
      throw new Error(`not a JSON answer\n${context}`);
    }
    if (response.status >= 400 && !isContractError(response.json)) {
      throw new Error(`error body outside the contract\n${context}`);
    }
    if (response.status < 300) {
      const schema = op.success && resolve(document, op.success);
      const body = response.json as Record<string, unknown>;
      const missing = (schema?.required ?? []).filter((name) => !(name in body));
      if (missing.length > 0) throw new Error(`success body lacks ${missing.join(', ')}\n${context}`);
    }
    // Secrets: a plain key appears only in the answer that creates it, never a known one.
    if (plainKeys.some((key) => response.text.includes(key))) throw new Error(`a plain API key in the answer\n${context}`);
    if (keyHashes.some((hash) => response.text.includes(hash))) throw new Error(`a key hash in the answer\n${context}`);
  }

  it('covers every operation of the OpenAPI document', () => {
    expect(operations.map((op) => `${op.method} ${op.path}`).sort()).toEqual([...ENDPOINTS].sort());
  });

  it.each(ENDPOINTS)(`%s: no 5xx, the contract's error shape, no change on a 4xx (${RUNS} requests)`, async (endpoint) => {
    const op = operations.find((o) => `${o.method} ${o.path}` === endpoint);
    if (!op) throw new Error(`${endpoint} is not in the OpenAPI document`);
    await refreshFixtures();
    let before = await snapshot();
    const statuses: Record<number, number> = {};
    const reasons: Record<string, number> = {};
    const property = fc.asyncProperty(requestFor(document, op, known), async (request) => {
      const response = await rawRequest(base, agent, {
        method: request.method,
        path: request.path,
        headers: request.headers,
        body: request.body.text ?? undefined,
      });
      checkResponse(op, request, response);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (process.env.FC_STATS && response.status === 422) {
        for (const issue of (response.json as { detail: Array<{ loc: unknown[]; type: string }> }).detail) {
          const key = `${issue.type}@${issue.loc.slice(0, 2).join('.')}`;
          reasons[key] = (reasons[key] ?? 0) + 1;
        }
      }
      const after = await snapshot();
      if ((response.status >= 400 || op.method === 'GET') && JSON.stringify(after) !== JSON.stringify(before)) {
        throw new Error(`data changed on a ${response.status}\n${describeRequest(request)}\n→ ${response.text.slice(0, 500)}`);
      }
      before = after;
    });
    try {
      await fc.assert(property, { seed: SEED, numRuns: RUNS });
    } catch (error) {
      const cause = (error as Error & { cause?: unknown }).cause;
      throw new Error(`${endpoint} failed; replay with FC_SEED=${SEED}\n${(error as Error).message}\n${String(cause ?? '')}`);
    }
    // FC_STATS=1 shows which answers the generated requests reached.
    if (process.env.FC_STATS) {
      process.stdout.write(`${endpoint} (seed ${SEED}): ${JSON.stringify(statuses)}\n  422: ${JSON.stringify(reasons)}\n`);
    }
  });
});
