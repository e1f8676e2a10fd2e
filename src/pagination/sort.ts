import { DomainError } from '../common/errors';

export type SortDirection = 'asc' | 'desc';
export type SortKind = 'uuid' | 'text' | 'timestamp' | 'bigint';

export interface SortableField {
  column: string;
  property: string;
  kind: SortKind;
}

// API field name -> how to sort by it. Must contain `id`, the unique tie-break. Columns must be
// NOT NULL: keyset comparisons do not handle NULLs.
export type SortableFields = Record<string, SortableField> & { id: SortableField };

export interface SortTerm {
  field: string;
  direction: SortDirection;
}

// The contract's default order for every list: newest first, then by id.
export const NEWEST_FIRST: SortTerm[] = [
  { field: 'created_at', direction: 'desc' },
  { field: 'id', direction: 'asc' },
];

// Each term is `field:direction`, the direction in any case (`email:ASC`), as LEADR parses it; a
// term without a direction is refused there too.
export function parseSort(spec: string | undefined, fields: SortableFields, defaultSort: SortTerm[]): SortTerm[] {
  if (spec === undefined) return withTieBreak(defaultSort);
  const valid = Object.keys(fields).join(', ');
  const terms: SortTerm[] = [];
  for (const part of spec.split(',')) {
    const match = /^\s*([a-z_]+):([A-Za-z]+)\s*$/.exec(part);
    const direction = match?.[2].toLowerCase();
    if (!match || (direction !== 'asc' && direction !== 'desc')) {
      throw new DomainError(
        'invalid_request',
        `Invalid sort specification '${part.trim()}': use field:asc or field:desc. Valid sort fields: ${valid}`,
      );
    }
    const field = match[1];
    if (!Object.hasOwn(fields, field)) {
      throw new DomainError('invalid_request', `Invalid sort field '${field}'. Valid sort fields: ${valid}`);
    }
    if (terms.some((term) => term.field === field)) {
      throw new DomainError('invalid_request', `Sort field '${field}' is given more than once`);
    }
    terms.push({ field, direction: direction as SortDirection });
  }
  return withTieBreak(terms);
}

// `id` ends every sort so that the order is total; it follows the last field's direction so that
// a (field, id) index serves the sort in both directions.
function withTieBreak(terms: SortTerm[]): SortTerm[] {
  if (terms.some((term) => term.field === 'id')) return terms;
  return [...terms, { field: 'id', direction: terms[terms.length - 1]?.direction ?? 'asc' }];
}

export function formatSort(terms: SortTerm[]): string {
  return terms.map((term) => `${term.field}:${term.direction}`).join(',');
}
