import { RequestValidationError, ValidationIssue } from './errors';

// A UTF-16 surrogate that is not half of a pair: valid in a JSON string ("\ud800"), but not a
// character. PostgreSQL would store U+FFFD instead (or the email validator throws), so such input
// is refused where it arrives.
const LONE_SURROGATE = /\p{Surrogate}/u;

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

const issue = (loc: (string | number)[]): ValidationIssue => ({
  loc,
  msg: 'Input should be a valid string, unable to parse raw data as a unicode string',
  type: 'string_unicode',
});

// Every location under `loc` where a string value, or an object key, is not well-formed.
// Callers bound the depth first (json-depth.ts for bodies; query and path values are flat).
export function illFormedStrings(value: unknown, loc: (string | number)[]): ValidationIssue[] {
  if (typeof value === 'string') return isWellFormed(value) ? [] : [issue(loc)];
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => illFormedStrings(item, [...loc, index]));
  return Object.entries(value).flatMap(([key, item]) =>
    isWellFormed(key) ? illFormedStrings(item, [...loc, key]) : [issue([...loc, key])],
  );
}

export function assertWellFormedStrings(value: unknown, loc: (string | number)[]): void {
  const issues = illFormedStrings(value, loc);
  if (issues.length > 0) throw new RequestValidationError(issues);
}
