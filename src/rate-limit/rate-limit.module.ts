import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config';
import { FailedAuthThrottle } from './failed-auth-throttle';
import { MemoryRateLimitStore } from './memory-rate-limit-store';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitMetrics } from './rate-limit-metrics';
import { RateLimiter } from './rate-limiter';
import { StoreCalls } from './store-calls';
import { TokenLeases } from './token-leases';

// The Redis store, required only when REDIS_URL is set: ioredis holds ~1.6 MB of heap (and its
// code) for the life of a process that never talks to Redis otherwise (docs/performance.md,
// "Caches sized by what they hold, modules loaded when used").
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when used (above)
const redisStore = () => require('./redis-rate-limit-store') as typeof import('./redis-rate-limit-store');

// How long a start waits for Redis before serving (without it, calls fail until it connects).
const STARTUP_WAIT_MS = 2_000;

// The request budgets and the failed-auth throttle, on one store: Redis with REDIS_URL, else in
// process. RateLimitMetrics comes from the (global) ObservabilityModule.
@Module({
  providers: [
    {
      provide: StoreCalls,
      inject: [AppConfig, RateLimitMetrics],
      useFactory: async (config: AppConfig, metrics: RateLimitMetrics) => {
        const failOpen = config.RATE_LIMIT_ON_STORE_ERROR === 'allow';
        if (!config.REDIS_URL) return new StoreCalls(new MemoryRateLimitStore(), metrics, 'in process', failOpen);
        const store = new (redisStore().RedisRateLimitStore)({
          url: config.REDIS_URL,
          prefix: config.RATE_LIMIT_REDIS_PREFIX,
          timeoutMs: config.RATE_LIMIT_STORE_TIMEOUT_MS,
        });
        await store.waitUntilReady(STARTUP_WAIT_MS);
        return new StoreCalls(store, metrics, 'Redis', failOpen);
      },
    },
    {
      provide: RateLimiter,
      inject: [AppConfig, StoreCalls, RateLimitMetrics],
      useFactory: (config: AppConfig, calls: StoreCalls, metrics: RateLimitMetrics) =>
        new RateLimiter(
          calls,
          metrics,
          {
            keyRps: config.RATE_LIMIT_KEY_RPS,
            keyBurst: config.RATE_LIMIT_KEY_BURST,
            accountRps: config.RATE_LIMIT_ACCOUNT_RPS,
            accountBurst: config.RATE_LIMIT_ACCOUNT_BURST,
            superadminKeyRps: config.superadminKeyRps,
            superadminKeyBurst: config.superadminKeyBurst,
            failOpen: config.RATE_LIMIT_ON_STORE_ERROR === 'allow',
          },
          // A round trip to Redis per request is what leases save; in process a call costs nothing.
          config.REDIS_URL ? new TokenLeases() : null,
        ),
    },
    {
      provide: FailedAuthThrottle,
      inject: [AppConfig, StoreCalls],
      useFactory: (config: AppConfig, calls: StoreCalls) =>
        new FailedAuthThrottle(calls, {
          limit: config.AUTH_FAILURE_LIMIT,
          windowMs: config.AUTH_FAILURE_WINDOW_MS,
          failOpen: config.RATE_LIMIT_ON_STORE_ERROR === 'allow',
        }),
    },
    RateLimitGuard,
  ],
  exports: [RateLimiter, FailedAuthThrottle, RateLimitGuard],
})
export class RateLimitModule implements OnApplicationShutdown {
  constructor(@Inject(StoreCalls) private readonly calls: StoreCalls) {}

  async onApplicationShutdown(): Promise<void> {
    await this.calls.store.close();
  }
}
