import { RequestValidationError } from './errors';
import { assertWellFormedStrings, illFormedStrings, isWellFormed } from './unicode';

describe('isWellFormed', () => {
  it.each(['', 'plain', 'émoji 🎮 and 中文', '\u{10FFFF}', '\uFFFD', '\u0000'])('accepts %j', (text) => {
    expect(isWellFormed(text)).toBe(true);
  });

  it.each(['\ud800', 'a\ud800b', '\udc00', 'x\udfff', '🎮'.slice(0, 1), '\udc00\ud800'])('refuses %j', (text) => {
    expect(isWellFormed(text)).toBe(false);
  });
});

describe('illFormedStrings', () => {
  it('reports every value and key that is not well-formed, at its location', () => {
    const body = { email: 'a\ud800b@example.com', name: 'fine', tags: ['ok', '\udc00'], nested: { '\ud801': 1 } };
    expect(illFormedStrings(body, ['body']).map((issue) => issue.loc)).toEqual([
      ['body', 'email'],
      ['body', 'tags', 1],
      ['body', 'nested', '\ud801'],
    ]);
    expect(illFormedStrings(body, ['body'])[0]).toEqual({
      loc: ['body', 'email'],
      msg: 'Input should be a valid string, unable to parse raw data as a unicode string',
      type: 'string_unicode',
    });
  });

  it('finds nothing in well-formed input', () => {
    expect(illFormedStrings({ a: ['🎮', { b: 'ü' }], c: 1, d: null, e: true }, ['body'])).toEqual([]);
  });

  it('throws a request validation error from assertWellFormedStrings', () => {
    expect(() => assertWellFormedStrings('\ud800', ['header', 'leadr-api-key'])).toThrow(RequestValidationError);
    expect(() => assertWellFormedStrings('fine', ['header', 'leadr-api-key'])).not.toThrow();
  });

  // assertWellFormedStrings first walks the value without allocating; it must still find what
  // illFormedStrings finds, anywhere: nested values, array items, object keys.
  it.each<[string, unknown]>([
    ['a nested value', { a: { b: [1, 'ok', { c: 'x\udfff' }] } }],
    ['an array item', ['ok', ['fine', '\ud800']]],
    ['an object key', { ok: 1, nested: { '\udc00': true } }],
  ])('finds %s that is not well-formed, and reports it where illFormedStrings does', (_label, value) => {
    let thrown: unknown;
    try {
      assertWellFormedStrings(value, ['body']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toEqual(new RequestValidationError(illFormedStrings(value, ['body'])));
    expect(illFormedStrings(value, ['body'])).toHaveLength(1);
  });

  it('lets well-formed nested input through', () => {
    expect(() => assertWellFormedStrings({ a: ['🎮', { b: 'ü', 'ключ': ['中文'] }], c: 1, d: null }, ['body'])).not.toThrow();
  });
});
