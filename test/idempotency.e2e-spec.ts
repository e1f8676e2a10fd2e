import { randomUUID } from 'node:crypto';
import { InterceptorsConsumer } from '@nestjs/core/interceptors/interceptors-consumer.js';
import { formatId } from '../src/common/ids';
import { IdempotencyPurger } from '../src/idempotency/idempotency-purger';
import { requestFingerprint } from '../src/idempotency/idempotency-key';
import { createAccount, createTenant, Tenant } from './helpers/factories';
import { as, asSuperadmin, Headers } from './helpers/headers';
import { createTestApp, createTestAppsSharingADatabase, TestApp } from './helpers/test-app';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

describe('Idempotency-Key on POST', () => {
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

  const withKey = (headers: Headers, key: string): Headers => ({ ...headers, 'Idempotency-Key': key });
  const postUser = (headers: Headers, body: object, query = '') => t.http().post(`/v1/users${query}`).set(headers).send(body);
  const userBody = (email: string) => ({ account_id: tenant.accountId, email, display_name: 'Idem Potent' });
  const countUsers = async (email: string) =>
    Number((await t.dataSource.query('SELECT count(*) AS n FROM users WHERE lower(email) = $1', [email]))[0].n);
  const countInTenant = async (email: string) =>
    Number(
      (await t.dataSource.query('SELECT count(*) AS n FROM users WHERE lower(email) = $1 AND account_id = $2', [email, tenant.account.id]))[0].n,
    );
  const countAccounts = async (name: string) =>
    Number((await t.dataSource.query('SELECT count(*) AS n FROM accounts WHERE name = $1', [name]))[0].n);

  describe('the header', () => {
    it('changes nothing when absent', async () => {
      const response = await postUser(as(tenant), userBody('plain@example.com'));
      expect(response.status).toBe(201);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
      expect(await countUsers('plain@example.com')).toBe(1);
    });

    // Idempotency is a guard and a handler parameter, not an interceptor: Nest runs any interceptor
    // through an RxJS pipeline on every request of its route, the header or not (8 % of a create's
    // instructions, docs/performance.md).
    it('runs no interceptor on a create, with the header or without', async () => {
      const intercept = jest.spyOn(InterceptorsConsumer.prototype, 'intercept');
      try {
        expect((await postUser(as(tenant), userBody(`plain-${randomUUID()}@example.com`))).status).toBe(201);
        expect((await postUser(withKey(as(tenant), randomUUID()), userBody(`keyed-${randomUUID()}@example.com`))).status).toBe(201);
        expect((await t.http().post('/v1/accounts').set(asSuperadmin).send({ name: `Plain ${randomUUID()}` })).status).toBe(201);
        expect(intercept).toHaveBeenCalledTimes(3);
        for (const [interceptors] of intercept.mock.calls) expect(interceptors).toEqual([]);
      } finally {
        intercept.mockRestore();
      }
    });

    it.each<[string, string]>([
      ['one character', 'k'],
      ['255 characters', 'k'.repeat(255)],
      ['every printable ASCII character', Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('').trim()],
    ])('accepts %s', async (_label, key) => {
      const response = await postUser(withKey(as(tenant), key), userBody(`ok-${randomUUID()}@example.com`));
      expect(response.status).toBe(201);
    });

    it.each<[string, string]>([
      ['empty', ''],
      ['256 characters long', 'k'.repeat(256)],
      ['holding a tab', 'a\tb'],
      ['holding a non-ASCII character', 'clé'],
    ])('refuses a key that is %s with 422 at ["header", "idempotency-key"], creating nothing', async (_label, key) => {
      const email = `bad-${randomUUID()}@example.com`;
      const response = await postUser(withKey(as(tenant), key), userBody(email));
      expect(response.status).toBe(422);
      expect(response.body.detail.map((issue: { loc: string[] }) => issue.loc)).toEqual([['header', 'idempotency-key']]);
      expect(await countUsers(email)).toBe(0);
    });

    it('refuses the header sent twice', async () => {
      const email = `twice-${randomUUID()}@example.com`;
      const response = await t
        .http()
        .post('/v1/users')
        .set(as(tenant))
        // Node sends an array as one header line per value.
        .set('Idempotency-Key', ['a', 'b'] as unknown as string)
        .send(userBody(email));
      expect(response.status).toBe(422);
      expect(response.body.detail[0].loc).toEqual(['header', 'idempotency-key']);
      expect(await countUsers(email)).toBe(0);
    });
  });

  describe('a repeated request', () => {
    it('gets the stored response byte for byte, marked as replayed, and creates nothing more', async () => {
      const headers = withKey(as(tenant), `create-${randomUUID()}`);
      const first = await postUser(headers, userBody('once@example.com'));
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();

      const again = await postUser(headers, userBody('once@example.com'));
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers['content-type']).toBe(first.headers['content-type']);
      expect(again.text).toBe(first.text);
      expect(await countUsers('once@example.com')).toBe(1);
    });

    it('is the same request whatever the order of its JSON keys or its whitespace', async () => {
      const headers = { ...withKey(as(tenant), `json-${randomUUID()}`), 'content-type': 'application/json' };
      const first = await t
        .http()
        .post('/v1/users')
        .set(headers)
        .send(`{"account_id":"${tenant.accountId}","email":"json@example.com","display_name":"Jay"}`);
      const again = await t
        .http()
        .post('/v1/users')
        .set(headers)
        .send(`{ "display_name": "Jay", "email": "json@example.com", "account_id": "${tenant.accountId}" }`);
      expect(first.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);
    });

    it('runs nothing again: a replayed account creation makes no second account', async () => {
      const headers = withKey(asSuperadmin, `account-${randomUUID()}`);
      const name = `Replay Studio ${randomUUID().slice(0, 8)}`;
      const first = await t.http().post('/v1/accounts').set(headers).send({ name });
      const again = await t.http().post('/v1/accounts').set(headers).send({ name });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(await countAccounts(name)).toBe(1);
    });

    it('is scoped to the calling API key: another key with the same Idempotency-Key runs its own request', async () => {
      const other = await createTenant(t);
      const key = `shared-${randomUUID()}`;
      const mine = await postUser(withKey(as(tenant), key), userBody('scoped@example.com'));
      const theirs = await postUser(withKey(as(other), key), {
        account_id: other.accountId,
        email: 'scoped@example.com',
        display_name: 'Theirs',
      });
      expect(mine.status).toBe(201);
      expect(theirs.status).toBe(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.body.account_id).toBe(other.accountId);
      expect(await countUsers('scoped@example.com')).toBe(2);
    });

    it.each<[string, (key: string) => Promise<{ status: number; body: { detail: Array<{ loc: string[]; msg: string }> } }>]>([
      ['another body', (key) => postUser(withKey(as(tenant), key), userBody('other-body@example.com'))],
      ['another path', (key) => t.http().post('/v1/api-keys').set(withKey(as(tenant), key)).send(userBody('mismatch@example.com'))],
      ['another query', (key) => postUser(withKey(as(tenant), key), userBody('mismatch@example.com'), `?account_id=${tenant.accountId}`)],
    ])('with %s is a 422 that says so, and runs nothing', async (_label, retry) => {
      const key = `mismatch-${randomUUID()}`;
      expect((await postUser(withKey(as(tenant), key), userBody('mismatch@example.com'))).status).toBe(201);
      const response = await retry(key);
      expect(response.status).toBe(422);
      expect(response.body.detail).toEqual([
        {
          loc: ['header', 'idempotency-key'],
          msg: 'This Idempotency-Key was already used with a different request (method, path or body)',
          type: 'idempotency_key_reused',
        },
      ]);
      expect(await countInTenant('other-body@example.com')).toBe(0);
      expect(await countInTenant('mismatch@example.com')).toBe(1);
    });
  });

  describe('what is kept', () => {
    it('keeps a 409 (duplicate email): the retry gets it again even once the email is free', async () => {
      const taken = await postUser(as(tenant), userBody('taken@example.com'));
      const key = `conflict-${randomUUID()}`;
      const first = await postUser(withKey(as(tenant), key), userBody('taken@example.com'));
      expect(first.status).toBe(409);
      expect(first.body).toEqual({ detail: 'A user with this email already exists in this account' });

      await t.http().patch(`/v1/users/${taken.body.id}`).set(as(tenant)).send({ deleted: true }).expect(200);
      const again = await postUser(withKey(as(tenant), key), userBody('taken@example.com'));
      expect(again.status).toBe(409);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);
      expect(await countUsers('taken@example.com')).toBe(1);
    });

    it('keeps a 404 (unknown account) and a 403 from the endpoint', async () => {
      const unknown = { account_id: formatId('acc', MISSING_UUID), email: 'nobody@example.com', display_name: 'Nobody' };
      const notFoundKey = withKey(asSuperadmin, `missing-${randomUUID()}`);
      const first = await postUser(notFoundKey, unknown);
      expect(first.status).toBe(404);
      const again = await postUser(notFoundKey, unknown);
      expect(again.status).toBe(404);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);

      const other = await createTenant(t);
      const forbiddenKey = withKey(as(tenant), `forbidden-${randomUUID()}`);
      const intrusion = { account_id: other.accountId, email: 'intruder@example.com', display_name: 'Intruder' };
      expect((await postUser(forbiddenKey, intrusion)).status).toBe(403);
      const retried = await postUser(forbiddenKey, intrusion);
      expect(retried.status).toBe(403);
      expect(retried.headers['idempotent-replayed']).toBe('true');
    });

    it('does not keep a 422 from validation: the corrected request runs under the same key', async () => {
      const headers = withKey(as(tenant), `invalid-${randomUUID()}`);
      const invalid = await postUser(headers, { ...userBody('fixed@example.com'), email: 'not-an-email' });
      expect(invalid.status).toBe(422);
      const again = await postUser(headers, { ...userBody('fixed@example.com'), email: 'not-an-email' });
      expect(again.status).toBe(422);
      expect(again.headers['idempotent-replayed']).toBeUndefined();
      // Not kept, so not a mismatch either: the key is free.
      const fixed = await postUser(headers, userBody('fixed@example.com'));
      expect(fixed.status).toBe(201);
      expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    });

    it('does not keep 401 or 403 from authentication', async () => {
      const key = `auth-${randomUUID()}`;
      const anonymous = await postUser({ 'Idempotency-Key': key, 'leadr-api-key': 'ldr_not-a-real-key-0123456789' }, userBody('auth@example.com'));
      expect(anonymous.status).toBe(401);

      // Through the API, so that cached credentials are dropped at once.
      const setStatus = (status: string) =>
        t.http().patch(`/v1/accounts/${tenant.accountId}`).set(asSuperadmin).send({ status }).expect(200);
      await setStatus('suspended');
      const suspended = await postUser(withKey(as(tenant), key), userBody('auth@example.com'));
      expect(suspended.status).toBe(403);
      expect(suspended.body).toEqual({ detail: 'Account is suspended' });
      await setStatus('active');

      const created = await postUser(withKey(as(tenant), key), userBody('auth@example.com'));
      expect(created.status).toBe(201);
      expect(created.headers['idempotent-replayed']).toBeUndefined();
    });

    it('does not keep a 5xx: the retry runs, and succeeds', async () => {
      await t.dataSource.query(`
        CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'simulated failure'; END $$`);
      await t.dataSource.query(`
        CREATE TRIGGER refuse_boom BEFORE INSERT ON users
        FOR EACH ROW WHEN (NEW.email = 'boom@example.com') EXECUTE FUNCTION refuse_boom()`);
      const headers = withKey(as(tenant), `crash-${randomUUID()}`);
      try {
        const failed = await postUser(headers, userBody('boom@example.com'));
        expect(failed.status).toBe(500);
        expect(failed.body).toEqual({ detail: 'Internal Server Error' });
      } finally {
        await t.dataSource.query('DROP TRIGGER refuse_boom ON users');
        await t.dataSource.query('DROP FUNCTION refuse_boom()');
      }
      const retried = await postUser(headers, userBody('boom@example.com'));
      expect(retried.status).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(await countUsers('boom@example.com')).toBe(1);
    });
  });

  describe('a request whose first is still running', () => {
    // What a first request holds while it runs: a live claim with no response yet.
    const holdClaim = async (key: string, body: object, lockedFor: string) => {
      const [principal] = await t.dataSource.query(
        `SELECT id FROM api_keys WHERE user_id = $1 AND deleted_at IS NULL`,
        [tenant.user.id],
      );
      await t.dataSource.query(
        `INSERT INTO idempotency_keys (api_key_id, idempotency_key, request_hash, attempt_id, locked_until, expires_at)
         VALUES ($1, $2, $3, gen_random_uuid(), now() + CAST($4 AS interval), now() + interval '1 day')`,
        [principal.id, key, requestFingerprint('POST', '/v1/users', body), lockedFor],
      );
    };

    it('is a 409 and runs nothing', async () => {
      const key = `running-${randomUUID()}`;
      const body = userBody('running@example.com');
      await holdClaim(key, body, '1 minute');
      const response = await postUser(withKey(as(tenant), key), body);
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ detail: 'A request with this Idempotency-Key is still being processed' });
      expect(await countUsers('running@example.com')).toBe(0);
    });

    it('runs once the first one’s claim has lapsed (its server stopped)', async () => {
      const key = `lapsed-${randomUUID()}`;
      const body = userBody('lapsed@example.com');
      await holdClaim(key, body, '-1 second');
      const response = await postUser(withKey(as(tenant), key), body);
      expect(response.status).toBe(201);
      expect(await countUsers('lapsed@example.com')).toBe(1);
      const again = await postUser(withKey(as(tenant), key), body);
      expect(again.headers['idempotent-replayed']).toBe('true');
    });

    it('in parallel: of many identical requests exactly one user is created, every other is a replay or 409', async () => {
      const headers = withKey(as(tenant), `parallel-${randomUUID()}`);
      const body = userBody('parallel@example.com');
      const responses = await Promise.all(Array.from({ length: 10 }, () => postUser(headers, body)));
      expect(await countUsers('parallel@example.com')).toBe(1);
      const created = responses.filter((r) => r.status === 201);
      const conflicts = responses.filter((r) => r.status === 409);
      expect(created.length + conflicts.length).toBe(10);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(created.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
      expect(new Set(created.map((r) => r.text)).size).toBe(1);
      for (const conflict of conflicts) {
        expect(conflict.body).toEqual({ detail: 'A request with this Idempotency-Key is still being processed' });
      }
      const after = await postUser(headers, body);
      expect(after.headers['idempotent-replayed']).toBe('true');
      expect(after.text).toBe(created[0].text);
    });

    it('in parallel: many identical account creations make exactly one account', async () => {
      const headers = withKey(asSuperadmin, `parallel-account-${randomUUID()}`);
      const name = `Parallel ${randomUUID().slice(0, 8)}`;
      const responses = await Promise.all(Array.from({ length: 8 }, () => t.http().post('/v1/accounts').set(headers).send({ name })));
      expect(await countAccounts(name)).toBe(1);
      const created = responses.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(responses.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    });
  });

  describe('documentation', () => {
    type Examples = Record<string, { summary: string; value: unknown }>;
    const examplesOf = async (path: string, status: string): Promise<unknown[]> => {
      const document = (await t.http().get('/openapi.json')).body;
      const examples: Examples = document.paths[path].post.responses[status].content['application/json'].examples;
      return Object.values(examples).map((example) => example.value);
    };

    it.each(['/v1/users', '/v1/accounts', '/v1/api-keys'])('POST %s documents the 409 and 422s exactly as sent', async (path) => {
      const key = `documented-${randomUUID()}`;
      const bodies: Record<string, object> = {
        '/v1/users': userBody('documented@example.com'),
        '/v1/accounts': { name: 'Documented' },
        '/v1/api-keys': { account_id: tenant.accountId, user_id: tenant.userId, name: 'Documented' },
      };
      const body = bodies[path];
      const headers = withKey(asSuperadmin, key);
      expect((await t.http().post(path).set(headers).send(body)).status).toBe(201);
      const reused = await t.http().post(path).set(headers).send({ ...body, extra: 1 });
      const tooLong = await t.http().post(path).set(withKey(asSuperadmin, 'k'.repeat(256))).send(body);
      expect([reused.status, tooLong.status]).toEqual([422, 422]);
      const documented422 = await examplesOf(path, '422');
      expect(documented422).toContainEqual(reused.body);
      expect(documented422).toContainEqual(tooLong.body);

      expect(await examplesOf(path, '409')).toContainEqual({ detail: 'A request with this Idempotency-Key is still being processed' });
    });
  });

  describe('storage', () => {
    it('keeps a created API key encrypted: not in the clear in the table, and replayed intact', async () => {
      const headers = withKey(as(tenant), `key-${randomUUID()}`);
      const body = { account_id: tenant.accountId, user_id: tenant.userId, name: 'Build server' };
      const first = await t.http().post('/v1/api-keys').set(headers).send(body);
      expect(first.status).toBe(201);
      const plainKey: string = first.body.key;

      const rows: Array<{ response_body: Buffer; response_status: number }> = await t.dataSource.query(
        `SELECT response_body, response_status FROM idempotency_keys WHERE idempotency_key = $1`,
        [headers['Idempotency-Key']],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].response_status).toBe(201);
      const stored = rows[0].response_body;
      for (const encoding of ['utf8', 'latin1', 'hex', 'base64', 'base64url'] as const) {
        const text = stored.toString(encoding);
        expect(text).not.toContain(plainKey);
        expect(text).not.toContain(plainKey.slice(4));
        expect(text).not.toContain('Build server');
      }

      const again = await t.http().post('/v1/api-keys').set(headers).send(body);
      expect(again.text).toBe(first.text);
      expect((await t.http().get('/v1/users').set(as(plainKey))).status).toBe(200);
    });

    it('purges expired records, and an expired key runs its request again', async () => {
      const headers = withKey(asSuperadmin, `expiring-${randomUUID()}`);
      const name = `Expiring ${randomUUID().slice(0, 8)}`;
      expect((await t.http().post('/v1/accounts').set(headers).send({ name })).status).toBe(201);
      const fresh = withKey(asSuperadmin, `fresh-${randomUUID()}`);
      expect((await t.http().post('/v1/accounts').set(fresh).send({ name: `${name} fresh` })).status).toBe(201);

      await t.dataSource.query(
        `UPDATE idempotency_keys SET expires_at = now() - interval '1 second', created_at = now() - interval '25 hours'
          WHERE idempotency_key = $1`,
        [headers['Idempotency-Key']],
      );
      const rerun = await t.http().post('/v1/accounts').set(headers).send({ name });
      expect(rerun.status).toBe(201);
      expect(rerun.headers['idempotent-replayed']).toBeUndefined();
      expect(await countAccounts(name)).toBe(2);

      await t.dataSource.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE idempotency_key = $1`, [
        headers['Idempotency-Key'],
      ]);
      const purged = await t.app.get(IdempotencyPurger).purgeExpired();
      expect(purged).toBeGreaterThanOrEqual(1);
      const left: Array<{ idempotency_key: string }> = await t.dataSource.query(
        `SELECT idempotency_key FROM idempotency_keys WHERE idempotency_key IN ($1, $2)`,
        [headers['Idempotency-Key'], fresh['Idempotency-Key']],
      );
      expect(left.map((row) => row.idempotency_key)).toEqual([fresh['Idempotency-Key']]);
    });
  });
});

describe('Idempotency-Key across instances', () => {
  it('replays on another instance, after the first one has stopped', async () => {
    const [first, second] = await createTestAppsSharingADatabase(2);
    let firstOpen = true;
    try {
      const account = await createAccount(first);
      const headers = withKeyHeader(asSuperadmin, `restart-${randomUUID()}`);
      const body = { account_id: formatId('acc', account.id), email: 'restart@example.com', display_name: 'Restart' };
      const created = await first.http().post('/v1/users').set(headers).send(body);
      expect(created.status).toBe(201);
      await first.close();
      firstOpen = false;

      const replayed = await second.http().post('/v1/users').set(headers).send(body);
      expect(replayed.status).toBe(201);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.text).toBe(created.text);
      const [{ n }] = await second.dataSource.query(`SELECT count(*) AS n FROM users WHERE email = 'restart@example.com'`);
      expect(Number(n)).toBe(1);
    } finally {
      if (firstOpen) await first.close();
      await second.close();
    }
  });
});

function withKeyHeader(headers: Headers, key: string): Headers {
  return { ...headers, 'Idempotency-Key': key };
}
