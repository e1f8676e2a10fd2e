import { DomainError, notFound } from './errors';

// Unique and foreign-key violations, by constraint name, as the API reports them.
// Anything not listed here stays a 500: an unexpected constraint is a bug, not a client error.
export const CONSTRAINT_ERRORS: Record<string, () => DomainError> = {
  ux_users_account_email_live: () =>
    new DomainError('conflict', 'A user with this email already exists in this account'),
  ux_accounts_slug_live: () => new DomainError('conflict', 'An account with this slug already exists'),
  fk_users_account: () => notFound('Account'),
  fk_api_keys_account: () => notFound('Account'),
  fk_api_keys_user: () => notFound('User'),
};
