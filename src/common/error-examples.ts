import type { ErrorExamples } from './api-errors.decorator';
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

// What an authenticated operation documents besides authentication's own failures (401, 429).
export type OperationErrors = Omit<ErrorExamples, 401 | 429>;

// A list: a cursor or sort that does not fit, another account, too large a page (and the list's
// own query parameters' issues). `invalidSort` is omitted for a list with a fixed order.
export const listErrors = (invalidSort: string | null, ...queryIssues: ValidationIssue[]): OperationErrors => ({
  400: invalidSort === null ? [INVALID_CURSOR, CURSOR_MISMATCH] : [INVALID_CURSOR, CURSOR_MISMATCH, invalidSort],
  403: [NO_ACCESS_TO_ACCOUNT],
  422: [LIMIT_TOO_LARGE, ...queryIssues],
});

// Reading one resource by the prefixed id in its path.
export const getByIdErrors = (resource: string, parameter: string, prefix: string): OperationErrors => ({
  403: [NO_ACCESS_TO_ACCOUNT],
  404: [`${resource} not found`],
  422: [malformedId(parameter, prefix)],
});
