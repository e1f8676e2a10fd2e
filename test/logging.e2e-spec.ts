import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryFailedError } from 'typeorm';
import { formatId } from '../src/common/ids';
import { UsersService } from '../src/users/users.service';
import { createTenant, Tenant } from './helpers/factories';
import { as, asSuperadmin } from './helpers/headers';
import { LogCapture } from './helpers/log-capture';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request logging', () => {
  let t: TestApp;
  let logs: LogCapture;
  let tenant: Tenant;

  beforeAll(async () => {
    logs = new LogCapture();
    t = await createTestApp({ LOG_LEVEL: 'info' }, { logs });
    tenant = await createTenant(t);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => logs.clear());

  it('writes one JSON line per request: id, method, route template, status, duration, caller key and account', async () => {
    const response = await t.http().get(`/v1/users/${tenant.userId}`).set(as(tenant)).set('x-request-id', 'trace-42.a:b');
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('trace-42.a:b');

    const lines = logs.forRequest('trace-42.a:b');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      msg: 'request completed',
      method: 'GET',
      route: '/v1/users/:user_id',
      status: 200,
      key_id: expect.stringMatching(/^key_/),
      account_id: tenant.accountId,
    });
    expect(typeof lines[0].duration_ms).toBe('number');
    expect(typeof lines[0].time).toBe('string');
    // The route template, never the URL with its ids; never the key, its hash or an email.
    expect(logs.text).not.toContain(tenant.user.id);
    expect(logs.text).not.toContain(tenant.key);
    expect(logs.text).not.toContain(tenant.user.email);
  });

  it.each([
    ['longer than 128 characters', 'a'.repeat(129)],
    ['with spaces', 'two words'],
    ['with quotes', 'x"y'],
    ['empty', ''],
  ])('replaces an incoming x-request-id %s with a generated one', async (_, incoming) => {
    const response = await t.http().get('/v1/health/live').set('x-request-id', incoming);
    expect(response.status).toBe(200);
    const id = response.headers['x-request-id'];
    expect(id).toMatch(UUID);
    expect(logs.forRequest(id)).toHaveLength(1);
  });

  it('keeps an incoming x-request-id of exactly 128 characters', async () => {
    const incoming = 'r'.repeat(128);
    const response = await t.http().get('/v1/health/live').set('x-request-id', incoming);
    expect(response.headers['x-request-id']).toBe(incoming);
  });

  it('gives every request its own id when none is sent', async () => {
    const [first, second] = await Promise.all([t.http().get('/v1/health/live'), t.http().get('/v1/health/live')]);
    expect(first.headers['x-request-id']).toMatch(UUID);
    expect(second.headers['x-request-id']).toMatch(UUID);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });

  it('follows the request id through an unexpected error: the filter line and the request line, no query parameters', async () => {
    const email = 'leak-check@example.com';
    const users = t.app.get(UsersService);
    const failure = new QueryFailedError(
      'INSERT INTO "users"("email") VALUES ($1)',
      [email, 'c0ffee'.repeat(10)],
      Object.assign(new Error('syntax error at or near "VALUES"'), { code: '42601' }),
    );
    const spy = jest.spyOn(users, 'create').mockRejectedValueOnce(failure);
    try {
      const response = await t
        .http()
        .post('/v1/users')
        .set(asSuperadmin)
        .set('x-request-id', 'failing-request-1')
        .send({ account_id: tenant.accountId, email, display_name: 'Leak Check' });
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ detail: 'Internal Server Error' });
      expect(response.headers['x-request-id']).toBe('failing-request-1');
    } finally {
      spy.mockRestore();
    }

    const lines = logs.forRequest('failing-request-1');
    const filterLine = lines.find((line) => line.context === 'Exceptions');
    expect(filterLine).toMatchObject({ level: 'error', msg: expect.stringContaining('syntax error at or near') });
    expect(filterLine!.stack).toEqual(expect.stringContaining('QueryFailedError'));
    expect(lines.find((line) => line.msg === 'request failed')).toMatchObject({
      level: 'error',
      method: 'POST',
      route: '/v1/users',
      status: 500,
    });
    // The request body and the query's parameters stay out of the logs, and so does the key.
    expect(logs.text).not.toContain(email);
    expect(logs.text).not.toContain('c0ffee');
    expect(logs.text).not.toContain(SUPERADMIN_KEY);
  });

  it('keeps the request id on lines logged after a body that arrived in pieces', async () => {
    // The body's second half comes in a later packet: whatever runs after the body parser must
    // still see this request's logger.
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const spy = jest.spyOn(t.app.get(UsersService), 'create').mockRejectedValueOnce(new Error('late failure'));
    const body = JSON.stringify({ account_id: tenant.accountId, email: 'late@example.com', display_name: 'Late' });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const call = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/v1/users',
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              'leadr-api-key': SUPERADMIN_KEY,
              'x-request-id': 'slow-body-1',
            },
          },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          },
        );
        call.on('error', reject);
        call.flushHeaders();
        call.write(body.slice(0, 10));
        setTimeout(() => call.end(body.slice(10)), 150);
      });
      expect(status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    const filterLine = logs.forRequest('slow-body-1').find((line) => line.context === 'Exceptions');
    expect(filterLine).toMatchObject({ level: 'error', msg: 'Error: late failure' });
  });

  it('logs refused requests without the key that was presented', async () => {
    const wrongKey = 'ldr_wrong-key-for-the-logging-suite-0123456789';
    const response = await t.http().get('/v1/users').set(as(wrongKey)).set('x-request-id', 'refused-1');
    expect(response.status).toBe(401);
    const [line] = logs.forRequest('refused-1');
    expect(line).toMatchObject({ level: 'info', route: '/v1/users', status: 401 });
    expect(line).not.toHaveProperty('key_id');
    expect(logs.text).not.toContain(wrongKey);
  });

  it('logs requests that matched no route, and bodies the parser refused, with a null route', async () => {
    const unknown = await t.http().get(`/v1/nowhere/${tenant.userId}`).set('x-request-id', 'unmatched-1');
    expect(unknown.status).toBe(404);
    expect(logs.forRequest('unmatched-1')[0]).toMatchObject({ route: null, status: 404 });
    expect(logs.text).not.toContain(tenant.user.id);

    const malformed = await t
      .http()
      .post('/v1/users')
      .set(asSuperadmin)
      .set('content-type', 'application/json')
      .set('x-request-id', 'malformed-1')
      .send('{"email": "secret@example.com",');
    expect(malformed.status).toBe(422);
    expect(malformed.headers['x-request-id']).toBe('malformed-1');
    expect(logs.forRequest('malformed-1')[0]).toMatchObject({ status: 422 });
    expect(logs.text).not.toContain('secret@example.com');
  });

  it('writes only JSON lines, Nest start-up lines included', async () => {
    const second = new LogCapture();
    const other = await createTestApp({ LOG_LEVEL: 'debug' }, { logs: second });
    try {
      await other.http().get('/v1/health/live');
      const entries = second.entries;
      expect(entries.find((entry) => entry.msg === 'Nest application successfully started')).toMatchObject({
        level: 'info',
        context: 'NestApplication',
      });
      // Nest's line per module and per route is kept for debug.
      expect(entries.find((entry) => entry.context === 'RouterExplorer')).toMatchObject({ level: 'debug' });
    } finally {
      await other.close();
    }
  });
});

describe('LOG_LEVEL', () => {
  it('at warn, drops the per-request lines but keeps errors', async () => {
    const logs = new LogCapture();
    const t = await createTestApp({ LOG_LEVEL: 'warn' }, { logs });
    try {
      const users = t.app.get(UsersService);
      const spy = jest.spyOn(users, 'get').mockRejectedValueOnce(new Error('boom'));
      const ok = await t.http().get('/v1/health/live');
      const failed = await t.http().get(`/v1/users/${formatId('usr', '0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41')}`).set(asSuperadmin);
      spy.mockRestore();
      expect(failed.status).toBe(500);
      expect(logs.forRequest(ok.headers['x-request-id'])).toEqual([]);
      const levels = logs.forRequest(failed.headers['x-request-id']).map((entry) => entry.level);
      expect(levels).toEqual(['error', 'error']);
    } finally {
      await t.close();
    }
  });
});
