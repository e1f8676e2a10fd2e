import { Injectable } from '@nestjs/common';
import { AuthContext } from '../auth/auth-context';
import { Authenticator } from '../auth/authenticator';
import { DomainError } from '../common/errors';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKeysRepository, LAST_USED_GRANULARITY_SECONDS } from './api-keys.repository';
import { actsAsSuperadmin } from './key-rights';

@Injectable()
export class ApiKeyAuthenticator extends Authenticator {
  constructor(
    private readonly apiKeys: ApiKeysRepository,
    private readonly hasher: ApiKeyHasher,
  ) {
    super();
  }

  async authenticate(presentedKey: string | undefined): Promise<AuthContext> {
    if (!presentedKey) throw new DomainError('unauthenticated', 'Missing API key');
    const principal = await this.apiKeys.findPrincipalByHash(this.hasher.hash(presentedKey));
    if (!principal) throw new DomainError('unauthenticated', 'Invalid API key');
    if (principal.accountStatus !== 'active') throw new DomainError('account_suspended', 'Account is suspended');
    if (isStale(principal.lastUsedAt)) await this.apiKeys.touchLastUsed(principal.keyId);
    const superadmin = actsAsSuperadmin(principal.superAdmin, principal.maxRole);
    return new AuthContext(principal.keyId, principal.userId, principal.accountId, superadmin);
  }
}

// The last_used_at granularity is checked twice on purpose: here, so that a fresh stamp costs no
// write at all on the hot path, and again in touchLastUsed's WHERE, so that concurrent requests
// that all saw a stale stamp (or several instances) write it once, not once each.
function isStale(lastUsedAt: Date | null): boolean {
  return lastUsedAt === null || Date.now() - lastUsedAt.getTime() >= LAST_USED_GRANULARITY_SECONDS * 1000;
}
