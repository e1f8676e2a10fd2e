import { SqlFragment } from './keyset';

// A list filter that is more than "column = value". It is described completely by `binding`
// (kind, columns and value), which is what a cursor is bound to, and renders its SQL from exactly
// that description: a cursor made under one condition can never be used under another.
export abstract class FilterCondition {
  abstract readonly binding: unknown[];
  abstract toSql(alias: string, paramPrefix: string): SqlFragment;
}

// A list's filters by name: a plain value means "<name> = value" on the column of that name, a
// FilterCondition anything else; null or undefined means not filtered.
export type ListFilter = string | FilterCondition | null | undefined;
export type ListFilters = Record<string, ListFilter>;

// PostgreSQL's lower() on a "C"-collated column folds ASCII letters only; the value is folded the
// same way, so matching agrees with the database (and with the uniqueness of emails).
export function foldCase(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

// The smallest string greater than every string starting with `prefix`, in code point (= UTF-8
// byte, "C" collation) order, or null when there is none. Strings starting with `prefix` are then
// exactly those in [prefix, prefixEnd): a plain range a B-tree index answers on any server,
// whatever its LIKE optimisations, and `%`, `_` and `\` are ordinary characters in it.
export function prefixEnd(prefix: string): string | null {
  const chars = Array.from(prefix);
  while (chars.length > 0) {
    const last = chars.pop()!.codePointAt(0)!;
    let next = last + 1;
    if (next >= 0xd800 && next <= 0xdfff) next = 0xe000; // surrogates are not characters
    if (next <= 0x10ffff) return chars.join('') + String.fromCodePoint(next);
  }
  return null;
}

// lower(column) = lower(value), for one column (the index on lower(column) serves it).
export class EqualsIgnoringCase extends FilterCondition {
  readonly binding: unknown[];

  constructor(
    private readonly column: string,
    private readonly value: string,
  ) {
    super();
    this.binding = ['equals_ignoring_case', column, foldCase(value)];
  }

  toSql(alias: string, paramPrefix: string): SqlFragment {
    return {
      sql: `lower(${alias}.${this.column}) = CAST(:${paramPrefix}value AS text)`,
      params: { [`${paramPrefix}value`]: foldCase(this.value) },
    };
  }
}

// lower(column) starts with lower(prefix), for any of the columns, as ranges on lower(column):
// each column's index on lower(column) serves its side of the OR.
export class PrefixOfAnyIgnoringCase extends FilterCondition {
  readonly binding: unknown[];
  private readonly from: string;
  private readonly to: string | null;

  constructor(
    readonly columns: string[],
    prefix: string,
  ) {
    super();
    this.from = foldCase(prefix);
    this.to = prefixEnd(this.from);
    this.binding = ['prefix_of_any_ignoring_case', columns, this.from];
  }

  toSql(alias: string, paramPrefix: string): SqlFragment {
    const ranges = this.columns.map((column) => this.rangeOf(alias, column, paramPrefix));
    return { sql: ranges.map((range) => `(${range.sql})`).join(' OR '), params: ranges[0].params };
  }

  // The condition on one of the columns alone.
  rangeOf(alias: string, column: string, paramPrefix: string): SqlFragment {
    const params: Record<string, string> = { [`${paramPrefix}from`]: this.from };
    const folded = `lower(${alias}.${column})`;
    let sql = `${folded} >= CAST(:${paramPrefix}from AS text)`;
    if (this.to !== null) {
      params[`${paramPrefix}to`] = this.to;
      sql += ` AND ${folded} < CAST(:${paramPrefix}to AS text)`;
    }
    return { sql, params };
  }
}

// The canonical form of a list's filters that a cursor carries. Unset filters (null or undefined)
// are left out, so a list can gain an optional filter without changing the cursors of requests
// that do not use it; a cursor made with a filter still fails without it, and the reverse.
export function filtersKey(filters: ListFilters): string {
  return JSON.stringify(
    Object.entries(filters)
      .filter(([, value]) => value != null)
      .map(([name, value]) => [name, value instanceof FilterCondition ? value.binding : value])
      // Code-unit order: the same key on every machine, whatever its locale.
      .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0)),
  );
}

// The SQL of one filter, or null when it is not set.
export function filterSql(name: string, value: ListFilter, alias: string): SqlFragment | null {
  if (value == null) return null;
  const param = `filter_${name}_`;
  if (value instanceof FilterCondition) return value.toSql(alias, param);
  return { sql: `${alias}.${name} = :${param}value`, params: { [`${param}value`]: value } };
}
