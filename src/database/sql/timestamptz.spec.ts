import fc from 'fast-check';
import pg from 'pg';
import { parseTimestamptz, POOL_TYPES } from './timestamptz';

const general = pg.types.getTypeParser(1184) as (text: string) => Date;
const pad = (value: number, width: number) => String(value).padStart(width, '0');

// A timestamptz as PostgreSQL writes it in text: the fraction without trailing zeros, the zone's
// minutes and seconds only when not zero.
function pgText(parts: { y: number; mo: number; d: number; h: number; mi: number; s: number; micros: number; zone: number }): string {
  let text = `${pad(parts.y, 4)}-${pad(parts.mo, 2)}-${pad(parts.d, 2)} ${pad(parts.h, 2)}:${pad(parts.mi, 2)}:${pad(parts.s, 2)}`;
  if (parts.micros > 0) text += `.${pad(parts.micros, 6).replace(/0+$/, '')}`;
  const zone = Math.abs(parts.zone);
  const [zh, zm, zs] = [Math.floor(zone / 3600), Math.floor(zone / 60) % 60, zone % 60];
  text += `${parts.zone < 0 ? '-' : '+'}${pad(zh, 2)}`;
  if (zm > 0 || zs > 0) text += `:${pad(zm, 2)}`;
  if (zs > 0) text += `:${pad(zs, 2)}`;
  return text;
}

describe('parseTimestamptz', () => {
  it('reads what the server sends as the general parser does', () => {
    expect(parseTimestamptz('2026-11-27 06:13:22.123+00').toISOString()).toBe('2026-11-27T06:13:22.123Z');
    expect(parseTimestamptz('2026-11-27 06:13:22+00').toISOString()).toBe('2026-11-27T06:13:22.000Z');
    expect(parseTimestamptz('2026-11-27 08:13:22.5+02').toISOString()).toBe('2026-11-27T06:13:22.500Z');
    expect(parseTimestamptz('2026-11-27 00:43:22.12-05:30').toISOString()).toBe('2026-11-27T06:13:22.120Z');
  });

  it('agrees with the general parser on any date, fraction and zone', () => {
    fc.assert(
      fc.property(
        fc.record({
          y: fc.integer({ min: 100, max: 9999 }),
          mo: fc.integer({ min: 1, max: 12 }),
          d: fc.integer({ min: 1, max: 28 }),
          h: fc.integer({ min: 0, max: 23 }),
          mi: fc.integer({ min: 0, max: 59 }),
          s: fc.integer({ min: 0, max: 59 }),
          micros: fc.integer({ min: 0, max: 999_999 }),
          zone: fc.integer({ min: -15 * 3600, max: 15 * 3600 }),
        }),
        (parts) => {
          const text = pgText(parts);
          expect(parseTimestamptz(text).getTime()).toBe(general(text).getTime());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each(['infinity', '-infinity', '0044-03-15 12:00:00+00 BC', '0099-01-01 00:00:00+00', '12026-01-01 00:00:00+00', 'garbage'])(
    'leaves %j to the general parser',
    (text) => {
      const expected = general(text);
      const actual = parseTimestamptz(text);
      if (expected instanceof Date) expect(actual.getTime()).toEqual(expected.getTime());
      else expect(actual).toEqual(expected);
    },
  );

  it('is the pool connections\' text parser for timestamptz only', () => {
    expect(POOL_TYPES.getTypeParser(1184)).toBe(parseTimestamptz);
    expect(POOL_TYPES.getTypeParser(1184, 'binary')).toBe(pg.types.getTypeParser(1184, 'binary'));
    expect(POOL_TYPES.getTypeParser(25)).toBe(pg.types.getTypeParser(25));
  });
});
