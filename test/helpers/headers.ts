import { Tenant } from './factories';
import { SUPERADMIN_KEY } from './test-app';

export type Headers = Record<string, string>;

// The API key header of a caller: a tenant's key or a plain key string.
export const as = (who: Tenant | string): Headers => ({ 'leadr-api-key': typeof who === 'string' ? who : who.key });

export const asSuperadmin: Headers = as(SUPERADMIN_KEY);
