import type { AuthContext } from '../auth/auth-context';
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
