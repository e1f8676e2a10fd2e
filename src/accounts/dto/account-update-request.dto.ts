import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NameText } from '../../common/text';
import { ACCOUNT_STATUSES } from '../account.entity';
import type { AccountStatusValue } from '../account.entity';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../slug';
import { ACCOUNT_STATUS_SCHEMA } from './account-status';

// Every field is optional; null means "leave unchanged".
export class AccountUpdateRequest {
  @ApiPropertyOptional({ title: 'Name', description: 'Updated account name', type: String, nullable: true, minLength: 2, maxLength: 100 })
  @IsOptional()
  @NameText(2, 100)
  name?: string | null;

  @ApiPropertyOptional({
    title: 'Slug',
    description: 'Updated URL-friendly identifier',
    type: String,
    nullable: true,
    pattern: SLUG_PATTERN.source,
    maxLength: SLUG_MAX_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MaxLength(SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, { message: 'slug may contain only lowercase letters, digits and hyphens' })
  slug?: string | null;

  @ApiPropertyOptional({
    ...ACCOUNT_STATUS_SCHEMA,
    description: 'Account status (active, suspended, deleted)',
    nullable: true,
  })
  @IsOptional()
  @IsIn(ACCOUNT_STATUSES)
  status?: AccountStatusValue | null;

  @ApiPropertyOptional({ title: 'Deleted', description: 'Set to true to soft delete the account', type: Boolean, nullable: true })
  @IsOptional()
  @IsBoolean()
  deleted?: boolean | null;
}
