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
