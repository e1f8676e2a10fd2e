// What a key may do, per kind of resource. Every operation names the one scope it needs
// (operations/operation.decorators.ts); a key's scopes bind whoever owns it, a superadmin too.
export const API_KEY_SCOPES = [
  'users:read',
  'users:write',
  'accounts:read',
  'accounts:write',
  'api_keys:read',
  'api_keys:write',
  'events:read',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
