import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../database/timestamps';

export const API_KEY_STATUSES = ['active', 'revoked'] as const;
export type ApiKeyStatusValue = (typeof API_KEY_STATUSES)[number];

@Entity({ name: 'api_keys' })
@Index('ux_api_keys_key_hash', { synchronize: false })
export class ApiKey {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_api_keys' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'user_id', type: 'uuid' })
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

  @timestampColumn('created_at')
  createdAt: Date;

  @timestampColumn('updated_at')
  updatedAt: Date;

  @nullableTimestampColumn('deleted_at')
  deletedAt: Date | null;
}
