import { PRECONDITION_ERRORS } from '../common/conditional.decorator';
import {
  getByIdErrors,
  invalidSortField,
  listErrors,
  NO_ACCESS_TO_ACCOUNT,
  type OperationErrors,
} from '../common/error-examples';
import { IDEMPOTENT_ERRORS } from '../idempotency/idempotent.decorator';

const SLUG_TAKEN = 'An account with this slug already exists';

export const CREATE_ACCOUNT_ERRORS: OperationErrors = {
  403: ['Only superadmins can create accounts'],
  409: [SLUG_TAKEN, ...IDEMPOTENT_ERRORS[409]],
  422: [
    { loc: ['body', 'name'], msg: 'name must be longer than or equal to 2 characters', type: 'string_too_short' },
    ...IDEMPOTENT_ERRORS[422],
  ],
};

export const LIST_ACCOUNTS_ERRORS = listErrors(invalidSortField('email', 'id, name, slug, created_at, updated_at'));

export const GET_ACCOUNT_ERRORS = getByIdErrors('Account', 'account_id', 'acc');

export const UPDATE_ACCOUNT_ERRORS: OperationErrors = {
  403: [NO_ACCESS_TO_ACCOUNT, "Only superadmins can change an account's status or delete it"],
  404: ['Account not found'],
  409: [SLUG_TAKEN, 'The account holding the last superadmin cannot be suspended or deleted'],
  ...PRECONDITION_ERRORS,
  422: [{ loc: ['body', 'status'], msg: 'status must be one of the following values: active, suspended', type: 'enum' }],
};
