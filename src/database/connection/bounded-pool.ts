import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { inRequest, requestIdStorage } from '../../request-context';
import { PreparingClient } from '../sql/prepared-statements';
import { DatabaseAvailability } from './database-availability';
import {
  DatabaseStatementTimeoutError,
  databaseUnavailability,
  describe,
  isBrokenConnection,
} from './database-errors';

export interface DatabaseLimits {
  // Opening one connection (TCP, TLS, authentication).
  connectTimeoutMs: number;
  // Getting a connection from the pool, waiting for a free one or opening one.
  acquireTimeoutMs: number;
  // One statement: the server cancels it (statement_timeout); the client gives up on the
  // connection STATEMENT_GRACE_MS later, for a server that no longer answers at all.
  statementTimeoutMs: number;
}

export interface BoundedPoolConfig extends pg.PoolConfig {
  limits: DatabaseLimits;
  availability?: DatabaseAvailability;
}

export const STATEMENT_GRACE_MS = 1_000;
// A connection the database refuses is asked for again after these pauses (ms) before the refusal
// counts, while no outage is declared: a restarting PgBouncer is gone for tens of milliseconds
// (the topology harness's T4: 32–35 ms on this machine), and a request arriving then should not
// fail for it. Once an outage is declared, a refusal answers at once.
const CONNECT_RETRY_PAUSES_MS = [20, 40, 80];

type Callback = (error: unknown, result?: unknown) => void;

// One pooled connection: a PreparingClient whose every statement is bounded on the client side
// too (statement_timeout cannot help when the server does not answer at all) and reported to the
// outage tracker. pg-pool passes its own options to the Client it creates, limits included.
export class BoundedClient extends PreparingClient {
  // How many times the pool handed this connection out.
  checkouts = 0;
  // Set when the connection failed or was given up on; it is never handed out again.
  dead: Error | null = null;
  // The pool's eviction generation when the connection was last returned to it.
  returnedInGeneration = 0;
  // Migrations run without the statement bound (see withoutStatementTimeout).
  unbounded = false;
  // The statement running is a read the pool will retry elsewhere if this connection is found dead
  // (BoundedPool.run): that is not an outage.
  retriedIfBroken = false;
  // The request a pooled statement serves, set by the pool for its duration (`queryReleasing`): this
  // connection's callbacks run in the async context of the request that opened it.
  servingRequest: string | undefined = undefined;
  readonly limits: DatabaseLimits;
  private readonly availability?: DatabaseAvailability;

  constructor(config: BoundedPoolConfig) {
    super({ ...config, connectionTimeoutMillis: config.limits.connectTimeoutMs });
    this.limits = config.limits;
    this.availability = config.availability;
    // Also keeps a late socket error from ever being unhandled.
    this.on('error', (error: Error) => {
      this.dead ??= error;
    });
  }

  override query(...args: unknown[]): never {
    const first = args[0] as { submit?: unknown } | undefined;
    if (first && typeof first === 'object' && typeof first.submit === 'function') return super.query(...args);
    const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : null;
    if (callback) return this.bounded(args, callback) as never;
    return new Promise((resolve, reject) => {
      this.bounded(args, (error, result) => (error ? reject(error) : resolve(result)));
    }) as never;
  }

  // The statement, answered through `done` by whichever comes first, its answer or the bound: one
  // callback handed down to pg, no promise of its own (an async function racing a timeout promise
  // made five more on every statement, each of which the request id's AsyncLocalStorage would
  // follow; docs/performance.md, "Promises per request").
  private bounded(args: unknown[], done: Callback): void {
    let settled = false;
    // What the availability logs (an outage begins or ends) belongs to the request of this statement.
    const requestId = this.servingRequest ?? requestIdStorage.getStore();
    const failed = (error: unknown) => {
      const cause = databaseUnavailability(error);
      if (cause && !(this.retriedIfBroken && isBrokenConnection(error))) inRequest(requestId, () => this.availability?.failure(cause));
      done(error);
    };
    const limit = this.limits.statementTimeoutMs + STATEMENT_GRACE_MS;
    const timer = this.unbounded
      ? undefined
      : setTimeout(() => {
          settled = true;
          const error = new DatabaseStatementTimeoutError(limit);
          this.dead ??= error;
          failed(error);
          // The connection may still deliver the late answer, or never answer: either way it is
          // unusable. Destroying it fails its other queries and makes the pool drop it.
          (this as unknown as { connection?: { stream?: { destroy(error?: Error): void } } }).connection?.stream?.destroy(error);
        }, limit);
    super.query(...args, (error: unknown, result: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) return failed(error);
      if (this.availability?.isDown) inRequest(requestId, () => this.availability?.success());
      done(null, result);
    });
  }
}

// A plain SELECT may run again on another connection without changing its meaning. Excluded: the
// functions whose effect belongs to the session that ran them.
function isRetryableRead(sql: string): boolean {
  return /^\s*select\b/i.test(sql) && !/\b(pg_(try_)?advisory_lock(_shared)?|set_config|nextval|setval)\b/i.test(sql);
}

// node-postgres' pool (pg-pool), with what it cannot do itself.
// pg-pool's: the pool, its size, idle connections, the bound on getting a connection
// (connectionTimeoutMillis: the overall wait, queue and connect), the per-connection setup (its
// documented `connect` event: statement_timeout, sent as a statement since PgBouncer refuses
// unknown startup parameters), the `acquire`/`release` events. pg's Client: the bound on opening
// one connection (its connectionTimeoutMillis) and the custom Client class (BoundedClient).
// Ours: the client-side statement bound that destroys the socket of a connection that stopped
// answering (BoundedClient), outage tracking (DatabaseAvailability), not handing out a connection
// known or presumed dead, and one retry for a read that hit a pooled connection which had died
// while idle (a restarted server or PgBouncer): `run`.
export class BoundedPool extends pg.Pool {
  private readonly availability?: DatabaseAvailability;
  private readonly limits: DatabaseLimits;
  private readonly logger = new Logger('Database');
  // Bumped when a pooled connection is found dead: every connection that sat idle in the pool at
  // that moment is presumed dead too (they share the server that went away) and is not reused.
  private generation = 0;

  constructor(config: BoundedPoolConfig) {
    super({ Client: BoundedClient as unknown as pg.PoolConfig['Client'], ...config, connectionTimeoutMillis: config.limits.acquireTimeoutMs });
    this.availability = config.availability;
    this.limits = config.limits;
    const statementTimeoutMs = config.limits.statementTimeoutMs;
    this.on('connect', (client) => {
      const bounded = client as unknown as BoundedClient;
      bounded.returnedInGeneration = this.generation;
      client.query(`SET statement_timeout = ${statementTimeoutMs}`).catch((error: Error) => {
        // Never hand out a connection without its bound.
        bounded.dead ??= error;
      });
    });
    this.on('acquire', (client) => {
      (client as unknown as BoundedClient).checkouts++;
    });
    this.on('release', (_error, client) => {
      (client as unknown as BoundedClient).returnedInGeneration = this.generation;
    });
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    const requestId = requestIdStorage.getStore();
    if (!callback) return new Promise((resolve, reject) => this.acquire(requestId, (error, client) => (error ? reject(error) : resolve(client!))));
    this.acquire(requestId, (error, client) =>
      error ? callback(error, undefined, () => undefined) : callback(undefined, client, (release?: unknown) => client!.release(release as Error | undefined)),
    );
  }

  // A connection that is not known or presumed dead, through a callback: pg-pool's own callback
  // form, which makes no promise (its promise form made two a statement). pg's callbacks run in the
  // async context of the connection (the request that opened it, or none), so what they log is put
  // back into the request the connection is for (`requestId`, captured when it was asked for).
  private acquire(
    requestId: string | undefined,
    done: (error: Error | null, client?: pg.PoolClient & BoundedClient) => void,
    retries = 0,
    startedAt = performance.now(),
  ): void {
    super.connect((error, pooled) => {
      if (error) {
        const cause = databaseUnavailability(error);
        const pause = CONNECT_RETRY_PAUSES_MS[retries];
        if (cause && pause !== undefined && !this.availability?.isDown && performance.now() - startedAt + pause < this.limits.acquireTimeoutMs) {
          setTimeout(() => this.acquire(requestId, done, retries + 1, startedAt), pause);
          return;
        }
        if (cause) inRequest(requestId, () => this.availability?.failure(cause));
        return done(error);
      }
      const client = pooled as pg.PoolClient & BoundedClient;
      if (client.dead || client.returnedInGeneration < this.generation) {
        client.release(client.dead ?? new Error('Presumed dead after another pooled connection was found dead'));
        return this.acquire(requestId, done, retries, startedAt);
      }
      done(null, client);
    });
  }

  // One statement on a pooled connection. A read whose reused connection turns out to have died
  // while idle runs again, once, on a connection opened since. One promise a statement: the
  // connection, the statement and the release are callbacks (an async function for each step made
  // nine, each of which the request id's AsyncLocalStorage follows; docs/performance.md).
  run(text: string, values: unknown[]): Promise<pg.QueryResult> {
    const requestId = requestIdStorage.getStore();
    return new Promise((resolve, reject) =>
      this.runOnce(text, values, true, requestId, (error, result) => (error ? reject(error) : resolve(result!))),
    );
  }

  private runOnce(
    text: string,
    values: unknown[],
    mayRetry: boolean,
    requestId: string | undefined,
    done: (error: unknown, result?: pg.QueryResult) => void,
  ): void {
    this.acquire(requestId, (error, client) => {
      if (error) return done(error);
      const retryable = mayRetry && client!.checkouts > 1 && isRetryableRead(text);
      queryReleasing(client!, text, values, retryable, requestId, (error, result) => {
        if (!error) return done(null, result);
        if (!(retryable && isBrokenConnection(error))) return done(error);
        this.generation++;
        inRequest(requestId, () =>
          this.logger.warn(`A pooled database connection was dead (${describe(error)}); retrying the read on a fresh connection`),
        );
        this.runOnce(text, values, false, requestId, done);
      });
    });
  }
}

// Runs one statement and gives the connection back, marked broken if it failed under the statement
// (its slot is then free at once, for a retry: the embedded database has one). An error the
// connection emits meanwhile is the client's `dead` (its own listener, for its whole life: no
// listener added and removed per statement).
function queryReleasing(
  client: pg.PoolClient & BoundedClient,
  text: string,
  values: unknown[],
  retriedIfBroken: boolean,
  requestId: string | undefined,
  done: (error: unknown, result?: pg.QueryResult) => void,
): void {
  client.retriedIfBroken = retriedIfBroken;
  client.servingRequest = requestId;
  const settle = (error: unknown, result?: pg.QueryResult) => {
    const broken = error && (isBrokenConnection(error) || error instanceof DatabaseStatementTimeoutError) ? (error as Error) : undefined;
    client.retriedIfBroken = false;
    client.servingRequest = undefined;
    client.release(broken ?? client.dead ?? undefined);
    done(error, result);
  };
  try {
    client.query(text, values, settle);
  } catch (error) {
    settle(error);
  }
}

// TypeORM's postgres driver keeps its pg Pool as `master` (there are no replicas here).
export function poolOf(dataSource: DataSource): pg.Pool {
  return (dataSource.driver as PostgresDriver).master as pg.Pool;
}

// The pool's counts for /metrics, or undefined before the data source is up.
export function poolStats(dataSource: DataSource): Pick<pg.Pool, 'totalCount' | 'idleCount' | 'waitingCount'> & { max?: number } | undefined {
  if (!dataSource.isInitialized) return undefined;
  const pool = poolOf(dataSource);
  return { totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount, max: pool.options.max };
}

// One statement on the pool (the CLI's pool is pg-pool's own).
export function runOnPool(pool: pg.Pool, text: string, values: unknown[]): Promise<pg.QueryResult> {
  return pool instanceof BoundedPool ? pool.run(text, values) : pool.query(text, values);
}

// node-postgres with the bounded pool, for TypeORM's `driver` option.
export const boundedPostgresDriver = Object.create(pg, { Pool: { value: BoundedPool } }) as typeof pg;

// Runs `work` on the query runner's connection without the statement bound (migrations can
// legitimately take longer than any request should), then restores it.
export async function withoutStatementTimeout<T>(queryRunner: QueryRunner, work: () => Promise<T>): Promise<T> {
  const client = (await queryRunner.connect()) as unknown;
  if (!(client instanceof BoundedClient)) return work();
  client.unbounded = true;
  await queryRunner.query('SET statement_timeout = 0');
  try {
    return await work();
  } finally {
    client.unbounded = false;
    try {
      await queryRunner.query(`SET statement_timeout = ${client.limits.statementTimeoutMs}`);
    } catch (error) {
      // Never hand out a connection without its bound.
      client.dead ??= error as Error;
    }
  }
}
