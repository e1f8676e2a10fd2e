import { Injectable, OnModuleInit } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import { API_KEY_SCHEME } from './auth/authenticated.decorator';
import { HTTPValidationError } from './common/http-validation-error.dto';
import { middlewareSeries } from './common/middleware-series';
import { noStoreExceptDocs } from './common/no-store.middleware';
import { consistencyTokens } from './common/consistency-token.middleware';
import { Sql } from './database/sql/sql';
import { applyObservability } from './observability/apply-observability';
import { applyCors, securityHeaders } from './security/http-security';
import { checkJsonBody } from './common/json-body-checks';
import { ValidationError } from './common/validation-error.dto';
import { AppConfig } from './config';
import { applyHttpServerTimeouts } from './http-server-timeouts';

export const DOCS_PATH = 'docs';
export const OPENAPI_PATH = 'openapi.json';

// HTTP-level setup shared by main.ts and the end-to-end tests (the app must be created with
// `bodyParser: false`, so that only JSON bodies are parsed, and initialised after this).
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.disable('x-powered-by');
  // Single resources carry their own strong ETag (conditional.decorator.ts); lists carry none.
  app.set('etag', false);
  const config = app.get(AppConfig);
  app.set('trust proxy', config.trustProxy);
  applyHttpServerTimeouts(app.getHttpServer(), config);
  // What every request goes through before its route, in this order: its id, log line and metrics;
  // the security headers; [CORS, when CORS_ORIGINS is set]; Cache-Control; the Consistency-Token;
  // the JSON body (only JSON is parsed) and its checks. Each run of them is one router layer
  // (middlewareSeries), not one each.
  const beforeCors = [applyObservability(app), securityHeaders()];
  const afterCors = [
    noStoreExceptDocs([`/${DOCS_PATH}`, `/${OPENAPI_PATH}`]),
    consistencyTokens(app.get(Sql).replicas !== null),
    json({ limit: '100kb' }),
    checkJsonBody,
  ];
  app.use(middlewareSeries(...beforeCors));
  applyCors(app);
  app.use(middlewareSeries(...afterCors));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('LEADR Admin API: identity core')
      .setDescription('Accounts, users and API keys of the LEADR admin API.')
      .setVersion('0.7.0')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'leadr-api-key' }, API_KEY_SCHEME)
      .build(),
    { extraModels: [HTTPValidationError, ValidationError] },
  );
  app.get(AfterRoutes).mount(() =>
    SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: OPENAPI_PATH, yamlDocumentUrl: undefined }),
  );
  return app;
}

// Swagger UI's routes (nine router layers) are mounted after the API's own, so that an API request
// does not walk past them. Nest registers the controllers' routes, then runs the modules'
// onModuleInit hooks, then mounts its 404 handler: mounted here, they come between the two.
@Injectable()
export class AfterRoutes implements OnModuleInit {
  private readonly pending: Array<() => void> = [];
  private routed = false;

  mount(routes: () => void): void {
    if (this.routed) throw new Error('configureApp() must be called before the application is initialised');
    this.pending.push(routes);
  }

  onModuleInit(): void {
    this.routed = true;
    for (const routes of this.pending.splice(0)) routes();
  }
}
