import { DataSource, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DatabaseAvailability } from '../../src/database/database-availability';
import { DatabaseConnectionLostError, databaseUnavailability } from '../../src/database/database-errors';
import { buildDataSourceOptions } from '../../src/database/database-options';
import { ResilientDataSource } from '../../src/database/resilient-data-source';
import { Backend, startBackend } from '../helpers/proxied-app';
import { TcpProxy } from '../helpers/tcp-proxy';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const limits = { connectTimeoutMs: 2_000, acquireTimeoutMs: 2_000, statementTimeoutMs: 5_000 };
const quiet = { warn: () => undefined };

// The server's data source and pool, on a real database behind a proxy, without the HTTP layer.
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

  async function open(resilient: boolean): Promise<DataSource> {
    const bounds = { limits, availability: new DatabaseAvailability(quiet) };
    const options = buildDataSourceOptions(url, 1, bounds);
    // The embedded database frees its single connection slot a moment after the previous test's
    // connection closed; until then it turns new connections away.
    for (let attempt = 0; ; attempt++) {
      const dataSource = resilient ? new ResilientDataSource(options) : new DataSource(options);
      try {
        return await dataSource.initialize();
      } catch (error) {
        if (attempt >= 20) throw error;
        await sleep(100);
      }
    }
  }

  it('does not retry a write whose pooled connection turns out dead, and retries a read', async () => {
    const dataSource = await open(true);
    try {
      await dataSource.query('CREATE TABLE IF NOT EXISTS writes (n int)');
      proxy.poisonOpenConnections();
      const failure = await dataSource.query('INSERT INTO writes VALUES (1)').catch((error: unknown) => error);
      expect(databaseUnavailability(failure)).toMatch(/ECONNRESET|Connection terminated unexpectedly/);

      proxy.poisonOpenConnections();
      expect(await dataSource.query('SELECT count(*)::int AS n FROM writes')).toEqual([{ n: 0 }]);
    } finally {
      await dataSource.destroy();
    }
  });

  async function loseConnectionInTransaction(dataSource: DataSource): Promise<unknown> {
    return dataSource
      .transaction(async (manager) => {
        await manager.query('SELECT 1');
        await proxy.cut('reset');
        await sleep(200); // the reset reaches the idle connection between two statements
        await proxy.restore();
        await manager.query('SELECT 2');
      })
      .then(
        () => new Error('the transaction succeeded'),
        (error: unknown) => error,
      );
  }

  it('reports a connection lost between two statements of a transaction as unavailability, with its cause', async () => {
    const dataSource = await open(true);
    try {
      const error = await loseConnectionInTransaction(dataSource);
      expect(error).toBeInstanceOf(DatabaseConnectionLostError);
      expect(databaseUnavailability(error)).toMatch(/ECONNRESET|Connection terminated unexpectedly/);
      expect(await dataSource.query('SELECT 3 AS n')).toEqual([{ n: 3 }]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('(plain TypeORM hides that cause behind QueryRunnerProviderAlreadyReleasedError, which would be a 500)', async () => {
    const dataSource = await open(false);
    try {
      const error = await loseConnectionInTransaction(dataSource);
      expect(error).toBeInstanceOf(QueryRunnerProviderAlreadyReleasedError);
      expect(databaseUnavailability(error)).toBeNull();
    } finally {
      await dataSource.destroy();
    }
  });
});
