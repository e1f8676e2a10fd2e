import { DomainError } from '../common/errors';
import { AuthContext } from './auth-context';

const OWN = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

const regular = new AuthContext('key-1', 'user-1', OWN, false);
const superadmin = new AuthContext('key-2', 'user-2', OWN, true);

function expectForbidden(action: () => unknown): DomainError {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe('forbidden');
  return caught as DomainError;
}

describe('AuthContext', () => {
  it.each<[string, AuthContext, string, boolean]>([
    ['regular user, own account', regular, OWN, true],
    ['regular user, other account', regular, OTHER, false],
    ['superadmin, own account', superadmin, OWN, true],
    ['superadmin, other account', superadmin, OTHER, true],
  ])('hasAccessToAccount: %s -> %s', (_label, context, accountId, expected) => {
    expect(context.hasAccessToAccount(accountId)).toBe(expected);
  });

  describe('assertAccountAccess', () => {
    it('lets a regular user into their own account', () => {
      expect(() => regular.assertAccountAccess(OWN)).not.toThrow();
    });

    it('refuses a regular user another account', () => {
      expectForbidden(() => regular.assertAccountAccess(OTHER));
    });

    it('lets a superadmin into any account', () => {
      expect(() => superadmin.assertAccountAccess(OTHER)).not.toThrow();
    });
  });

  describe('assertSuperadmin', () => {
    it('refuses a regular user, naming the action', () => {
      const error = expectForbidden(() => regular.assertSuperadmin('create accounts'));
      expect(error.detail).toContain('create accounts');
    });

    it('lets a superadmin through', () => {
      expect(() => superadmin.assertSuperadmin('create accounts')).not.toThrow();
    });
  });

  describe('listScope', () => {
    it.each<[string, AuthContext, string | undefined, string | null]>([
      ['regular user, nothing requested: own account', regular, undefined, OWN],
      ['regular user, own account requested', regular, OWN, OWN],
      ['superadmin, nothing requested: all accounts', superadmin, undefined, null],
      ['superadmin, other account requested', superadmin, OTHER, OTHER],
      ['superadmin, own account requested', superadmin, OWN, OWN],
    ])('%s', (_label, context, requested, expected) => {
      expect(context.listScope(requested)).toBe(expected);
    });

    it('refuses a regular user who asks for another account', () => {
      expectForbidden(() => regular.listScope(OTHER));
    });
  });

  describe('createTarget', () => {
    it('is the body account when the query names none or the same one', () => {
      expect(regular.createTarget(OWN, undefined)).toBe(OWN);
      expect(superadmin.createTarget(OTHER, OTHER)).toBe(OTHER);
    });

    it('refuses a query account that differs from the body one with a 400, before any access check', () => {
      const error = codeOf(() => regular.createTarget(OTHER, OWN));
      expect(error).toBe('invalid_request');
    });

    it('refuses a regular user another account', () => {
      expectForbidden(() => regular.createTarget(OTHER, undefined));
    });
  });

  describe('resourceScope', () => {
    const notFound = () => new DomainError('not_found', 'Thing not found');
    const thing = (accountId: string | null) => async () => (accountId === null ? null : { accountId });
    const load = (context: AuthContext, requested: string | undefined, accountId: string | null) =>
      context.resourceScope(requested).load(thing(accountId), (found) => found.accountId, notFound);

    it('refuses a requested account the caller may not access before loading anything', () => {
      let loaded = false;
      expectForbidden(() =>
        regular.resourceScope(OTHER).load(async () => {
          loaded = true;
          return { accountId: OTHER };
        }, (found) => found.accountId, notFound),
      );
      expect(loaded).toBe(false);
    });

    it.each<[string, AuthContext, string | undefined, string | null, string | null]>([
      ['a visible resource, nothing requested', regular, undefined, OWN, null],
      ['a visible resource in the requested account', superadmin, OTHER, OTHER, null],
      ['a missing resource', superadmin, undefined, null, 'not_found'],
      ['a resource outside the requested account', superadmin, OWN, OTHER, 'not_found'],
      ['another account\'s resource for a regular user', regular, undefined, OTHER, 'forbidden'],
    ])('%s', async (_label, context, requested, accountId, expectedCode) => {
      const outcome = await load(context, requested, accountId).then(
        (found) => found,
        (error: DomainError) => error,
      );
      if (expectedCode === null) expect(outcome).toEqual({ accountId });
      else expect((outcome as DomainError).code).toBe(expectedCode);
    });
  });
});

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as DomainError).code;
  }
  return undefined;
}
