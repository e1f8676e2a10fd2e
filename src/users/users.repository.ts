import { Injectable } from '@nestjs/common';
import { Executor, Sql } from '../database/sql/sql';
import { EqualsIgnoringCase, PrefixOfAnyIgnoringCase } from '../pagination/list-filters';
import { PageQuery } from '../pagination/page-query.dto';
import { Page } from '../pagination/paginated-response';
import { newestFirstList, PaginationService } from '../pagination/pagination.service';
import { FollowUp, insertRow, insertRowWhere, rowsOf } from '../database/sql/row-query';
import { LIVE_ACCOUNT_OF_NEW_ROW } from '../accounts/accounts.repository';
import { softDeleteLive, updateById } from '../database/sql/row-updates';
import { User, USER_STATUSES, UserRoleValue, UserStatusValue } from './user.entity';

const USERS_LIST = newestFirstList('users', { email: 'email', display_name: 'displayName' });
const SEARCHED_COLUMNS = ['email', 'display_name'];
// Up to this many matches per searched column, a q search is answered from the matching ids.
export const SEARCH_CANDIDATES_LIMIT = 1000;

// The status filter is also written into the SQL as a literal (from this fixed list, never from
// request text). Statements are prepared once per SQL text and may then run on a generic plan, and
// a generic plan for `status = $n` can neither use ix_users_live_not_active nor know that
// `suspended` is rare: it walks a sort index instead (28 ms instead of 0.1 ms on 200k users). With
// the literal, each status has its own statement; PostgreSQL reduces the filter's own
// `status = $n` to a one-time check against the literal.
const STATUS_CONDITIONS = new Map(USER_STATUSES.map((status) => [status, `u.status = '${status}'`]));

export interface UserFilters {
  status?: UserStatusValue;
  // Exact email, case-insensitive.
  email?: string;
  // Case-insensitive prefix of the email or the display name.
  q?: string;
}

export interface UserChanges {
  email?: string;
  displayName?: string;
  superAdmin?: boolean;
  status?: UserStatusValue;
  role?: UserRoleValue;
  suspendedBySuperadmin?: boolean;
  deleted?: true;
}

@Injectable()
export class UsersRepository {
  constructor(
    private readonly sql: Sql,
    private readonly pagination: PaginationService,
  ) {}

  // A staleness-tolerant read unless the caller passes its transaction (Sql.reads: maybe a replica).
  async findLiveById(id: string, db: Executor = this.sql.reads()): Promise<User | null> {
    return this.live(db).andWhere('u.id = :id', { id }).getOne();
  }

  // A live user of the account, share-locked so it cannot be deleted while a key is added to it.
  async lockLiveInAccount(db: Executor, id: string, accountId: string): Promise<User | null> {
    return this.live(db)
      .andWhere('u.id = :id AND u.account_id = :accountId', { id, accountId })
      .setLock('pessimistic_read')
      .getOne();
  }

  async lockLiveById(db: Executor, id: string): Promise<User | null> {
    return this.live(db).andWhere('u.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async liveSuperadminExists(db: Executor): Promise<boolean> {
    return this.live(db).andWhere('u.super_admin').getExists();
  }

  // `accountId` null: every account (a superadmin's list).
  async listPage(accountId: string | null, filters: UserFilters, page: PageQuery): Promise<Page<User>> {
    const search = filters.q != null ? new PrefixOfAnyIgnoringCase(SEARCHED_COLUMNS, filters.q) : null;
    const query = this.live(this.sql.reads());
    if (filters.status != null) {
      const condition = STATUS_CONDITIONS.get(filters.status);
      if (condition === undefined) throw new Error(`Unknown user status ${String(filters.status)}`);
      query.andWhere(condition);
    }
    // An email filter alone picks at most one user per account through lower(email)'s index.
    const candidates = search && filters.email == null ? await this.searchCandidates(accountId, search) : null;
    if (candidates) query.andWhere('u.id = ANY(CAST(:candidates AS uuid[]))', { candidates });
    return this.pagination.paginate(
      query,
      USERS_LIST,
      {
        account_id: accountId,
        status: filters.status,
        email: filters.email != null ? new EqualsIgnoringCase('email', filters.email) : null,
        q: search,
      },
      page,
    );
  }

  // A prefix no more than SEARCH_CANDIDATES_LIMIT users match per column is rare: its matches are
  // read from the indexes on lower(email) and lower(display_name), and the page is then sorted from
  // those ids alone, whatever the sort (walking the sort's index would pass most of the list before
  // finding a page of them). A common prefix returns null and is left to the planner, which walks
  // the sort's index and stops after one page. The ids only narrow the scan: they are every match
  // at this moment, and the q filter itself is still applied, and bound to the cursor, by paginate().
  private async searchCandidates(accountId: string | null, search: PrefixOfAnyIgnoringCase): Promise<string[] | null> {
    const ids = new Set<string>();
    // One column after the other: a common prefix usually shows on the first, and the second is
    // then not read at all.
    for (const column of search.columns) {
      const range = search.rangeOf('u', column, 'search_');
      const query = this.live(this.sql.reads()).andWhere(range.sql, range.params);
      if (accountId !== null) query.andWhere('u.account_id = :accountId', { accountId });
      // Ordered by the indexed expression, so the planner reads that index and stops at the limit.
      const rows = await query
        .orderBy(`lower(u.${column})`)
        .limit(SEARCH_CANDIDATES_LIMIT + 1)
        .getRawMany<{ id: string }>('u.id AS id');
      if (rows.length > SEARCH_CANDIDATES_LIMIT) return null;
      for (const row of rows) ids.add(row.id);
    }
    return [...ids];
  }

  async insert(db: Executor, user: User): Promise<User> {
    return insertRow(db, User, user);
  }

  // One statement: the user is inserted if its account is live, with the follow-ups (its event)
  // reading the inserted row; null (nothing written) when the account is missing or deleted. The
  // account row is share-locked by the statement, as lockLive does in a transaction: an account
  // delete (which locks it FOR UPDATE, then soft-deletes the account's users) either waits for this
  // statement to commit and then deletes its user too, or commits first and this statement, which
  // re-reads the locked row after the wait, finds it deleted and inserts nothing.
  async insertIntoLiveAccount(db: Executor, user: User, followUps: FollowUp[]): Promise<User | null> {
    return insertRowWhere(db, User, user, LIVE_ACCOUNT_OF_NEW_ROW(user.accountId), followUps);
  }

  // Applies the changes to a locked, live user and returns it as stored. (Its keys go with a deleted
  // user through the change log's cascades.)
  async update(db: Executor, user: User, changes: UserChanges): Promise<User> {
    const { deleted, ...values } = changes;
    const stamps = await updateById(db, User, user.id, values, deleted === true);
    return Object.assign(user, values, stamps);
  }

  async softDeleteLiveInAccount(db: Executor, accountId: string): Promise<User[]> {
    return softDeleteLive(db, User, 'account_id', accountId);
  }

  private live(db: Executor) {
    return rowsOf(db, User, 'u').andWhere('u.deleted_at IS NULL');
  }
}
