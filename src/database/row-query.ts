import type pg from 'pg';
import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, QueryFailedError, QueryResult } from 'typeorm';

// The SELECTs of the request path, written as SQL and run without TypeORM's query builder. The
// builder re-derives the whole statement from entity metadata on every call (aliases, escaping,
// joins, then hydration through its result transformer); on a get-by-id that was most of the
// server's CPU. Here the column list of each entity and alias is worked out once, a query is the
// caller's own SQL fragments joined together, and rows become entities by a plain column map.
//
// Parameters are named (`:id`) as with TypeORM's builder, numbered in order of first appearance,
// so one query shape is one SQL text (and one prepared statement, see prepared-statements.ts).

type Params = Record<string, unknown>;
export type LockMode = 'pessimistic_read' | 'pessimistic_write';

const LOCKS: Record<LockMode, string> = { pessimistic_read: 'FOR SHARE', pessimistic_write: 'FOR UPDATE' };
// `:name`, not the `::` of a cast.
const NAMED_PARAMETER = /(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g;

interface EntityShape {
  table: string;
  create: () => ObjectLiteral;
  // Every column, for writes.
  columns: Array<{ database: string; property: string }>;
  // The columns read back (not those declared `select: false`, such as a key's hash).
  selected: Array<{ database: string; property: string }>;
  selectLists: Map<string, string>;
}

const shapes = new WeakMap<EntityMetadata, EntityShape>();

function shapeOf(metadata: EntityMetadata): EntityShape {
  let shape = shapes.get(metadata);
  if (!shape) {
    const target = metadata.target as new () => ObjectLiteral;
    shape = {
      table: metadata.tablePath,
      create: () => new target(),
      columns: metadata.columns.map((column) => ({ database: column.databaseName, property: column.propertyName })),
      selected: metadata.columns
        .filter((column) => column.isSelect)
        .map((column) => ({ database: column.databaseName, property: column.propertyName })),
      selectLists: new Map(),
    };
    shapes.set(metadata, shape);
  }
  return shape;
}

// Every column, each under its own name (an explicit list, so a prepared statement's result shape
// cannot change under it).
function selectList(shape: EntityShape, alias: string): string {
  let list = shape.selectLists.get(alias);
  if (list === undefined) {
    list = shape.selected.map(({ database }) => `${alias}."${database}" AS "${database}"`).join(', ');
    shape.selectLists.set(alias, list);
  }
  return list;
}

// Replaces named parameters by $1, $2 ... A name that is not in `params` is left as it is. The
// numbering of each SQL text is kept (request paths repeat a few dozen shapes); the cache is
// emptied when it reaches NUMBERED_TEXTS_MAX, so odd shapes cannot grow it without end.
export function numberParameters(sql: string, params: Params): { text: string; values: unknown[] } {
  const key = Object.keys(params).sort().join(',') + '\n' + sql;
  let numbered = numberedTexts.get(key);
  if (numbered === undefined) {
    numbered = numberText(sql, params);
    if (numberedTexts.size >= NUMBERED_TEXTS_MAX) numberedTexts.clear();
    numberedTexts.set(key, numbered);
  }
  return { text: numbered.text, values: numbered.names.map((name) => params[name]) };
}

const NUMBERED_TEXTS_MAX = 1_000;
const numberedTexts = new Map<string, { text: string; names: string[] }>();

function numberText(sql: string, params: Params): { text: string; names: string[] } {
  const names: string[] = [];
  const text = sql.replace(NAMED_PARAMETER, (match, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return match;
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, names };
}

// Runs one statement on the manager's transaction, or straight on the pool outside one. Errors from
// the statement are TypeORM's QueryFailedError, as from any TypeORM query, so the exception filter
// maps constraint violations the same way.
export async function runSql<R = ObjectLiteral>(manager: EntityManager, text: string, values: unknown[]): Promise<R[]> {
  // Structured, so an UPDATE … RETURNING gives its rows too (TypeORM's plain result is [rows, count]).
  if (manager.queryRunner) return ((await manager.queryRunner.query(text, values, true)) as QueryResult).records as R[];
  const pool = (manager.connection.driver as unknown as { master: pg.Pool }).master;
  const client = await pool.connect();
  // A connection that fails goes back to the pool at once, marked broken, as TypeORM's query runner
  // does: its slot is then free for the pool's retry of a read (the embedded database has one).
  let released = false;
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.removeListener('error', release);
    client.release(error);
  };
  client.on('error', release);
  try {
    const result = await client.query(text, values);
    return result.rows as R[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  } finally {
    release();
  }
}

export class RowQuery<T extends ObjectLiteral> {
  private readonly conditions: string[] = [];
  private readonly params: Params = {};
  private readonly order: string[] = [];
  private rowLimit: number | null = null;
  private lock: LockMode | null = null;

  constructor(
    private readonly manager: EntityManager,
    private readonly shape: EntityShape,
    readonly alias: string,
  ) {}

  andWhere(sql: string, params?: Params): this {
    this.conditions.push(sql);
    if (params) Object.assign(this.params, params);
    return this;
  }

  orderBy(sql: string, direction: 'ASC' | 'DESC' = 'ASC'): this {
    this.order.push(`${sql} ${direction}`);
    return this;
  }

  limit(limit: number): this {
    this.rowLimit = limit;
    return this;
  }

  setLock(mode: LockMode): this {
    this.lock = mode;
    return this;
  }

  // The statement for `select` (a select list), as text and positional values.
  toSql(select: string = selectList(this.shape, this.alias)): { text: string; values: unknown[] } {
    let sql = `SELECT ${select} FROM ${this.shape.table} ${this.alias}`;
    if (this.conditions.length > 0) sql += ` WHERE ${this.conditions.map((c) => `(${c})`).join(' AND ')}`;
    if (this.order.length > 0) sql += ` ORDER BY ${this.order.join(', ')}`;
    if (this.rowLimit !== null) sql += ` LIMIT ${this.rowLimit}`;
    if (this.lock) sql += ` ${LOCKS[this.lock]}`;
    return numberParameters(sql, this.params);
  }

  async getMany(): Promise<T[]> {
    const { text, values } = this.toSql();
    const rows = await runSql(this.manager, text, values);
    return rows.map((row) => this.hydrate(row));
  }

  async getOne(): Promise<T | null> {
    const [entity] = await this.getMany();
    return entity ?? null;
  }

  // Rows of the given select list, as the database returns them.
  async getRawMany<R extends ObjectLiteral>(select: string): Promise<R[]> {
    const { text, values } = this.toSql(select);
    return runSql<R>(this.manager, text, values);
  }

  async getExists(): Promise<boolean> {
    this.rowLimit = 1;
    return (await this.getRawMany('1 AS one')).length > 0;
  }

  private hydrate(row: ObjectLiteral): T {
    const entity = this.shape.create();
    for (const { database, property } of this.shape.selected) entity[property] = row[database];
    return entity as T;
  }
}

// Rows of an entity's table under `alias`, e.g. `rowsOf(manager, User, 'u').andWhere('u.id = :id', { id })`.
export function rowsOf<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, alias: string): RowQuery<T> {
  return new RowQuery<T>(manager, shapeOf(manager.connection.getMetadata(target)), alias);
}

// The table of an entity and the column of each property.
export function tableOf(manager: EntityManager, target: EntityTarget<ObjectLiteral>): { table: string; column: (property: string) => string } {
  const shape = shapeOf(manager.connection.getMetadata(target));
  return {
    table: shape.table,
    column: (property) => {
      const found = shape.columns.find((column) => column.property === property);
      if (!found) throw new Error(`${shape.table} has no column for ${property}`);
      return found.database;
    },
  };
}

// Inserts an entity's set properties as one row and fills the entity from the stored row (the
// database's defaults included; columns that are never read back keep the value given).
export async function insertRow<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, entity: T): Promise<T> {
  const shape = shapeOf(manager.connection.getMetadata(target));
  const set = shape.columns.filter(({ property }) => entity[property] !== undefined);
  const text =
    `INSERT INTO ${shape.table} (${set.map(({ database }) => `"${database}"`).join(', ')}) ` +
    `VALUES (${set.map((_, index) => `$${index + 1}`).join(', ')}) ` +
    `RETURNING ${shape.selected.map(({ database }) => `"${database}"`).join(', ')}`;
  const [row] = await runSql(manager, text, set.map(({ property }) => entity[property] as unknown));
  for (const { database, property } of shape.selected) (entity as ObjectLiteral)[property] = row[database];
  return entity;
}
