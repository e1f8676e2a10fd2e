import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../../config';
import { PreparingClient } from '../sql/prepared-statements';
import { boundedPostgresDriver, BoundedPoolConfig, DatabaseLimits } from './bounded-pool';
import { DatabaseAvailability } from './database-availability';

// The entities are found by file name (`*.entity.ts` under src/, `.js` once compiled), so the
// database layer imports no feature.
export const ENTITY_FILES = join(__dirname, '..', '..', '**', '*.entity.{ts,js}');

export function databaseLimits(config: AppConfig): DatabaseLimits {
  return {
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    acquireTimeoutMs: config.DATABASE_ACQUIRE_TIMEOUT_MS,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  };
}

// The server's pool bounds every wait and reports outages (see bounded-pool.ts); the CLI passes
// no `bounds` and gets node-postgres' plain pool.
export interface PoolBounds {
  limits: DatabaseLimits;
  availability: DatabaseAvailability;
}

// The single TypeORM configuration, shared by the application and the CLI (ormconfig.ts).
export function buildDataSourceOptions(url: string, poolSize: number, bounds?: PoolBounds): DataSourceOptions {
  const pool: Omit<BoundedPoolConfig, 'max'> | undefined = bounds && {
    limits: bounds.limits,
    availability: bounds.availability,
    keepAlive: true,
  };
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto',
    url,
    entities: [ENTITY_FILES],
    migrations: [join(__dirname, '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize,
    // Hot statements are parsed and planned once per connection (see prepared-statements.ts); the
    // bounded pool's client (BoundedClient) is a PreparingClient.
    ...(pool
      ? { driver: boundedPostgresDriver, extra: pool }
      : { extra: { connectionTimeoutMillis: 10_000, Client: PreparingClient } }),
    // TypeORM's error log prints query parameters (emails, key hashes); errors reach the exception
    // filter instead, which logs unexpected ones without parameters.
    logging: false,
  };
}
