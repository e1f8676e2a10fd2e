import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { GracefulShutdown } from '../../src/shutdown/graceful-shutdown.service';
import { Backend, startBackend } from '../helpers/proxied-app';
import { CompiledServer, compileServer, ServerProcess } from '../helpers/server-process';
import { createTestApp, SUPERADMIN_KEY, TEST_API_KEY_SECRET } from '../helpers/test-app';
import { waitFor } from '../helpers/wait-for';

const auth = { 'leadr-api-key': SUPERADMIN_KEY };

interface Answer {
  status?: number;
  headers?: http.IncomingHttpHeaders;
  body?: unknown;
  error?: string;
  ms: number;
  done: number;
}

// A request that reports socket errors instead of throwing, on a given keep-alive agent.
function send(
  base: string,
  agent: http.Agent,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: { ...auth, ...(payload && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          const done = Date.now();
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON; kept as text
          }
          resolve({ status: response.statusCode, headers: response.headers, body: parsed, ms: done - started, done });
        });
        response.on('error', (error) => resolve({ error: error.message, ms: Date.now() - started, done: Date.now() }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message, ms: Date.now() - started, done: Date.now() }),
    );
    request.end(payload);
  });
}

// SIGTERM ends the process gracefully: Nest re-raises it once the shutdown hooks are done.
function expectGracefulExit(exit: { code: number | null; signal: NodeJS.Signals | null }) {
  expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
}

describe('shutdown, in process', () => {
  it('reports not ready as soon as shutdown begins, while still serving, and closes each connection after its response', async () => {
    const t = await createTestApp();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await t.app.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      const before = await send(base, agent, 'GET', '/v1/health');
      expect(before.status).toBe(200);
      expect(before.headers?.connection).toBe('keep-alive');

      t.app.get(GracefulShutdown).beforeApplicationShutdown();
      // The idle keep-alive connection is closed at once; let the client see it.
      await waitFor('the idle connection to close', () => Object.keys(agent.sockets).length + Object.keys(agent.freeSockets).length === 0);
      const health = await send(base, agent, 'GET', '/v1/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ service: 'leadr', status: 'unhealthy', database: 'connected' });
      expect(health.headers?.connection).toBe('close');
      const users = await send(base, agent, 'GET', '/v1/users');
      expect(users.status).toBe(200);
      expect(users.headers?.connection).toBe('close');
      expect((await send(base, agent, 'GET', '/v1/health/live')).status).toBe(200);
    } finally {
      agent.destroy();
      await t.close();
    }
  });
});

describe('shutdown of the server process', () => {
  let compiled: CompiledServer;
  let backend: Backend | null = null;
  const running: ServerProcess[] = [];
  const dataDirs: string[] = [];

  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadr-shutdown-'));
    dataDirs.push(dir);
    return dir;
  };

  // On TEST_DATABASE_URL's server when set, else on an embedded database in a data directory.
  async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
    const database: Record<string, string> = process.env.TEST_DATABASE_URL
      ? { DATABASE_URL: (backend ??= await startBackend()).url }
      : { PGLITE_DATA_DIR: newDataDir() };
    const server = await ServerProcess.start(compiled.main, {
      API_KEY_SECRET: TEST_API_KEY_SECRET,
      SUPERADMIN_API_KEY: SUPERADMIN_KEY,
      ...database,
      ...env,
    });
    running.push(server);
    return server;
  }

  beforeAll(async () => {
    compiled = await compileServer();
  });
  afterAll(async () => {
    for (const server of running) server.kill();
    await Promise.all(running.map((server) => server.exited));
    await backend?.close();
    compiled.remove();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('exits promptly when idle, closing its idle keep-alive connections', async () => {
    const server = await startServer();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    try {
      const answers = await Promise.all([1, 2, 3, 4].map(() => send(server.base, agent, 'GET', '/v1/users?limit=1')));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      const signalled = server.signal('SIGTERM');
      const exit = await server.exited;
      expectGracefulExit(exit);
      // Budget 1 s; more room here for a loaded test machine (Node would keep keep-alive
      // connections open for 5 s).
      expect(exit.at - signalled).toBeLessThan(3_000);
    } finally {
      agent.destroy();
    }
  });

  it('answers every request in flight at SIGTERM, then exits without waiting for keep-alive timeouts', async () => {
    const server = await startServer();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    try {
      const [seed] = await Promise.all([send(server.base, agent, 'GET', '/v1/users?limit=1')]);
      const accountId = (seed.body as { data: Array<{ account_id: string }> }).data[0].account_id;
      let issuing = true;
      let n = 0;
      const answers: Answer[] = [];
      const loops = Array.from({ length: 8 }, async (_, loop) => {
        while (issuing) {
          const answer =
            loop % 2 === 0
              ? await send(server.base, agent, 'POST', '/v1/users', {
                  account_id: accountId,
                  email: `load-${n++}@example.com`,
                  display_name: 'Under load',
                })
              : await send(server.base, agent, 'GET', '/v1/users?limit=20');
          answers.push(answer);
        }
      });
      try {
        await waitFor('answers under load', () => answers.length >= 16, { timeoutMs: 30_000 });
      } finally {
        issuing = false; // requests already sent are in flight; no new ones start
      }
      const signalled = server.signal('SIGTERM');
      await Promise.all(loops);
      const exit = await server.exited;

      const inFlight = answers.filter((a) => a.done >= signalled);
      expect(answers.length).toBeGreaterThan(8);
      expect(answers.filter((a) => a.error !== undefined || (a.status ?? 500) >= 500)).toEqual([]);
      expectGracefulExit(exit);
      const lastAnswer = Math.max(signalled, ...inFlight.map((a) => a.done));
      // Without closing busy keep-alive connections after their response, the process would
      // stay up for their 5 s idle timeout.
      expect(exit.at - lastAnswer).toBeLessThan(3_000);
    } finally {
      agent.destroy();
    }
  });

  // The embedded database's files must be left consistent: PostgreSQL's control file records a
  // clean shutdown ("shut down", state 1), not a crash ("in production", state 6), and the data
  // directory reopens with every acknowledged write in it.
  it('closes the embedded database cleanly under write load', async () => {
    const dataDir = newDataDir();
    const server = await startServer({ PGLITE_DATA_DIR: dataDir, DATABASE_URL: '' });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const acknowledged: string[] = [];
    try {
      const seed = await send(server.base, agent, 'GET', '/v1/users?limit=1');
      const accountId = (seed.body as { data: Array<{ account_id: string }> }).data[0].account_id;
      let issuing = true;
      let n = 0;
      const loops = Array.from({ length: 8 }, async () => {
        while (issuing) {
          const email = `durable-${n++}@example.com`;
          const answer = await send(server.base, agent, 'POST', '/v1/users', {
            account_id: accountId,
            email,
            display_name: 'Durable',
          });
          if (answer.status === 201) acknowledged.push(email);
          else expect(answer).toEqual({ status: 201 });
        }
      });
      try {
        await waitFor('acknowledged writes', () => acknowledged.length >= 16, { timeoutMs: 30_000 });
      } finally {
        issuing = false;
      }
      server.signal('SIGTERM');
      await Promise.all(loops);
      expectGracefulExit(await server.exited);
    } finally {
      agent.destroy();
    }
    expect(acknowledged.length).toBeGreaterThan(0);

    const control = readFileSync(join(dataDir, 'global', 'pg_control'));
    expect(control.readUInt32LE(16)).toBe(1); // DB_SHUTDOWNED

    const db = await PGlite.create({ dataDir });
    try {
      const { rows } = await db.query<{ email: string }>(`SELECT email FROM users WHERE email LIKE 'durable-%'`);
      expect(new Set(rows.map((row) => row.email))).toEqual(new Set(acknowledged));
      const check = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      expect(check.rows[0].n).toBe(rows.length + 1); // and the superadmin
    } finally {
      await db.close();
    }
  });

  // A request that is slow for a known time needs a lock held by another session, which the
  // embedded database (one session, in the server's process) cannot provide: PostgreSQL only.
  if (process.env.TEST_DATABASE_URL) {
    describe('with a slow request (PostgreSQL)', () => {
      async function lockUsers(): Promise<Client> {
        const locker = new Client({ connectionString: backend!.url });
        await locker.connect();
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
        return locker;
      }

      // The request has reached the database and waits there for the lock.
      async function blockedOnLock(locker: Client): Promise<boolean> {
        const { rows } = await locker.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return rows[0].n > 0;
      }

      it('stops accepting at once, lets the slow request finish with Connection: close, then exits', async () => {
        const server = await startServer({ DATABASE_STATEMENT_TIMEOUT_MS: '30000' });
        const agent = new http.Agent({ keepAlive: true });
        const locker = await lockUsers();
        try {
          const slow = send(server.base, agent, 'GET', '/v1/users?limit=1');
          await waitFor('the request to wait for the lock', () => blockedOnLock(locker));
          const signalled = server.signal('SIGTERM');
          let refused: Answer | undefined;
          // A connection that reached the backlog while the listener closed is reset (ECONNRESET):
          // the listener is closing, not yet closed. Closed is a refused connection.
          await waitFor('the listener to close', async () => {
            refused = await send(server.base, new http.Agent(), 'GET', '/v1/health/live');
            return refused.error === 'ECONNREFUSED';
          });
          expect(refused?.error).toBe('ECONNREFUSED');
          expect(Date.now() - signalled).toBeLessThan(1_000);
          await locker.query('ROLLBACK');
          const answer = await slow;
          expect(answer.status).toBe(200);
          expect(answer.headers?.connection).toBe('close');
          const exit = await server.exited;
          expectGracefulExit(exit);
          expect(exit.at - answer.done).toBeLessThan(3_000);
          expect(exit.at - signalled).toBeLessThan(5_000);
        } finally {
          agent.destroy();
          await locker.end();
        }
      });

      it('exits within SHUTDOWN_TIMEOUT_MS when a request never finishes', async () => {
        const server = await startServer({ DATABASE_STATEMENT_TIMEOUT_MS: '60000', SHUTDOWN_TIMEOUT_MS: '2000' });
        const agent = new http.Agent({ keepAlive: true });
        const locker = await lockUsers();
        try {
          const stuck = send(server.base, agent, 'GET', '/v1/users?limit=1');
          await waitFor('the request to wait for the lock', () => blockedOnLock(locker));
          const signalled = server.signal('SIGTERM');
          const exit = await server.exited;
          expect(exit.at - signalled).toBeLessThan(2_000 + 2_000);
          expect((await stuck).error).toBeDefined();
        } finally {
          agent.destroy();
          await locker.query('ROLLBACK');
          await locker.end();
        }
      });
    });
  }
});
