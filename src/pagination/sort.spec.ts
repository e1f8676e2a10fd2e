import { DomainError } from '../common/errors';
import { formatSort, parseSort, SortableFields, SortTerm } from './sort';

const FIELDS: SortableFields = {
  id: { column: 'id', property: 'id', kind: 'uuid' },
  email: { column: 'email', property: 'email', kind: 'text' },
  display_name: { column: 'display_name', property: 'displayName', kind: 'text' },
  created_at: { column: 'created_at', property: 'createdAt', kind: 'timestamp' },
};
const DEFAULT_SORT: SortTerm[] = [{ field: 'created_at', direction: 'desc' }];

const parse = (spec: string | undefined) => parseSort(spec, FIELDS, DEFAULT_SORT);

function parseError(spec: string): DomainError {
  try {
    parse(spec);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error(`parseSort accepted '${spec}'`);
}

describe('parseSort', () => {
  it('uses the default sort, with the id tie-break, when no spec is given', () => {
    expect(parse(undefined)).toEqual([
      { field: 'created_at', direction: 'desc' },
      { field: 'id', direction: 'desc' },
    ]);
  });

  it('falls back to id ascending when the default sort is empty', () => {
    expect(parseSort(undefined, FIELDS, [])).toEqual([{ field: 'id', direction: 'asc' }]);
  });

  it.each<[string, SortTerm[]]>([
    ['email:asc', [{ field: 'email', direction: 'asc' }, { field: 'id', direction: 'asc' }]],
    ['email:desc', [{ field: 'email', direction: 'desc' }, { field: 'id', direction: 'desc' }]],
    ['email:ASC', [{ field: 'email', direction: 'asc' }, { field: 'id', direction: 'asc' }]],
    ['email:Desc', [{ field: 'email', direction: 'desc' }, { field: 'id', direction: 'desc' }]],
    [
      'email:asc,created_at:desc',
      [
        { field: 'email', direction: 'asc' },
        { field: 'created_at', direction: 'desc' },
        { field: 'id', direction: 'desc' },
      ],
    ],
    [
      'created_at:desc,email:asc',
      [
        { field: 'created_at', direction: 'desc' },
        { field: 'email', direction: 'asc' },
        { field: 'id', direction: 'asc' },
      ],
    ],
    ['id:desc', [{ field: 'id', direction: 'desc' }]],
    [
      'id:desc,email:asc',
      [
        { field: 'id', direction: 'desc' },
        { field: 'email', direction: 'asc' },
      ],
    ],
    [
      '  email:desc ,\tdisplay_name:asc  ',
      [
        { field: 'email', direction: 'desc' },
        { field: 'display_name', direction: 'asc' },
        { field: 'id', direction: 'asc' },
      ],
    ],
  ])('parses %j', (spec, expected) => {
    expect(parse(spec)).toEqual(expected);
  });

  it('appends id exactly once', () => {
    for (const spec of ['email:asc', 'email:asc,id:asc', 'id:desc,email:asc', 'id:asc']) {
      expect(parse(spec).filter((term) => term.field === 'id')).toHaveLength(1);
    }
  });

  it.each(['password:asc', 'name:desc', '__proto__:asc', 'constructor:asc', 'hasOwnProperty:asc', 'to_string:asc'])(
    'rejects %j, which is not a sortable field, naming every valid field',
    (spec) => {
      const error = parseError(spec);
      expect(error.code).toBe('invalid_request');
      for (const field of Object.keys(FIELDS)) expect(error.detail).toContain(field);
    },
  );

  it.each([
    'email:up',
    'email',
    'Email:asc',
    'email:dsc',
    'email:asc:x',
    'email:',
    ':asc',
    ',',
    '',
    'email,',
    'email;id',
    'created-at',
  ])('rejects the malformed spec %j', (spec) => {
    const error = parseError(spec);
    expect(error.code).toBe('invalid_request');
    expect(error.detail).toContain('Valid sort fields: id, email, display_name, created_at');
  });

  it.each(['email:asc,email:desc', 'email:asc,email:asc', 'id:asc,email:desc,id:desc'])('rejects the repeated field in %j', (spec) => {
    const error = parseError(spec);
    expect(error.code).toBe('invalid_request');
    expect(error.detail).toMatch(/more than once/);
  });
});

describe('formatSort', () => {
  it('renders terms as field:direction joined by commas', () => {
    expect(
      formatSort([
        { field: 'email', direction: 'asc' },
        { field: 'id', direction: 'desc' },
      ]),
    ).toBe('email:asc,id:desc');
  });

  it.each(['email:asc', 'created_at:desc,email:asc', 'display_name:desc,id:asc', 'id:asc'])(
    'round-trips the parsed form of %j through parseSort',
    (spec) => {
      const terms = parse(spec);
      const formatted = formatSort(terms);
      expect(parse(formatted)).toEqual(terms);
      expect(formatSort(parse(formatted))).toBe(formatted);
    },
  );
});
