import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { NameText, Trim } from '../../common/text';
import { USER_ROLES, USER_STATUSES } from '../user.entity';
import type { UserRoleValue } from '../user.entity';
import { USER_ROLE_SCHEMA } from './user-role';
import type { UserStatusValue } from '../user.entity';
import { USER_STATUS_SCHEMA } from './user-status';

// Every field is optional; null means "leave unchanged", as in LEADR.
export class UserUpdateRequest {
  @ApiPropertyOptional({
    title: 'Email',
    description: 'Updated email address',
    format: 'email',
    type: String,
    nullable: true,
  })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(320)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({
    title: 'Display Name',
    description: 'Updated display name',
    type: String,
    nullable: true,
    minLength: 2,
    maxLength: 100,
  })
  @IsOptional()
  @NameText(2, 100)
  display_name?: string | null;

  @ApiPropertyOptional({
    title: 'Super Admin',
    description: 'Set superadmin privileges (true/false)',
    type: Boolean,
    nullable: true,
  })
  @IsOptional()
  @IsBoolean()
  super_admin?: boolean | null;

  @ApiPropertyOptional({
    ...USER_STATUS_SCHEMA,
    description:
      'User status (INVITED, ACTIVE, SUSPENDED). Only active users authenticate: the API keys of an invited ' +
      'or suspended user are refused with 403 until it is active again, and then work as before. Changing ' +
      'it follows the same rules as the other fields. A user cannot set its own status to invited or ' +
      'suspended (403); the last active superadmin in an active account cannot be made inactive (409).',
    nullable: true,
  })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatusValue | null;

  @ApiPropertyOptional({
    ...USER_ROLE_SCHEMA,
    description:
      "The user's role in its account. Only an admin of the account or a superadmin changes it (403). Demoting " +
      'an admin to member revokes every API key it minted for another user, in the same change.',
    nullable: true,
  })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRoleValue | null;

  @ApiPropertyOptional({
    title: 'Deleted',
    description: 'Set to true to soft delete the user',
    type: Boolean,
    nullable: true,
  })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean | null;
}
