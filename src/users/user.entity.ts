import { Check, Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { HandWrittenIndexes } from '../database/hand-written-indexes';
import { Account } from '../accounts/account.entity';
import { SoftDeletableTimestamps } from '../database/timestamps';

// LEADR's UserStatus. Only `active` users authenticate; `invited` is a user that may not sign in
// yet, `suspended` one that an admin locked out.
export const USER_STATUSES = ['invited', 'active', 'suspended'] as const;
export type UserStatusValue = (typeof USER_STATUSES)[number];

// A user's role in its account: an admin manages the account's users and keys, a member reads the
// users and manages only itself and its own keys. LEADR has no roles: every user is an admin.
export const USER_ROLES = ['admin', 'member'] as const;
export type UserRoleValue = (typeof USER_ROLES)[number];

@Entity({ name: 'users' })
@HandWrittenIndexes(
  'ux_users_account_email_live',
  'ix_users_live_superadmin',
  'ix_users_live_account_id',
  'ix_users_live_account_created',
  'ix_users_live_created',
  'ix_users_live_account_created_desc',
  'ix_users_live_created_desc',
  'ix_users_live_account_updated',
  'ix_users_live_updated',
  'ix_users_live_account_email',
  'ix_users_live_email',
  'ix_users_live_account_display_name',
  'ix_users_live_display_name',
  'ix_users_live_not_active',
  'ix_users_live_lower_email',
  'ix_users_live_lower_display_name',
  'ix_users_live_account_lower_display_name',
)
@Check('ck_users_status', `status IN ('invited', 'active', 'suspended')`)
@Check('ck_users_role', `role IN ('admin', 'member')`)
export class User extends SoftDeletableTimestamps {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  @ForeignKey(() => Account, { name: 'fk_users_account' })
  accountId: string;

  @Column({ type: 'varchar', length: 320, collation: 'C' })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100, collation: 'C' })
  displayName: string;

  @Column({ name: 'super_admin', type: 'boolean', default: false })
  superAdmin: boolean;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: UserStatusValue;

  @Column({ type: 'varchar', length: 16, default: 'admin' })
  role: UserRoleValue;

  // Set when a superadmin suspended the user: only a superadmin lifts that suspension.
  @Column({ name: 'suspended_by_superadmin', type: 'boolean', default: false })
  suspendedBySuperadmin: boolean;
}
