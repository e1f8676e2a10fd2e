import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import request from 'supertest';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/config';
import { IN_MEMORY, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { loadTemplate } from '../../src/database/embedded-template';
import { LOG_DESTINATION } from '../../src/observability/logger';
import { TEMPLATE_DB_ENV } from '../setup/global-setup';

export const SUPERADMIN_KEY = 'ldr_test-superadmin-key-0123456789abcdef';
export const TEST_API_KEY_SECRET = 'test-api-key-secret-0123456789';

export interface TestApp {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

// With TEST_DATABASE_URL each test file gets a database of its own on that server, a copy of the
// migrated template database the global setup built (`migrated`), or an empty one; otherwise an
// in-memory embedded PostgreSQL started from the migrated embedded template. Either way the app
// runs the real migrations at boot (none are left to apply on a copy of a template).
export async function scratchDatabase(serverUrl: string, { migrated = false } = {}): Promise<ScratchDatabase> {
  const name = `leadr_test_${randomBytes(6).toString('hex')}`;
  const template = migrated ? process.env[TEMPLATE_DB_ENV] : undefined;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestAppOptions {
  // Where the app's log lines go (JSON, one per line); by default stdout, at LOG_LEVEL=warn.
  logs?: DestinationStream;
}

async function bootApp(config: AppConfig, options: TestAppOptions = {}): Promise<NestExpressApplication> {
  const builder = Test.createTestingModule({ imports: [AppModule] }).overrideProvider(AppConfig).useValue(config);
  if (options.logs) builder.overrideProvider(LOG_DESTINATION).useValue(options.logs);
  const moduleRef = await builder.compile();
  const app = configureApp(
    moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: ['error', 'warn'] }),
  );
  await app.init();
  return app;
}

function testConfig(env: Record<string, string>): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    PGLITE_DATA_DIR: IN_MEMORY,
    API_KEY_SECRET: TEST_API_KEY_SECRET,
    SUPERADMIN_API_KEY: SUPERADMIN_KEY,
    // Suites send many invalid keys from one address on purpose; the throttle has its own suite.
    AUTH_FAILURE_LIMIT: '0',
    LOG_LEVEL: 'warn',
    ...env,
  });
}

function asTestApp(app: NestExpressApplication, config: AppConfig, cleanup: () => Promise<void>): TestApp {
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    dataSource: app.get(DataSource),
    config,
    async close() {
      await app.close();
      await cleanup();
    },
  };
}

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const scratch = serverUrl ? await scratchDatabase(serverUrl, { migrated: true }) : null;
  const config = testConfig({ ...(scratch && { DATABASE_URL: scratch.url }), ...env });
  const app = await bootApp(config, options);
  return asTestApp(app, config, async () => {
    await scratch?.drop();
  });
}

// Several server instances on one database, as in a deployment with more than one replica. Each
// embedded-database instance gets one connection of the shared PGlite server.
export async function createTestAppsSharingADatabase(count: number): Promise<TestApp[]> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const scratch = serverUrl ? await scratchDatabase(serverUrl, { migrated: true }) : null;
  const embedded = scratch ? null : await startEmbeddedPostgres(IN_MEMORY, count, loadTemplate());
  // The embedded server has a connection per instance and none to spare for a LISTEN connection:
  // there the principal cache's TTL alone bounds how long another instance trusts a changed key.
  const config = testConfig({
    DATABASE_URL: scratch?.url ?? embedded!.url,
    DATABASE_POOL_SIZE: scratch ? '4' : '1',
    ...(embedded && { AUTH_CACHE_LISTEN: 'false' }),
  });
  const apps: NestExpressApplication[] = [];
  // One after the other: on PGlite all connections share one session, so the migration lock
  // would not keep two booting instances apart.
  for (let i = 0; i < count; i++) apps.push(await bootApp(config));
  let open = count;
  return apps.map((app) =>
    asTestApp(app, config, async () => {
      if (--open > 0) return;
      await scratch?.drop();
      await embedded?.close();
    }),
  );
}

// The application without HTTP, for the medium tier: every provider wired as in the server (the
// real modules, migrations and bootstrap), reached through `context.get(...)`.
export interface TestContext {
  context: INestApplicationContext;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

export async function createTestContext(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestContext> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const scratch = serverUrl ? await scratchDatabase(serverUrl, { migrated: true }) : null;
  const config = testConfig({ ...(scratch && { DATABASE_URL: scratch.url }), ...env });
  const builder = Test.createTestingModule({ imports: [AppModule] }).overrideProvider(AppConfig).useValue(config);
  if (options.logs) builder.overrideProvider(LOG_DESTINATION).useValue(options.logs);
  const moduleRef = await builder.compile();
  moduleRef.useLogger(['error', 'warn']);
  await moduleRef.init();
  return {
    context: moduleRef,
    dataSource: moduleRef.get(DataSource),
    config,
    async close() {
      await moduleRef.close();
      await scratch?.drop();
    },
  };
}
