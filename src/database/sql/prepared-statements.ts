import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { boundedLru } from '../../bounded-lru';
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
const namesByText = boundedLru<string, string>(MAX_PREPARED_PER_CONNECTION * 4);
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
    return clientQuery.call(this, new NamedQuery(name, text, values, callback, this.rowShapes));
  }

  // The row shape each named statement last answered with (bounded like `prepared`).
  private readonly rowShapes = new Map<string, RowShape>();
}

type QueryCallback = (error: Error | null | undefined, result?: unknown) => void;

interface FieldDescription {
  name: string;
  dataTypeID: number;
  format: string;
}

// What pg's Result works out from a statement's row description (pg 8: lib/result.js, addFields).
interface RowShape {
  fields: FieldDescription[];
  parsers: unknown[];
  empty: object;
}

interface ResultInternals {
  command: string | null;
  fields: FieldDescription[];
  _parsers: unknown[];
  _prebuiltEmptyResultObject: object;
}

// A named statement answers every execution with the same row description, and pg's Result works
// out the row's readers from it every time (addFields: a parser lookup per column and a template
// row built property by property: 11–19 µs a statement under load, docs/performance.md). This
// query reuses what its connection worked out the last time the statement answered with those
// same columns; any other description is read by pg as usual. It relies on pg's Result internals,
// pinned with pg's version: test/prepared-statements.e2e-spec.ts reads rows of every kind through
// a reused shape, and fails if pg stops calling this or changes what it builds.
class NamedQuery extends Query {
  constructor(
    readonly name: string,
    text: string,
    values: unknown[],
    callback: QueryCallback,
    private readonly shapes: Map<string, RowShape>,
  ) {
    super(text, values, callback);
  }

  handleRowDescription(message: { fields: FieldDescription[] }): void {
    const self = this as unknown as { _result: ResultInternals; _accumulateRows: boolean };
    const result = self._result;
    const shape = this.shapes.get(this.name);
    if (shape !== undefined && result.command === null && sameColumns(shape.fields, message.fields)) {
      result.fields = message.fields;
      result._parsers = shape.parsers;
      result._prebuiltEmptyResultObject = shape.empty;
      // As pg decides it: rows are collected for a query answered through a callback.
      self._accumulateRows = true;
      return;
    }
    (Query.prototype as unknown as { handleRowDescription(this: Query, message: unknown): void }).handleRowDescription.call(this, message);
    this.shapes.set(this.name, { fields: message.fields, parsers: self._result._parsers, empty: self._result._prebuiltEmptyResultObject });
  }
}

function sameColumns(known: FieldDescription[], described: FieldDescription[]): boolean {
  if (known.length !== described.length) return false;
  for (let i = 0; i < known.length; i++) {
    const a = known[i];
    const b = described[i];
    if (a.name !== b.name || a.dataTypeID !== b.dataTypeID || a.format !== b.format) return false;
  }
  return true;
}

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
