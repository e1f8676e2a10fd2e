import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../database/timestamps';

@Entity({ name: 'users' })
@Index('ux_users_account_email_live', { synchronize: false })
export class User {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_users' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 320, collation: 'C' })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100, collation: 'C' })
  displayName: string;

  @Column({ name: 'super_admin', type: 'boolean', default: false })
  superAdmin: boolean;

  @timestampColumn('created_at')
  createdAt: Date;

  @timestampColumn('updated_at')
  updatedAt: Date;

  @nullableTimestampColumn('deleted_at')
  deletedAt: Date | null;
}
