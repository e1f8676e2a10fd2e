import { parseArgs } from 'node:util';
import { MigrationExecutor } from 'typeorm';
import { ConfigError, loadConfig } from '../config';
import { DataDirInUseError } from '../database/embedded/data-dir-lock';
import { accountsListCommand } from './accounts-list.command';
import { CliCommand, CliError, CliOutput } from './cli-command';
import { openCliDatabase } from './cli-database';
import { keysRevokeCommand } from './keys-revoke.command';
import { migrateCommand } from './migrate.command';
import { superadminCreateKeyCommand } from './superadmin-create-key.command';

export const COMMANDS: CliCommand[] = [migrateCommand, superadminCreateKeyCommand, keysRevokeCommand, accountsListCommand];

const PROGRAM = 'npm run cli --';

export function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.usage.length));
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Administers the database of this configuration (the same environment and .env as the server):',
    'DATABASE_URL, or else the embedded database in PGLITE_DATA_DIR, which must not be open in a running server.',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(width)}   ${command.summary}`),
    '',
    `Run \`${PROGRAM} <command> --help\` for a command's details. Exit code 0 on success, 1 on any failure.`,
  ].join('\n');
}

export function commandHelp(command: CliCommand): string {
  return [
    `Usage: ${PROGRAM} ${command.usage}`,
    '',
    command.description,
    ...(command.optionHelp.length > 0 ? ['', 'Options:', ...command.optionHelp.map((line) => `  ${line}`)] : []),
    '',
    'Options for every command:',
    '  -h, --help   show this help',
  ].join('\n');
}

// The admin CLI, in process: parses argv, runs one command, returns the exit code. Output goes
// through `io` (stdout and stderr in main.ts, buffers in the tests).
export async function runCli(argv: string[], env: NodeJS.ProcessEnv, io: CliOutput): Promise<number> {
  if (argv.length === 0 || (argv.length === 1 && ['help', '--help', '-h'].includes(argv[0]))) {
    (argv.length === 0 ? io.err : io.out)(usage());
    return argv.length === 0 ? 1 : 0;
  }
  const command = COMMANDS.find((candidate) => candidate.words.every((word, i) => argv[i] === word));
  if (!command) {
    io.err(`Unknown command: ${argv.filter((arg) => !arg.startsWith('-')).slice(0, 2).join(' ')}\n`);
    io.err(usage());
    return 1;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(command.words.length),
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(`${(error as Error).message}\nSee \`${PROGRAM} ${command.words.join(' ')} --help\`.`);
    return 1;
  }
  if (parsed.values.help) {
    io.out(commandHelp(command));
    return 0;
  }
  if (parsed.positionals.length !== command.positionals.length) {
    io.err(`Usage: ${PROGRAM} ${command.usage}\nSee \`${PROGRAM} ${command.words.join(' ')} --help\`.`);
    return 1;
  }
  try {
    const config = loadConfig(env);
    return await command.run({
      ...io,
      config,
      options: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
      async openDatabase({ mayCreate = false, mayNeedMigrations = false } = {}) {
        const database = await openCliDatabase(config, mayCreate);
        if (mayNeedMigrations) return database;
        const pending = await new MigrationExecutor(database.dataSource).getPendingMigrations();
        if (pending.length > 0) {
          await database.close();
          throw new CliError(`The ${database.description} needs ${pending.length} migration(s): run \`${PROGRAM} migrate\` first.`);
        }
        return database;
      },
    });
  } catch (error) {
    if (error instanceof CliError || error instanceof ConfigError || error instanceof DataDirInUseError) {
      io.err(error.message);
      return 1;
    }
    io.err(`Failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
