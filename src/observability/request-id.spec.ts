import { requestIdFrom } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it.each(['abc', 'trace-42.a:b', 'a/b+c=d@e_f', '0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41', 'x'.repeat(128)])(
    'keeps the well-formed id %j',
    (id) => {
      expect(requestIdFrom(id)).toBe(id);
    },
  );

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['with a space', 'a b'],
    ['with a newline', 'a\nb'],
    ['with a quote', 'a"b'],
    ['non-ASCII', 'café'],
    ['repeated (an array)', ['a', 'b']],
  ])('replaces an id that is %s with a UUID', (_, header) => {
    expect(requestIdFrom(header as string | string[] | undefined)).toMatch(UUID);
  });

  it('generates a different id each time', () => {
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});
