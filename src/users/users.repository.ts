import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PageQuery } from '../pagination/page-query.dto';
import { Page } from '../pagination/paginated-response';
import { newestFirstList, PaginationService } from '../pagination/pagination.service';
import { softDeleteLive, updateById } from '../database/row-updates';
import { User } from './user.entity';

const USERS_LIST = newestFirstList('users', { email: 'email', display_name: 'displayName' });

export interface UserChanges {
  email?: string;
  displayName?: string;
  superAdmin?: boolean;
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
  async listPage(accountId: string | null, page: PageQuery): Promise<Page<User>> {
    return this.pagination.paginate(this.live(this.dataSource.manager), USERS_LIST, { account_id: accountId }, page);
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
