import { DataSource } from 'typeorm';
import { loadConfig, loadDotEnv } from './src/config';
import { buildDataSourceOptions } from './src/database/database-options';
import { startEmbeddedPostgres } from './src/database/embedded-postgres';

// Data source for the TypeORM CLI (`npm run migration:*`). Without DATABASE_URL it opens the
// embedded database in PGLITE_DATA_DIR, like the server does.
async function createCliDataSource(): Promise<DataSource> {
  loadDotEnv();
  const config = loadConfig();
  const url = config.DATABASE_URL ?? (await startEmbeddedPostgres(config.PGLITE_DATA_DIR, 2)).url;
  return new DataSource(buildDataSourceOptions(url, 2));
}

export default createCliDataSource();
