import { RequestValidationError, ValidationIssue } from './errors';

// ES2024's String.prototype.isWellFormed, which Node.js 20 has; the project's TypeScript target
// (ES2023) does not declare it.
declare global {
  interface String {
    isWellFormed(): boolean;
  }
}

// A UTF-16 surrogate that is not half of a pair: valid in a JSON string ("\ud800"), but not a
// character. PostgreSQL would store U+FFFD instead (or the email validator throws), so such input
// is refused where it arrives.
// (String.prototype.isWellFormed, ES2024: false exactly when the text holds a lone surrogate.)
export function isWellFormed(text: string): boolean {
  return text.isWellFormed();
}

// Whether any string value or object key under `value` is not well-formed; allocates nothing, so
// that the common case (everything well-formed) costs one walk.
function holdsIllFormed(value: unknown): boolean {
  if (typeof value === 'string') return !value.isWellFormed();
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (holdsIllFormed(item)) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (!key.isWellFormed() || holdsIllFormed((value as Record<string, unknown>)[key])) return true;
  }
  return false;
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
  if (!holdsIllFormed(value)) return;
  const issues = illFormedStrings(value, loc);
  if (issues.length > 0) throw new RequestValidationError(issues);
}
