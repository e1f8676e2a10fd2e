import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { ExpressHttpAdapter } from '../../src/express-http-adapter';
import { AppConfig, loadConfig } from '../../src/config';
import { IN_MEMORY, startEmbeddedPostgres } from '../../src/database/embedded/embedded-postgres';
import { loadTemplate } from '../../src/database/embedded/embedded-template';
import { LOG_DESTINATION } from '../../src/observability/logger';
import { onServer, TEMPLATE_DB_ENV } from '../setup/global-setup';
import { LogCapture } from './log-capture';

export const SUPERADMIN_KEY = 'ldr_test-superadmin-key-0123456789abcdef';
export const TEST_API_KEY_SECRET = 'test-api-key-secret-0123456789';

export interface TestApp {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  dataSource: DataSource;
  config: AppConfig;
  // What the app logged (unless TestAppOptions.logs named another destination).
  logs: LogCapture;
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
  await onServer(serverUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface TestAppOptions {
  // Where the app's log lines go (JSON, one per line, at LOG_LEVEL=warn); by default a LogCapture
  // (TestApp.logs), so the lines a test provokes are not printed. TEST_LOGS=1 prints them.
  logs?: DestinationStream;
}

function logDestination(options: TestAppOptions): DestinationStream | null {
  return options.logs ?? (process.env.TEST_LOGS ? null : new LogCapture());
}

// AppModule as the server wires it, with the test's config and log destination.
async function appModule(config: AppConfig, logs: DestinationStream | null): Promise<TestingModule> {
  const builder = Test.createTestingModule({ imports: [AppModule] }).overrideProvider(AppConfig).useValue(config);
  if (logs) builder.overrideProvider(LOG_DESTINATION).useValue(logs);
  return builder.compile();
}

async function bootApp(config: AppConfig, logs: DestinationStream | null): Promise<NestExpressApplication> {
  const moduleRef = await appModule(config, logs);
  const app = configureApp(
    moduleRef.createNestApplication<NestExpressApplication>(new ExpressHttpAdapter(), { bodyParser: false, logger: ['error', 'warn'] }),
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
    // Request budgets on (the code path runs, the headers are sent) but never reached; the rate
    // limit suites set their own.
    RATE_LIMIT_KEY_RPS: '1000000',
    RATE_LIMIT_KEY_BURST: '1000000',
    RATE_LIMIT_ACCOUNT_RPS: '1000000',
    RATE_LIMIT_ACCOUNT_BURST: '1000000',
    LOG_LEVEL: 'warn',
    ...env,
  });
}

function asTestApp(
  app: NestExpressApplication,
  config: AppConfig,
  logs: DestinationStream | null,
  cleanup: () => Promise<void>,
): TestApp {
  const server = app.getHttpServer();
  return {
    app,
    http: () => request(server),
    dataSource: app.get(DataSource),
    config,
    logs: logs instanceof LogCapture ? logs : new LogCapture(),
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
  const logs = logDestination(options);
  const app = await bootApp(config, logs);
  return asTestApp(app, config, logs, async () => {
    await scratch?.drop();
  });
}

// An app on a database the test provides (DATABASE_URL in `env`): the replica tier's own cluster.
export async function createTestAppOn(env: Record<string, string>, options: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(env);
  const logs = logDestination(options);
  const app = await bootApp(config, logs);
  return asTestApp(app, config, logs, async () => undefined);
}

// Several server instances on one database, as in a deployment with more than one replica. Each
// embedded-database instance gets one connection of the shared PGlite server.
export async function createTestAppsSharingADatabase(count: number, env: Record<string, string> = {}): Promise<TestApp[]> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const scratch = serverUrl ? await scratchDatabase(serverUrl, { migrated: true }) : null;
  const embedded = scratch ? null : await startEmbeddedPostgres(IN_MEMORY, count, loadTemplate());
  // The embedded server has a connection per instance and none to spare for a LISTEN connection:
  // there the principal cache's TTL alone bounds how long another instance trusts a changed key.
  const config = testConfig({
    DATABASE_URL: scratch?.url ?? embedded!.url,
    DATABASE_POOL_SIZE: scratch ? '4' : '1',
    ...(embedded && { AUTH_CACHE_LISTEN: 'false' }),
    ...env,
  });
  const apps: Array<{ app: NestExpressApplication; logs: DestinationStream | null }> = [];
  // One after the other: on PGlite all connections share one session, so the migration lock
  // would not keep two booting instances apart.
  for (let i = 0; i < count; i++) {
    const logs = logDestination({});
    apps.push({ app: await bootApp(config, logs), logs });
  }
  let open = count;
  return apps.map(({ app, logs }) =>
    asTestApp(app, config, logs, async () => {
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
  logs: LogCapture;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

export async function createTestContext(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestContext> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const scratch = serverUrl ? await scratchDatabase(serverUrl, { migrated: true }) : null;
  const config = testConfig({ ...(scratch && { DATABASE_URL: scratch.url }), ...env });
  const logs = logDestination(options);
  const moduleRef = await appModule(config, logs);
  moduleRef.useLogger(['error', 'warn']);
  await moduleRef.init();
  return {
    context: moduleRef,
    logs: logs instanceof LogCapture ? logs : new LogCapture(),
    dataSource: moduleRef.get(DataSource),
    config,
    async close() {
      await moduleRef.close();
      await scratch?.drop();
    },
  };
}
