import pg from 'pg';

const TIMESTAMPTZ_OID = 1184;
const parseInPostgresDate = pg.types.getTypeParser(TIMESTAMPTZ_OID) as (text: string) => Date;

const ZERO = 48;

// Digits text[from, to) as a number, or -1 if one of them is not a digit.
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

// PostgreSQL's text form of a timestamptz, as the server sends it (DateStyle ISO):
// `2026-11-27 06:13:22.123+00`, the fraction optional (up to 6 digits), the zone ±HH, ±HH:MM or
// ±HH:MM:SS. Read by position, which costs a fraction of the general parser's regular expressions
// (every row of every list carries two or three timestamps). Anything else (years before 100 or
// after 9999, BC, infinity) goes to the general parser. Like it, fractions below a millisecond are
// dropped (a JavaScript Date holds milliseconds).
export function parseTimestamptz(text: string): Date {
  const length = text.length;
  if (length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32) {
    return parseInPostgresDate(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (year < 100 || month < 1 || day < 0 || hour < 0 || minute < 0 || second < 0) return parseInPostgresDate(text);
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return parseInPostgresDate(text);
  let i = 19;
  let millis = 0;
  if (text.charCodeAt(i) === 46) {
    const start = ++i;
    while (i < length && text.charCodeAt(i) >= ZERO && text.charCodeAt(i) <= ZERO + 9) i++;
    const count = i - start;
    if (count === 0 || count > 6) return parseInPostgresDate(text);
    millis = digits(text, start, start + Math.min(count, 3)) * (count === 1 ? 100 : count === 2 ? 10 : 1);
  }
  const sign = text.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return parseInPostgresDate(text);
  const zone = [digits(text, i + 1, i + 3), 0, 0];
  let next = i + 3;
  for (let part = 1; part < 3 && next < length; part++) {
    if (text.charCodeAt(next) !== 58) return parseInPostgresDate(text);
    zone[part] = digits(text, next + 1, next + 3);
    next += 3;
  }
  if (next !== length || zone.some((value) => value < 0)) return parseInPostgresDate(text);
  const offsetMillis = (sign === 43 ? 1 : -1) * ((zone[0] * 60 + zone[1]) * 60 + zone[2]) * 1000;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMillis);
}

// The type parsers of the pool's connections: pg's, with the timestamptz reader above.
export const POOL_TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === TIMESTAMPTZ_OID && format !== 'binary' ? parseTimestamptz : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};
