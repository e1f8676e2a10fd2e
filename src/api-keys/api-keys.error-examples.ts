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
const MEMBER_KEYS_ONLY = 'Members can only manage their own API keys';

export const CREATE_API_KEY_ERRORS: OperationErrors = {
  400: [QUERY_ACCOUNT_MISMATCH],
  403: [
    NO_ACCESS_TO_ACCOUNT,
    'Only superadmins can create API keys for a superadmin user',
    'Members can only create API keys for themselves',
    'API keys can only be created for active users',
  ],
  404: ['Account not found', 'User not found'],
  409: IDEMPOTENT_ERRORS[409],
  422: [{ loc: ['body', 'expires_at'], msg: 'Input should be in the future', type: 'value_error' }, ...IDEMPOTENT_ERRORS[422]],
};

export const LIST_API_KEYS_ERRORS = listErrors(invalidSortField('email', 'id, name, created_at, updated_at'), {
  loc: ['query', 'status'],
  msg: 'status must be one of the following values: active, revoked',
  type: 'enum',
});

const getKeyErrors = getByIdErrors('API key', 'key_id', 'key');
export const GET_API_KEY_ERRORS: OperationErrors = { ...getKeyErrors, 403: [...(getKeyErrors[403] ?? []), MEMBER_KEYS_ONLY] };

export const ROLL_API_KEY_ERRORS: OperationErrors = {
  403: [NO_ACCESS_TO_ACCOUNT, "Only superadmins can change a superadmin's API keys", MEMBER_KEYS_ONLY],
  404: [KEY_NOT_FOUND],
  409: ['Only an active API key can be rolled', ...IDEMPOTENT_ERRORS[409]],
  422: [
    { loc: ['body', 'expires_in_seconds'], msg: 'expires_in_seconds must not be greater than 604800', type: 'less_than_equal' },
    ...IDEMPOTENT_ERRORS[422],
  ],
};

export const UPDATE_API_KEY_ERRORS: OperationErrors = {
  403: [NO_ACCESS_TO_ACCOUNT, "Only superadmins can change a superadmin's API keys", MEMBER_KEYS_ONLY],
  404: [KEY_NOT_FOUND],
  409: ['A revoked API key cannot be reactivated'],
  ...PRECONDITION_ERRORS,
  422: [{ loc: ['body', 'status'], msg: 'status must be one of the following values: active, revoked', type: 'enum' }],
};
