import type { AuthContext } from '../auth/auth-context';
import type { ApiKeyScope } from '../auth/scopes';
import { DomainError } from '../common/errors';
import type { ApiKeyMaxRole } from './api-key.entity';

// A key never carries more rights than the caller that minted it: a superadmin's (or the
// bootstrap's) keys follow their owner's role, a regular user's keys stay confined to their
// account even if their owner is promoted later.
export function maxRoleMintedBy(minter: AuthContext | null): ApiKeyMaxRole {
  return minter === null || minter.isSuperadmin ? 'superadmin' : 'user';
}

export function actsAsSuperadmin(ownerIsSuperadmin: boolean, maxRole: ApiKeyMaxRole): boolean {
  return ownerIsSuperadmin && maxRole === 'superadmin';
}

// The lower of two role limits: a rolled key never gains what its roller could not mint.
export function lowerMaxRole(a: ApiKeyMaxRole, b: ApiKeyMaxRole): ApiKeyMaxRole {
  return a === 'superadmin' && b === 'superadmin' ? 'superadmin' : 'user';
}

// The scopes of a key `minter` mints: the requested ones, each of which the minting key must hold
// itself (403 naming the first it lacks), or by default the minting key's own.
export function scopesMintedBy(minter: AuthContext, requested: readonly ApiKeyScope[] | null | undefined): ApiKeyScope[] {
  if (requested == null) return [...minter.scopes];
  for (const scope of requested) minter.assertScope(scope);
  return [...requested];
}

// Who a non-superadmin may mint a key for: an active user of its own account (the account is
// checked by the caller), and a member only for itself.
export function assertMayMintFor(minter: AuthContext, owner: { id: string; status: string }): void {
  if (minter.isSuperadmin) return;
  if (minter.isMember && owner.id !== minter.userId) {
    throw new DomainError('forbidden', 'Members can only create API keys for themselves');
  }
  if (owner.status !== 'active') throw new DomainError('forbidden', 'API keys can only be created for active users');
}
