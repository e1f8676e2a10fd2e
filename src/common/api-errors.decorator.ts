import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { ValidationIssue } from './errors';
import { HTTPError } from './http-error.dto';
import { HTTPValidationError } from './http-validation-error.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Missing or invalid API key',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed: If-Match does not match the current ETag; nothing was changed',
  429:
    'Too Many Requests: the key\'s or its account\'s request budget is spent (`Rate limit exceeded`), or this address ' +
    'presented too many invalid API keys. Nothing was executed; retry after `Retry-After` seconds',
};

// The rate-limit fields (draft-ietf-httpapi-ratelimit-headers) every authenticated answer carries
// while request budgets are on, and the wait a 429 asks for.
export const RATE_LIMIT_RESPONSE_HEADERS = {
  'RateLimit-Policy': {
    description:
      'The budgets that apply to this key: each as `"<name>";q=<burst>;w=<seconds to refill from empty>` ' +
      '(`"key"`: this API key; `"account"`: all keys of its account together)',
    schema: { type: 'string', example: '"key";q=200;w=2, "account";q=1000;w=2' },
  },
  RateLimit: {
    description:
      'The budget closest to its limit: `"<name>";r=<requests left>;t=<seconds until it is full again>`',
    schema: { type: 'string', example: '"key";r=37;t=2' },
  },
};

const RETRY_AFTER_HEADER = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } },
};

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 412 | 429;

// What an operation answers when it fails: for each documented status, the `detail` messages the
// server really sends (each becomes a named example in the OpenAPI document and Swagger UI), and
// at least one real validation issue for its 422.
export type ErrorExamples = Partial<Record<ErrorStatus, string[]>> & { 422: ValidationIssue[] };

export const ApiErrors = (errors: ErrorExamples) =>
  applyDecorators(
    ...(Object.keys(DESCRIPTIONS).map(Number) as ErrorStatus[])
      .filter((status) => errors[status] !== undefined)
      .map((status) =>
        ApiResponse({
          status,
          description: DESCRIPTIONS[status],
          type: HTTPError,
          ...(status === 429 && { headers: { ...RETRY_AFTER_HEADER, ...RATE_LIMIT_RESPONSE_HEADERS } }),
          examples: namedExamples(errors[status]!.map((detail) => [detail, { detail }])),
        }),
      ),
    ApiResponse({
      status: 422,
      description: 'Validation Error',
      type: HTTPValidationError,
      examples: namedExamples(errors[422].map((issue) => [`${issue.loc.join('.')}: ${issue.msg}`, { detail: [issue] }])),
    }),
  );

// OpenAPI example names are map keys: a short slug of the summary, unique within the response.
function namedExamples(entries: Array<[summary: string, value: unknown]>): Record<string, { summary: string; value: unknown }> {
  const examples: Record<string, { summary: string; value: unknown }> = {};
  for (const [summary, value] of entries) {
    const base = summary.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40);
    let name = base;
    for (let n = 2; name in examples; n++) name = `${base}_${n}`;
    examples[name] = { summary, value };
  }
  return examples;
}
