import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { DatabaseAvailability } from './database-availability';
import {
  DatabaseAcquireTimeoutError,
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

const STATE = Symbol('leadr.connectionState');

interface ConnectionState {
  // How many times the pool handed this connection out, and statements sent in the current turn.
  checkouts: number;
  statements: number;
  // Set when the connection failed or was given up on; it is never handed out again.
  dead: Error | null;
  // The pool's eviction generation when the connection was last returned to it.
  returnedInGeneration: number;
  // Migrations run without the statement bound (see withoutStatementTimeout).
  unbounded: boolean;
  statementTimeoutMs: number;
}

type Client = pg.PoolClient & { [STATE]?: ConnectionState; connection?: { stream?: { destroy(error?: Error): void } } };
type QueryFn = (...args: unknown[]) => unknown;

function stateOf(client: unknown): ConnectionState | undefined {
  return (client as Client | undefined)?.[STATE];
}

// Why the connection under a TypeORM query runner died, if it did.
export function connectionDeathCause(client: unknown): Error | null {
  return stateOf(client)?.dead ?? null;
}

function sqlOf(args: unknown[]): string {
  const first = args[0];
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && typeof (first as { text?: unknown }).text === 'string') {
    return (first as { text: string }).text;
  }
  return '';
}

// A plain SELECT may run again on another connection without changing its meaning. Excluded: the
// functions whose effect belongs to the session that ran them.
function isRetryableRead(sql: string): boolean {
  return /^\s*select\b/i.test(sql) && !/\b(pg_(try_)?advisory_lock(_shared)?|set_config|nextval|setval)\b/i.test(sql);
}

// node-postgres' pool with every wait bounded, outage tracking, and one retry for a read that
// hit a pooled connection which had died while idle (a restarted server or PgBouncer).
// node-postgres applies connectionTimeoutMillis both to opening a connection and to waiting in the
// pool's queue; the acquire bound here is the overall wait, and the statement bound is enforced on
// the client too, since statement_timeout cannot help when the server does not answer at all.
export class BoundedPool extends pg.Pool {
  private readonly limits: DatabaseLimits;
  private readonly availability?: DatabaseAvailability;
  private readonly logger = new Logger('Database');
  // Bumped when a pooled connection is found dead: every connection that sat idle in the pool at
  // that moment is presumed dead too (they share the server that went away) and is not reused.
  private generation = 0;

  constructor(config: BoundedPoolConfig) {
    const { limits, availability, ...poolConfig } = config;
    super({ ...poolConfig, connectionTimeoutMillis: limits.connectTimeoutMs });
    this.limits = limits;
    this.availability = availability;
    this.options.onConnect = (client) => this.prepare(client as Client);
    this.on('release', (_error, client) => {
      const state = stateOf(client);
      if (state) state.returnedInGeneration = this.generation;
    });
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    const acquired = this.acquire();
    if (!callback) return acquired;
    acquired.then(
      (client) => callback(undefined, client, (release?: unknown) => client.release(release as Error | undefined)),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }

  private async acquire(): Promise<Client> {
    const deadline = Date.now() + this.limits.acquireTimeoutMs;
    for (;;) {
      const client = await this.checkout(deadline);
      const state = stateOf(client);
      if (state && (state.dead || state.returnedInGeneration < this.generation)) {
        client.release(state.dead ?? new Error('Presumed dead after another pooled connection was found dead'));
        continue;
      }
      if (state) {
        state.checkouts++;
        state.statements = 0;
      }
      return client;
    }
  }

  private checkout(deadline: number): Promise<Client> {
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        const error = new DatabaseAcquireTimeoutError(this.limits.acquireTimeoutMs);
        this.availability?.failure(describe(error));
        reject(error);
      }, Math.max(0, deadline - Date.now()));
      super.connect((error, client, done) => {
        clearTimeout(timer);
        if (timedOut) {
          // Too late for the caller; hand the connection straight back.
          if (client) done(error);
          return;
        }
        if (error || !client) {
          const cause = databaseUnavailability(error);
          if (cause) this.availability?.failure(cause);
          reject(error ?? new Error('The pool returned no connection'));
          return;
        }
        resolve(client as Client);
      });
    });
  }

  // Runs once per new connection, before the pool hands it out.
  private async prepare(client: Client): Promise<void> {
    const state: ConnectionState = {
      checkouts: 0,
      statements: 0,
      dead: null,
      returnedInGeneration: this.generation,
      unbounded: false,
      statementTimeoutMs: this.limits.statementTimeoutMs,
    };
    client[STATE] = state;
    // Also keeps a late socket error from ever being unhandled.
    client.on('error', (error: Error) => {
      state.dead ??= error;
    });
    const query = client.query.bind(client) as QueryFn;
    client.query = ((...args: unknown[]) => this.intercept(state, client, query, args)) as typeof client.query;
    // Not a startup parameter: PgBouncer refuses unknown ones.
    await client.query(`SET statement_timeout = ${this.limits.statementTimeoutMs}`);
  }

  private intercept(state: ConnectionState, client: Client, query: QueryFn, args: unknown[]): unknown {
    const first = args[0] as { submit?: unknown } | undefined;
    if (first && typeof first === 'object' && typeof first.submit === 'function') return query(...args);
    const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as (e: unknown, r?: unknown) => void) : null;
    const result = this.run(client, state, query, args);
    if (!callback) return result;
    result.then(
      (value) => callback(null, value),
      (error) => callback(error),
    );
    return undefined;
  }

  private async run(client: Client, state: ConnectionState, query: QueryFn, args: unknown[]): Promise<unknown> {
    const firstOfTurn = state.statements++ === 0;
    try {
      const result = await this.bounded(client, state, query(...args) as Promise<unknown>);
      this.availability?.success();
      return result;
    } catch (error) {
      if (firstOfTurn && state.checkouts > 1 && isBrokenConnection(error) && isRetryableRead(sqlOf(args))) {
        state.dead ??= error as Error;
        this.generation++;
        return this.retryRead(args, error);
      }
      const cause = databaseUnavailability(error);
      if (cause) this.availability?.failure(cause);
      throw error;
    }
  }

  private async bounded(client: Client, state: ConnectionState, pending: Promise<unknown>): Promise<unknown> {
    if (state.unbounded) return pending;
    const limit = this.limits.statementTimeoutMs + STATEMENT_GRACE_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new DatabaseStatementTimeoutError(limit);
        state.dead ??= error;
        reject(error);
        // The connection may still deliver the late answer, or never answer: either way it is
        // unusable. Destroying it fails its other queries and makes the pool drop it.
        client.connection?.stream?.destroy(error);
      }, limit);
    });
    try {
      return await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  // The first statement of a turn on a reused connection failed because that connection was
  // already dead. For a read this is safe to repeat, once, on a connection opened since.
  private async retryRead(args: unknown[], cause: unknown): Promise<unknown> {
    this.logger.warn(`A pooled database connection was dead (${describe(cause)}); retrying the read on a fresh connection`);
    const client = await this.acquire();
    const state = stateOf(client);
    if (state) state.statements = 1; // no second retry
    try {
      const result = await (client.query as QueryFn)(...args);
      client.release();
      return result;
    } catch (error) {
      client.release(state?.dead ?? undefined);
      throw error;
    }
  }
}

// node-postgres with the bounded pool, for TypeORM's `driver` option.
export const boundedPostgresDriver = Object.create(pg, { Pool: { value: BoundedPool } }) as typeof pg;

// Runs `work` on the query runner's connection without the statement bound (migrations can
// legitimately take longer than any request should), then restores it.
export async function withoutStatementTimeout<T>(queryRunner: QueryRunner, work: () => Promise<T>): Promise<T> {
  const state = stateOf(await queryRunner.connect());
  if (!state) return work();
  state.unbounded = true;
  await queryRunner.query('SET statement_timeout = 0');
  try {
    return await work();
  } finally {
    state.unbounded = false;
    try {
      await queryRunner.query(`SET statement_timeout = ${state.statementTimeoutMs}`);
    } catch (error) {
      // Never hand out a connection without its bound.
      state.dead ??= error as Error;
    }
  }
}
