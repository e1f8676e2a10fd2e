import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { idExample } from '../../common/ids';
import { IsPrefixedId } from '../../common/prefixed-id';
import { PageQuery } from '../../pagination/page-query.dto';
import { API_KEY_STATUSES } from '../api-key.entity';
import type { ApiKeyStatusValue } from '../api-key.entity';
import { API_KEY_STATUS_SCHEMA } from './api-key-status';

export class APIKeyListQuery extends PageQuery {
  @ApiPropertyOptional({
    title: 'Account Id',
    description: 'Superadmins: limit to one account (omit for all). Regular users: only their own account.',
    type: String,
    example: idExample('acc'),
  })
  @IsOptional()
  @IsString()
  @IsPrefixedId('acc')
  account_id?: string;

  @ApiPropertyOptional({ ...API_KEY_STATUS_SCHEMA, description: 'Only keys with this status' })
  @IsOptional()
  @IsIn(API_KEY_STATUSES)
  status?: ApiKeyStatusValue;
}
