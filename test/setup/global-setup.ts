import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/connection/database-options';
import { buildTemplate, TEMPLATE_PATH } from '../../src/database/embedded/embedded-template';
import { runMigrationsLocked } from '../../src/database/connection/migrator';

// Paid once per Jest run, not once per boot: the migrated embedded template every in-memory app
// starts from, and (with TEST_DATABASE_URL) a migrated template database each test file's
// database is copied from. Workers inherit process.env, so the name reaches them.
export const TEMPLATE_DB_ENV = 'LEADR_TEST_TEMPLATE_DATABASE';
const MIGRATIONS_DIR = join(__dirname, '..', '..', 'src', 'database', 'migrations');

function newestMigration(): number {
  return Math.max(0, ...readdirSync(MIGRATIONS_DIR).map((file) => statSync(join(MIGRATIONS_DIR, file)).mtimeMs));
}

async function embeddedTemplate(): Promise<void> {
  if (existsSync(TEMPLATE_PATH) && statSync(TEMPLATE_PATH).mtimeMs > newestMigration()) return;
  // Written aside and renamed, so a run starting meanwhile never reads half a file.
  const partial = `${TEMPLATE_PATH}.${process.pid}.partial`;
  mkdirSync(dirname(TEMPLATE_PATH), { recursive: true });
  await buildTemplate(partial);
  renameSync(partial, TEMPLATE_PATH);
}

export async function onServer(serverUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function templateDatabase(serverUrl: string): Promise<string> {
  const name = `leadr_test_template_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataSource = new DataSource(buildDataSourceOptions(url.toString(), 1));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return name;
}

export default async function globalSetup(): Promise<void> {
  await embeddedTemplate();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) process.env[TEMPLATE_DB_ENV] = await templateDatabase(serverUrl);
}
