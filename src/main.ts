import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp, DOCS_PATH, OPENAPI_PATH } from './app.setup';
import { ConfigError, loadConfig, loadDotEnv } from './config';

async function bootstrap(): Promise<void> {
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const app = configureApp(await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false }));
  await app.listen(config.PORT, config.HOST);
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  // The bound port (PORT=0 picks a free one).
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = `http://${host}:${port}`;
  const database = config.usesEmbeddedDatabase ? `embedded PGlite (${config.PGLITE_DATA_DIR})` : 'PostgreSQL (DATABASE_URL)';
  process.stdout.write(`LEADR admin API listening on ${base}\n  docs: ${base}/${DOCS_PATH}\n  OpenAPI: ${base}/${OPENAPI_PATH}\n  database: ${database}\n`);
}

void bootstrap();
