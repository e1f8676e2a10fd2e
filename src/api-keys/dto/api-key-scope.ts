import { API_KEY_SCOPES } from '../../auth/scopes';

// One `APIKeyScope` schema for every list of scopes in the OpenAPI document.
export const API_KEY_SCOPE_SCHEMA = {
  enum: [...API_KEY_SCOPES],
  enumName: 'APIKeyScope',
  enumSchema: { description: 'A permission of an API key: `<resource>:read` (GET) or `<resource>:write` (POST, PATCH).' },
};
