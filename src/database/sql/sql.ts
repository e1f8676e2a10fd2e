import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';
import { poolOf, runOnPool } from '../connection/bounded-pool';
import { DatabaseConnectionLostError, DatabaseUnavailableError, isBrokenConnection, isStatementTimeout } from '../connection/database-errors';
import { parseLsn } from '../replicas/lsn';
import { readContextStorage } from '../replicas/read-context';
import { POSITION_NOW, ReplicaSet } from '../replicas/replica-set';
import { statementName } from './prepared-statements';

export type Row = Record<string, unknown>;

export interface Result<R> {
  rows: R[];
  // Rows the statement inserted, updated, deleted or returned.
  rowCount: number;
}

// Where a statement runs: the pool (`Sql`, one pooled connection per statement) or one transaction's
// connection (`Transaction`). Repositories take one and never know which.
export abstract class Executor {
  abstract readonly sql: Sql;

  // One statement, with positional parameters ($1, $2 ...).
  abstract run<R = Row>(text: string, values?: unknown[]): Promise<Result<R>>;

  rows<R = Row>(text: string, values: unknown[] = []): Promise<R[]> {
    return this.run<R>(text, values).then((result) => result.rows);
  }

  // One statement that changes what the API's reads show (the single-statement creates). In a
  // transaction it is any statement: the commit records the position. Alone on the pool it is its
  // own transaction, so Sql records the position its commit reached (see Sql.write).
  async write<R = Row>(text: string, values: unknown[] = []): Promise<R[]> {
    return this.rows<R>(text, values);
  }
}

export interface Listener {
  close(): Promise<void>;
}

const logger = new Logger('Database');

// The one way the application talks to the database (see docs/architecture.md, "The database
// layer"). Statement errors come out as TypeORM's QueryFailedError (the exception filter maps
// constraint violations from it); this application's own bounds as DatabaseUnavailableError.
export class Sql extends Executor {
  readonly sql = this;
  private readonly pool: pg.Pool;
  private readonly watchers = new Set<(text: string) => void>();
  private readonly replicaReads: ReplicaReads | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly statementTimeoutMs: number | null = null,
    readonly replicas: ReplicaSet | null = null,
  ) {
    super();
    this.pool = poolOf(dataSource);
    this.replicaReads = replicas && new ReplicaReads(this, replicas);
  }

  // Where a read that tolerates a little staleness runs: the GETs of users, accounts and API keys
  // (one and lists) take this executor. With DATABASE_REPLICA_URLS, a healthy replica that has
  // replayed what the request must see (ReplicaReads); without, the primary, exactly as `this`.
  // Everything else (writes, transactions, locks, the principal lookup, idempotency, LISTEN, the
  // events feed) uses the Sql itself or a Transaction: the primary.
  reads(): Executor {
    return this.replicaReads ?? this;
  }

  // One promise a statement on top of the pool's (an async function awaiting it made two).
  run<R = Row>(text: string, values: unknown[] = []): Promise<Result<R>> {
    this.saw(text);
    const started = performance.now();
    return runOnPool(this.pool, text, values).then(
      (result) => resultOf<R>(result),
      (error: unknown) => {
        throw this.failed(text, values, error, started);
      },
    );
  }

  // A write outside a transaction commits when it returns. With replicas, the position the server
  // reached then (past that commit: a commit is flushed before the statement answers) is recorded
  // as Sql.transaction records it, so the key's next reads and the response's Consistency-Token
  // cover this write too; one more round trip, only when it wrote and only with replicas. Without
  // replicas, exactly `rows`.
  override async write<R = Row>(text: string, values: unknown[] = []): Promise<R[]> {
    const result = await this.run<R>(text, values);
    if (this.replicas !== null && result.rowCount > 0) await this.recordPosition();
    return result.rows;
  }

  // The position is taken after the write has committed: if it cannot be read (the primary went
  // away in between), the write stands and the request succeeds; the key's reads then follow the
  // lag rule only (docs/architecture.md, the two guarantees).
  private async recordPosition(): Promise<void> {
    try {
      const [row] = await this.rows<{ lsn: string | null }>(POSITION_NOW);
      this.noteCommitted(row?.lsn ? parseLsn(row.lsn) : null);
    } catch (error) {
      logger.warn(`The WAL position after a write could not be read: ${(error as Error).message}`);
    }
  }

  // The request's key reads only from replicas past `position`, and its response carries it.
  private noteCommitted(position: bigint | null): void {
    if (position !== null) this.replicas?.committed(readContextStorage.getStore(), position);
  }

  // Runs `work` in one transaction on one connection: committed if it returns, rolled back if it
  // throws. Every statement of the work must go through `tx`: the embedded database has a single
  // connection, which the transaction holds, so a statement sent to the pool meanwhile would wait
  // for ever.
  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const tx = new Transaction(this, await this.pool.connect());
    try {
      await tx.run('BEGIN');
      const result = await work(tx);
      if (this.replicas) {
        // The commit and the position it reached in one round trip (a simple-protocol query of two
        // statements): the request's key reads only from replicas past it, and the response
        // carries it as Consistency-Token. Without replicas, no position is asked for.
        const position = await tx.commitReturningPosition();
        tx.committed();
        this.noteCommitted(position);
      } else {
        await tx.run('COMMIT');
        tx.committed();
      }
      return result;
    } catch (error) {
      await tx.rollback();
      throw error;
    } finally {
      tx.release();
    }
  }

  // A connection of its own, outside the pool, LISTENing on `channel` (a notification is delivered
  // to the session that listens, for as long as it lives). `dropped` is called once if the
  // connection fails or closes, never after close().
  async listen(channel: string, notified: (payload: string | undefined) => void, dropped: (reason: string) => void): Promise<Listener> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a plain channel name: ${channel}`);
    const { url } = this.dataSource.options as { url?: string };
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    let closed = false;
    const drop = (reason: string) => {
      if (closed) return;
      closed = true;
      dropped(reason);
    };
    client.on('notification', (message) => {
      if (message.channel === channel) notified(message.payload);
    });
    client.on('error', (error) => drop(error.message));
    client.on('end', () => drop('connection closed'));
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      closed = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    return {
      async close() {
        closed = true;
        await client.end().catch(() => undefined);
      },
    };
  }

  // Calls `watcher` with the text of every statement sent from now on, until the returned function
  // is called (the SQL snapshot, test/database-sql-snapshot.e2e-spec.ts, is made this way).
  watch(watcher: (text: string) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  saw(text: string): void {
    if (this.watchers.size > 0) for (const watcher of this.watchers) watcher(text);
  }

  // The entity's mapping, for the row helpers (row-query.ts).
  metadata(target: EntityTarget<ObjectLiteral>): EntityMetadata {
    return this.dataSource.getMetadata(target);
  }

  // A failed statement as the caller sees it; a statement the server cancelled for running past
  // statement_timeout is logged as slow (the database itself is answering).
  failed(text: string, values: unknown[], error: unknown, started: number): unknown {
    if (isStatementTimeout(error)) {
      const ms = Math.round(performance.now() - started);
      const limit = this.statementTimeoutMs === null ? '' : ` (statement_timeout ${this.statementTimeoutMs} ms)`;
      logger.warn(`Slow statement ${statementName(text)} cancelled after ${ms} ms${limit}: ${summary(text)}`);
    }
    if (error instanceof DatabaseUnavailableError || error instanceof QueryFailedError) return error;
    return new QueryFailedError(text, values, error as Error);
  }
}

// One transaction's connection; see Sql.transaction.
export class Transaction extends Executor {
  private lost: Error | null = null;
  private readonly onCommit: Array<() => void> = [];
  private readonly onError = (error: Error) => {
    this.lost ??= error;
  };

  constructor(
    readonly sql: Sql,
    private readonly client: pg.PoolClient,
  ) {
    super();
    client.on('error', this.onError);
  }

  async run<R = Row>(text: string, values: unknown[] = []): Promise<Result<R>> {
    return resultOf<R>(await this.query(text, values));
  }

  private async query(text: string, values: unknown[]): Promise<pg.QueryResult> {
    // The connection died between two statements: say so, with the cause, rather than pg's
    // "not queryable".
    if (this.lost) throw new DatabaseConnectionLostError(this.lost);
    this.sql.saw(text);
    const started = performance.now();
    try {
      return await this.client.query(text, values);
    } catch (error) {
      // Dead, or given up on by the statement bound (its socket destroyed).
      if (isBrokenConnection(error) || error instanceof DatabaseUnavailableError) this.lost ??= error as Error;
      throw this.sql.failed(text, values, error, started);
    }
  }

  // COMMIT, and the WAL position the server is at once it has committed (see Sql.transaction).
  async commitReturningPosition(): Promise<bigint | null> {
    const results = (await this.query(`COMMIT; ${POSITION_NOW}`, [])) as unknown as pg.QueryResult[];
    const lsn = (results.at(-1)?.rows[0] as { lsn: string | null } | undefined)?.lsn ?? null;
    return lsn === null ? null : parseLsn(lsn);
  }

  // Runs once the transaction has committed (not at all if it rolls back).
  afterCommit(effect: () => void): void {
    this.onCommit.push(effect);
  }

  committed(): void {
    for (const effect of this.onCommit) effect();
  }

  async rollback(): Promise<void> {
    if (this.lost) return;
    try {
      await this.client.query('ROLLBACK');
    } catch (error) {
      this.lost ??= error as Error;
    }
  }

  // A connection that failed goes back marked broken, and the pool closes it.
  release(): void {
    this.client.removeListener('error', this.onError);
    this.client.release(this.lost ?? undefined);
  }
}

function resultOf<R>(result: pg.QueryResult): Result<R> {
  return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
}

// The statement's first words, for a log line (never its values).
function summary(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 100)}…` : flat;
}

// The staleness-tolerant reads with DATABASE_REPLICA_URLS (Sql.reads): the routing decision, in
// this one place. A read goes to a streaming replica (round robin) that has replayed what the
// request must see (its key's last write on this instance, its Consistency-Token); else to the
// primary. A read that fails on the replica runs again on the primary: a replica's lag, restart or
// loss never becomes a client error.
class ReplicaReads extends Executor {
  constructor(
    readonly sql: Sql,
    private readonly replicas: ReplicaSet,
  ) {
    super();
  }

  async run<R = Row>(text: string, values: unknown[] = []): Promise<Result<R>> {
    const replicas = this.replicas;
    const target = replicas.pick(replicas.requiredPosition(readContextStorage.getStore()));
    if (target === 'behind' || target === 'none') {
      replicas.reads[target === 'behind' ? 'primary' : 'fallback']++;
      return this.sql.run<R>(text, values);
    }
    this.sql.saw(text);
    try {
      const result = resultOf<R>(await replicas.read(target, text, values));
      replicas.reads.replica++;
      return result;
    } catch (error) {
      replicas.failed(target, error);
      replicas.reads.fallback++;
      return this.sql.run<R>(text, values);
    }
  }
}
