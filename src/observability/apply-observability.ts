import type { NestExpressApplication } from '@nestjs/platform-express';
import { Metrics } from './metrics';
import { PinoNestLogger } from './nest-logger';
import { requestObservability } from './request-observability';

// Call before anything else is mounted, so that every request (Swagger UI's and the body parser's
// refusals included) gets an id, a log line and a place in the histogram.
export function applyObservability(app: NestExpressApplication): void {
  const logger = app.get(PinoNestLogger);
  app.useLogger(logger);
  const metrics = app.get(Metrics);
  app.use(requestObservability(logger.pino, metrics.enabled ? metrics : null));
}
