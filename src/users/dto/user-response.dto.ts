import { ApiProperty } from '@nestjs/swagger';
import { isoTime } from '../../common/iso-time';
import { formatId, idExample } from '../../common/ids';
import { User } from '../user.entity';
import type { UserRoleValue, UserStatusValue } from '../user.entity';
import { USER_ROLE_SCHEMA } from './user-role';
import { USER_STATUS_SCHEMA } from './user-status';

export class UserResponse {
  @ApiProperty({ title: 'Id', description: 'Unique identifier for the user', example: idExample('usr') })
  id: string;

  @ApiProperty({ title: 'Account Id', description: 'ID of the account this user belongs to', example: idExample('acc') })
  account_id: string;

  @ApiProperty({ title: 'Email', description: "User's email address", example: 'user@example.com' })
  email: string;

  @ApiProperty({ title: 'Display Name', description: "User's display name", example: 'Ada Lovelace' })
  display_name: string;

  @ApiProperty({ title: 'Super Admin', description: 'Whether this user has superadmin privileges' })
  super_admin: boolean;

  @ApiProperty({ ...USER_STATUS_SCHEMA, description: "User's current status (INVITED, ACTIVE, SUSPENDED)" })
  status: UserStatusValue;

  @ApiProperty({ ...USER_ROLE_SCHEMA, description: "The user's role in its account (admin or member)" })
  role: UserRoleValue;

  @ApiProperty({ title: 'Created At', description: 'Timestamp when the user was created (UTC)', format: 'date-time' })
  created_at: string;

  @ApiProperty({ title: 'Updated At', description: 'Timestamp of last update (UTC)', format: 'date-time' })
  updated_at: string;

  static fromEntity(user: User): UserResponse {
    return {
      id: formatId('usr', user.id),
      account_id: formatId('acc', user.accountId),
      email: user.email,
      display_name: user.displayName,
      super_admin: user.superAdmin,
      status: user.status,
      role: user.role,
      created_at: isoTime(user.createdAt),
      updated_at: isoTime(user.updatedAt),
    };
  }
}
