import { Injectable } from '@nestjs/common';
import { ObjectLiteral } from 'typeorm';
import { isoTime } from '../common/iso-time';
import { CursorCodec, CursorDirection } from './cursor-codec';
import { keysetPlan } from './keyset';
import { buildPage } from './page-builder';
import { filterSql, filtersKey, ListFilters } from './list-filters';
import { CursorBinding, PagePosition, readCursor } from './page-position';
import { PageQuery } from './page-query.dto';
import { Page } from './paginated-response';
import { formatSort, NEWEST_FIRST, parseSort, SortableFields, SortTerm } from './sort';

export interface ListSpec {
  // Names the list a cursor belongs to, so one list's cursor is refused by another.
  resource: string;
  fields: SortableFields;
  defaultSort: SortTerm[];
  // A feed: read oldest first, its last page and an empty page keep a next cursor to poll from;
  // `origin` is the key before every row, where polling starts on an empty feed.
  feedOrigin?: string[];
  // Refuses positions the list can no longer serve (e.g. before a retention horizon); may read the
  // database, and runs before the page is read.
  assertPosition?: (position: PagePosition) => void | Promise<void>;
}

// The usual list: sortable by id, created_at, updated_at and the given text fields (API field name =
// column name -> entity property), newest first unless asked otherwise.
export function newestFirstList(resource: string, textFields: Record<string, string>): ListSpec {
  const fields: SortableFields = { id: { column: 'id', property: 'id', kind: 'uuid' } };
  for (const [field, property] of Object.entries(textFields)) fields[field] = { column: field, property, kind: 'text' };
  fields.created_at = { column: 'created_at', property: 'createdAt', kind: 'timestamp' };
  fields.updated_at = { column: 'updated_at', property: 'updatedAt', kind: 'timestamp' };
  return { resource, fields, defaultSort: NEWEST_FIRST };
}

// The query a list is read from (the database's RowQuery): the list's live rows, to which paginate()
// adds the filters, the keyset condition, the order and the limit.
export interface PageableQuery<T> {
  readonly alias: string;
  andWhere(sql: string, params?: Record<string, unknown>): unknown;
  orderBy(sql: string, direction: 'ASC' | 'DESC'): unknown;
  limit(limit: number): unknown;
  getMany(): Promise<T[]>;
}

@Injectable()
export class PaginationService {
  constructor(private readonly codec: CursorCodec) {}

  // Keyset pagination over a query of live rows. `filters` (the caller's account scope included)
  // are applied here, as equalities or as their FilterCondition, and the cursor is bound to exactly
  // the same object: a cursor only positions within them and can never widen them.
  async paginate<T extends ObjectLiteral>(
    query: PageableQuery<T>,
    spec: ListSpec,
    filters: ListFilters,
    request: PageQuery,
  ): Promise<Page<T>> {
    const terms = parseSort(request.sort, spec.fields, spec.defaultSort);
    const binding: CursorBinding = { resource: spec.resource, sort: formatSort(terms), filters: filtersKey(filters) };
    const position = readCursor(this.codec, request.cursor, binding, terms, spec.fields);
    await spec.assertPosition?.(position);

    for (const [name, value] of Object.entries(filters)) {
      const filter = filterSql(name, value, query.alias);
      if (filter) query.andWhere(`(${filter.sql})`, filter.params);
    }
    const plan = keysetPlan(query.alias, terms, spec.fields, position);
    if (plan.where) query.andWhere(`(${plan.where.sql})`, plan.where.params);
    for (const [column, order] of plan.orderBy) query.orderBy(column, order);
    query.limit(request.limit + 1);
    const rows = await query.getMany();

    const keyOf = (row: T) => terms.map((term) => serialize(row[spec.fields[term.field].property]));
    const tail = spec.feedOrigin !== undefined && terms[0].direction === 'asc';
    const cursorAt = (direction: CursorDirection, row: T | undefined) =>
      this.codec.encode({ ...binding, direction, key: row ? keyOf(row) : (position.key ?? spec.feedOrigin!) });
    return buildPage(rows, request.limit, position, cursorAt, tail);
  }
}

function serialize(value: unknown): string {
  return value instanceof Date ? isoTime(value) : String(value);
}
