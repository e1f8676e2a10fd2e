import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { Sql, Transaction } from '../database/sql/sql';
import { AuthContext, ResourceScope } from '../auth/auth-context';
import { PrincipalInvalidation } from '../auth/principal-invalidation';
import { lockSuperadminChanges, usableSuperadminRemains } from '../auth/superadmin-invariant';
import { DomainError, notFound } from '../common/errors';
import { DeleteCascades } from '../cascades/delete-cascades';
import { Precondition } from '../common/precondition';
import { actorOf, ChangeLog, STAMPED_BY_THE_INSERT } from '../events/change-log';
import { Page } from '../pagination/paginated-response';
import { Account } from './account.entity';
import { AccountChanges, AccountsRepository } from './accounts.repository';
import { AccountCreateRequest } from './dto/account-create-request.dto';
import { AccountListQuery } from './dto/account-list-query.dto';
import { AccountResponse } from './dto/account-response.dto';
import { AccountUpdateRequest } from './dto/account-update-request.dto';
import { firstFreeSlug, slugify } from './slug';

const accountNotFound = () => notFound('Account');
const accountOfAccount = (account: Account) => account.id;
const subjectOf = (account: Account) => ({ id: account.id, accountId: account.id });
const SLUG_ATTEMPTS = 5;
// The representation's fields that the insert's database clock sets.
const CREATED_STAMPS = { created_at: 'created_at', updated_at: 'updated_at' };

@Injectable()
export class AccountsService {
  constructor(
    private readonly sql: Sql,
    private readonly accounts: AccountsRepository,
    private readonly changeLog: ChangeLog,
    private readonly principals: PrincipalInvalidation,
    private readonly cascades: DeleteCascades,
  ) {}

  async create(auth: AuthContext, request: AccountCreateRequest): Promise<Account> {
    auth.assertSuperadmin('create accounts');
    const account = Object.assign(new Account(), { id: randomUUID(), name: request.name });
    const insert = async (manager: Transaction) => {
      await this.accounts.insert(manager, account);
      await this.changeLog.created(manager, actorOf(auth), 'account', subjectOf(account), AccountResponse.fromEntity(account));
      return account;
    };
    if (request.slug != null) {
      // One statement, one round trip: the account and its account.created event, all or nothing
      // (a statement is atomic, and its own transaction, whose id orders the feed). A taken slug
      // fails it on ux_accounts_slug_live and is reported as 409.
      account.slug = request.slug;
      account.status = 'active';
      const representation = AccountResponse.fromEntity({ ...account, createdAt: STAMPED_BY_THE_INSERT, updatedAt: STAMPED_BY_THE_INSERT } as Account);
      const event = this.changeLog.createdByInsert(actorOf(auth), 'account', subjectOf(account), representation, CREATED_STAMPS);
      return this.accounts.insertWithFollowUps(this.sql, account, [event]);
    }
    // A derived slug gets the first free suffix. Creates deriving from the same base take turns
    // (an advisory lock on the base); a concurrent explicit slug or rename may still take the
    // chosen one first, so retry then.
    const base = slugify(request.name);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sql.transaction(async (manager) => {
          await this.accounts.lockSlugBase(manager, base);
          account.slug = firstFreeSlug(base, await this.accounts.slugsLike(manager, base));
          return insert(manager);
        });
      } catch (error) {
        if (attempt >= SLUG_ATTEMPTS || !isSlugConflict(error)) throw error;
      }
    }
  }

  async list(auth: AuthContext, query: AccountListQuery): Promise<Page<Account>> {
    return this.accounts.listPage(auth.listScope(query.account_id), { slug: query.slug }, query);
  }

  async get(auth: AuthContext, accountId: string, queryAccountId?: string): Promise<Account> {
    const scope = this.scopeOf(auth, accountId, queryAccountId);
    return scope.load(() => this.accounts.findLiveById(accountId), accountOfAccount, accountNotFound);
  }

  async update(
    auth: AuthContext,
    accountId: string,
    request: AccountUpdateRequest,
    queryAccountId?: string,
    precondition: Precondition<Account> = Precondition.none(),
  ): Promise<Account> {
    const scope = this.scopeOf(auth, accountId, queryAccountId);
    if (request.status != null || request.deleted === true) {
      auth.assertSuperadmin("change an account's status or delete it");
    }
    auth.assertAdmin('change the account');
    const mayRemoveSuperadmin = request.status === 'suspended' || request.deleted === true;

    return this.sql.transaction(async (manager) => {
      if (mayRemoveSuperadmin) await lockSuperadminChanges(manager);
      const account = await scope.load(
        () => this.accounts.lockLiveForUpdate(manager, accountId),
        accountOfAccount,
        accountNotFound,
      );
      precondition.assertMetBy(account);
      const changes = changesFor(account, request);
      if (Object.keys(changes).length === 0) return account;
      const disables = changes.status === 'suspended' || changes.deleted;
      if (disables && !(await usableSuperadminRemains(manager, { accountId }))) {
        throw new DomainError('conflict', 'The account holding the last superadmin cannot be suspended or deleted');
      }
      const before = AccountResponse.fromEntity(account);
      // A taken slug fails on ux_accounts_slug_live and is reported as 409.
      const updated = await this.accounts.update(manager, account, changes);
      const after = AccountResponse.fromEntity(updated);
      await this.changeLog.changed(manager, actorOf(auth), 'account', subjectOf(updated), before, after, changes.deleted === true);
      if (changes.deleted) await this.cascades.accountDeleted(manager, updated.id, actorOf(auth));
      // Its keys stop (or start again) working with the account's status.
      if (changes.deleted || changes.status) await this.principals.announce(manager, { kind: 'account', id: updated.id });
      return updated;
    });
  }

  // An account's id is its own scope, so visibility is checked before the lookup: another
  // account's id is a 403 for a regular user whether or not it exists.
  private scopeOf(auth: AuthContext, accountId: string, queryAccountId: string | undefined): ResourceScope {
    const scope = auth.resourceScope(queryAccountId);
    scope.assertVisible(accountId, accountNotFound);
    return scope;
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
