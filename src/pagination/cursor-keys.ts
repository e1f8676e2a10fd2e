import { isUuid } from '../common/ids';
import { SortKind } from './sort';

// Longer than any value a sortable text column can hold (the longest is email, varchar(320),
// at most 640 UTF-16 units), so every genuine cursor passes.
const MAX_TEXT_KEY_LENGTH = 1024;

// What Date#toISOString writes for years 0001-9999: the only form the server puts in a cursor.
const ISO_TIMESTAMP = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// The sort values a cursor carries are cast to the column types in SQL. A cursor is signed, but
// whoever holds the signing key (the public development one, when API_KEY_SECRET is not set) can
// put anything in it, so each value must be one PostgreSQL accepts for its kind: anything else
// is a 400 here rather than a cast error (a 500) in the database.
export const KEY_CHECKS: Record<SortKind, (value: string) => boolean> = {
  uuid: isUuid,
  // PostgreSQL text cannot hold U+0000, and a lone surrogate is no text a row could hold.
  text: (value) => value.length <= MAX_TEXT_KEY_LENGTH && !/[\u0000\p{Cs}]/u.test(value),
  // Date.parse accepts far more ("1", "+275760-09-13T00:00:00.000Z", "Tue Mar 01 2022") than
  // PostgreSQL does; only the canonical form, with a real date in a year PostgreSQL knows.
  timestamp: (value) => {
    const match = ISO_TIMESTAMP.exec(value);
    if (match === null || match[1] === '0000') return false;
    // Invalid dates (month 13) parse to NaN; rolled-over ones (February 30) print differently.
    const date = new Date(value);
    return !Number.isNaN(date.getTime()) && date.toISOString() === value;
  },
  // A non-negative bigint, as PostgreSQL prints it.
  bigint: (value) => /^(0|[1-9]\d{0,18})$/.test(value) && BigInt(value) <= 9_223_372_036_854_775_807n,
};
