import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { AuthenticatedRequest } from '../auth/auth.decorator';
import { formatId } from '../common/ids';
import type { Metrics } from './metrics';
import { requestLoggerStorage } from './request-context';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';
import { routeTemplate } from './route-template';

const STARTED_AT = Symbol('startedAt');

interface TimedResponse extends Response {
  [STARTED_AT]?: number;
}

// The first middleware of every request: its id (kept from x-request-id when well-formed, else
// generated, and sent back), a logger bound to that id for everything logged while serving it, one
// JSON line when it ends, and its duration in the request histogram.
export function requestObservability(root: Logger, metrics: Metrics | null): RequestHandler {
  const logRequests = pinoHttp<Request, Response>({
    logger: root,
    genReqId: (request, response) => {
      const id = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
      response.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: 'request_id' },
    // pino-http binds the request and response to a logger of its own on every request even when
    // it is never used; serialize them to nothing rather than copy every header each time.
    wrapSerializers: false,
    serializers: { req: unused, res: unused, err: unused },
    // Bind only the id to the request's logger; the end-of-request line is built below, field by
    // field, so no header (the API key), URL, query or body can reach it.
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (request, response) => requestLine(request, response),
    customErrorObject: (request, response) => requestLine(request, response),
  });

  return (request: Request, response: TimedResponse, next: NextFunction) => {
    const startedAt = performance.now();
    response[STARTED_AT] = startedAt;
    if (metrics) {
      response.once('close', () => {
        const route = routeTemplate(request) ?? 'unmatched';
        metrics.observeRequest(request.method, route, response.statusCode, (performance.now() - startedAt) / 1000);
      });
    }
    logRequests(request, response, () => requestLoggerStorage.run(request.log, next));
  };
}

const NOTHING = Object.freeze({});
function unused(): object {
  return NOTHING;
}

function requestLine(request: Request, response: TimedResponse): Record<string, unknown> {
  const auth = (request as AuthenticatedRequest).auth;
  const startedAt = response[STARTED_AT] ?? performance.now();
  return {
    method: request.method,
    route: routeTemplate(request),
    status: response.statusCode,
    duration_ms: Math.round((performance.now() - startedAt) * 100) / 100,
    ...(!response.writableFinished && { aborted: true }),
    ...(auth && { key_id: formatId('key', auth.apiKeyId), account_id: formatId('acc', auth.accountId) }),
  };
}
