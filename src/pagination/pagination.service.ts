import { Injectable } from '@nestjs/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../common/errors';
import { CursorCodec, CursorDirection, invalidCursor } from './cursor-codec';
import { KEY_CHECKS } from './cursor-keys';
import { KeysetTerm, keysetCondition } from './keyset';
import { PageQuery } from './page-query.dto';
import { Page } from './paginated-response';
import { formatSort, parseSort, SortableFields, SortTerm } from './sort';

export interface ListSpec {
  // Names the list a cursor belongs to, so one list's cursor is refused by another.
  resource: string;
  fields: SortableFields;
  defaultSort: SortTerm[];
  // Every filter the query applies (null = not filtered); a cursor is only valid for the same ones.
  filters: Record<string, string | null>;
}

@Injectable()
export class PaginationService {
  constructor(private readonly codec: CursorCodec) {}

  // Keyset pagination over any query builder whose filters (including the caller's account scope)
  // are already applied; the cursor only positions within them and can never widen them.
  async paginate<T extends ObjectLiteral>(
    query: SelectQueryBuilder<T>,
    spec: ListSpec,
    request: PageQuery,
  ): Promise<Page<T>> {
    const terms = parseSort(request.sort, spec.fields, spec.defaultSort);
    const sort = formatSort(terms);
    const filters = filtersKey(spec.filters);

    let direction: CursorDirection = 'next';
    let key: string[] | undefined;
    if (request.cursor !== undefined) {
      const cursor = this.codec.decode(request.cursor);
      if (cursor.resource !== spec.resource || cursor.sort !== sort || cursor.filters !== filters) {
        throw new DomainError('invalid_request', 'Cursor does not match the sort or filters of this request');
      }
      if (cursor.key.length !== terms.length || terms.some((t, i) => !KEY_CHECKS[spec.fields[t.field].kind](cursor.key[i]))) {
        throw invalidCursor();
      }
      direction = cursor.direction;
      key = cursor.key;
    }

    // A "prev" page is fetched in reverse order from the cursor, then flipped back.
    const forward = direction === 'next';
    const keysetTerms: KeysetTerm[] = terms.map((term) => ({
      column: `${query.alias}.${spec.fields[term.field].column}`,
      kind: spec.fields[term.field].kind,
      direction: forward === (term.direction === 'asc') ? 'asc' : 'desc',
    }));
    if (key) {
      const condition = keysetCondition(keysetTerms, key);
      query.andWhere(`(${condition.sql})`, condition.params);
    }
    keysetTerms.forEach((term, index) => {
      const order = term.direction === 'asc' ? 'ASC' : 'DESC';
      if (index === 0) query.orderBy(term.column, order);
      else query.addOrderBy(term.column, order);
    });
    const rows = await query.limit(request.limit + 1).getMany();

    const hasMore = rows.length > request.limit;
    const items = rows.slice(0, request.limit);
    if (!forward) items.reverse();
    const hasNext = forward ? hasMore : true;
    const hasPrev = forward ? key !== undefined : hasMore;
    const keyOf = (item: T) => terms.map((term) => serialize(item[spec.fields[term.field].property]));
    const cursorAt = (at: CursorDirection, item: T | undefined) =>
      this.codec.encode({
        resource: spec.resource,
        sort,
        filters,
        direction: at,
        key: item ? keyOf(item) : (key as string[]),
      });

    return {
      items,
      meta: {
        next_cursor: hasNext ? cursorAt('next', items[items.length - 1]) : null,
        prev_cursor: hasPrev ? cursorAt('prev', items[0]) : null,
        has_next: hasNext,
        has_prev: hasPrev,
        count: items.length,
      },
    };
  }
}

// The canonical form of a list's filters that a cursor carries.
export function filtersKey(filters: ListSpec['filters']): string {
  return JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
}

function serialize(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}
