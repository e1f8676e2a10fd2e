import { EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { numberParameters, Params } from './numbering';
import type { Executor } from './sql';

// The SELECTs of the request path, written as SQL and run without TypeORM's query builder. The
// builder re-derives the whole statement from entity metadata on every call (aliases, escaping,
// joins, then hydration through its result transformer); on a get-by-id that was most of the
// server's CPU. Here the column list of each entity and alias is worked out once, a query is the
// caller's own SQL fragments joined together, and rows become entities by a plain column map.
//
// Parameters are named (`:id`) as with TypeORM's builder, numbered in order of first appearance
// (numbering.ts), so one query shape is one SQL text (and one prepared statement). The row limit is
// a parameter too: page sizes do not multiply the shapes.

export type LockMode = 'pessimistic_read' | 'pessimistic_write';

const LOCKS: Record<LockMode, string> = { pessimistic_read: 'FOR SHARE', pessimistic_write: 'FOR UPDATE' };
// Cannot clash with a caller's name: callers' names are column-like.
const LIMIT_PARAMETER = '__limit';

interface Column {
  database: string;
  property: string;
  // json and jsonb values are sent as JSON text: pg would send a JS array as a PostgreSQL array.
  json: boolean;
}

interface EntityShape {
  table: string;
  create: () => ObjectLiteral;
  // Every column, for writes.
  columns: Column[];
  // The columns read back (not those declared `select: false`, such as a key's hash).
  selected: Column[];
  selectLists: Map<string, string>;
}

const shapes = new WeakMap<EntityMetadata, EntityShape>();

function shapeOf(executor: Executor, target: EntityTarget<ObjectLiteral>): EntityShape {
  const metadata = executor.sql.metadata(target);
  let shape = shapes.get(metadata);
  if (!shape) {
    const entity = metadata.target as new () => ObjectLiteral;
    const columns = metadata.columns.map((column) => ({
      database: column.databaseName,
      property: column.propertyName,
      json: column.type === 'json' || column.type === 'jsonb',
      select: column.isSelect,
    }));
    shape = {
      table: metadata.tablePath,
      create: () => new entity(),
      columns,
      selected: columns.filter((column) => column.select),
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

// A value as the column takes it.
export function columnValue(column: Pick<Column, 'json'>, value: unknown): unknown {
  return column.json && value !== null && value !== undefined ? JSON.stringify(value) : value;
}

export class RowQuery<T extends ObjectLiteral> {
  private readonly conditions: string[] = [];
  private readonly params: Params = {};
  private readonly order: string[] = [];
  private rowLimit: number | null = null;
  private lock: LockMode | null = null;

  constructor(
    private readonly executor: Executor,
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
    const params = this.rowLimit === null ? this.params : { ...this.params, [LIMIT_PARAMETER]: this.rowLimit };
    if (this.rowLimit !== null) sql += ` LIMIT :${LIMIT_PARAMETER}`;
    if (this.lock) sql += ` ${LOCKS[this.lock]}`;
    return numberParameters(sql, params);
  }

  async getMany(): Promise<T[]> {
    const { text, values } = this.toSql();
    const rows = await this.executor.rows(text, values);
    return rows.map((row) => this.hydrate(row));
  }

  async getOne(): Promise<T | null> {
    const [entity] = await this.getMany();
    return entity ?? null;
  }

  // Rows of the given select list, as the database returns them.
  async getRawMany<R extends ObjectLiteral>(select: string): Promise<R[]> {
    const { text, values } = this.toSql(select);
    return this.executor.rows<R>(text, values);
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

// Rows of an entity's table under `alias`, e.g. `rowsOf(db, User, 'u').andWhere('u.id = :id', { id })`.
export function rowsOf<T extends ObjectLiteral>(executor: Executor, target: EntityTarget<T>, alias: string): RowQuery<T> {
  return new RowQuery<T>(executor, shapeOf(executor, target), alias);
}

// The table of an entity and the column of each property.
export function tableOf(
  executor: Executor,
  target: EntityTarget<ObjectLiteral>,
): { table: string; column: (property: string) => Column } {
  const shape = shapeOf(executor, target);
  return {
    table: shape.table,
    column: (property) => {
      const found = shape.columns.find((column) => column.property === property);
      if (!found) throw new Error(`${shape.table} has no column for ${property}`);
      return found;
    },
  };
}

// Inserts an entity's set properties as one row and fills the entity from the stored row (the
// database's defaults included; columns that are never read back keep the value given).
export async function insertRow<T extends ObjectLiteral>(executor: Executor, target: EntityTarget<T>, entity: T): Promise<T> {
  const shape = shapeOf(executor, target);
  const set = shape.columns.filter(({ property }) => entity[property] !== undefined);
  const text =
    `INSERT INTO ${shape.table} (${set.map(({ database }) => `"${database}"`).join(', ')}) ` +
    `VALUES (${set.map((_, index) => `$${index + 1}`).join(', ')}) ` +
    `RETURNING ${shape.selected.map(({ database }) => `"${database}"`).join(', ')}`;
  const [row] = await executor.rows(
    text,
    set.map((column) => columnValue(column, entity[column.property])),
  );
  for (const { database, property } of shape.selected) (entity as ObjectLiteral)[property] = row[database];
  return entity;
}
