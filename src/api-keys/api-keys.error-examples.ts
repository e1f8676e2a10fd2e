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

const KEY_NOT_FOUND = 'API key not found';

export const CREATE_API_KEY_ERRORS: OperationErrors = {
  400: [QUERY_ACCOUNT_MISMATCH],
  403: [NO_ACCESS_TO_ACCOUNT, 'Only superadmins can create API keys for a superadmin user'],
  404: ['Account not found', 'User not found'],
  409: IDEMPOTENT_ERRORS[409],
  422: [{ loc: ['body', 'expires_at'], msg: 'Input should be in the future', type: 'value_error' }, ...IDEMPOTENT_ERRORS[422]],
};

export const LIST_API_KEYS_ERRORS = listErrors(invalidSortField('email', 'id, name, created_at, updated_at'), {
  loc: ['query', 'status'],
  msg: 'status must be one of the following values: active, revoked',
  type: 'enum',
});

export const GET_API_KEY_ERRORS = getByIdErrors('API key', 'key_id', 'key');

export const UPDATE_API_KEY_ERRORS: OperationErrors = {
  403: [NO_ACCESS_TO_ACCOUNT, "Only superadmins can change a superadmin's API keys"],
  404: [KEY_NOT_FOUND],
  409: ['A revoked API key cannot be reactivated'],
  ...PRECONDITION_ERRORS,
  422: [{ loc: ['body', 'status'], msg: 'status must be one of the following values: active, revoked', type: 'enum' }],
};
