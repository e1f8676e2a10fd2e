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

const issue = (loc: (string | number)[]): ValidationIssue => ({
  loc,
  msg: 'Input should be a valid string, unable to parse raw data as a unicode string',
  type: 'string_unicode',
});

// Every location under `loc` where a string value, or an object key, is not well-formed.
// Callers bound the depth first (json-depth.ts for bodies; query and path values are flat). One walk
// with one path it extends and shortens as it goes: a location is copied only for an issue, so
// well-formed input (every request's) allocates next to nothing.
export function illFormedStrings(value: unknown, loc: (string | number)[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  collectIllFormed(value, [...loc], issues);
  return issues;
}

function collectIllFormed(value: unknown, path: (string | number)[], issues: ValidationIssue[]): void {
  if (typeof value === 'string') {
    if (!isWellFormed(value)) issues.push(issue([...path]));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      collectIllFormed(value[index], path, issues);
      path.pop();
    }
    return;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    path.push(key);
    if (isWellFormed(key)) collectIllFormed((value as Record<string, unknown>)[key], path, issues);
    else issues.push(issue([...path]));
    path.pop();
  }
}

export function assertWellFormedStrings(value: unknown, loc: (string | number)[]): void {
  const issues = illFormedStrings(value, loc);
  if (issues.length > 0) throw new RequestValidationError(issues);
}
