import { DomainError } from '../common/errors';
import { CursorCodec } from './cursor-codec';
import { CursorBinding, filtersKey, FIRST_PAGE, readCursor } from './page-position';
import { SortableFields, SortTerm } from './sort';

const codec = new CursorCodec('unit-test-secret-0123456789');
const FIELDS: SortableFields = {
  id: { column: 'id', property: 'id', kind: 'uuid' },
  email: { column: 'email', property: 'email', kind: 'text' },
  created_at: { column: 'created_at', property: 'createdAt', kind: 'timestamp' },
};
const TERMS: SortTerm[] = [
  { field: 'created_at', direction: 'desc' },
  { field: 'id', direction: 'desc' },
];
const BINDING: CursorBinding = {
  resource: 'users',
  sort: 'created_at:desc,id:desc',
  filters: filtersKey({ account_id: 'a' }),
};
const KEY = ['2024-01-02T03:04:05.678Z', '0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41'];
const token = (binding: CursorBinding = BINDING, key = KEY) => codec.encode({ ...binding, direction: 'prev', key });

function errorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
}

describe('filtersKey', () => {
  it('does not depend on the order of the filters', () => {
    expect(filtersKey({ b: '2', a: '1' })).toBe(filtersKey({ a: '1', b: '2' }));
  });

  it('treats an absent filter (undefined) as an unset one (null)', () => {
    expect(filtersKey({ a: undefined, b: 'x' })).toBe(filtersKey({ a: null, b: 'x' }));
  });

  it('tells different values and different columns apart', () => {
    expect(filtersKey({ a: '1' })).not.toBe(filtersKey({ a: '2' }));
    expect(filtersKey({ a: '1' })).not.toBe(filtersKey({ b: '1' }));
    expect(filtersKey({ a: null })).not.toBe(filtersKey({ a: 'null' }));
  });
});

describe('readCursor', () => {
  it('starts at the first page without a cursor', () => {
    expect(readCursor(codec, undefined, BINDING, TERMS, FIELDS)).toEqual(FIRST_PAGE);
  });

  it('returns the direction and key of a cursor made for the same binding', () => {
    expect(readCursor(codec, token(), BINDING, TERMS, FIELDS)).toEqual({ direction: 'prev', key: KEY });
  });

  it.each<[string, Partial<CursorBinding>]>([
    ['another list', { resource: 'api_keys' }],
    ['another sort', { sort: 'created_at:asc,id:asc' }],
    ['other filters', { filters: filtersKey({ account_id: 'b' }) }],
  ])('refuses a cursor made for %s with a 400 that says so', (_label, change) => {
    const error = errorOf(() => readCursor(codec, token({ ...BINDING, ...change }), BINDING, TERMS, FIELDS));
    expect(error).toMatchObject({ code: 'invalid_request', detail: 'Cursor does not match the sort or filters of this request' });
  });

  it.each<[string, string[]]>([
    ['too few key values', [KEY[0]]],
    ['too many key values', [...KEY, 'x']],
    ['a timestamp that is not one', ['yesterday', KEY[1]]],
    ['a uuid that is not one', [KEY[0], 'nope']],
  ])('refuses a signed cursor with %s as invalid', (_label, key) => {
    expect(errorOf(() => readCursor(codec, token(BINDING, key), BINDING, TERMS, FIELDS))).toMatchObject({
      code: 'invalid_request',
      detail: 'Invalid cursor',
    });
  });
});

describe('readCursor on a feed (bigint keys)', () => {
  const FEED: SortableFields = {
    created_at: { column: 'tx', property: 'tx', kind: 'bigint' },
    id: { column: 'seq', property: 'seq', kind: 'bigint' },
  };
  const FEED_TERMS: SortTerm[] = [
    { field: 'created_at', direction: 'asc' },
    { field: 'id', direction: 'asc' },
  ];
  const binding: CursorBinding = { resource: 'events', sort: 'created_at:asc,id:asc', filters: filtersKey({}) };
  const read = (key: string[]) =>
    readCursor(codec, codec.encode({ ...binding, direction: 'next', key }), binding, FEED_TERMS, FEED);

  it('accepts non-negative 64-bit integers', () => {
    expect(read(['0', '9223372036854775807']).key).toEqual(['0', '9223372036854775807']);
  });

  it.each([['-1'], ['01'], ['9223372036854775808'], ['1.5'], ['1e3'], ['']])('refuses %j', (value) => {
    expect(errorOf(() => read([value, '1']))).toMatchObject({ detail: 'Invalid cursor' });
  });
});

