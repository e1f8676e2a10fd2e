import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { HandWrittenIndexes } from '../database/hand-written-indexes';
import { Account } from '../accounts/account.entity';
import { User } from '../users/user.entity';
import { nullableTimestampColumn, SoftDeletableTimestamps } from '../database/timestamps';
import { API_KEY_SCOPES, ApiKeyScope } from '../auth/scopes';

export const API_KEY_STATUSES = ['active', 'revoked'] as const;
export type ApiKeyStatusValue = (typeof API_KEY_STATUSES)[number];

// The most a key may act as: 'superadmin' follows its owner's role (keys minted by a superadmin);
// 'user' is confined to its account whatever its owner becomes (keys minted by a regular user).
export const API_KEY_MAX_ROLES = ['superadmin', 'user'] as const;
export type ApiKeyMaxRole = (typeof API_KEY_MAX_ROLES)[number];

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
  'ix_api_keys_live_created_by_user',
)
@Check('ck_api_keys_status', `status IN ('active', 'revoked')`)
@Check('ck_api_keys_max_role', `max_role IN ('superadmin', 'user')`)
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

  @Column({ name: 'max_role', type: 'varchar', length: 16, default: 'user' })
  maxRole: ApiKeyMaxRole;

  // What the key may do (auth/scopes.ts); every scope unless the minter restricted it.
  @Column({ type: 'text', array: true, default: () => `'{${API_KEY_SCOPES.join(',')}}'` })
  scopes: ApiKeyScope[];

  // Who minted the key: the caller's key and user; null for the first-start bootstrap key.
  @Column({ name: 'created_by_key_id', type: 'uuid', nullable: true })
  @ForeignKey(() => ApiKey, { name: 'fk_api_keys_created_by_key' })
  createdByKeyId: string | null;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  @ForeignKey(() => User, { name: 'fk_api_keys_created_by_user' })
  createdByUserId: string | null;

  @nullableTimestampColumn('last_used_at')
  lastUsedAt: Date | null;

  @nullableTimestampColumn('expires_at')
  expiresAt: Date | null;
}
