// Date.prototype.toISOString's text, worked out in JavaScript: V8's own goes through C++ and a
// formatted print, ~3× slower, and a page of users formats 40 of them (docs/performance.md).
// Exactly the same text for every date of years 0000–9999; any other (extended years, an invalid
// date) is left to toISOString itself.
const MS_PER_DAY = 86_400_000;
// 0000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z.
const FIRST = -62_167_219_200_000;
const AFTER_LAST = 253_402_300_800_000;

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

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
  const yyyy = year < 10 ? `000${year}` : year < 100 ? `00${year}` : year < 1000 ? `0${year}` : `${year}`;
  const mmm = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : `${millis}`;
  return `${yyyy}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}.${mmm}Z`;
}
