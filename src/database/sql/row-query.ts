import { EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { Numbered, numberParameters, numberText, Params } from './numbering';
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
  // The column's type, for a parameter whose type PostgreSQL cannot infer (INSERT … SELECT $1).
  type: string;
  // Its named parameter in insertRowWhere's statement.
  parameter: string;
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
    const driver = metadata.dataSource.driver;
    const columns = metadata.columns.map((column) => ({
      database: column.databaseName,
      property: column.propertyName,
      json: column.type === 'json' || column.type === 'jsonb',
      type: `${castType(driver.normalizeType(column))}${column.isArray ? '[]' : ''}`,
      parameter: `c_${column.databaseName}`,
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

// A type to cast a parameter to without changing its value: no length (an explicit cast to
// varchar(n) would cut a longer value short, where the insert refuses it), and `character` as
// bpchar (a bare `character` is character(1)).
function castType(type: string): string {
  return type === 'character' ? 'bpchar' : type;
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
    // Set on the query's own parameters, not on a spread copy: a copy made by spread and then
    // extended costs V8 a new hidden class each time (µs per call, measured).
    if (this.rowLimit !== null) {
      this.params[LIMIT_PARAMETER] = this.rowLimit;
      sql += ` LIMIT :${LIMIT_PARAMETER}`;
    }
    const params = this.params;
    if (this.lock) sql += ` ${LOCKS[this.lock]}`;
    return numberParameters(sql, params);
  }

  // `then`, not async functions, on the read path: an awaited call makes two promises where `then`
  // makes one, and the request id's AsyncLocalStorage follows each (docs/performance.md).
  getMany(): Promise<T[]> {
    return this.rows().then((rows) => rows.map((row) => this.hydrate(row)));
  }

  getOne(): Promise<T | null> {
    return this.rows().then(([row]) => (row === undefined ? null : this.hydrate(row)));
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

  private rows(): Promise<ObjectLiteral[]> {
    const { text, values } = this.toSql();
    return this.executor.rows(text, values);
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

// A part of an insert's statement (insertRowWhere): SQL with named parameters, made once (a module
// constant, or cached by its maker), so that the statement's text is worked out once per shape.
export interface StatementPart {
  readonly sql: string;
}

// A statement that runs in the same statement as an insert (insertRowWhere), reading the inserted
// row as `inserted`: e.g. the change log's event, `INSERT INTO events … SELECT … FROM inserted`.
// Its parameters are named; they share one namespace with the insert's `requires` and must not
// start with `c_` (the inserted columns' own).
export interface FollowUp {
  part: StatementPart;
  params: Params;
}

// What must hold for the row to be inserted: a SELECT yielding one row when it does (`WITH
// requires AS (…)`), e.g. the live parent row, locked `FOR SHARE`.
export interface Requirement {
  part: StatementPart;
  params: Params;
}

// The numbered text of each insert shape: by entity, requirement, follow-ups and set columns.
const partIds = new WeakMap<StatementPart, number>();
const insertStatements = new WeakMap<EntityShape, Map<string, Numbered>>();
let partCount = 0;
function idOf(part: StatementPart): number {
  let id = partIds.get(part);
  if (id === undefined) partIds.set(part, (id = ++partCount));
  return id;
}

// Inserts an entity's set properties as one row, in ONE statement with `requires` and the
// follow-ups (no transaction of its own: a single statement is atomic, and when it runs alone it is
// its own transaction; inside a Transaction it is part of it):
//
//   WITH requires AS (<requires>),
//        inserted AS (INSERT INTO t (…) SELECT $… FROM requires RETURNING …),
//        follow_up_1 AS (<follow-up 1>) …
//   SELECT … FROM inserted
//
// Returns the entity filled from the stored row, or null when `requires` yielded no row (nothing
// was inserted and no follow-up wrote anything, since they read `inserted`). A constraint violation
// fails the whole statement, follow-ups included. The text is worked out once per shape; a call
// only collects the values.
export async function insertRowWhere<T extends ObjectLiteral>(
  executor: Executor,
  target: EntityTarget<T>,
  entity: T,
  requires: Requirement,
  followUps: FollowUp[],
): Promise<T | null> {
  const shape = shapeOf(executor, target);
  // A Map, not one object merged from the parts: adding a dozen properties to a fresh object on
  // every call sent V8 through new hidden classes each time (~40 µs a call, measured).
  const params = new Map<string, unknown>();
  for (const source of [requires.params, ...followUps.map(({ params: values }) => values)]) {
    for (const name in source) params.set(name, source[name]);
  }
  let columns = '';
  for (const column of shape.columns) {
    const value = entity[column.property];
    if (value === undefined) continue;
    params.set(column.parameter, columnValue(column, value));
    columns += column.parameter;
  }
  let statements = insertStatements.get(shape);
  if (statements === undefined) insertStatements.set(shape, (statements = new Map()));
  const key = `${idOf(requires.part)}:${followUps.map(({ part }) => idOf(part)).join(',')}:${columns}`;
  let numbered = statements.get(key);
  if (numbered === undefined) {
    const set = shape.columns.filter(({ property }) => entity[property] !== undefined);
    const returned = shape.selected.map(({ database }) => `"${database}"`).join(', ');
    const sql =
      `WITH requires AS (${requires.part.sql}), ` +
      `inserted AS (INSERT INTO ${shape.table} (${set.map(({ database }) => `"${database}"`).join(', ')}) ` +
      `SELECT ${set.map(({ parameter, type }) => `CAST(:${parameter} AS ${type})`).join(', ')} FROM requires RETURNING ${returned})` +
      followUps.map((followUp, index) => `, follow_up_${index + 1} AS (${followUp.part.sql})`).join('') +
      ` SELECT ${returned} FROM inserted`;
    numbered = numberText(sql, Object.fromEntries(params));
    statements.set(key, numbered);
  }
  const [row] = await executor.write(
    numbered.text,
    numbered.names.map((name) => params.get(name)),
  );
  if (row === undefined) return null;
  for (const { database, property } of shape.selected) (entity as ObjectLiteral)[property] = row[database];
  return entity;
}
