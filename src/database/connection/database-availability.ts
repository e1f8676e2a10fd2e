import { Logger } from '@nestjs/common';

interface Outage {
  startedAt: number;
  cause: string;
  refusedRequests: number;
}

// Whether the database is answering, as seen by the pool (every statement's outcome) and the
// exception filter (every request answered 503). An outage is logged when it starts and when the
// first statement succeeds again, not once per failed request.
export class DatabaseAvailability {
  private outage: Outage | null = null;

  constructor(private readonly logger: Pick<Logger, 'warn'> = new Logger('Database')) {}

  get isDown(): boolean {
    return this.outage !== null;
  }

  failure(cause: string): void {
    if (this.outage) return;
    this.outage = { startedAt: Date.now(), cause, refusedRequests: 0 };
    this.logger.warn(`Database unavailable (${cause}); requests that need it are answered 503 until it responds again`);
  }

  // A request answered 503 because of the database.
  refused(cause: string): void {
    this.failure(cause);
    this.outage!.refusedRequests++;
  }

  success(): void {
    const outage = this.outage;
    if (!outage) return;
    this.outage = null;
    const seconds = ((Date.now() - outage.startedAt) / 1000).toFixed(1);
    this.logger.warn(
      `Database available again after ${seconds} s; ${outage.refusedRequests} request(s) were answered 503 meanwhile`,
    );
  }
}
