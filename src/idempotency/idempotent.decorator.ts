import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { ErrorExamples } from '../common/api-errors.decorator';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_MAX_LENGTH,
  IDEMPOTENCY_KEY_REUSED,
  IDEMPOTENCY_KEY_TOO_LONG,
  STILL_RUNNING,
} from './idempotency-key';
import { IdempotencyGuard } from './idempotency.guard';
import { REPLAYED_HEADER, RunsIdempotently } from './idempotent-run';

// A POST that honours Idempotency-Key: IdempotencyGuard claims the key, the handler runs its work
// through an @Idempotency() parameter (idempotent-run.ts). Its operation's error examples add
// IDEMPOTENT_ERRORS.
export const Idempotent = () =>
  applyDecorators(
    UseGuards(IdempotencyGuard),
    RunsIdempotently(),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Makes retries safe: the first request with a key runs and its response (status and body) is kept for ' +
        '24 hours; a later request from the same API key with the same key, method, path and JSON body gets that ' +
        `response again, with \`${REPLAYED_HEADER}: true\`, and nothing runs again. The same key with another ` +
        'request is a 422; while the first request runs, 409. Validation errors (422), errors of authentication ' +
        'and 5xx responses are not kept. 1-255 printable ASCII characters.',
      schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH },
    }),
  );

// What Idempotency-Key adds to an operation's errors.
export const IDEMPOTENT_ERRORS = {
  409: [STILL_RUNNING],
  422: [IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_TOO_LONG],
} satisfies Partial<ErrorExamples>;

// Documents the replay header on the operation's success response.
export const REPLAYED_RESPONSE_HEADERS = {
  [REPLAYED_HEADER]: {
    description: 'Present, with the value `true`, when this is the stored response of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};
