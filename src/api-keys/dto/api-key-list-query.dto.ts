import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PrefixedId } from '../../common/prefixed-id';
import { AccountScopedPageQuery } from '../../pagination/account-scoped-page-query.dto';
import { API_KEY_STATUSES } from '../api-key.entity';
import type { ApiKeyStatusValue } from '../api-key.entity';
import { API_KEY_STATUS_SCHEMA } from './api-key-status';

export class APIKeyListQuery extends AccountScopedPageQuery {
  @ApiPropertyOptional({ ...API_KEY_STATUS_SCHEMA, description: 'Only keys with this status' })
  @IsOptional()
  @IsIn(API_KEY_STATUSES)
  status?: ApiKeyStatusValue;

  @ApiPropertyOptional({ description: 'Only keys owned by this user (`usr_<uuid>`); a member sees its own keys only' })
  @IsOptional()
  @PrefixedId('usr')
  user_id?: string;

  @ApiPropertyOptional({ description: 'Only keys minted by this user (`usr_<uuid>`)' })
  @IsOptional()
  @PrefixedId('usr')
  created_by_user_id?: string;
}
