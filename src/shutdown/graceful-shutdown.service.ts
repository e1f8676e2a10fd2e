import type { Server, ServerResponse } from 'node:http';
import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AppConfig } from '../config';
import { InFlightResponses } from './in-flight-responses';

// Time kept at the end of SHUTDOWN_TIMEOUT_MS for closing the database after the HTTP side.
const DATABASE_CLOSE_RESERVE_MS = 1_000;

// Graceful shutdown, driven by Nest's shutdown hooks (enableShutdownHooks: SIGTERM, SIGINT, …):
// 1. beforeApplicationShutdown: report not ready (/v1/health 503), close idle keep-alive
//    connections, and make every response from now on close its connection (Connection: close);
// 2. Nest closes the HTTP server: no new connections; it waits for the in-flight requests;
// 3. onApplicationShutdown: the database pool (DatabaseModule) closes last.
// Requests still running when SHUTDOWN_TIMEOUT_MS nears lose their connection; after
// SHUTDOWN_TIMEOUT_MS the process exits whatever is left.
@Injectable()
export class GracefulShutdown implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly inFlight = new InFlightResponses<ServerResponse>();
  private server: Server | null = null;
  private draining = false;
  private forceClose?: NodeJS.Timeout;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  get isDraining(): boolean {
    return this.draining;
  }

  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server) return;
    this.server = server;
    // First listener, so the header is set before any handler can answer.
    server.prependListener('request', (_request, response: ServerResponse) => this.track(response));
  }

  beforeApplicationShutdown(signal?: string): void {
    if (this.draining) return;
    this.draining = true;
    const timeout = this.config.SHUTDOWN_TIMEOUT_MS;
    this.logger.log(`${signal ?? 'Shutdown'}: draining ${this.inFlight.size} request(s) in flight`);
    for (const response of this.inFlight) {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    }
    this.server?.closeIdleConnections();
    this.forceClose = setTimeout(
      () => {
        this.logger.warn(`Closing ${this.inFlight.size} request(s) still in flight after ${timeout} ms of shutdown`);
        this.server?.closeAllConnections();
      },
      timeout - Math.min(DATABASE_CLOSE_RESERVE_MS, timeout / 2),
    );
    this.forceClose.unref();
    if (signal) {
      // The last resort: nothing may keep a stopping process alive past its budget.
      setTimeout(() => {
        this.logger.error(`Shutdown did not finish within ${timeout} ms; exiting`);
        process.exit(1);
      }, timeout).unref();
    }
  }

  onApplicationShutdown(): void {
    clearTimeout(this.forceClose);
  }

  private track(response: ServerResponse): void {
    if (this.draining) response.setHeader('Connection', 'close');
    const slot = this.inFlight.add(response);
    response.once('close', () => {
      this.inFlight.remove(slot);
      // A keep-alive connection whose response went out before the header could be set.
      if (this.draining) setImmediate(() => this.server?.closeIdleConnections());
    });
  }
}
