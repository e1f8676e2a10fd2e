import { ApiProperty } from '@nestjs/swagger';
import { isoTime } from '../../common/iso-time';
import { formatId, idExample } from '../../common/ids';
import { Account } from '../account.entity';
import type { AccountStatusValue } from '../account.entity';
import { ACCOUNT_STATUS_SCHEMA } from './account-status';

export class AccountResponse {
  @ApiProperty({ title: 'Id', description: 'Unique identifier for the account', example: idExample('acc') })
  id: string;

  @ApiProperty({ title: 'Name', description: 'Account name', example: 'Acme Games' })
  name: string;

  @ApiProperty({ title: 'Slug', description: 'URL-friendly identifier', example: 'acme-games' })
  slug: string;

  @ApiProperty({ ...ACCOUNT_STATUS_SCHEMA, description: 'Current account status' })
  status: AccountStatusValue;

  @ApiProperty({ title: 'Created At', description: 'Timestamp when the account was created (UTC)', format: 'date-time' })
  created_at: string;

  @ApiProperty({ title: 'Updated At', description: 'Timestamp of last update (UTC)', format: 'date-time' })
  updated_at: string;

  static fromEntity(account: Account): AccountResponse {
    return {
      id: formatId('acc', account.id),
      name: account.name,
      slug: account.slug,
      status: account.status,
      created_at: isoTime(account.createdAt),
      updated_at: isoTime(account.updatedAt),
    };
  }
}
