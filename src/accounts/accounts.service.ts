import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuthContext } from '../auth/auth-context';
import { DomainError, notFound } from '../common/errors';
import { optionalUuid } from '../common/ids';
import { PageQuery } from '../pagination/page-query.dto';
import { Page } from '../pagination/paginated-response';
import { lockSuperadminChanges, usableSuperadminRemains } from '../users/superadmin-invariant';
import { Account } from './account.entity';
import { AccountChanges, AccountsRepository } from './accounts.repository';
import { AccountCreateRequest } from './dto/account-create-request.dto';
import { AccountUpdateRequest } from './dto/account-update-request.dto';
import { firstFreeSlug, slugify } from './slug';

const accountNotFound = () => notFound('Account');
const SLUG_ATTEMPTS = 5;

@Injectable()
export class AccountsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsRepository,
  ) {}

  async create(auth: AuthContext, request: AccountCreateRequest): Promise<Account> {
    auth.assertSuperadmin('create accounts');
    const account = Object.assign(new Account(), { id: randomUUID(), name: request.name });
    if (request.slug != null) {
      // A taken slug fails on ux_accounts_slug_live and is reported as 409.
      return this.accounts.insert(this.dataSource.manager, Object.assign(account, { slug: request.slug }));
    }
    // A derived slug gets the first free suffix. Creates deriving from the same base take turns
    // (an advisory lock on the base); a concurrent explicit slug or rename may still take the
    // chosen one first, so retry then.
    const base = slugify(request.name);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (manager) => {
          await this.accounts.lockSlugBase(manager, base);
          account.slug = firstFreeSlug(base, await this.accounts.slugsLike(manager, base));
          return this.accounts.insert(manager, account);
        });
      } catch (error) {
        if (attempt >= SLUG_ATTEMPTS || !isSlugConflict(error)) throw error;
      }
    }
  }

  async list(auth: AuthContext, page: PageQuery, filters: { accountId?: string; slug?: string }): Promise<Page<Account>> {
    const id = auth.listScope(optionalUuid('acc', filters.accountId));
    return this.accounts.listPage({ id, slug: filters.slug ?? null }, page);
  }

  async get(auth: AuthContext, accountId: string, queryAccountId?: string): Promise<Account> {
    auth.assertInScope(accountId, auth.requestedAccount(optionalUuid('acc', queryAccountId)), accountNotFound);
    const account = await this.accounts.findLiveById(accountId);
    if (!account) throw accountNotFound();
    return account;
  }

  async update(
    auth: AuthContext,
    accountId: string,
    request: AccountUpdateRequest,
    queryAccountId?: string,
  ): Promise<Account> {
    auth.assertInScope(accountId, auth.requestedAccount(optionalUuid('acc', queryAccountId)), accountNotFound);
    if (request.status != null || request.deleted === true) {
      auth.assertSuperadmin("change an account's status or delete it");
    }
    const mayRemoveSuperadmin = request.status === 'suspended' || request.deleted === true;

    return this.dataSource.transaction(async (manager) => {
      if (mayRemoveSuperadmin) await lockSuperadminChanges(manager);
      const account = await this.accounts.lockLiveForUpdate(manager, accountId);
      if (!account) throw accountNotFound();
      const changes = changesFor(account, request);
      if (Object.keys(changes).length === 0) return account;
      const disables = changes.status === 'suspended' || changes.deleted;
      if (disables && !(await usableSuperadminRemains(manager, { accountId }))) {
        throw new DomainError('conflict', 'The account holding the last superadmin cannot be suspended or deleted');
      }
      // A taken slug fails on ux_accounts_slug_live and is reported as 409.
      return this.accounts.update(manager, account, changes);
    });
  }
}

function changesFor(account: Account, request: AccountUpdateRequest): AccountChanges {
  const changes: AccountChanges = {};
  if (request.name != null && request.name !== account.name) changes.name = request.name;
  if (request.slug != null && request.slug !== account.slug) changes.slug = request.slug;
  if (request.status != null && request.status !== account.status) changes.status = request.status;
  if (request.deleted === true) changes.deleted = true;
  return changes;
}

function isSlugConflict(error: unknown): boolean {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }) : undefined;
  return driverError?.constraint === 'ux_accounts_slug_live';
}
