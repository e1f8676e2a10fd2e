import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../database/timestamps';

export const ACCOUNT_STATUSES = ['active', 'suspended'] as const;
export type AccountStatusValue = (typeof ACCOUNT_STATUSES)[number];

@Entity({ name: 'accounts' })
@Index('ux_accounts_slug_live', { synchronize: false })
export class Account {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_accounts' })
  id: string;

  @Column({ type: 'varchar', length: 100, collation: 'C' })
  name: string;

  @Column({ type: 'varchar', length: 100, collation: 'C' })
  slug: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: AccountStatusValue;

  @timestampColumn('created_at')
  createdAt: Date;

  @timestampColumn('updated_at')
  updatedAt: Date;

  @nullableTimestampColumn('deleted_at')
  deletedAt: Date | null;
}
