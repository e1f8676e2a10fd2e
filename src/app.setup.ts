import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SCHEME } from './auth/authenticated.decorator';
import { HTTPValidationError } from './common/http-validation-error.dto';
import { noStoreExceptDocs } from './common/no-store.middleware';
import { consistencyTokens } from './common/consistency-token.middleware';
import { Sql } from './database/sql/sql';
import { applyObservability } from './observability/apply-observability';
import { applyHttpSecurity } from './security/http-security';
import { checkJsonBody } from './common/json-body-checks';
import { ValidationError } from './common/validation-error.dto';
import { AppConfig } from './config';
import { applyHttpServerTimeouts } from './http-server-timeouts';

export const DOCS_PATH = 'docs';
export const OPENAPI_PATH = 'openapi.json';

// HTTP-level setup shared by main.ts and the end-to-end tests (the app must be created with
// `bodyParser: false`, so that only JSON bodies are parsed).
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  applyObservability(app);
  applyHttpSecurity(app);
  app.disable('x-powered-by');
  // Single resources carry their own strong ETag (conditional.decorator.ts); lists carry none.
  app.set('etag', false);
  const config = app.get(AppConfig);
  app.set('trust proxy', config.trustProxy);
  applyHttpServerTimeouts(app.getHttpServer(), config);
  app.use(noStoreExceptDocs([`/${DOCS_PATH}`, `/${OPENAPI_PATH}`]));
  app.use(consistencyTokens(app.get(Sql).replicas !== null));
  app.useBodyParser('json', { limit: '100kb' });
  app.use(checkJsonBody);
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
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: OPENAPI_PATH, yamlDocumentUrl: undefined });
  return app;
}
