import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config';
import { Metrics } from './metrics';

// With METRICS_PORT set, GET /metrics is served here and nowhere else (the main listener answers
// 404), so it stays internal by where the port is reachable. A bare node:http server: one GET
// route needs neither Express nor a second Nest application, and prom-client brings no server.
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  // The bound port (METRICS_PORT=0 picks a free one), or null when not serving.
  get port(): number | null {
    return this.server ? (this.server.address() as AddressInfo).port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT === undefined || !this.config.METRICS_ENABLED) return;
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'GET' || !/^\/metrics\/?$/i.test(path)) {
        response.writeHead(404, { 'Content-Type': 'application/json' }).end('{"detail":"Not Found"}');
        return;
      }
      this.metrics.render().then(
        (body) => response.writeHead(200, { 'Content-Type': this.metrics.contentType }).end(body),
        () => response.writeHead(500, { 'Content-Type': 'application/json' }).end('{"detail":"Internal Server Error"}'),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.METRICS_PORT, this.config.HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`Serving /metrics on ${this.config.HOST}:${this.port} only`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
