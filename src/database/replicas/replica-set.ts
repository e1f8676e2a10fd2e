import { Logger } from '@nestjs/common';
import { boundedLru } from '../../bounded-lru';
import type pg from 'pg';
import { BoundedPool, DatabaseLimits, runOnPool } from '../connection/bounded-pool';
import { describe } from '../connection/database-errors';
import { laterOf, Lsn, parseLsn } from './lsn';
import { PrimaryPositions } from './primary-positions';
import { ReadContext } from './read-context';

export type ReplicaStatus = 'streaming' | 'lagging' | 'down';

export interface ReplicaHealth {
  name: string;
  status: ReplicaStatus;
  lag_ms: number | null;
}

export type ReadTarget = 'primary' | 'replica' | 'fallback';

export interface ReplicaOptions {
  maxLagMs: number;
  pollMs: number;
  poolSize: number;
  limits: DatabaseLimits;
}

// Keys whose last write this instance remembers (least recently written out first). A key pushed
// out only loses its read-your-writes on this instance once the replicas have caught up with it
// anyway, unless this instance served more than this many writing keys within one lag.
const REMEMBERED_KEYS = 10_000;

// On the primary: its current position; on a standby (a read-only primary) what it has replayed.
export const POSITION_NOW = `SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END)::text AS lsn`;
const REPLICA_POLL = `SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replayed`;

export class Replica {
  status: ReplicaStatus = 'down';
  lagMs: number | null = null;
  replayed: Lsn | null = null;
  polledAt = 0;
  reason = 'not polled yet';

  constructor(
    readonly name: string,
    readonly pool: BoundedPool,
  ) {}
}

// The replicas of DATABASE_REPLICA_URLS, where each stands (polled by a timer: one statement per
// replica and one on the primary per interval, none per read) and which one a staleness-tolerant
// read may go to (see Sql.reads and docs/architecture.md, "Reads on replicas").
export class ReplicaSet {
  readonly replicas: Replica[];
  readonly reads: Record<ReadTarget, number> = { primary: 0, replica: 0, fallback: 0 };
  private readonly positions: PrimaryPositions;
  private readonly written = boundedLru<string, Lsn>(REMEMBERED_KEYS);
  private readonly logger = new Logger('Replicas');
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    urls: string[],
    readonly options: ReplicaOptions,
  ) {
    this.positions = new PrimaryPositions(Math.max(10_000, 4 * options.maxLagMs));
    this.replicas = urls.map((url) => {
      const pool = new BoundedPool({ connectionString: url, max: options.poolSize, limits: options.limits, keepAlive: true });
      const replica = new Replica(replicaName(url), pool);
      // An idle connection that dies (the replica went away) must not crash the process.
      pool.on('error', (error: Error) => this.failed(replica, error));
      return replica;
    });
  }

  // Polls once (so that reads use the replicas from the first request) and then every pollMs.
  async start(primaryPosition: () => Promise<Lsn | null>): Promise<void> {
    const poll = () => {
      this.polling ??= this.poll(primaryPosition).finally(() => {
        this.polling = null;
      });
      return this.polling;
    };
    await poll();
    this.timer = setInterval(() => void poll(), this.options.pollMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.polling;
    await Promise.all(this.replicas.map((replica) => replica.pool.end().catch(() => undefined)));
  }

  // The position a read of this request must see: the key's own last write on this instance, or
  // the Consistency-Token the client sent, whichever is later.
  requiredPosition(context: ReadContext | undefined): Lsn | null {
    if (!context) return null;
    return laterOf(context.token, context.keyId === null ? null : this.written.get(context.keyId));
  }

  // A replica for a read that must see `required` (round robin among the fit ones), else why not:
  // 'behind' (a healthy replica exists but has not replayed the position yet) or 'none' (none is
  // healthy: lagging, down, or not polled lately).
  pick(required: Lsn | null): Replica | 'behind' | 'none' {
    const now = Date.now();
    const stale = now - (this.options.maxLagMs + 2 * this.options.pollMs);
    let healthy = false;
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length];
      if (replica.status !== 'streaming' || replica.polledAt < stale) continue;
      healthy = true;
      if (required !== null && (replica.replayed === null || replica.replayed < required)) continue;
      this.next = (this.next + i + 1) % this.replicas.length;
      return replica;
    }
    return healthy ? 'behind' : 'none';
  }

  // A write committed at `position` in this request: the key's next reads on this instance wait
  // for it, and the response carries it as Consistency-Token.
  committed(context: ReadContext | undefined, position: Lsn): void {
    if (!context) return;
    if (context.keyId !== null) this.written.set(context.keyId, laterOf(this.written.get(context.keyId), position)!);
    context.committed(position);
  }

  read(replica: Replica, text: string, values: unknown[]): Promise<pg.QueryResult> {
    return runOnPool(replica.pool, text, values);
  }

  // A read on the replica failed (it went away, or cancelled the statement for a conflict with
  // recovery): the read is run on the primary; the replica is skipped until a poll finds it well.
  failed(replica: Replica, error: unknown): void {
    if (replica.status !== 'down') {
      this.logger.warn(`Replica ${replica.name} is skipped (${describe(error)}); reads go to the other replicas or the primary`);
    }
    replica.status = 'down';
    replica.lagMs = null;
    replica.reason = describe(error);
  }

  health(): ReplicaHealth[] {
    return this.replicas.map((replica) => ({ name: replica.name, status: replica.status, lag_ms: replica.lagMs }));
  }

  private async poll(primaryPosition: () => Promise<Lsn | null>): Promise<void> {
    try {
      const position = await primaryPosition();
      if (position !== null) this.positions.record(position, Date.now());
    } catch {
      // The primary's own outage is reported by the pool; the replicas' lag is measured again
      // against the last positions seen.
    }
    await Promise.all(this.replicas.map((replica) => this.pollOne(replica)));
  }

  private async pollOne(replica: Replica): Promise<void> {
    let row: { recovery: boolean; replayed: string | null };
    try {
      [row] = (await runOnPool(replica.pool, REPLICA_POLL, [])).rows as Array<typeof row>;
    } catch (error) {
      this.failed(replica, error);
      return;
    }
    const replayed = row.replayed === null ? null : parseLsn(row.replayed);
    // A promoted replica is a primary of its own now: its data may part from the primary's.
    if (!row.recovery || replayed === null) {
      this.failed(replica, new Error(row.recovery ? 'not replaying WAL' : 'not in recovery (promoted?)'));
      return;
    }
    const now = Date.now();
    const lagMs = this.positions.lagMs(replayed, now);
    const status: ReplicaStatus = lagMs > this.options.maxLagMs ? 'lagging' : 'streaming';
    if (replica.polledAt === 0 && replica.reason === 'not polled yet') {
      this.logger.log(`Replica ${replica.name} is ${status} (${lagMs} ms behind)`);
    } else if (status === 'streaming' && replica.status !== 'streaming') {
      this.logger.log(`Replica ${replica.name} takes reads again (${lagMs} ms behind)`);
    } else if (status === 'lagging' && replica.status !== 'lagging') {
      this.logger.warn(`Replica ${replica.name} is ${lagMs} ms behind (limit ${this.options.maxLagMs} ms); reads go elsewhere`);
    }
    Object.assign(replica, { status, lagMs, replayed, polledAt: now, reason: '' });
  }
}

// host:port/database, never the user or password.
function replicaName(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'replica';
  }
}
