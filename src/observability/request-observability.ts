import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../auth/auth.decorator';
import { formatId } from '../common/ids';
import type { Metrics } from './metrics';
import { requestIdStorage } from '../request-context';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';
import { routeTemplate } from './route-template';

// The first middleware of every request: its id (kept from x-request-id when well-formed, else
// generated, and sent back), that id on everything logged while serving it, one JSON line when it
// ends (built field by field, so no header, URL, query or body can reach it), and its duration in
// the request histogram. No logger object is made per request: the hot path only stores the id.
export function requestObservability(root: Logger, metrics: Metrics | null): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const startedAt = performance.now();
    const id = requestIdFrom(request.headers[REQUEST_ID_HEADER]);
    response.setHeader(REQUEST_ID_HEADER, id);
    response.once('close', () => {
      const seconds = (performance.now() - startedAt) / 1000;
      const route = routeTemplate(request);
      const failed = response.statusCode >= 500 || !response.writableFinished;
      const level = failed ? 'error' : 'info';
      if (root.isLevelEnabled(level)) {
        root[level](requestLine(id, request, response, route, seconds), failed ? 'request failed' : 'request completed');
      }
      metrics?.observeRequest(request.method, route ?? 'unmatched', response.statusCode, seconds);
    });
    requestIdStorage.run(id, next);
  };
}

// Built field by field into one object literal (no spreads: an object made by spreading and then
// extended costs V8 a new hidden class each time).
function requestLine(id: string, request: Request, response: Response, route: string | null, seconds: number): Record<string, unknown> {
  const auth = (request as AuthenticatedRequest).auth;
  const line: Record<string, unknown> = {
    request_id: id,
    method: request.method,
    route,
    status: response.statusCode,
    duration_ms: Math.round(seconds * 100_000) / 100,
  };
  if (!response.writableFinished) line.aborted = true;
  if (auth) {
    line.key_id = formatId('key', auth.apiKeyId);
    line.account_id = formatId('acc', auth.accountId);
  }
  return line;
}
