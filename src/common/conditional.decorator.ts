import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { PRECONDITION_FAILED } from './precondition';

// The ETag header of a single resource's 200 response.
export const ETAG_RESPONSE_HEADERS = {
  ETag: {
    description:
      'Strong entity tag of this representation; it changes exactly when the representation does. Send it back ' +
      'in If-None-Match (GET) or If-Match (PATCH).',
    schema: { type: 'string' },
  },
};

// GET of a single resource: If-None-Match, and 304 when it matches (documentation; the
// ETagInterceptor answers).
export const ConditionalGet = () =>
  applyDecorators(
    ApiHeader({
      name: 'if-none-match',
      required: false,
      description: 'ETag(s) the client holds, or `*`: when one matches the current ETag the answer is 304 with no body',
    }),
    ApiResponse({ status: 304, description: 'Not Modified: If-None-Match matches the current ETag; no body' }),
  );

// PATCH of a single resource: If-Match, checked atomically with the write (by the service, on the
// locked row). Its operation's error examples add PRECONDITION_ERRORS.
export const ConditionalUpdate = () =>
  applyDecorators(
    ApiHeader({
      name: 'if-match',
      required: false,
      description:
        'ETag the change is based on, or `*`: when it does not match the current ETag the answer is 412 and ' +
        'nothing changes (strong comparison; weak tags never match)',
    }),
  );

export const PRECONDITION_ERRORS = { 412: [PRECONDITION_FAILED] };
