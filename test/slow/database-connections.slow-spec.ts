import { DataSource } from 'typeorm';
import { DatabaseAvailability } from '../../src/database/connection/database-availability';
import { DatabaseConnectionLostError, databaseUnavailability } from '../../src/database/connection/database-errors';
import { buildDataSourceOptions } from '../../src/database/connection/database-options';
import { Sql } from '../../src/database/sql/sql';
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

  async function open(): Promise<{ sql: Sql; close(): Promise<void> }> {
    const bounds = { limits, availability: new DatabaseAvailability(quiet) };
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
