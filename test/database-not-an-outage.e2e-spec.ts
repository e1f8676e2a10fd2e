import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { DatabaseAvailability } from '../src/database/connection/database-availability';
import { createTenant, Tenant } from './helpers/factories';
import { CapturedLogs } from './helpers/log-capture';
import { createProxiedTestApp, ProxiedTestApp } from './helpers/proxied-app';
import { createTestApp, SUPERADMIN_KEY, TestApp } from './helpers/test-app';

const auth = { 'leadr-api-key': SUPERADMIN_KEY };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Failures that look like the database's at first sight, and are not: none may be counted as an
// outage (a "Database unavailable" warning, the availability tracker down).
describe('not a database outage', () => {
  describe('a client that aborts its request body', () => {
    let t: TestApp;
    let logs: CapturedLogs;
    let port: number;

    beforeAll(async () => {
      t = await createTestApp();
      logs = new CapturedLogs();
      t.app.useLogger(logs);
      await t.app.listen(0, '127.0.0.1');
      port = (t.app.getHttpServer().address() as AddressInfo).port;
    });
    afterAll(async () => {
      await t.close();
    });

    // Sends the head of a POST announcing a body, part of the body, and goes away.
    async function abortMidBody(): Promise<void> {
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      socket.write(
        'POST /v1/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
          `leadr-api-key: ${SUPERADMIN_KEY}\r\nContent-Length: 1000\r\n\r\n{"name": "half`,
      );
      await sleep(200);
      socket.destroy();
      await sleep(300);
    }

    it('is answered as a client error (nobody reads it), not a 503 with "Database unavailable"', async () => {
      await abortMidBody();
      await abortMidBody();
      expect(logs.matching('warn', /Database unavailable/)).toEqual([]);
      expect(logs.ofLevel('error')).toEqual([]);
      expect(t.app.get(DatabaseAvailability).isDown).toBe(false);
      const metrics = await t.http().get('/metrics');
      expect(metrics.text).not.toMatch(/leadr_http_request_duration_seconds_count\{[^}]*status_class="5xx"/);
      expect((await t.http().get('/v1/health')).status).toBe(200);
    });
  });

  // The embedded database runs one statement at a time in this process and cannot be made to wait
  // on a lock held by another session, so the server-side cancel is shown on PostgreSQL only.
  if (process.env.TEST_DATABASE_URL) {
    describe('a statement cancelled at statement_timeout on a healthy database', () => {
      let t: ProxiedTestApp;
      let tenant: Tenant;

      beforeAll(async () => {
        t = await createProxiedTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '1000' });
        tenant = await createTenant(t);
      });
      afterAll(async () => {
        await t.close();
      });

      it('is answered 503 as before, logged as a slow statement with its name and duration, and is no outage', async () => {
        const locker = new Client({ connectionString: t.directUrl });
        await locker.connect();
        try {
          await locker.query('BEGIN');
          await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
          const started = Date.now();
          const response = await t.http().get(`/v1/users/${tenant.userId}`).set(auth);
          expect(Date.now() - started).toBeLessThan(5_000);
          expect({ status: response.status, body: response.body }).toEqual({
            status: 503,
            body: { detail: 'Service temporarily unavailable' },
          });
          expect(response.headers['retry-after']).toMatch(/^\d+$/);
          await locker.query('ROLLBACK');
          expect((await t.http().get(`/v1/users/${tenant.userId}`).set(auth)).status).toBe(200);
        } finally {
          await locker.end();
        }
        const slow = t.logs.matching('warn', /^Slow statement /);
        expect(slow).toHaveLength(1);
        expect(slow[0]).toMatch(
          /^Slow statement [A-Za-z0-9_-]{20} cancelled after \d+ ms \(statement_timeout 1000 ms\): SELECT /,
        );
        expect(Number(/after (\d+) ms/.exec(slow[0])![1])).toBeGreaterThanOrEqual(900);
        expect(t.logs.matching('warn', /Database unavailable|Database available again/)).toEqual([]);
        expect(t.logs.ofLevel('error')).toEqual([]);
        expect(t.app.get(DatabaseAvailability).isDown).toBe(false);
      });
    });
  }
});
