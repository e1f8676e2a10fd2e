import { DomainError } from '../common/errors';
import { CursorCodec, CursorDirection, invalidCursor } from './cursor-codec';
import { KEY_CHECKS } from './cursor-keys';
import { SortableFields, SortTerm } from './sort';

// What a cursor is bound to: it is valid only for the same list, sort and filters.
export interface CursorBinding {
  resource: string;
  sort: string;
  filters: string;
}

// Where a page starts: at the beginning (no key), or strictly after/before the row with `key`.
export interface PagePosition {
  direction: CursorDirection;
  key: string[] | null;
}

export const FIRST_PAGE: PagePosition = { direction: 'next', key: null };

// Equality filters of a list, by column; null or undefined = not filtered.
export type ListFilters = Record<string, string | null | undefined>;

// The canonical form of a list's filters that a cursor carries: absent and null are the same.
export function filtersKey(filters: ListFilters): string {
  return JSON.stringify(
    Object.entries(filters)
      .map(([column, value]) => [column, value ?? null])
      .sort(([a], [b]) => (a as string).localeCompare(b as string)),
  );
}

// Decodes and checks a request's cursor against the binding and the sort it must continue.
export function readCursor(
  codec: CursorCodec,
  token: string | undefined,
  binding: CursorBinding,
  terms: SortTerm[],
  fields: SortableFields,
): PagePosition {
  if (token === undefined) return FIRST_PAGE;
  const cursor = codec.decode(token);
  if (cursor.resource !== binding.resource || cursor.sort !== binding.sort || cursor.filters !== binding.filters) {
    throw new DomainError('invalid_request', 'Cursor does not match the sort or filters of this request');
  }
  if (cursor.key.length !== terms.length || terms.some((t, i) => !KEY_CHECKS[fields[t.field].kind](cursor.key[i]))) {
    throw invalidCursor();
  }
  return { direction: cursor.direction, key: cursor.key };
}
