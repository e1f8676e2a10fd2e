import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { HandWrittenIndexes } from '../database/hand-written-indexes';
import { Account } from '../accounts/account.entity';
import { User } from '../users/user.entity';
import { nullableTimestampColumn, SoftDeletableTimestamps } from '../database/timestamps';

export const API_KEY_STATUSES = ['active', 'revoked'] as const;
export type ApiKeyStatusValue = (typeof API_KEY_STATUSES)[number];

@Entity({ name: 'api_keys' })
@HandWrittenIndexes(
  'ux_api_keys_key_hash',
  'ix_api_keys_user',
  'ix_api_keys_live_account_id',
  'ix_api_keys_live_account_created',
  'ix_api_keys_live_created',
  'ix_api_keys_live_account_created_desc',
  'ix_api_keys_live_created_desc',
  'ix_api_keys_live_account_updated',
  'ix_api_keys_live_updated',
  'ix_api_keys_live_account_name',
  'ix_api_keys_live_name',
)
@Check('ck_api_keys_status', `status IN ('active', 'revoked')`)
export class ApiKey extends SoftDeletableTimestamps {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_keys' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  @ForeignKey(() => Account, { name: 'fk_api_keys_account' })
  accountId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey(() => User, { name: 'fk_api_keys_user' })
  userId: string;

  @Column({ type: 'varchar', length: 100, collation: 'C' })
  name: string;

  // Hex HMAC-SHA256 of the key; the key itself is never stored.
  @Column({ name: 'key_hash', type: 'char', length: 64, select: false })
  keyHash: string;

  @Column({ type: 'varchar', length: 8 })
  prefix: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: ApiKeyStatusValue;

  @nullableTimestampColumn('last_used_at')
  lastUsedAt: Date | null;

  @nullableTimestampColumn('expires_at')
  expiresAt: Date | null;
}
