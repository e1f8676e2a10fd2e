import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiSecurity } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';
import type { OperationErrors } from '../common/error-examples';

export const API_KEY_SCHEME = 'leadr-api-key';

// The failures authentication adds to every authenticated operation, as the server words them.
export const AUTHENTICATION_ERRORS = {
  401: ['Invalid API key', 'Missing API key'],
  403: ['Account is suspended', 'User is suspended', 'User is invited'],
  // The request budgets' refusal (rate-limit/rate-limit.guard.ts) and the failed-auth throttle's.
  429: ['Rate limit exceeded', 'Too many invalid API keys from this address; retry later'],
};

// Every authenticated operation: the API-key security scheme (Swagger UI's Authorize button), the
// contract's optional headers, and its error responses with examples, authentication's included.
export const Authenticated = (errors: OperationErrors) =>
  applyDecorators(
    ApiSecurity(API_KEY_SCHEME),
    ApiHeader({ name: 'leadr-api-key', required: false, description: 'Admin API key (`ldr_…`)' }),
    ApiHeader({
      name: 'authorization',
      required: false,
      description: "LEADR game-client auth; not used by the admin endpoints",
    }),
    ApiHeader({
      name: 'leadr-client-nonce',
      required: false,
      description: "LEADR game-client nonce; not used by the admin endpoints",
    }),
    ApiErrors({
      ...errors,
      401: AUTHENTICATION_ERRORS[401],
      403: [...(errors[403] ?? []), ...AUTHENTICATION_ERRORS[403]],
      429: AUTHENTICATION_ERRORS[429],
    }),
  );
