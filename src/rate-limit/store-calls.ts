import { Logger } from '@nestjs/common';
import { RateLimitMetrics } from './rate-limit-metrics';
import { RateLimitStore } from './rate-limit-store';

// Every call to the store goes through here: timed, counted, and on failure logged once per
// outage (a warning when the first call fails, another when one succeeds again). The callers
// decide what a failure means (RATE_LIMIT_ON_STORE_ERROR).
export class StoreCalls {
  private outage = false;

  constructor(
    readonly store: RateLimitStore,
    private readonly metrics: RateLimitMetrics,
    private readonly description: string,
    private readonly failOpen: boolean,
    private readonly logger: Pick<Logger, 'warn'> = new Logger('RateLimit'),
  ) {}

  async run<T>(operation: string, call: (store: RateLimitStore) => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      const result = await call(this.store);
      this.metrics.storeCall(operation, (performance.now() - start) / 1000, false);
      if (this.outage) {
        this.outage = false;
        this.logger.warn(`The rate-limit store (${this.description}) answers again; the limits apply`);
      }
      return result;
    } catch (error) {
      this.metrics.storeCall(operation, (performance.now() - start) / 1000, true);
      if (!this.outage) {
        this.outage = true;
        const reason = error instanceof Error ? error.message : String(error);
        const meanwhile = this.failOpen ? 'served without limits' : 'refused with 503 (RATE_LIMIT_ON_STORE_ERROR=deny)';
        this.logger.warn(`The rate-limit store (${this.description}) is unreachable (${reason}); requests are ${meanwhile} until it answers again`);
      }
      throw error;
    }
  }
}
