import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Account } from './account.entity';

@Injectable()
export class AccountsRepository {
  // Existence check for writes that hang rows off an account: the share lock makes a concurrent
  // soft delete of the account wait for (and then include) what this transaction adds.
  async lockLive(manager: EntityManager, accountId: string): Promise<Account | null> {
    return manager
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.id = :accountId AND a.deleted_at IS NULL', { accountId })
      .setLock('pessimistic_read')
      .getOne();
  }

  async findLiveBySlug(manager: EntityManager, slug: string): Promise<Account | null> {
    return manager
      .getRepository(Account)
      .createQueryBuilder('a')
      .where('a.slug = :slug AND a.deleted_at IS NULL', { slug })
      .getOne();
  }

  async insert(manager: EntityManager, account: Account): Promise<Account> {
    await manager.getRepository(Account).insert(account);
    return account;
  }
}
