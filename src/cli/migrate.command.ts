import { MigrationExecutor } from 'typeorm';
import { runMigrationsLocked } from '../database/connection/migrator';
import type { CliCommand } from './cli-command';

export const migrateCommand: CliCommand = {
  words: ['migrate'],
  summary: 'apply pending database migrations (or list them with --status)',
  usage: 'migrate [--status]',
  description:
    'Applies the migrations the database does not have yet, under the same advisory lock the server takes at start, ' +
    'so it is safe while other instances run on PostgreSQL. The server also applies them at every start; this is for ' +
    'preparing a database beforehand. With --status, changes nothing and lists every migration as applied or pending.',
  options: { status: { type: 'boolean' } },
  optionHelp: ['--status   list applied and pending migrations; change nothing'],
  positionals: [],
  async run({ options, openDatabase, out }) {
    const database = await openDatabase({ mayCreate: !options.status, mayNeedMigrations: true });
    try {
      if (options.status) {
        const executor = new MigrationExecutor(database.dataSource);
        const applied = await executor.getExecutedMigrations();
        const pending = await executor.getPendingMigrations();
        out(`Migrations in the ${database.description}:`);
        const byTimestamp = (a: { timestamp: number }, b: { timestamp: number }) => a.timestamp - b.timestamp;
        for (const migration of [...applied].sort(byTimestamp)) out(`  [x] ${migration.name}`);
        for (const migration of [...pending].sort(byTimestamp)) out(`  [ ] ${migration.name}`);
        out(`${applied.length} applied, ${pending.length} pending.`);
        return 0;
      }
      const names = await runMigrationsLocked(database.dataSource);
      if (names.length === 0) {
        out(`The ${database.description} is up to date; no migration to apply.`);
      } else {
        out(`Applied ${names.length} migration${names.length === 1 ? '' : 's'} to the ${database.description}:`);
        for (const name of names) out(`  ${name}`);
      }
      return 0;
    } finally {
      await database.close();
    }
  },
};
