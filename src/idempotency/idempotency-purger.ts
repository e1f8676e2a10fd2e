import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { IdempotencyRepository } from './idempotency.repository';

const PURGE_INTERVAL_MS = 10 * 60 * 1000;
const PURGE_BATCH = 1000;

// Deletes expired idempotency records every few minutes, in batches. Safe with several instances:
// each deletes what it can lock and skips what another is deleting.
@Injectable()
export class IdempotencyPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly records: IdempotencyRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purgeQuietly(), PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  // Returns how many records were deleted.
  async purgeExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.records.purgeExpired(PURGE_BATCH);
      total += deleted;
      if (deleted < PURGE_BATCH) return total;
    }
  }

  private async purgeQuietly(): Promise<void> {
    if (this.running) return;
    this.running = this.purgeExpired();
    try {
      await this.running;
    } catch (error) {
      this.logger.warn(`Purging expired idempotency records failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = undefined;
    }
  }
}
