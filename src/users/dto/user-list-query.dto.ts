import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { AccountScopedPageQuery } from '../../pagination/account-scoped-page-query.dto';
import { NoNulCharacters, Trim } from '../../common/text';
import { USER_STATUSES } from '../user.entity';
import type { UserStatusValue } from '../user.entity';
import { USER_STATUS_SCHEMA } from './user-status';

export const SEARCH_MAX_LENGTH = 100;

export class UserListQuery extends AccountScopedPageQuery {
  @ApiPropertyOptional({ ...USER_STATUS_SCHEMA, description: 'Only users with this status' })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatusValue;

  @ApiPropertyOptional({
    title: 'Email',
    description:
      'Only the live user(s) with this email: exact match after trimming, case-insensitive (ASCII letters, as email ' +
      'uniqueness); at most one per account',
    type: String,
    format: 'email',
    maxLength: 320,
  })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(320)
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({
    title: 'Q',
    description:
      'Only users whose email or display name starts with this text, case-insensitive (ASCII letters). ' +
      '`%`, `_` and `\\` are ordinary characters; the text is not trimmed',
    type: String,
    minLength: 1,
    maxLength: SEARCH_MAX_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(SEARCH_MAX_LENGTH)
  @NoNulCharacters()
  q?: string;
}
