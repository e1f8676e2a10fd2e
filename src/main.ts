import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp, DOCS_PATH, OPENAPI_PATH } from './app.setup';
import { ExpressHttpAdapter } from './express-http-adapter';
import { ConfigError, loadConfig, loadDotEnv } from './config';
import { boundHeapGrowth } from './heap-growth';

async function bootstrap(): Promise<void> {
  boundHeapGrowth();
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  // Lines logged while the modules start wait for configureApp() to install the JSON logger.
  const app = configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule, new ExpressHttpAdapter(), { bodyParser: false, bufferLogs: true }),
  );
  await app.listen(config.PORT, config.HOST);
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  // The bound port (PORT=0 picks a free one).
  const { port } = app.getHttpServer().address() as AddressInfo;
  const base = `http://${host}:${port}`;
  const database = config.usesEmbeddedDatabase ? `embedded PGlite (${config.PGLITE_DATA_DIR})` : 'PostgreSQL (DATABASE_URL)';
  new Logger('Main').log({ msg: `LEADR admin API listening on ${base}`, docs: `${base}/${DOCS_PATH}`, openapi: `${base}/${OPENAPI_PATH}`, database });
}

void bootstrap();
