import { Injectable, Logger } from '@nestjs/common';
import { AuthContext } from '../auth/auth-context';
import { Authenticator } from '../auth/authenticator';
import { PrincipalCache } from '../auth/principal-cache';
import { DomainError } from '../common/errors';
import { describe } from '../database/connection/database-errors';
import { noteReadingKey } from '../database/replicas/read-context';
import { assertWellFormedStrings } from '../common/unicode';
import { FailedAuthThrottle } from '../rate-limit/failed-auth-throttle';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKeyPrincipal, ApiKeysRepository, LAST_USED_GRANULARITY_SECONDS } from './api-keys.repository';
import { actsAsSuperadmin } from './key-rights';

@Injectable()
export class ApiKeyAuthenticator extends Authenticator {
  private readonly logger = new Logger('Authentication');
  private lastTouchWarning = -Infinity;

  constructor(
    private readonly apiKeys: ApiKeysRepository,
    private readonly hasher: ApiKeyHasher,
    private readonly throttle: FailedAuthThrottle,
    private readonly cache: PrincipalCache<ApiKeyPrincipal>,
  ) {
    super();
  }

  // The common case is decided without waiting for anything: a key whose principal is cached with a
  // fresh last_used_at, from an address the failed-auth throttle does not hold back. Every other
  // case goes on in authenticateLater, with the hash and the cache lookup already made (the cache
  // counts one lookup per request).
  authenticateNowOrLater(presentedKey: string | undefined, clientAddress: string): AuthContext | Promise<AuthContext> {
    if (!presentedKey || this.throttle.holdsBack(clientAddress)) return this.authenticateLater(presentedKey, clientAddress);
    assertWellFormedStrings(presentedKey, ['header', 'leadr-api-key']);
    const keyHash = this.hasher.hash(presentedKey);
    const cached = this.cache.get(keyHash);
    if (!cached || isStale(cached.lastUsedAt)) return this.authenticateLater(presentedKey, clientAddress, { keyHash, cached });
    this.admit(cached, clientAddress, keyHash);
    return contextOf(cached);
  }

  private async authenticateLater(
    presentedKey: string | undefined,
    clientAddress: string,
    looked?: { keyHash: string; cached: ApiKeyPrincipal | undefined },
  ): Promise<AuthContext> {
    if (presentedKey && !looked) assertWellFormedStrings(presentedKey, ['header', 'leadr-api-key']);
    const keyHash = looked?.keyHash ?? (presentedKey ? this.hasher.hash(presentedKey) : undefined);
    // Before any database work: a client that spent its budget of invalid keys waits.
    await this.throttle.check(clientAddress, keyHash);
    if (keyHash === undefined) throw new DomainError('unauthenticated', 'Missing API key');
    const principal = (looked ? looked.cached : this.cache.get(keyHash)) ?? (await this.lookUp(keyHash));
    if (!principal) {
      await this.throttle.recordFailure(clientAddress);
      throw new DomainError('unauthenticated', 'Invalid API key');
    }
    this.admit(principal, clientAddress, keyHash);
    if (isStale(principal.lastUsedAt)) {
      // Set first: a failed touch is tried again a minute later, not on every request.
      principal.lastUsedAt = new Date();
      await this.touch(principal.keyId);
    }
    return contextOf(principal);
  }

  // A known key's account and user must be active; the address is then trusted with it.
  private admit(principal: ApiKeyPrincipal, clientAddress: string, keyHash: string): void {
    if (principal.accountStatus !== 'active') throw new DomainError('account_suspended', 'Account is suspended');
    if (principal.userStatus !== 'active') throw new DomainError('user_inactive', `User is ${principal.userStatus}`);
    this.throttle.recordSuccess(clientAddress, keyHash);
  }

  // A bookkeeping write never fails the request it is made for: a read-only primary (a standby),
  // or a database that fails just this statement, costs the stamp, not the answer. Logged at most
  // once a minute.
  private async touch(keyId: string): Promise<void> {
    try {
      await this.apiKeys.touchLastUsed(keyId);
    } catch (error) {
      const now = Date.now();
      if (now - this.lastTouchWarning < LAST_USED_GRANULARITY_SECONDS * 1000) return;
      this.lastTouchWarning = now;
      this.logger.warn(`last_used_at not recorded (${describe(error)}); the request is served anyway`);
    }
  }

  // Unknown and invalid keys are never cached.
  private async lookUp(keyHash: string): Promise<ApiKeyPrincipal | null> {
    const epoch = this.cache.begin();
    const principal = await this.apiKeys.findPrincipalByHash(keyHash);
    if (principal) this.cache.set(keyHash, principal, epoch);
    return principal;
  }
}

// The last_used_at granularity is checked twice on purpose: here, so that a fresh stamp costs no
// write at all on the hot path, and again in touchLastUsed's WHERE, so that concurrent requests
// that all saw a stale stamp (or several instances) write it once, not once each.
function isStale(lastUsedAt: Date | null): boolean {
  return lastUsedAt === null || Date.now() - lastUsedAt.getTime() >= LAST_USED_GRANULARITY_SECONDS * 1000;
}

function contextOf(principal: ApiKeyPrincipal): AuthContext {
  noteReadingKey(principal.keyId);
  const superadmin = actsAsSuperadmin(principal.superAdmin, principal.maxRole);
  return new AuthContext(
    principal.keyId,
    principal.userId,
    principal.accountId,
    superadmin,
    principal.scopes,
    principal.role,
    principal.mintedByUserId,
  );
}
