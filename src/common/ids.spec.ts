import { formatId, parseId } from './ids';

const UUID = '0b6f4a52-5d8e-4c1e-9a57-2f1c8f0e7d41';

describe('parseId', () => {
  it('returns the uuid of a well-formed id', () => {
    expect(parseId('usr', `usr_${UUID}`)).toBe(UUID);
  });

  it('lowercases an uppercase uuid', () => {
    expect(parseId('usr', `usr_${UUID.toUpperCase()}`)).toBe(UUID);
  });

  it.each(['acc', 'key'] as const)('checks the %s prefix too', (prefix) => {
    expect(parseId(prefix, `${prefix}_${UUID}`)).toBe(UUID);
    expect(parseId(prefix, `usr_${UUID}`)).toBeNull();
  });

  it.each<[string, unknown]>([
    ['another prefix', `acc_${UUID}`],
    ['an uppercase prefix', `USR_${UUID}`],
    ['no prefix', UUID],
    ['a prefix without separator', `usr${UUID}`],
    ['a doubled separator', `usr__${UUID}`],
    ['the prefix alone', 'usr_'],
    ['not a uuid', 'usr_not-a-uuid'],
    ['a uuid without hyphens', `usr_${UUID.replace(/-/g, '')}`],
    ['a non-hex uuid', `usr_${UUID.replace('0b', 'zz')}`],
    ['a short uuid', `usr_${UUID.slice(0, -1)}`],
    ['extra characters after the uuid', `usr_${UUID}0`],
    ['a trailing newline', `usr_${UUID}\n`],
    ['surrounding whitespace', ` usr_${UUID}`],
    ['the empty string', ''],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an array holding a valid id', [`usr_${UUID}`]],
    ['an object', { id: `usr_${UUID}` }],
  ])('rejects %s', (_label, value) => {
    expect(parseId('usr', value)).toBeNull();
  });
});

describe('formatId', () => {
  it('prefixes the uuid', () => {
    expect(formatId('acc', UUID)).toBe(`acc_${UUID}`);
  });

  it.each(['usr', 'acc', 'key'] as const)('round-trips through parseId for %s', (prefix) => {
    expect(parseId(prefix, formatId(prefix, UUID))).toBe(UUID);
  });
});
