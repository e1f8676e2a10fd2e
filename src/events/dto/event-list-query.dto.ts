import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AccountScopedPageQuery } from '../../pagination/account-scoped-page-query.dto';
import { EVENT_TYPES } from '../event.entity';

export const EVENT_TYPE_GROUPS = ['account.', 'user.', 'api_key.'] as const;
export const FEED_SORTS = ['created_at:asc', 'created_at:desc'] as const;

export class EventListQuery extends AccountScopedPageQuery {
  @ApiPropertyOptional({
    description:
      "The feed's order: `created_at:asc` (default, oldest first; the last page keeps a next_cursor to poll from) or `created_at:desc`",
    enum: FEED_SORTS,
  })
  @IsOptional()
  @IsIn(FEED_SORTS)
  override sort?: string = undefined;

  @ApiPropertyOptional({
    description: 'Only events of this type, or of every type with this prefix (`account.`, `user.`, `api_key.`)',
    enum: [...EVENT_TYPES, ...EVENT_TYPE_GROUPS],
  })
  @IsOptional()
  @IsIn([...EVENT_TYPES, ...EVENT_TYPE_GROUPS])
  type?: string;

  @ApiPropertyOptional({ description: 'Only events about this resource (`acc_…`, `usr_…` or `key_…`)', type: String })
  @IsOptional()
  @Matches(/^(acc|usr|key)_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'Input should be an id of the form acc_<uuid>, usr_<uuid> or key_<uuid>',
  })
  resource_id?: string;
}
