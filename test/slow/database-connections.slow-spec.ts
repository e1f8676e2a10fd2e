import { Logger, type LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseAvailability } from '../../src/database/connection/database-availability';
import { DatabaseConnectionLostError, databaseUnavailability } from '../../src/database/connection/database-errors';
import { buildDataSourceOptions } from '../../src/database/connection/database-options';
import { Sql } from '../../src/database/sql/sql';
import { requestIdStorage } from '../../src/request-context';
import { Backend, startBackend } from '../helpers/proxied-app';
import { TcpProxy } from '../helpers/tcp-proxy';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const limits = { connectTimeoutMs: 2_000, acquireTimeoutMs: 2_000, statementTimeoutMs: 5_000 };
const quiet = { warn: () => undefined };

// The server's pool and SQL gateway, on a real database behind a proxy, without the HTTP layer.
describe('database connections', () => {
  let backend: Backend;
  let proxy: TcpProxy;
  let url: string;

  beforeAll(async () => {
    backend = await startBackend();
    proxy = new TcpProxy(TcpProxy.targetOf(backend.url));
    url = TcpProxy.urlThrough(backend.url, await proxy.start());
  });
  afterAll(async () => {
    await proxy.close();
    await backend.close();
  });

  async function open(availability = new DatabaseAvailability(quiet)): Promise<{ sql: Sql; close(): Promise<void> }> {
    const bounds = { limits, availability };
    const options = buildDataSourceOptions(url, 1, bounds);
    // The embedded database frees its single connection slot a moment after the previous test's
    // connection closed; until then it turns new connections away.
    for (let attempt = 0; ; attempt++) {
      const dataSource = new DataSource(options);
      try {
        await dataSource.initialize();
        return { sql: new Sql(dataSource), close: () => dataSource.destroy() };
      } catch (error) {
        if (attempt >= 20) throw error;
        await sleep(100);
      }
    }
  }

  it('does not retry a write whose pooled connection turns out dead, and retries a read', async () => {
    const { sql, close } = await open();
    try {
      await sql.run('CREATE TABLE IF NOT EXISTS writes (n int)');
      proxy.poisonOpenConnections();
      const failure = await sql.run('INSERT INTO writes VALUES (1)').catch((error: unknown) => error);
      expect(databaseUnavailability(failure)).toMatch(/ECONNRESET|Connection terminated unexpectedly/);

      proxy.poisonOpenConnections();
      expect(await sql.rows('SELECT count(*)::int AS n FROM writes')).toEqual([{ n: 0 }]);
    } finally {
      await close();
    }
  });

  it('logs a read\'s retry, and the outage a statement meets, as part of the request the statement serves', async () => {
    // pg's callbacks run in the async context of the request that opened the connection (here: none),
    // so without the pool putting them back, these lines would carry no request id, or another's.
    const warnings: Array<{ message: string; requestId: string | undefined }> = [];
    const recording: LoggerService = {
      log: () => undefined,
      error: () => undefined,
      warn: (message: unknown) => warnings.push({ message: String(message), requestId: requestIdStorage.getStore() }),
    };
    const availabilityLines: Array<string | undefined> = [];
    const { sql, close } = await open(new DatabaseAvailability({ warn: () => availabilityLines.push(requestIdStorage.getStore()) }));
    // Opening may have met the embedded database's busy slot (an outage and its end, in no request).
    availabilityLines.length = 0;
    const previous = Logger.overrideLogger(recording);
    try {
      await sql.rows('SELECT 1'); // the pooled connection, opened outside any request
      proxy.poisonOpenConnections();
      expect(await requestIdStorage.run('req-retried', () => sql.rows('SELECT 2 AS n'))).toEqual([{ n: 2 }]);
      expect(warnings.filter(({ message }) => /retrying the read/.test(message))).toEqual([
        { message: expect.stringMatching(/^A pooled database connection was dead/) as unknown, requestId: 'req-retried' },
      ]);

      await sql.rows('SELECT 3'); // a connection opened outside any request again
      proxy.poisonOpenConnections();
      const failure = await requestIdStorage.run('req-write', () => sql.run('CREATE TEMP TABLE t (n int)')).catch((error: unknown) => error);
      expect(databaseUnavailability(failure)).toMatch(/ECONNRESET|Connection terminated unexpectedly/);
      await requestIdStorage.run('req-after', () => sql.rows('SELECT 4'));
      // "unavailable", then "available again", each in the request that met it.
      expect(availabilityLines).toEqual(['req-write', 'req-after']);
    } finally {
      Logger.overrideLogger(previous as never);
      await close();
    }
  });

  it('rides out a database endpoint that restarts (connections cut, new ones refused for a moment): reads and writes wait for it', async () => {
    const availabilityLines: string[] = [];
    const { sql, close } = await open(new DatabaseAvailability({ warn: (line: string) => availabilityLines.push(line) }));
    availabilityLines.length = 0;
    try {
      await sql.run('CREATE TABLE IF NOT EXISTS restarts (n int)');
      // What PgBouncer's restart looks like from here: its connections close, its port refuses.
      await proxy.cut('refuse');
      const read = sql.rows('SELECT 2 AS n');
      const write = sql.run('INSERT INTO restarts VALUES (1)');
      await sleep(35);
      await proxy.restore();
      expect(await read).toEqual([{ n: 2 }]);
      await write;
      expect(await sql.rows('SELECT count(*)::int AS n FROM restarts')).toEqual([{ n: 1 }]);
      expect(availabilityLines).toEqual([]);

      // Longer than the pauses: the statement is answered with the refusal, and the outage logged.
      await proxy.cut('refuse');
      const started = Date.now();
      const failure = await sql.rows('SELECT 3').catch((error: unknown) => error);
      expect(databaseUnavailability(failure)).toMatch(/ECONNREFUSED/);
      expect(Date.now() - started).toBeLessThan(limits.acquireTimeoutMs);
      expect(availabilityLines).toEqual([expect.stringMatching(/^Database unavailable \(.*ECONNREFUSED/)]);
      // Once the outage is declared, a refusal answers at once.
      const declared = Date.now();
      await sql.rows('SELECT 4').catch(() => undefined);
      expect(Date.now() - declared).toBeLessThan(100); // the pauses add up to 140 ms
    } finally {
      await proxy.restore();
      await close();
    }
  });

  it('reports a connection lost between two statements of a transaction as unavailability, with its cause', async () => {
    const { sql, close } = await open();
    try {
      const error = await sql
        .transaction(async (tx) => {
          await tx.rows('SELECT 1');
          await proxy.cut('reset');
          await sleep(200); // the reset reaches the idle connection between two statements
          await proxy.restore();
          await tx.rows('SELECT 2');
        })
        .then(
          () => new Error('the transaction succeeded'),
          (failure: unknown) => failure,
        );
      expect(error).toBeInstanceOf(DatabaseConnectionLostError);
      expect(databaseUnavailability(error)).toMatch(/ECONNRESET|Connection terminated unexpectedly/);
      // The broken connection went back marked broken: the next statement gets a fresh one.
      expect(await sql.rows('SELECT 3 AS n')).toEqual([{ n: 3 }]);
    } finally {
      await close();
    }
  });
});
