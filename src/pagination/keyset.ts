import { PagePosition } from './page-position';
import { SortableFields, SortDirection, SortKind, SortTerm } from './sort';

export interface KeysetTerm {
  column: string;
  direction: SortDirection;
  kind: SortKind;
}

export interface SqlFragment {
  sql: string;
  params: Record<string, string>;
}

const PARAM_TYPES: Record<SortKind, string> = { uuid: 'uuid', text: 'text', timestamp: 'timestamptz', bigint: 'bigint' };

// Rows strictly after `values` in the order given by `terms`. With one direction throughout this
// is a row comparison, which PostgreSQL answers with an index range scan. With mixed directions
// it expands to (a > x) OR (a = x AND b < y) ..., led by a bound on the first column (a >= x) so
// the planner can still start the index scan at the cursor.
export function keysetCondition(terms: KeysetTerm[], values: string[], paramPrefix = 'ks'): SqlFragment {
  const params: Record<string, string> = {};
  const refs = terms.map((term, index) => {
    const name = `${paramPrefix}${index}`;
    params[name] = values[index];
    return `CAST(:${name} AS ${PARAM_TYPES[term.kind]})`;
  });
  const op = (direction: SortDirection) => (direction === 'asc' ? '>' : '<');

  if (terms.every((term) => term.direction === terms[0].direction)) {
    const columns = terms.map((term) => term.column).join(', ');
    return { sql: `(${columns}) ${op(terms[0].direction)} (${refs.join(', ')})`, params };
  }
  const alternatives = terms.map((term, index) => {
    const equalities = terms.slice(0, index).map((previous, j) => `${previous.column} = ${refs[j]}`);
    return [...equalities, `${term.column} ${op(term.direction)} ${refs[index]}`].join(' AND ');
  });
  const lead = `${terms[0].column} ${op(terms[0].direction)}= ${refs[0]}`;
  return { sql: `${lead} AND ((${alternatives.join(') OR (')}))`, params };
}

export interface KeysetPlan {
  where: SqlFragment | null;
  orderBy: Array<[column: string, order: 'ASC' | 'DESC']>;
}

// The condition and order that fetch one page from `position`. A "prev" page is read in reverse
// order from its cursor (and flipped back by buildPage).
export function keysetPlan(alias: string, terms: SortTerm[], fields: SortableFields, position: PagePosition): KeysetPlan {
  const forward = position.direction === 'next';
  const keysetTerms: KeysetTerm[] = terms.map((term) => ({
    column: `${alias}.${fields[term.field].column}`,
    kind: fields[term.field].kind,
    direction: forward === (term.direction === 'asc') ? 'asc' : 'desc',
  }));
  return {
    where: position.key ? keysetCondition(keysetTerms, position.key) : null,
    orderBy: keysetTerms.map((term) => [term.column, term.direction === 'asc' ? 'ASC' : 'DESC']),
  };
}
