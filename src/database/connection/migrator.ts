import { DataSource, MigrationExecutor } from 'typeorm';
import { withoutStatementTimeout } from './bounded-pool';

// Any constant shared by every instance; two servers starting together take turns.
const MIGRATION_LOCK_ID = 4_217_001;

export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.connect();
    // Unbounded: the lock may be held by another instance for as long as its migrations take.
    return await withoutStatementTimeout(queryRunner, async () => {
      await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
      try {
        const executor = new MigrationExecutor(dataSource, queryRunner);
        executor.transaction = 'each';
        const applied = await executor.executePendingMigrations();
        return applied.map((migration) => migration.name);
      } finally {
        await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
      }
    });
  } finally {
    await queryRunner.release();
  }
}
