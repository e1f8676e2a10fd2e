import { randomUUID } from 'node:crypto';
import { Account, AccountStatusValue } from '../../src/accounts/account.entity';
import { ApiKey } from '../../src/api-keys/api-key.entity';
import { ApiKeyHasher } from '../../src/api-keys/api-key-hasher';
import { formatId } from '../../src/common/ids';
import { User, UserStatusValue } from '../../src/users/user.entity';
import type { TestApp } from './test-app';

// The factories write rows directly, on an app or on an app without HTTP (the medium tier).
type Target = Pick<TestApp, 'dataSource' | 'config'>;

let sequence = 0;
const next = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export interface Tenant {
  account: Account;
  accountId: string; // API form, acc_<uuid>
  user: User;
  userId: string; // API form, usr_<uuid>
  key: string;
}

export async function createAccount(t: Target, values: Partial<Account> = {}): Promise<Account> {
  const suffix = next();
  const account = Object.assign(new Account(), {
    id: randomUUID(),
    name: `Studio ${suffix}`,
    slug: `studio-${suffix}`,
    status: 'active' as AccountStatusValue,
    ...values,
  });
  await t.dataSource.getRepository(Account).insert(account);
  return account;
}

export async function createUser(t: Target, accountId: string, values: Partial<User> = {}): Promise<User> {
  const suffix = next();
  const user = Object.assign(new User(), {
    id: randomUUID(),
    accountId,
    email: `user-${suffix}@example.com`,
    displayName: `User ${suffix}`,
    superAdmin: false,
    status: 'active' as UserStatusValue,
    ...values,
  });
  await t.dataSource.getRepository(User).insert(user);
  return user;
}

export async function createKey(t: Target, user: User, values: Partial<ApiKey> = {}): Promise<{ key: string; apiKey: ApiKey }> {
  const hasher = new ApiKeyHasher(t.config.API_KEY_SECRET);
  const key = hasher.generate();
  const apiKey = Object.assign(new ApiKey(), {
    id: randomUUID(),
    accountId: user.accountId,
    userId: user.id,
    name: `Key ${next()}`,
    keyHash: hasher.hash(key),
    prefix: ApiKeyHasher.prefixOf(key),
    // As if minted by a superadmin: the key follows its owner's role.
    maxRole: 'superadmin' as const,
    ...values,
  });
  await t.dataSource.getRepository(ApiKey).insert(apiKey);
  return { key, apiKey };
}

// An account with one regular user and an API key for that user.
export async function createTenant(t: Target, userValues: Partial<User> = {}): Promise<Tenant> {
  const account = await createAccount(t);
  const user = await createUser(t, account.id, userValues);
  const { key } = await createKey(t, user);
  return { account, accountId: formatId('acc', account.id), user, userId: formatId('usr', user.id), key };
}
