import { Injectable } from '@nestjs/common';
import { ApiKeyHasher } from '../api-keys/api-key-hasher';
import { ApiKeysRepository, LAST_USED_GRANULARITY_SECONDS } from '../api-keys/api-keys.repository';
import { DomainError } from '../common/errors';
import { assertWellFormedStrings } from '../common/unicode';
import { AuthContext } from './auth-context';

@Injectable()
export class AuthService {
  constructor(
    private readonly apiKeys: ApiKeysRepository,
    private readonly hasher: ApiKeyHasher,
  ) {}

  async authenticate(presentedKey: string | undefined): Promise<AuthContext> {
    if (!presentedKey) throw new DomainError('unauthenticated', 'Missing API key');
    assertWellFormedStrings(presentedKey, ['header', 'leadr-api-key']);
    const principal = await this.apiKeys.findPrincipalByHash(this.hasher.hash(presentedKey));
    if (!principal) throw new DomainError('unauthenticated', 'Invalid API key');
    if (principal.accountStatus !== 'active') throw new DomainError('account_suspended', 'Account is suspended');
    if (isStale(principal.lastUsedAt)) await this.apiKeys.touchLastUsed(principal.keyId);
    return new AuthContext(principal.keyId, principal.userId, principal.accountId, principal.superAdmin);
  }
}

function isStale(lastUsedAt: Date | null): boolean {
  return lastUsedAt === null || Date.now() - lastUsedAt.getTime() >= LAST_USED_GRANULARITY_SECONDS * 1000;
}
