import type { ParseArgsConfig } from 'node:util';
import type { AppConfig } from '../config';
import type { CliDatabase } from './cli-database';

export interface CliOutput {
  out(line?: string): void;
  err(line?: string): void;
}

export interface CliInvocation extends CliOutput {
  config: AppConfig;
  options: Record<string, string | boolean | undefined>;
  positionals: string[];
  // By default the database must exist and have every migration; `migrate` relaxes both.
  openDatabase(options?: { mayCreate?: boolean; mayNeedMigrations?: boolean }): Promise<CliDatabase>;
}

export interface CliCommand {
  // The words that name it: ['keys', 'revoke'].
  words: string[];
  summary: string;
  usage: string;
  description: string;
  options: NonNullable<ParseArgsConfig['options']>;
  optionHelp: string[];
  positionals: string[];
  run(invocation: CliInvocation): Promise<number>;
}

// A refusal with a message for the operator (exit code 1, no stack trace).
export class CliError extends Error {}
