import { ApiKeyHasher } from '../../src/api-keys/api-key-hasher';
import type { ApiKeyPrincipal } from '../../src/api-keys/api-keys.repository';
import type { AuthContext } from '../../src/auth/auth-context';
import { Authenticator } from '../../src/auth/authenticator';
import { PrincipalCache } from '../../src/auth/principal-cache';
import { DomainError } from '../../src/common/errors';
import { createTenant, Tenant } from '../helpers/factories';
import { createTestContext, TestContext } from '../helpers/test-app';

// Authenticator.authenticateNowOrLater, the AuthGuard's path: synchronous exactly when the key's
// principal is cached and fresh, a promise otherwise, with authenticate()'s answer either way, and
// one principal-cache lookup per call. On the server's own providers and a real database.
describe('authentication decided at once or later (authenticateNowOrLater)', () => {
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
  const lookups = () => cache.hits + cache.misses;
  // The answer, and whether it came synchronously.
  const answer = async (key: string | undefined, address: string): Promise<{ now: boolean; auth: AuthContext }> => {
    const outcome = authenticator.authenticateNowOrLater(key, address);
    return { now: !(outcome instanceof Promise), auth: await outcome };
  };
  const refusal = (call: () => unknown): unknown => {
    try {
      call();
    } catch (error) {
      return error;
    }
    return null;
  };

  it('answers a key it has not seen later, with the context, after one cache lookup', async () => {
    const tenant = await createTenant(t);
    const before = lookups();
    const first = await answer(tenant.key, '10.0.0.1');
    expect(first.now).toBe(false);
    expect(lookups() - before).toBe(1);
    expect(first.auth.userId).toBe(tenant.user.id);
  });

  it('answers a cached key at once with the context authenticate() gives, after one cache lookup', async () => {
    const tenant = await createTenant(t);
    const slow = await authenticator.authenticate(tenant.key, '10.0.0.2');
    const before = lookups();
    const fast = await answer(tenant.key, '10.0.0.2');
    expect(fast.now).toBe(true);
    expect(lookups() - before).toBe(1);
    expect(fast.auth).toEqual(slow);
  });

  it('answers later a missing key and an unknown key, with authenticate()’s refusals', async () => {
    const missing = authenticator.authenticateNowOrLater(undefined, '10.0.0.3');
    expect(missing).toBeInstanceOf(Promise);
    await expect(missing).rejects.toEqual(new DomainError('unauthenticated', 'Missing API key'));
    const unknown = authenticator.authenticateNowOrLater('ldr_not-a-key-0123456789', '10.0.0.3');
    expect(unknown).toBeInstanceOf(Promise);
    await expect(unknown).rejects.toEqual(new DomainError('unauthenticated', 'Invalid API key'));
  });

  it('answers later a cached key whose last_used_at is stale (it is stamped), then at once again', async () => {
    const tenant = await createTenant(t);
    await authenticator.authenticate(tenant.key, '10.0.0.4');
    cachedPrincipal(tenant).lastUsedAt = new Date(Date.now() - 3_600_000);
    const before = lookups();
    expect((await answer(tenant.key, '10.0.0.4')).now).toBe(false);
    expect(lookups() - before).toBe(1);
    expect(Date.now() - cachedPrincipal(tenant).lastUsedAt!.getTime()).toBeLessThan(60_000);
    expect((await answer(tenant.key, '10.0.0.4')).now).toBe(true);
  });

  it('refuses a cached principal of a suspended account or an inactive user at once, as authenticate() does', async () => {
    const tenant = await createTenant(t);
    await authenticator.authenticate(tenant.key, '10.0.0.5');
    const principal = cachedPrincipal(tenant);
    principal.accountStatus = 'suspended';
    expect(refusal(() => authenticator.authenticateNowOrLater(tenant.key, '10.0.0.5'))).toEqual(
      new DomainError('account_suspended', 'Account is suspended'),
    );
    await expect(authenticator.authenticate(tenant.key, '10.0.0.5')).rejects.toEqual(new DomainError('account_suspended', 'Account is suspended'));
    principal.accountStatus = 'active';
    principal.userStatus = 'suspended';
    expect(refusal(() => authenticator.authenticateNowOrLater(tenant.key, '10.0.0.5'))).toEqual(new DomainError('user_inactive', 'User is suspended'));
    principal.userStatus = 'active';
  });

  it('answers later a valid cached key from an address over its failed-auth budget (the throttle decides)', async () => {
    const tenant = await createTenant(t);
    await authenticator.authenticate(tenant.key, '10.0.0.6');
    for (let i = 0; i < 3; i++) {
      await expect(authenticator.authenticate(`ldr_wrong-key-${i}-0123456789abcdef`, '10.0.0.7')).rejects.toBeInstanceOf(DomainError);
    }
    // The key was never used from that address, so the throttle refuses it there.
    const held = authenticator.authenticateNowOrLater(tenant.key, '10.0.0.7');
    expect(held).toBeInstanceOf(Promise);
    await expect(held).rejects.toMatchObject({ code: 'rate_limited' });
    expect((await answer(tenant.key, '10.0.0.6')).now).toBe(true);
  });
});
