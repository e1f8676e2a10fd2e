import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { AppConfig } from '../config';
import { REQUEST_ID_HEADER } from '../observability/request-id';

// Swagger UI (/docs) loads its scripts, styles and the OpenAPI document from this origin, uses
// inline style attributes and data: images, and "Execute" calls the API on this origin. Nothing
// else is allowed: no inline or foreign scripts, no framing, no plugins.
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

// Security headers on every response: mount before Swagger UI so that its pages get them too.
export function securityHeaders(): RequestHandler {
  return helmet({
    // No upgrade-insecure-requests: the server is often reached over plain HTTP behind a proxy
    // or on localhost, where it would send Swagger UI's own requests to an https:// that is not there.
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
  });
}

// CORS only for the origins in CORS_ORIGINS, mounted where it is called; nothing when none are set.
export function applyCors(app: NestExpressApplication): void {
  const origins = app.get(AppConfig).corsOrigins;
  if (origins.length === 0) return;
  app.enableCors({
    origin: origins,
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    // Conditional and idempotent requests' headers included, for the clients of those features.
    allowedHeaders: ['leadr-api-key', 'content-type', REQUEST_ID_HEADER, 'idempotency-key', 'if-match', 'if-none-match'],
    exposedHeaders: [REQUEST_ID_HEADER, 'retry-after', 'etag', 'consistency-token'],
    maxAge: 600,
  });
}
