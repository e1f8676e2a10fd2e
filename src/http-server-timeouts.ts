import type { Server } from 'node:http';
import { AppConfig } from './config';

// Node's defaults let a client hold a socket for minutes: 300 s to send a request, checked only
// every 30 s (a slow body got its 408 after 330 s). These bounds come from the configuration.
export function applyHttpServerTimeouts(server: Server, config: AppConfig): void {
  server.headersTimeout = config.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = config.HTTP_REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  // The headers and request timeouts are enforced by a sweep every connectionsCheckingInterval
  // (30 s by default: a createServer option that Nest does not pass, read by Node when the server
  // starts listening). Sweep often enough that a timeout fires within a second of its bound.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1_000,
    config.HTTP_HEADERS_TIMEOUT_MS,
  );
}
