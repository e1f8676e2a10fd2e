import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiSecurity } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors.decorator';

export const API_KEY_SCHEME = 'leadr-api-key';

// Every authenticated operation: the API-key security scheme (Swagger UI's Authorize button), the
// contract's optional headers, and the statuses authentication adds.
export const Authenticated = (...errorStatuses: number[]) =>
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
    ApiErrors(...[...new Set([401, 403, 429, ...errorStatuses])].sort()),
  );
