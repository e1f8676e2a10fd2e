import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config';
import { DatabaseAvailability } from './connection/database-availability';
import { buildDataSourceOptions, databaseLimits } from './connection/database-options';
import { runMigrationsLocked } from './connection/migrator';
import { EMBEDDED_POOL_SIZE, EmbeddedPostgres, holdingItsConnection, startEmbeddedPostgres } from './embedded/embedded-postgres';
import { loadTemplate } from './embedded/embedded-template';
import { parseLsn } from './replicas/lsn';
import { POSITION_NOW, ReplicaSet } from './replicas/replica-set';
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
      useFactory: async (dataSource: DataSource, config: AppConfig) => {
        if (config.replicaUrls.length === 0) return new Sql(dataSource, config.DATABASE_STATEMENT_TIMEOUT_MS);
        const replicas = new ReplicaSet(config.replicaUrls, {
          maxLagMs: config.DATABASE_REPLICA_MAX_LAG_MS,
          pollMs: config.DATABASE_REPLICA_POLL_MS,
          poolSize: config.DATABASE_POOL_SIZE,
          limits: databaseLimits(config),
        });
        const sql = new Sql(dataSource, config.DATABASE_STATEMENT_TIMEOUT_MS, replicas);
        await replicas.start(async () => {
          const [row] = await sql.rows<{ lsn: string | null }>(POSITION_NOW);
          return row?.lsn ? parseLsn(row.lsn) : null;
        });
        return sql;
      },
    },
  ],
  exports: [DataSource, Sql, DatabaseAvailability],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sql: Sql,
    @Inject(EMBEDDED_POSTGRES) private readonly embedded: EmbeddedPostgres | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.sql.replicas?.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded?.close();
  }
}
