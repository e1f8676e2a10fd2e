import { DomainError } from '../common/errors';
import { API_KEY_SCOPES, ApiKeyScope } from './scopes';

export type AccountRole = 'admin' | 'member';

const EVERY_SCOPE: ReadonlySet<ApiKeyScope> = new Set(API_KEY_SCOPES);

// Who is calling: built by the AuthGuard from a valid API key. `scopes` is what the key may do
// (resolved once per cached principal), `role` the owner's role in its account, `mintedByUserId`
// the user that minted the key when it is not the owner (who really holds the key).
export class AuthContext {
  constructor(
    readonly apiKeyId: string,
    readonly userId: string,
    readonly accountId: string,
    readonly isSuperadmin: boolean,
    readonly scopes: ReadonlySet<ApiKeyScope> = EVERY_SCOPE,
    readonly role: AccountRole = 'admin',
    readonly mintedByUserId: string | null = null,
  ) {}

  // A member manages only itself and its own keys; superadmins and admins manage their accounts.
  get isMember(): boolean {
    return !this.isSuperadmin && this.role === 'member';
  }

  assertScope(scope: ApiKeyScope): void {
    if (!this.scopes.has(scope)) throw new DomainError('forbidden', `This API key lacks the ${scope} scope`);
  }

  // A member manages only its own keys (and sees only them); anyone else passes.
  assertManagesKeysOf(ownerUserId: string): void {
    if (this.isMember && ownerUserId !== this.userId) {
      throw new DomainError('forbidden', 'Members can only manage their own API keys');
    }
  }

  assertAdmin(action: string): void {
    if (this.isMember) throw new DomainError('forbidden', `Only account admins can ${action}`);
  }

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

  // The account a create writes into: the body's `account_id`. The contract lets the query carry
  // one too; a different one is a 400, not a silent choice between them.
  createTarget(bodyAccountId: string, queryAccountId: string | undefined): string {
    if (queryAccountId !== undefined && queryAccountId !== bodyAccountId) {
      throw new DomainError('invalid_request', 'account_id in the query does not match account_id in the body');
    }
    this.assertAccountAccess(bodyAccountId);
    return bodyAccountId;
  }

  // Single-resource routes accept an optional `account_id` query parameter that narrows the lookup;
  // the caller must have access to it (else 403) before anything is looked up.
  resourceScope(requestedAccountId: string | undefined): ResourceScope {
    if (requestedAccountId !== undefined) this.assertAccountAccess(requestedAccountId);
    return new ResourceScope(this, requestedAccountId);
  }
}

// Requested account → load → in scope, for every single-resource route.
export class ResourceScope {
  constructor(
    private readonly auth: AuthContext,
    private readonly requestedAccountId: string | undefined,
  ) {}

  // A resource of `accountId` is visible when the caller may access that account (else 403) and it
  // lies in the requested account, if one was requested (else `notFound`).
  assertVisible(accountId: string, notFound: () => DomainError): void {
    this.auth.assertAccountAccess(accountId);
    if (this.requestedAccountId !== undefined && this.requestedAccountId !== accountId) throw notFound();
  }

  async load<T>(find: () => Promise<T | null>, accountOf: (resource: T) => string, notFound: () => DomainError): Promise<T> {
    const resource = await find();
    if (resource === null) throw notFound();
    this.assertVisible(accountOf(resource), notFound);
    return resource;
  }
}
