import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { ApiKey } from '../api-keys/api-key.entity';
import { EventHorizon, ResourceEvent } from '../events/event.entity';
import { User } from '../users/user.entity';
import { PreparingClient } from './prepared-statements';

export const ENTITIES = [Account, User, ApiKey, ResourceEvent, EventHorizon];

// The single TypeORM configuration, shared by the application and the CLI (ormconfig.ts).
export function buildDataSourceOptions(url: string, poolSize: number): DataSourceOptions {
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
    extra: { connectionTimeoutMillis: 10_000, Client: PreparingClient },
    // TypeORM's error log prints query parameters (emails, key hashes); errors reach the exception
    // filter instead, which logs unexpected ones without parameters.
    logging: false,
  };
}
