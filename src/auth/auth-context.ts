import { DomainError } from '../common/errors';

// Who is calling: built by the AuthGuard from a valid API key.
export class AuthContext {
  constructor(
    readonly apiKeyId: string,
    readonly userId: string,
    readonly accountId: string,
    readonly isSuperadmin: boolean,
  ) {}

  hasAccessToAccount(accountId: string): boolean {
    return this.isSuperadmin || accountId === this.accountId;
  }

  assertAccountAccess(accountId: string): void {
    if (!this.hasAccessToAccount(accountId)) {
      throw new DomainError('forbidden', 'You do not have access to this account');
    }
  }

  assertSuperadmin(action: string): void {
    if (!this.isSuperadmin) throw new DomainError('forbidden', `Only superadmins can ${action}`);
  }

  // Single-resource routes accept an optional `account_id` query parameter that narrows the lookup:
  // checked for access here, compared with the resource's account by assertInScope.
  requestedAccount(accountId: string | undefined): string | undefined {
    if (accountId !== undefined) this.assertAccountAccess(accountId);
    return accountId;
  }

  // A found resource is visible when the caller may access its account (else 403) and it lies in
  // the requested account, if one was requested (else `notFound`).
  assertInScope(resourceAccountId: string, requested: string | undefined, notFound: () => DomainError): void {
    this.assertAccountAccess(resourceAccountId);
    if (requested !== undefined && requested !== resourceAccountId) throw notFound();
  }

  // The account a list is limited to: a regular user's own (asking for another is a 403); for a
  // superadmin the requested one, or null for all accounts.
  listScope(requestedAccountId: string | undefined): string | null {
    if (requestedAccountId !== undefined) {
      this.assertAccountAccess(requestedAccountId);
      return requestedAccountId;
    }
    return this.isSuperadmin ? null : this.accountId;
  }
}
