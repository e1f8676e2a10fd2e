import { KeysetTerm, keysetCondition, keysetPlan } from './keyset';
import { FIRST_PAGE } from './page-position';
import { SortableFields, SortDirection, SortTerm } from './sort';

const EMAIL: KeysetTerm = { column: 'u.email', direction: 'asc', kind: 'text' };
const CREATED: KeysetTerm = { column: 'u.created_at', direction: 'asc', kind: 'timestamp' };
const ID: KeysetTerm = { column: 'u.id', direction: 'asc', kind: 'uuid' };
const desc = (term: KeysetTerm): KeysetTerm => ({ ...term, direction: 'desc' });

describe('keysetCondition: generated SQL', () => {
  it.each<[string, KeysetTerm[], string]>([
    ['one ascending term', [ID], '(u.id) > (CAST(:ks0 AS uuid))'],
    ['one descending term', [desc(ID)], '(u.id) < (CAST(:ks0 AS uuid))'],
    [
      'ascending terms',
      [EMAIL, ID],
      '(u.email, u.id) > (CAST(:ks0 AS text), CAST(:ks1 AS uuid))',
    ],
    [
      'descending terms',
      [desc(CREATED), desc(EMAIL), desc(ID)],
      '(u.created_at, u.email, u.id) < (CAST(:ks0 AS timestamptz), CAST(:ks1 AS text), CAST(:ks2 AS uuid))',
    ],
    [
      'asc then desc',
      [EMAIL, desc(ID)],
      'u.email >= CAST(:ks0 AS text) AND ((u.email > CAST(:ks0 AS text)) OR ' +
        '(u.email = CAST(:ks0 AS text) AND u.id < CAST(:ks1 AS uuid)))',
    ],
    [
      'desc then asc then asc',
      [desc(CREATED), EMAIL, ID],
      'u.created_at <= CAST(:ks0 AS timestamptz) AND ((u.created_at < CAST(:ks0 AS timestamptz)) OR ' +
        '(u.created_at = CAST(:ks0 AS timestamptz) AND u.email > CAST(:ks1 AS text)) OR ' +
        '(u.created_at = CAST(:ks0 AS timestamptz) AND u.email = CAST(:ks1 AS text) AND u.id > CAST(:ks2 AS uuid)))',
    ],
  ])('%s', (_label, terms, sql) => {
    expect(keysetCondition(terms, terms.map((_, i) => `v${i}`)).sql).toBe(sql);
  });

  it('binds one parameter per term, in order', () => {
    const values = ['2024-05-01T00:00:00.000Z', 'ann@example.com', '0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41'];
    expect(keysetCondition([desc(CREATED), EMAIL, ID], values).params).toEqual({
      ks0: values[0],
      ks1: values[1],
      ks2: values[2],
    });
  });

  it('uses the given parameter prefix in both the SQL and the parameters', () => {
    const { sql, params } = keysetCondition([EMAIL, desc(ID)], ['a', 'b'], 'after');
    expect(params).toEqual({ after0: 'a', after1: 'b' });
    expect(sql.match(/:\w+/g)?.sort()).toEqual([':after0', ':after0', ':after0', ':after1']);
  });

  it('never inlines values into the SQL', () => {
    const hostile = "x') OR 1=1 --";
    const { sql, params } = keysetCondition([EMAIL, desc(ID)], [hostile, hostile]);
    expect(sql).not.toContain(hostile);
    expect(Object.values(params)).toEqual([hostile, hostile]);
  });
});

// --- Semantics -------------------------------------------------------------------------------
// A small interpreter for exactly the SQL keysetCondition emits: identifiers, CAST(:param AS type),
// row constructors, = < > <= >=, AND, OR and parentheses. Values are compared as strings, which
// orders the lowercase UUIDs, ISO-8601 UTC timestamps and ASCII text below as PostgreSQL would.

type Row = Record<string, string>;
type Value = string | boolean | Value[];

function evaluate(sql: string, params: Record<string, string>, row: Row): boolean {
  const tokens = sql.match(/CAST\(:\w+ AS \w+\)|[<>]=?|=|[(),]|[\w.]+/g) ?? [];
  expect(tokens.join('').replace(/\s/g, '')).toBe(sql.replace(/\s/g, ''));
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];

  const or = (): Value => {
    let value = and();
    while (peek() === 'OR') {
      next();
      const right = and();
      value = Boolean(value) || Boolean(right);
    }
    return value;
  };
  const and = (): Value => {
    let value = comparison();
    while (peek() === 'AND') {
      next();
      const right = comparison();
      value = Boolean(value) && Boolean(right);
    }
    return value;
  };
  const comparison = (): Value => {
    const left = operand();
    if (!/^(<|>|<=|>=|=)$/.test(peek() ?? '')) return left;
    const op = next();
    const order = compare(left, operand());
    return { '<': order < 0, '>': order > 0, '<=': order <= 0, '>=': order >= 0, '=': order === 0 }[op]!;
  };
  const operand = (): Value => {
    const token = next();
    if (token === '(') {
      const items = [or()];
      while (peek() === ',') {
        next();
        items.push(or());
      }
      expect(next()).toBe(')');
      return items.length === 1 ? items[0] : items;
    }
    const param = /^CAST\(:(\w+) AS \w+\)$/.exec(token);
    if (param) return params[param[1]];
    expect(row).toHaveProperty([token]);
    return row[token];
  };

  const result = or();
  expect(at).toBe(tokens.length);
  expect(typeof result).toBe('boolean');
  return result as boolean;
}

function compare(a: Value, b: Value): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a).toHaveLength(b.length);
    for (let i = 0; i < a.length; i++) {
      const order = compare(a[i], b[i]);
      if (order !== 0) return order;
    }
    return 0;
  }
  expect(typeof a).toBe('string');
  expect(typeof b).toBe('string');
  return a < b ? -1 : a > b ? 1 : 0;
}

// Reference: the order the page query uses, written directly in JS.
function sortRows(rows: Row[], terms: KeysetTerm[]): Row[] {
  return [...rows].sort((x, y) => {
    for (const term of terms) {
      const order = compare(x[term.column], y[term.column]);
      if (order !== 0) return term.direction === 'asc' ? order : -order;
    }
    return 0;
  });
}

// Many ties in every non-unique column; ids are unique and are the final tie-break.
const ROWS: Row[] = [];
for (const email of ['ann@x.io', 'bob@x.io', 'cid@x.io']) {
  for (const created of ['2024-01-01T00:00:00.000Z', '2024-06-30T12:00:00.000Z']) {
    for (const n of [1, 2]) {
      const id = `${String(ROWS.length * 7 + n).padStart(8, '0')}-0000-4000-8000-000000000000`;
      ROWS.push({ 'u.email': email, 'u.created_at': created, 'u.id': id });
    }
  }
}

// For every cursor row: the rows the condition selects, in the reference order.
function selectedAfterEachCursor(terms: KeysetTerm[], sqlFor = keysetCondition): { expected: string[]; actual: string[] }[] {
  const ordered = sortRows(ROWS, terms);
  return ordered.map((cursor, position) => {
    const condition = sqlFor(terms, terms.map((term) => cursor[term.column]));
    return {
      expected: ordered.slice(position + 1).map((row) => row['u.id']),
      actual: ordered.filter((row) => evaluate(condition.sql, condition.params, row)).map((row) => row['u.id']),
    };
  });
}

const DIRECTIONS: SortDirection[] = ['asc', 'desc'];
const COMBINATIONS = DIRECTIONS.flatMap((a) => DIRECTIONS.flatMap((b) => DIRECTIONS.map((c) => [a, b, c])));

describe('keysetCondition: selects exactly the rows after the cursor', () => {
  it.each(COMBINATIONS)('email %s, created_at %s, id %s', (emailDir, createdDir, idDir) => {
    const terms: KeysetTerm[] = [
      { ...EMAIL, direction: emailDir },
      { ...CREATED, direction: createdDir },
      { ...ID, direction: idDir },
    ];
    for (const { expected, actual } of selectedAfterEachCursor(terms)) expect(actual).toEqual(expected);
  });

  it.each<[string, KeysetTerm[]]>([
    ['a single column', [desc(ID)]],
    ['two columns, mixed', [desc(CREATED), ID]],
  ])('also for %s', (_label, terms) => {
    for (const { expected, actual } of selectedAfterEachCursor(terms)) expect(actual).toEqual(expected);
  });

  it('the reference check catches a plain row comparison used for mixed directions', () => {
    const naiveRowComparison: typeof keysetCondition = (terms, values) =>
      keysetCondition(terms.map((term) => ({ ...term, direction: 'asc' })), values);
    const results = selectedAfterEachCursor([EMAIL, desc(CREATED), ID], naiveRowComparison);
    expect(results.some(({ expected, actual }) => actual.join() !== expected.join())).toBe(true);
  });
});

describe('keysetPlan', () => {
  const FIELDS: SortableFields = {
    id: { column: 'id', property: 'id', kind: 'uuid' },
    email: { column: 'email', property: 'email', kind: 'text' },
  };
  const TERMS: SortTerm[] = [
    { field: 'email', direction: 'asc' },
    { field: 'id', direction: 'asc' },
  ];

  it('orders by the sort without a condition on the first page', () => {
    expect(keysetPlan('u', TERMS, FIELDS, FIRST_PAGE)).toEqual({
      where: null,
      orderBy: [
        ['u.email', 'ASC'],
        ['u.id', 'ASC'],
      ],
    });
  });

  it('continues after the key going forward', () => {
    const plan = keysetPlan('u', TERMS, FIELDS, { direction: 'next', key: ['a@x', 'id'] });
    expect(plan.where?.sql).toBe('(u.email, u.id) > (CAST(:ks0 AS text), CAST(:ks1 AS uuid))');
    expect(plan.orderBy).toEqual([
      ['u.email', 'ASC'],
      ['u.id', 'ASC'],
    ]);
  });

  it('reads a prev page in reverse order from the key', () => {
    const plan = keysetPlan('u', TERMS, FIELDS, { direction: 'prev', key: ['a@x', 'id'] });
    expect(plan.where?.sql).toBe('(u.email, u.id) < (CAST(:ks0 AS text), CAST(:ks1 AS uuid))');
    expect(plan.where?.params).toEqual({ ks0: 'a@x', ks1: 'id' });
    expect(plan.orderBy).toEqual([
      ['u.email', 'DESC'],
      ['u.id', 'DESC'],
    ]);
  });
});
