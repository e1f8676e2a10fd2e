import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { ApiKey } from '../api-keys/api-key.entity';
import { AppConfig } from '../config';
import { EventHorizon, ResourceEvent } from '../events/event.entity';
import { IdempotencyRecord } from '../idempotency/idempotency-record.entity';
import { User } from '../users/user.entity';
import { boundedPostgresDriver, BoundedPoolConfig, DatabaseLimits } from './bounded-pool';
import { DatabaseAvailability } from './database-availability';
import { PreparingClient } from './prepared-statements';

export const ENTITIES = [Account, User, ApiKey, ResourceEvent, EventHorizon, IdempotencyRecord];

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
    entities: ENTITIES,
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    poolSize,
    // PreparingClient: hot statements are parsed and planned once per connection (see its comment).
    ...(pool
      ? { driver: boundedPostgresDriver, extra: { ...pool, Client: PreparingClient } }
      : { extra: { connectionTimeoutMillis: 10_000, Client: PreparingClient } }),
    // TypeORM's error log prints query parameters (emails, key hashes); errors reach the exception
    // filter instead, which logs unexpected ones without parameters.
    logging: false,
  };
}
