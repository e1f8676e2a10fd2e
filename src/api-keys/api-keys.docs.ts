// Operation texts copied verbatim from LEADR's admin API contract.

export const CREATE_API_KEY = {
  summary: "Create Api Key",
  description: "Create a new API key for an account.\n\nThe plain API key is returned only once in this response.\nStore it securely as it cannot be retrieved later.\n\nFor regular users, account_id must match their API key's account.\nFor superadmins, any account_id is accepted.\n\nReturns:\n    CreateAPIKeyResponse with the plain key included.\n\nRaises:\n    403: User does not have access to the specified account.\n    404: Account not found.",
  operationId: "create_api_key_v1_api_keys_post",
};

export const LIST_API_KEYS = {
  summary: "List Api Keys",
  description: "List API keys for an account with optional filters and pagination.\n\nFor regular users, account_id is automatically derived from their API key.\nFor superadmins, account_id is optional - if omitted, returns API keys from all accounts.\n\nPagination:\n- Default: 20 items per page, sorted by created_at:desc,id:asc\n- Custom sort: Use ?sort=name:asc,created_at:desc\n- Valid sort fields: id, name, created_at, updated_at\n- Navigation: Use next_cursor/prev_cursor from response\n\nExample:\n    GET /v1/api-keys?account_id=acc_123&status=active&limit=50&sort=name:asc\n\nArgs:\n    auth: Authentication context with user info.\n    service: Injected API key service dependency.\n    pagination: Pagination parameters (cursor, limit, sort).\n    account_id: Optional account_id query parameter (superadmins can omit to see all).\n    key_status: Optional status to filter results (active or revoked).\n\nReturns:\n    PaginatedResponse with API keys and pagination metadata.\n\nRaises:\n    400: Invalid cursor, sort field, or cursor state mismatch.\n    403: User does not have access to the specified account.",
  operationId: "list_api_keys_v1_api_keys_get",
};

export const GET_API_KEY = {
  summary: "Get Api Key",
  description: "Get a single API key by ID.\n\nArgs:\n    key_id: The UUID of the API key to retrieve.\n    service: Injected API key service dependency.\n    auth: Authentication context with user info.\n\nReturns:\n    APIKeyResponse with key details (excludes the plain key).\n\nRaises:\n    403: User does not have access to this API key's account.\n    404: API key not found.",
  operationId: "get_api_key_v1_api_keys__key_id__get",
};

export const UPDATE_API_KEY = {
  summary: "Update Api Key",
  description: "Update an API key.\n\nCurrently supports:\n- Updating status (e.g., to revoke a key)\n- Soft delete via deleted flag\n\nArgs:\n    key_id: The UUID of the API key to update.\n    request: Update request with optional status and deleted fields.\n    service: Injected API key service dependency.\n    auth: Authentication context with user info.\n\nReturns:\n    APIKeyResponse with updated key details.\n\nRaises:\n    403: User does not have access to this API key's account.\n    404: API key not found.",
  operationId: "update_api_key_v1_api_keys__key_id__patch",
};

// Not in LEADR: a key rolled without downtime.
export const ROLL_API_KEY = {
  summary: "Roll Api Key",
  description: "Replace an API key with a new one.\n\nThe new key has the same owner, name, scopes, role limit and expiry as the old one; its plain key is returned only once, in this response.\nThe old key stops working at once (expires_in_seconds 0, the default: it is revoked) or at the end of the grace period (its expires_at, at most 7 days).\nEvents: api_key.created for the new key, api_key.updated for the old one.\n\nReturns:\n    CreateAPIKeyResponse with the plain key included.\n\nRaises:\n    403: User does not have access to this API key's account.\n    404: API key not found.\n    409: The key is revoked or expired.",
  operationId: "roll_api_key_v1_api_keys__key_id__roll_post",
};
