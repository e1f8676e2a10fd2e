import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestHandler } from 'express';
import { Metrics } from './metrics';
import { PinoNestLogger } from './nest-logger';
import { requestObservability } from './request-observability';

// Makes the JSON logger Nest's, and returns the request middleware, to be mounted before anything
// else, so that every request (Swagger UI's and the body parser's refusals included) gets an id, a
// log line and a place in the histogram.
export function applyObservability(app: NestExpressApplication): RequestHandler {
  const logger = app.get(PinoNestLogger);
  app.useLogger(logger);
  const metrics = app.get(Metrics);
  return requestObservability(logger.pino, metrics.enabled ? metrics : null);
}
