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
  429: 'Too many failed authentication attempts from this address',
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
