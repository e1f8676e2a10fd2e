import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';
import { DatabaseAvailability } from './connection/database-availability';
import { buildDataSourceOptions, databaseLimits } from './connection/database-options';
import { runMigrationsLocked } from './connection/migrator';
import { EMBEDDED_POOL_SIZE, EmbeddedPostgres, holdingItsConnection, startEmbeddedPostgres } from './embedded/embedded-postgres';
import { loadTemplate } from './embedded/embedded-template';
import { Sql } from './sql/sql';

const EMBEDDED_POSTGRES = Symbol('EMBEDDED_POSTGRES');

// The DataSource is TypeORM's: entity metadata and migrations (and the tests' factories). Every
// statement of the application goes through Sql.
@Global()
@Module({
  providers: [
    { provide: DatabaseAvailability, useFactory: () => new DatabaseAvailability() },
    {
      provide: EMBEDDED_POSTGRES,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<EmbeddedPostgres | null> =>
        config.usesEmbeddedDatabase
          ? startEmbeddedPostgres(config.PGLITE_DATA_DIR, EMBEDDED_POOL_SIZE, loadTemplate())
          : null,
    },
    {
      provide: DataSource,
      inject: [AppConfig, EMBEDDED_POSTGRES, DatabaseAvailability],
      useFactory: async (
        config: AppConfig,
        embedded: EmbeddedPostgres | null,
        availability: DatabaseAvailability,
      ): Promise<DataSource> => {
        const url = embedded?.url ?? config.DATABASE_URL!;
        const poolSize = embedded ? EMBEDDED_POOL_SIZE : config.DATABASE_POOL_SIZE;
        const options = buildDataSourceOptions(url, poolSize, { limits: databaseLimits(config), availability });
        const dataSource = new DataSource(embedded ? holdingItsConnection(options) : options);
        await dataSource.initialize();
        const applied = await runMigrationsLocked(dataSource);
        if (applied.length > 0) new Logger('Database').log(`Applied migrations: ${applied.join(', ')}`);
        return dataSource;
      },
    },
    {
      provide: Sql,
      inject: [DataSource, AppConfig],
      useFactory: (dataSource: DataSource, config: AppConfig) => new Sql(dataSource, config.DATABASE_STATEMENT_TIMEOUT_MS),
    },
  ],
  exports: [DataSource, Sql, DatabaseAvailability],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EMBEDDED_POSTGRES) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.close();
  }
}
