import type { ValidationIssue } from './errors';

// Messages several operations share, worded as the server sends them (test/openapi-examples.e2e-spec.ts
// provokes each documented example and compares).
export const NO_ACCESS_TO_ACCOUNT = 'You do not have access to this account';
export const QUERY_ACCOUNT_MISMATCH = 'account_id in the query does not match account_id in the body';
export const INVALID_CURSOR = 'Invalid cursor';
export const CURSOR_MISMATCH = 'Cursor does not match the sort or filters of this request';

export const invalidSortField = (field: string, validFields: string): string =>
  `Invalid sort field '${field}'. Valid sort fields: ${validFields}`;

export const LIMIT_TOO_LARGE: ValidationIssue = {
  loc: ['query', 'limit'],
  msg: 'limit must not be greater than 100',
  type: 'less_than_equal',
};

export const malformedId = (parameter: string, prefix: string): ValidationIssue => ({
  loc: ['path', parameter],
  msg: `Input should be an id of the form ${prefix}_<uuid>`,
  type: 'value_error',
});
