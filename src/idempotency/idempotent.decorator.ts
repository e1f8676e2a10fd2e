import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { HTTPError } from '../common/http-error.dto';
import { IDEMPOTENCY_KEY_MAX_LENGTH } from './idempotency-key';
import { IdempotencyInterceptor, REPLAYED_HEADER } from './idempotency.interceptor';

// A POST that honours Idempotency-Key, documented as such.
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes retries safe: the first request with a key runs and its response (status and body) is kept for ' +
        '24 hours; a later request from the same API key with the same key, method, path and JSON body gets that ' +
        `response again, with \`${REPLAYED_HEADER}: true\`, and nothing runs again. The same key with another ` +
        'request is a 422; while the first request runs, 409. Validation errors (422), errors of authentication ' +
        'and 5xx responses are not kept. 1-255 printable ASCII characters.',
      schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_LENGTH },
    }),
    ApiResponse({
      status: 409,
      description: 'A request with this Idempotency-Key is still being processed',
      type: HTTPError,
    }),
  );

// Documents the replay header on the operation's success response.
export const REPLAYED_RESPONSE_HEADERS = {
  [REPLAYED_HEADER]: {
    description: 'Present, with the value `true`, when this is the stored response of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
};
