import { DataSource } from 'typeorm';
import { loadConfig, loadDotEnv } from './src/config';
import { buildDataSourceOptions } from './src/database/connection/database-options';
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres } from './src/database/embedded/embedded-postgres';

// Data source for the TypeORM CLI (`npm run migration:*`). Without DATABASE_URL it opens the
// embedded database in PGLITE_DATA_DIR, like the server does.
async function createCliDataSource(): Promise<DataSource> {
  loadDotEnv();
  const config = loadConfig();
  if (config.DATABASE_URL) return new DataSource(buildDataSourceOptions(config.DATABASE_URL, 2));
  const embedded = await startEmbeddedPostgres(config.PGLITE_DATA_DIR, EMBEDDED_POOL_SIZE);
  return new DataSource(buildDataSourceOptions(embedded.url, EMBEDDED_POOL_SIZE));
}

export default createCliDataSource();
