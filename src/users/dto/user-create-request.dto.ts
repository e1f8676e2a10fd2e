import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { USER_ROLES } from '../user.entity';
import type { UserRoleValue } from '../user.entity';
import { USER_ROLE_SCHEMA } from './user-role';
import { PrefixedId } from '../../common/prefixed-id';
import { idExample } from '../../common/ids';
import { NameText, Trim } from '../../common/text';

export class UserCreateRequest {
  @ApiProperty({ title: 'Account Id', description: 'ID of the account this user belongs to', example: idExample('acc') })
  @IsDefined()
  @PrefixedId('acc')
  account_id: string;

  @ApiProperty({
    title: 'Email',
    description: "User's email address (must be valid email format)",
    format: 'email',
    example: 'user@example.com',
  })
  @Trim()
  @IsDefined()
  @IsString()
  @MaxLength(320)
  @IsEmail()
  email: string;

  @ApiProperty({
    title: 'Display Name',
    description: "User's display name (2-100 characters)",
    minLength: 2,
    maxLength: 100,
    example: 'Ada Lovelace',
  })
  @IsDefined()
  @NameText(2, 100)
  display_name: string;

  @ApiPropertyOptional({
    ...USER_ROLE_SCHEMA,
    description: "The user's role in its account (admin if omitted, as every LEADR user is)",
    nullable: true,
  })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRoleValue | null;
}
