import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Client, ClientConfig, Query } from 'pg';
import { POOL_TYPES } from './timestamptz';

// Statements a connection prepares by name, at most. Each distinct SQL text with parameters is one
// statement: the hot paths (the principal lookup, get-by-id, create, update) are a handful, and
// every list shape (resource × sort × direction × which filters are set × first page or cursor) is
// one more (LIMIT is a parameter, so the page size is not), so a connection of a busy server holds
// well under a hundred. Beyond the bound, statements run unnamed (parsed and planned on every call)
// rather than growing without end; the first time that happens is logged, and every such statement
// is counted (leadr_db_unprepared_statements_total).
export const MAX_PREPARED_PER_CONNECTION = 500;

// DML with parameters: the statements worth preparing. DDL, transaction control and parameterless
// one-offs run unnamed.
const PREPARABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;

// Shared by every connection: the texts of a process are the same few shapes.
const namesByText = new LRUCache<string, string>({ max: MAX_PREPARED_PER_CONNECTION * 4 });
let connections = 0;
let unprepared = 0;
let warned = false;

// The statement's name is derived from its SQL text alone (never from a value), so the same query
// shape is parsed and planned once per connection and then only bound and executed. Also the name
// a slow statement is logged under; `npm run sql:snapshot` lists the names of the request path's.
export function statementName(text: string): string {
  let name = namesByText.get(text);
  if (name === undefined) {
    name = createHash('sha1').update(text).digest('base64url').slice(0, 20);
    namesByText.set(text, name);
  }
  return name;
}

// Statements this process ran unnamed because their connection had reached its bound.
export function unpreparedStatements(): number {
  return unprepared;
}

const clientQuery = Client.prototype.query as unknown as (this: Client, ...args: unknown[]) => never;

// TypeORM sends every query unnamed, so PostgreSQL parses and plans it on every call; planning the
// principal lookup costs ~15 times its execution. This pg client (given to the pool as `Client`)
// names the statements instead. Names carry a per-connection prefix: several connections to the
// embedded database share one PostgreSQL session there, and a reconnected client starts afresh
// without colliding with what its predecessor prepared in that session.
// It also reads timestamptz values with the positional reader of timestamptz.ts.
export class PreparingClient extends Client {
  private readonly prefix = `c${++connections}_`;
  private readonly prepared = new Set<string>();

  constructor(config?: string | ClientConfig) {
    super(typeof config === 'string' ? { connectionString: config, types: POOL_TYPES } : { types: POOL_TYPES, ...config });
  }

  override query(...args: unknown[]): never {
    const [text, values, callback] = args as [unknown, unknown, unknown];
    const name = preparedName(text, values, this.prefix, this.prepared);
    if (name === null) return clientQuery.call(this, ...args);
    if (typeof callback === 'function') return this.submitNamed(name, text as string, values as unknown[], callback as QueryCallback);
    return new Promise((resolve, reject) => {
      this.submitNamed(name, text as string, values as unknown[], (error, result) => (error ? reject(error) : resolve(result)));
    }) as never;
  }

  // The named statement as pg's own Query, made from the text (not from a `{ name, text, values }`
  // config, which pg copies property by property with Object.defineProperties: 7–18 µs a statement
  // under load, docs/performance.md), answering through the callback (not pg's promise and its
  // `.catch`: two promises fewer a statement).
  private submitNamed(name: string, text: string, values: unknown[], callback: QueryCallback): never {
    const query = new Query(text, values, callback) as Query & { name: string };
    query.name = name;
    return clientQuery.call(this, query);
  }
}

type QueryCallback = (error: Error | null | undefined, result?: unknown) => void;

// The name to run a query under on a connection that has prepared `prepared` (and now this one),
// or null to run it unnamed.
export function preparedName(text: unknown, values: unknown, prefix: string, prepared: Set<string>): string | null {
  if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || !PREPARABLE.test(text)) return null;
  const name = prefix + statementName(text);
  if (!prepared.has(name)) {
    if (prepared.size >= MAX_PREPARED_PER_CONNECTION) {
      unprepared++;
      if (!warned) {
        warned = true;
        new Logger('Database').warn(
          `A connection reached its bound of ${MAX_PREPARED_PER_CONNECTION} prepared statements; further new statement ` +
            'shapes run unprepared (counted in leadr_db_unprepared_statements_total)',
        );
      }
      return null;
    }
    prepared.add(name);
  }
  return name;
}
