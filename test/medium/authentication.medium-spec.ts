import { ApiKeyHasher } from '../../src/api-keys/api-key-hasher';
import type { ApiKeyPrincipal } from '../../src/api-keys/api-keys.repository';
import { Authenticator } from '../../src/auth/authenticator';
import { PrincipalCache } from '../../src/auth/principal-cache';
import { DomainError } from '../../src/common/errors';
import { createTenant, Tenant } from '../helpers/factories';
import { createTestContext, TestContext } from '../helpers/test-app';

// Authenticator.authenticateCached, the AuthGuard's synchronous path: it answers exactly what
// authenticate() answers when the key's principal is cached and fresh, and leaves every other case
// to authenticate() (null), on the server's own providers and a real database.
describe('authentication decided at once (authenticateCached)', () => {
  let t: TestContext;
  let authenticator: Authenticator;
  let cache: PrincipalCache<ApiKeyPrincipal>;
  let hasher: ApiKeyHasher;
  beforeAll(async () => {
    t = await createTestContext({ AUTH_FAILURE_LIMIT: '3' });
    authenticator = t.context.get(Authenticator);
    cache = t.context.get(PrincipalCache);
    hasher = new ApiKeyHasher(t.config.API_KEY_SECRET);
  });
  afterAll(async () => {
    await t?.close();
  });

  const cachedPrincipal = (tenant: Tenant): ApiKeyPrincipal => {
    const principal = cache.get(hasher.hash(tenant.key));
    if (!principal) throw new Error('the principal is not cached');
    return principal;
  };

  it('leaves a key it has not seen, and a missing key, to authenticate()', async () => {
    const tenant = await createTenant(t);
    expect(authenticator.authenticateCached(tenant.key, '10.0.0.1')).toBeNull();
    expect(authenticator.authenticateCached(undefined, '10.0.0.1')).toBeNull();
    expect(authenticator.authenticateCached('', '10.0.0.1')).toBeNull();
    expect(authenticator.authenticateCached('ldr_not-a-key-0123456789', '10.0.0.1')).toBeNull();
  });

  it('answers a cached key with the context authenticate() gave it', async () => {
    const tenant = await createTenant(t);
    const first = await authenticator.authenticate(tenant.key, '10.0.0.2');
    const cached = authenticator.authenticateCached(tenant.key, '10.0.0.2');
    expect(cached).not.toBeNull();
    expect(cached).toEqual(first);
  });

  it('leaves a cached key whose last_used_at is stale to authenticate(), which stamps it', async () => {
    const tenant = await createTenant(t);
    await authenticator.authenticate(tenant.key, '10.0.0.3');
    cachedPrincipal(tenant).lastUsedAt = new Date(Date.now() - 3_600_000);
    expect(authenticator.authenticateCached(tenant.key, '10.0.0.3')).toBeNull();
    await authenticator.authenticate(tenant.key, '10.0.0.3');
    expect(authenticator.authenticateCached(tenant.key, '10.0.0.3')).not.toBeNull();
  });

  it('refuses a cached principal of a suspended account or an inactive user as authenticate() does', async () => {
    const tenant = await createTenant(t);
    await authenticator.authenticate(tenant.key, '10.0.0.4');
    const principal = cachedPrincipal(tenant);
    principal.accountStatus = 'suspended';
    const refusal = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return error;
      }
      return null;
    };
    expect(refusal(() => authenticator.authenticateCached(tenant.key, '10.0.0.4'))).toEqual(new DomainError('account_suspended', 'Account is suspended'));
    await expect(authenticator.authenticate(tenant.key, '10.0.0.4')).rejects.toEqual(new DomainError('account_suspended', 'Account is suspended'));
    principal.accountStatus = 'active';
    principal.userStatus = 'suspended';
    expect(refusal(() => authenticator.authenticateCached(tenant.key, '10.0.0.4'))).toEqual(new DomainError('user_inactive', 'User is suspended'));
    principal.userStatus = 'active';
  });

  it('leaves a valid cached key from an address over its failed-auth budget to authenticate()', async () => {
    const tenant = await createTenant(t);
    await authenticator.authenticate(tenant.key, '10.0.0.5');
    for (let i = 0; i < 3; i++) {
      await expect(authenticator.authenticate(`ldr_wrong-key-${i}-0123456789abcdef`, '10.0.0.6')).rejects.toBeInstanceOf(DomainError);
    }
    expect(authenticator.authenticateCached(tenant.key, '10.0.0.6')).toBeNull();
    expect(authenticator.authenticateCached(tenant.key, '10.0.0.5')).not.toBeNull();
  });
});
