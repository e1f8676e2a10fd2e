import { PRECONDITION_ERRORS } from '../common/conditional.decorator';
import {
  getByIdErrors,
  invalidSortField,
  listErrors,
  NO_ACCESS_TO_ACCOUNT,
  QUERY_ACCOUNT_MISMATCH,
  type OperationErrors,
} from '../common/error-examples';
import { IDEMPOTENT_ERRORS } from '../idempotency/idempotent.decorator';

const EMAIL_TAKEN = 'A user with this email already exists in this account';
const SUPER_ADMIN_FIELD = 'Only superadmins can change super_admin';

export const CREATE_USER_ERRORS: OperationErrors = {
  400: [QUERY_ACCOUNT_MISMATCH],
  403: [NO_ACCESS_TO_ACCOUNT, SUPER_ADMIN_FIELD],
  404: ['Account not found'],
  409: [EMAIL_TAKEN, ...IDEMPOTENT_ERRORS[409]],
  422: [{ loc: ['body', 'email'], msg: 'value is not a valid email address', type: 'value_error' }, ...IDEMPOTENT_ERRORS[422]],
};

export const LIST_USERS_ERRORS = listErrors(invalidSortField('name', 'id, email, display_name, created_at, updated_at'));

export const GET_USER_ERRORS = getByIdErrors('User', 'user_id', 'usr');

export const UPDATE_USER_ERRORS: OperationErrors = {
  403: [NO_ACCESS_TO_ACCOUNT, 'Only superadmins can modify a superadmin user', SUPER_ADMIN_FIELD, 'A user cannot set its own status to suspended'],
  404: ['User not found'],
  409: [EMAIL_TAKEN, 'The last active superadmin cannot be demoted, deleted or made inactive'],
  ...PRECONDITION_ERRORS,
  422: [{ loc: ['body', 'display_name'], msg: 'display_name must be longer than or equal to 2 characters', type: 'string_too_short' }],
};
