import fc from 'fast-check';
import { isoTime } from './iso-time';

const native = (date: Date): string | Error => {
  try {
    return date.toISOString();
  } catch (error) {
    return error as Error;
  }
};
const ours = (date: Date): string | Error => {
  try {
    return isoTime(date);
  } catch (error) {
    return error as Error;
  }
};

describe('isoTime', () => {
  it('is toISOString for any date, across the whole range a Date holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(ours(new Date(ms))).toEqual(native(new Date(ms)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('is toISOString for any date of years 0000–9999, the range it formats itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => {
        expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('is toISOString around this era, to the millisecond', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1969, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['the first instant of year 0', -62_167_219_200_000],
    ['the epoch', 0],
    ['just before the epoch', -1],
    ['a leap day', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
    ['the last instant of 9999', Date.UTC(9999, 11, 31, 23, 59, 59, 999)],
    ['the first of 10000 (an extended year)', Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1],
    ['the first of year -1 (an extended year)', -62_167_219_200_001],
  ])('is toISOString at %s', (_label, ms) => {
    expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it('throws as toISOString does for an invalid date', () => {
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
