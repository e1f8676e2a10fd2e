import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { buildDataSourceOptions } from '../database/connection/database-options';
import { EMBEDDED_POOL_SIZE, EmbeddedPostgres, IN_MEMORY, startEmbeddedPostgres } from '../database/embedded/embedded-postgres';
import { Sql } from '../database/sql/sql';
import { CliError } from './cli-command';

export interface CliDatabase {
  // TypeORM's, for migrations; every statement goes through `sql`.
  dataSource: DataSource;
  sql: Sql;
  // Where it is, for messages: "PostgreSQL (DATABASE_URL)" or the embedded directory.
  description: string;
  close(): Promise<void>;
}

// The database the server would use with the same configuration. Migrations are not applied here:
// `migrate` does it on request, and the other commands refuse a database that needs them.
export async function openCliDatabase(config: AppConfig, mayCreate: boolean): Promise<CliDatabase> {
  let embedded: EmbeddedPostgres | null = null;
  let description = 'PostgreSQL (DATABASE_URL)';
  let url = config.DATABASE_URL;
  if (!url) {
    if (config.PGLITE_DATA_DIR === IN_MEMORY) {
      throw new CliError(`PGLITE_DATA_DIR=${IN_MEMORY} is a throwaway database that only a running server sees; set DATABASE_URL or a data directory.`);
    }
    const dataDir = resolve(config.PGLITE_DATA_DIR);
    description = `embedded database in ${dataDir}`;
    if (!mayCreate && !existsSync(join(dataDir, 'PG_VERSION'))) {
      throw new CliError(`There is no embedded database in ${dataDir}: start the server once, or run \`migrate\`.`);
    }
    // Refuses (DataDirInUseError) while a server has the directory open.
    embedded = await startEmbeddedPostgres(dataDir, EMBEDDED_POOL_SIZE);
    url = embedded.url;
  }
  const dataSource = new DataSource(buildDataSourceOptions(url, embedded ? EMBEDDED_POOL_SIZE : 2));
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.close();
    throw error;
  }
  return {
    dataSource,
    sql: new Sql(dataSource),
    description,
    async close() {
      await dataSource.destroy();
      await embedded?.close();
    },
  };
}
