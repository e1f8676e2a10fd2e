import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config';
import { EventsRepository } from './events.repository';

const DAY_MS = 86_400_000;

// Deletes events older than EVENTS_RETENTION_DAYS, every EVENTS_RETENTION_INTERVAL_MS, on every
// instance; the repository lets one instance purge at a time.
@Injectable()
export class EventRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EventRetention');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly events: EventsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purgeSafely(), this.config.EVENTS_RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async purge(now = new Date()): Promise<number> {
    return this.events.purgeOlderThan(new Date(now.getTime() - this.config.EVENTS_RETENTION_DAYS * DAY_MS));
  }

  private async purgeSafely(): Promise<void> {
    try {
      const deleted = await this.purge();
      if (deleted > 0) this.logger.log(`Deleted ${deleted} events older than ${this.config.EVENTS_RETENTION_DAYS} days`);
    } catch (error) {
      this.logger.warn(`Event retention failed; retrying at the next interval: ${(error as Error).message}`);
    }
  }
}
