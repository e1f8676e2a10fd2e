import { DataSource, QueryRunner } from 'typeorm';
import type { ReplicationMode } from 'typeorm/driver/types/ReplicationMode';
import { connectionDeathCause } from './bounded-pool';
import { DatabaseConnectionLostError } from './database-errors';

// TypeORM releases a query runner as soon as its connection emits an error, even between two
// statements of a transaction; the next statement then fails with QueryRunnerAlreadyReleasedError,
// which says nothing about the database. This data source reports the connection's failure instead,
// so the request is answered 503 and the log names the real cause.
// (TypeORM checks for a released runner in two places: the runner's own query(), and
// DataSource.query(), which EntityManager.query() goes through.)
export class ResilientDataSource extends DataSource {
  override createQueryRunner(mode: ReplicationMode = 'master'): QueryRunner {
    const runner = super.createQueryRunner(mode);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = (async (...args: unknown[]) => {
      throwIfConnectionLost(runner);
      return query(...args);
    }) as QueryRunner['query'];
    return runner;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override async query<T = any>(query: string, parameters?: unknown[], queryRunner?: QueryRunner): Promise<T> {
    if (queryRunner) throwIfConnectionLost(queryRunner);
    return super.query<T>(query, parameters, queryRunner);
  }
}

function throwIfConnectionLost(runner: QueryRunner): void {
  if (!runner.isReleased) return;
  const cause = connectionDeathCause((runner as { databaseConnection?: unknown }).databaseConnection);
  if (cause) throw new DatabaseConnectionLostError(cause);
}
