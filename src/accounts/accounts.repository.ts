import { Injectable } from '@nestjs/common';
import { FollowUp, insertRow, insertRowWhere, Requirement, rowsOf, StatementPart } from '../database/sql/row-query';
import { Executor, Sql } from '../database/sql/sql';
import { PageQuery } from '../pagination/page-query.dto';
import { Page } from '../pagination/paginated-response';
import { newestFirstList, PaginationService } from '../pagination/pagination.service';
import { updateById } from '../database/sql/row-updates';
import { Account, AccountStatusValue } from './account.entity';

const ACCOUNTS_LIST = newestFirstList('accounts', { name: 'name', slug: 'slug' });

export interface AccountFilters {
  slug?: string;
}

export interface AccountChanges {
  name?: string;
  slug?: string;
  status?: AccountStatusValue;
  deleted?: true;
}

// The requirement of a row inserted into an account in one statement (insertRowWhere): the account
// is live, and stays so until the statement commits (share-locked, like lockLive).
const LIVE_ACCOUNT: StatementPart = {
  sql: 'SELECT 1 FROM accounts WHERE id = CAST(:r_account_id AS uuid) AND deleted_at IS NULL FOR SHARE',
};
export const LIVE_ACCOUNT_OF_NEW_ROW = (accountId: string): Requirement => ({ part: LIVE_ACCOUNT, params: { r_account_id: accountId } });
const NOTHING_REQUIRED: Requirement = { part: { sql: 'SELECT 1' }, params: {} };

@Injectable()
export class AccountsRepository {
  constructor(
    private readonly sql: Sql,
    private readonly pagination: PaginationService,
  ) {}

  // The GETs' reads (Sql.reads: maybe a replica).
  async findLiveById(id: string): Promise<Account | null> {
    return this.live(this.sql.reads()).andWhere('a.id = :id', { id }).getOne();
  }

  // Existence check for writes that hang rows off an account: the share lock makes a concurrent
  // soft delete of the account wait for (and then include) what this transaction adds.
  // One statement: the account, with the follow-ups (its event) reading the inserted row.
  async insertWithFollowUps(db: Executor, account: Account, followUps: FollowUp[]): Promise<Account> {
    const inserted = await insertRowWhere(db, Account, account, NOTHING_REQUIRED, followUps);
    if (!inserted) throw new Error('An unconditional insert inserted nothing');
    return inserted;
  }

  async lockLive(db: Executor, accountId: string): Promise<Account | null> {
    return this.live(db).andWhere('a.id = :accountId', { accountId }).setLock('pessimistic_read').getOne();
  }

  async lockLiveForUpdate(db: Executor, accountId: string): Promise<Account | null> {
    return this.live(db).andWhere('a.id = :accountId', { accountId }).setLock('pessimistic_write').getOne();
  }

  async findLiveBySlug(db: Executor, slug: string): Promise<Account | null> {
    return this.live(db).andWhere('a.slug = :slug', { slug }).getOne();
  }

  async lockSlugBase(db: Executor, base: string): Promise<void> {
    await db.rows(`SELECT pg_advisory_xact_lock(hashtext('account-slug:' || $1))`, [base]);
  }

  // Live slugs equal to `base` or of the form `base-…`, to pick a free suffix from.
  async slugsLike(db: Executor, base: string): Promise<Set<string>> {
    const rows = await db.rows<{ slug: string }>(
      `SELECT slug FROM accounts WHERE deleted_at IS NULL AND (slug = $1 OR starts_with(slug, $1 || '-'))`,
      [base],
    );
    return new Set(rows.map((row) => row.slug));
  }

  // `accountId` null: every account (a superadmin's list).
  async listPage(accountId: string | null, filters: AccountFilters, page: PageQuery): Promise<Page<Account>> {
    return this.pagination.paginate(
      this.live(this.sql.reads()),
      ACCOUNTS_LIST,
      { id: accountId, slug: filters.slug },
      page,
    );
  }

  async insert(db: Executor, account: Account): Promise<Account> {
    return insertRow(db, Account, account);
  }

  // Applies the changes to a locked, live account and returns it as stored. (The users and keys of
  // a deleted account go with it through the change log's cascades.)
  async update(db: Executor, account: Account, changes: AccountChanges): Promise<Account> {
    const { deleted, ...values } = changes;
    const stamps = await updateById(db, Account, account.id, values, deleted === true);
    return Object.assign(account, values, stamps);
  }

  private live(db: Executor) {
    return rowsOf(db, Account, 'a').andWhere('a.deleted_at IS NULL');
  }
}
