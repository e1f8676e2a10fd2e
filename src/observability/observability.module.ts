import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AuthModule } from '../auth/auth.module';
import { AuthOutcomes } from '../auth/auth-outcomes';
import { CacheablePrincipal, PrincipalCache } from '../auth/principal-cache';
import { AppConfig } from '../config';
import { Sql } from '../database/sql/sql';
import { RateLimitMetrics } from '../rate-limit/rate-limit-metrics';
import { createRootLogger, defaultLogDestination, LOG_DESTINATION, stopPeriodicFlush } from './logger';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { MetricsServer } from './metrics-server';
import { PinoNestLogger } from './nest-logger';

// Logs and metrics. configureApp() puts them to work: PinoNestLogger becomes Nest's logger and
// the request middleware (request ids, per-request lines, the request histogram) runs first.
@Global()
@Module({
  imports: [AuthModule],
  controllers: [MetricsController],
  providers: [
    { provide: LOG_DESTINATION, inject: [AppConfig], useFactory: defaultLogDestination },
    {
      provide: PinoNestLogger,
      inject: [AppConfig, LOG_DESTINATION],
      useFactory: (config: AppConfig, destination: DestinationStream) =>
        new PinoNestLogger(createRootLogger(config.LOG_LEVEL, destination)),
    },
    {
      provide: Metrics,
      inject: [AppConfig, DataSource, PrincipalCache, Sql],
      useFactory: (config: AppConfig, dataSource: DataSource, principalCache: PrincipalCache<CacheablePrincipal>, sql: Sql) =>
        new Metrics(config.METRICS_ENABLED, dataSource, principalCache, sql.replicas?.reads ?? null),
    },
    {
      provide: AuthOutcomes,
      inject: [Metrics],
      useFactory: (metrics: Metrics): AuthOutcomes => ({ record: (outcome) => metrics.recordAuthOutcome(outcome) }),
    },
    MetricsServer,
    {
      provide: RateLimitMetrics,
      inject: [Metrics],
      useFactory: (metrics: Metrics): RateLimitMetrics => ({
        decided: (policy, limited) => metrics.recordRateLimit(policy, limited),
        storeCall: (operation, seconds, failed) => metrics.recordRateLimitStoreCall(operation, seconds, failed),
      }),
    },
  ],
  exports: [PinoNestLogger, Metrics, AuthOutcomes, MetricsServer, RateLimitMetrics],
})
export class ObservabilityModule implements OnApplicationShutdown {
  constructor(
    @Inject(PinoNestLogger) private readonly logger: PinoNestLogger,
    @Inject(LOG_DESTINATION) private readonly destination: DestinationStream,
  ) {}

  // Lines still in pino's asynchronous buffer are written before the process goes: synchronously,
  // because Nest re-raises the signal right after the shutdown hooks, which ended the process before
  // an asynchronous flush had written (the last request lines and the shutdown's own were lost when
  // the machine was busy: CI's smoke test). A destination without flushSync (pino-pretty) flushes.
  onApplicationShutdown(): void {
    const destination = this.destination as DestinationStream & { flushSync?: () => void };
    try {
      if (typeof destination.flushSync === 'function') destination.flushSync();
      else this.logger.pino.flush();
    } catch {
      this.logger.pino.flush();
    }
    stopPeriodicFlush(this.destination);
  }
}
