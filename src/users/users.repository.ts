import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PageQuery } from '../pagination/page-query.dto';
import { Page } from '../pagination/paginated-response';
import { PaginationService } from '../pagination/pagination.service';
import { SortableFields } from '../pagination/sort';
import { User } from './user.entity';

export const USER_SORT_FIELDS: SortableFields = {
  id: { column: 'id', property: 'id', kind: 'uuid' },
  email: { column: 'email', property: 'email', kind: 'text' },
  display_name: { column: 'display_name', property: 'displayName', kind: 'text' },
  created_at: { column: 'created_at', property: 'createdAt', kind: 'timestamp' },
  updated_at: { column: 'updated_at', property: 'updatedAt', kind: 'timestamp' },
};

// Serialises every change that could remove a superadmin, so "is this the last one?" stays true
// until the change commits.
const SUPERADMIN_LOCK_ID = 4_217_002;

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

  async findLiveById(id: string): Promise<User | null> {
    return this.live(this.dataSource.manager).andWhere('u.id = :id', { id }).getOne();
  }

  async lockLiveById(manager: EntityManager, id: string): Promise<User | null> {
    return this.live(manager).andWhere('u.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async liveSuperadminExists(manager: EntityManager): Promise<boolean> {
    return this.live(manager).andWhere('u.super_admin').getExists();
  }

  async lockSuperadmins(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SUPERADMIN_LOCK_ID]);
  }

  async countLiveSuperadmins(manager: EntityManager): Promise<number> {
    return this.live(manager).andWhere('u.super_admin').getCount();
  }

  async listPage(accountId: string | null, page: PageQuery): Promise<Page<User>> {
    const query = this.live(this.dataSource.manager);
    if (accountId !== null) query.andWhere('u.account_id = :accountId', { accountId });
    return this.pagination.paginate(
      query,
      {
        resource: 'users',
        fields: USER_SORT_FIELDS,
        defaultSort: [
          { field: 'created_at', direction: 'desc' },
          { field: 'id', direction: 'asc' },
        ],
        filters: { account_id: accountId },
      },
      page,
    );
  }

  async insert(manager: EntityManager, user: User): Promise<User> {
    await manager.getRepository(User).insert(user);
    return user;
  }

  // Applies the changes to a locked, live user and returns it as stored.
  async update(manager: EntityManager, user: User, changes: UserChanges): Promise<User> {
    const result = await manager
      .createQueryBuilder()
      .update(User)
      .set({
        ...(changes.email !== undefined && { email: changes.email }),
        ...(changes.displayName !== undefined && { displayName: changes.displayName }),
        ...(changes.superAdmin !== undefined && { superAdmin: changes.superAdmin }),
        ...(changes.deleted && { deletedAt: () => 'now()' }),
        updatedAt: () => 'now()',
      })
      .where('id = :id', { id: user.id })
      .returning('updated_at, deleted_at')
      .execute();
    const row = (result.raw as Array<{ updated_at: Date; deleted_at: Date | null }>)[0];
    return Object.assign(user, {
      email: changes.email ?? user.email,
      displayName: changes.displayName ?? user.displayName,
      superAdmin: changes.superAdmin ?? user.superAdmin,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at,
    });
  }

  private live(manager: EntityManager) {
    return manager.getRepository(User).createQueryBuilder('u').where('u.deleted_at IS NULL');
  }
}
