import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { HandWrittenIndexes } from '../database/hand-written-indexes';
import { SoftDeletableTimestamps } from '../database/timestamps';

export const ACCOUNT_STATUSES = ['active', 'suspended'] as const;
export type AccountStatusValue = (typeof ACCOUNT_STATUSES)[number];

@Entity({ name: 'accounts' })
@HandWrittenIndexes(
  'ux_accounts_slug_live',
  'ix_accounts_live_created',
  'ix_accounts_live_created_desc',
  'ix_accounts_live_updated',
  'ix_accounts_live_name',
)
@Check('ck_accounts_status', `status IN ('active', 'suspended')`)
export class Account extends SoftDeletableTimestamps {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_accounts' })
  id: string;

  @Column({ type: 'varchar', length: 100, collation: 'C' })
  name: string;

  @Column({ type: 'varchar', length: 100, collation: 'C' })
  slug: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: AccountStatusValue;
}
