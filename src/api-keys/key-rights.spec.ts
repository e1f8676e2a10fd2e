import { AuthContext } from '../auth/auth-context';
import { actsAsSuperadmin, maxRoleMintedBy } from './key-rights';

describe('key rights', () => {
  it.each<[string, AuthContext | null, string]>([
    ['the bootstrap', null, 'superadmin'],
    ['a superadmin', new AuthContext('k', 'u', 'a', true), 'superadmin'],
    ['a regular user', new AuthContext('k', 'u', 'a', false), 'user'],
  ])('a key minted by %s gets max_role %s', (_label, minter, expected) => {
    expect(maxRoleMintedBy(minter)).toBe(expected);
  });

  it.each<[boolean, 'superadmin' | 'user', boolean]>([
    [true, 'superadmin', true],
    [false, 'superadmin', false],
    [true, 'user', false],
    [false, 'user', false],
  ])('owner superadmin %s, max_role %s: acts as superadmin %s', (owner, maxRole, expected) => {
    expect(actsAsSuperadmin(owner, maxRole)).toBe(expected);
  });
});
