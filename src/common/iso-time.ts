// Date.prototype.toISOString's text, worked out in JavaScript: V8's own goes through C++ and a
// formatted print, ~3× slower, and a page of users formats 40 of them (docs/performance.md).
// Exactly the same text for every date of years 0000–9999; any other (extended years, an invalid
// date) is left to toISOString itself. The 24 characters are made in one String.fromCharCode call:
// one flat string, where joining the fields' texts made a dozen strings and a rope that
// JSON.stringify then had to flatten (docs/performance.md, "Timestamps").
const MS_PER_DAY = 86_400_000;
// 0000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z.
const FIRST = -62_167_219_200_000;
const AFTER_LAST = 253_402_300_800_000;

const ZERO = 48;
const tens = (n: number): number => ZERO + Math.floor(n / 10);
const units = (n: number): number => ZERO + (n % 10);

export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= FIRST && ms < AFTER_LAST)) return date.toISOString();
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  // The civil date of a day count (Howard Hinnant's days_from_civil, inverted), in 400-year eras
  // from 0000-03-01.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  const century = Math.floor(year / 100);
  const yy = year - century * 100;
  // YYYY-MM-DDTHH:mm:ss.sssZ
  return String.fromCharCode(
    tens(century), units(century), tens(yy), units(yy), 45,
    tens(month), units(month), 45, tens(day), units(day), 84,
    tens(hours), units(hours), 58, tens(minutes), units(minutes), 58, tens(seconds), units(seconds), 46,
    ZERO + Math.floor(millis / 100), tens(millis % 100), units(millis), 90,
  );
}
