// Operation texts copied verbatim from LEADR's admin API contract.

export const CREATE_USER = {
  summary: "Create User",
  description: "Create a new user.\n\nCreates a new user associated with an existing account.\n\nFor regular users, account_id must match their API key's account.\nFor superadmins, any account_id is accepted.\n\nArgs:\n    request: User creation details including account_id, email, and display name.\n    service: Injected user service dependency.\n    auth: Authentication context with user info.\n\nReturns:\n    UserResponse with the created user including auto-generated ID and timestamps.\n\nRaises:\n    403: User does not have access to the specified account.\n    404: Account not found.",
  operationId: "create_user_v1_users_post",
};

export const LIST_USERS = {
  summary: "List Users",
  description: "List users for an account with pagination.\n\nFor regular users, account_id is automatically derived from their API key.\nFor superadmins, account_id is optional - if omitted, returns users from all accounts.\n\nPagination:\n- Default: 20 items per page, sorted by created_at:desc,id:asc\n- Custom sort: Use ?sort=email:asc,created_at:desc\n- Valid sort fields: id, email, display_name, created_at, updated_at\n- Navigation: Use next_cursor/prev_cursor from response\n\nExample:\n    GET /v1/users?account_id=acc_123&limit=50&sort=email:asc\n\nArgs:\n    auth: Authentication context with user info.\n    service: Injected user service dependency.\n    pagination: Pagination parameters (cursor, limit, sort).\n    account_id: Optional account_id query parameter (superadmins can omit to see all).\n\nReturns:\n    PaginatedResponse with users and pagination metadata.\n\nRaises:\n    400: Invalid cursor, sort field, or cursor state mismatch.\n    403: User does not have access to the specified account.",
  operationId: "list_users_v1_users_get",
};

export const GET_USER = {
  summary: "Get User",
  description: "Get a user by ID.\n\nArgs:\n    user_id: Unique identifier for the user.\n    service: Injected user service dependency.\n    auth: Authentication context with user info.\n\nReturns:\n    UserResponse with full user details.\n\nRaises:\n    403: User does not have access to this user's account.\n    404: User not found.",
  operationId: "get_user_v1_users__user_id__get",
};

export const UPDATE_USER = {
  summary: "Update User",
  description: "Update a user.\n\nSupports updating email, display name, status, or soft-deleting the user.\nStatus changes (active/suspended) are handled through dedicated service methods.\n\nArgs:\n    user_id: Unique identifier for the user.\n    request: User update details (all fields optional).\n    service: Injected user service dependency.\n    auth: Authentication context with user info.\n\nReturns:\n    UserResponse with the updated user details.\n\nRaises:\n    403: User does not have access to this user's account.\n    404: User not found.",
  operationId: "update_user_v1_users__user_id__patch",
};
