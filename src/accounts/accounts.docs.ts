// Operation texts copied verbatim from LEADR's admin API contract.

export const CREATE_ACCOUNT = {
  summary: "Create Account",
  description: "Create a new account.\n\nOnly superadmins can create accounts.\n\nArgs:\n    request: Account creation details including name and slug.\n    service: Injected account service dependency.\n    auth: Authentication context with user info.\n\nReturns:\n    AccountResponse with the created account including auto-generated ID and timestamps.\n\nRaises:\n    403: User does not have permission to create accounts.",
  operationId: "create_account_v1_accounts_post",
};

export const LIST_ACCOUNTS = {
  summary: "List Accounts",
  description: "List accounts with pagination and optional filtering.\n\nSuperadmins see all accounts (paginated). Regular users see only their own account.\n\nFiltering:\n- Use ?slug={slug} to find a specific account by its slug\n\nPagination:\n- Default: 20 items per page, sorted by created_at:desc,id:asc\n- Custom sort: Use ?sort=name:asc,created_at:desc\n- Valid sort fields: id, name, slug, created_at, updated_at\n- Navigation: Use next_cursor/prev_cursor from response\n\nExample:\n    GET /v1/accounts?slug=acme-corp\n    GET /v1/accounts?limit=50&sort=name:asc\n\nArgs:\n    service: Injected account service dependency.\n    auth: Authentication context with user info.\n    pagination: Pagination parameters (cursor, limit, sort).\n    slug: Optional slug filter to find a specific account.\n\nReturns:\n    PaginatedResponse with accounts and pagination metadata.\n\nRaises:\n    400: Invalid cursor, sort field, or cursor state mismatch.\n    404: Account not found when filtering by slug.",
  operationId: "list_accounts_v1_accounts_get",
};

export const GET_ACCOUNT = {
  summary: "Get Account",
  description: "Get an account by ID.\n\nArgs:\n    account_id: Unique identifier for the account.\n    service: Injected account service dependency.\n    auth: Authentication context with user info.\n\nReturns:\n    AccountResponse with full account details.\n\nRaises:\n    403: User does not have access to this account.\n    404: Account not found.",
  operationId: "get_account_v1_accounts__account_id__get",
};

export const UPDATE_ACCOUNT = {
  summary: "Update Account",
  description: "Update an account.\n\nSupports updating name, slug, status, or soft-deleting the account.\nStatus changes (active/suspended) are handled through dedicated service methods.\n\nArgs:\n    account_id: Unique identifier for the account.\n    request: Account update details (all fields optional).\n    service: Injected account service dependency.\n    auth: Authentication context with user info.\n\nReturns:\n    AccountResponse with the updated account details.\n\nRaises:\n    403: User does not have access to this account.\n    404: Account not found.",
  operationId: "update_account_v1_accounts__account_id__patch",
};
