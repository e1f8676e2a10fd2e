import { SetMetadata } from '@nestjs/common';
import type { ApiKeyScope } from './scopes';

export const REQUIRED_SCOPE = 'leadr:required-scope';

// The scope an operation needs; the AuthGuard refuses a key without it (403) before the handler runs.
export const RequiresScope = (scope: ApiKeyScope) => SetMetadata(REQUIRED_SCOPE, scope);
