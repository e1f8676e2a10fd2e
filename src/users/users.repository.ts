import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PageQuery } from '../pagination/page-query.dto';
import { Page } from '../pagination/paginated-response';
import { newestFirstList, PaginationService } from '../pagination/pagination.service';
import { softDeleteLive, updateById } from '../database/row-updates';
import { User, USER_STATUSES, UserStatusValue } from './user.entity';

const USERS_LIST = newestFirstList('users', { email: 'email', display_name: 'displayName' });

// The status filter is also written into the SQL as a literal (from this fixed list, never from
// request text). Statements are prepared once per SQL text and may then run on a generic plan, and
// a generic plan for `status = $n` can neither use ix_users_live_not_active nor know that
// `suspended` is rare: it walks a sort index instead (28 ms instead of 0.1 ms on 200k users). With
// the literal, each status has its own statement; PostgreSQL reduces the filter's own
// `status = $n` to a one-time check against the literal.
const STATUS_CONDITIONS = new Map(USER_STATUSES.map((status) => [status, `u.status = '${status}'`]));

export interface UserFilters {
  status?: UserStatusValue;
}

export interface UserChanges {
  email?: string;
  displayName?: string;
  superAdmin?: boolean;
  status?: UserStatusValue;
  deleted?: true;
}

@Injectable()
export class UsersRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pagination: PaginationService,
  ) {}

  async findLiveById(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return this.live(manager).andWhere('u.id = :id', { id }).getOne();
  }

  // A live user of the account, share-locked so it cannot be deleted while a key is added to it.
  async lockLiveInAccount(manager: EntityManager, id: string, accountId: string): Promise<User | null> {
    return this.live(manager)
      .andWhere('u.id = :id AND u.account_id = :accountId', { id, accountId })
      .setLock('pessimistic_read')
      .getOne();
  }

  async lockLiveById(manager: EntityManager, id: string): Promise<User | null> {
    return this.live(manager).andWhere('u.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async liveSuperadminExists(manager: EntityManager): Promise<boolean> {
    return this.live(manager).andWhere('u.super_admin').getExists();
  }

  // `accountId` null: every account (a superadmin's list).
  async listPage(accountId: string | null, filters: UserFilters, page: PageQuery): Promise<Page<User>> {
    const query = this.live(this.dataSource.manager);
    if (filters.status != null) {
      const condition = STATUS_CONDITIONS.get(filters.status);
      if (condition === undefined) throw new Error(`Unknown user status ${String(filters.status)}`);
      query.andWhere(condition);
    }
    return this.pagination.paginate(query, USERS_LIST, { account_id: accountId, status: filters.status }, page);
  }

  async insert(manager: EntityManager, user: User): Promise<User> {
    await manager.getRepository(User).insert(user);
    return user;
  }

  // Applies the changes to a locked, live user and returns it as stored. (Its keys go with a deleted
  // user through the change log's cascades.)
  async update(manager: EntityManager, user: User, changes: UserChanges): Promise<User> {
    const { deleted, ...values } = changes;
    const stamps = await updateById(manager, User, user.id, values, deleted === true);
    return Object.assign(user, values, stamps);
  }

  async softDeleteLiveInAccount(manager: EntityManager, accountId: string): Promise<User[]> {
    return softDeleteLive(manager, User, 'account_id', accountId);
  }

  private live(manager: EntityManager) {
    return manager.getRepository(User).createQueryBuilder('u').where('u.deleted_at IS NULL');
  }
}
