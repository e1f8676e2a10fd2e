import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SCHEME } from './auth/authenticated.decorator';
import { HTTPValidationError } from './common/http-validation-error.dto';
import { checkJsonBody } from './common/json-body-checks';
import { ValidationError } from './common/validation-error.dto';

export const DOCS_PATH = 'docs';
export const OPENAPI_PATH = 'openapi.json';

// HTTP-level setup shared by main.ts and the end-to-end tests (the app must be created with
// `bodyParser: false`, so that only JSON bodies are parsed).
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.disable('x-powered-by');
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
