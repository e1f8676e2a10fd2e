import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AccountScopedPageQuery } from '../../pagination/account-scoped-page-query.dto';
import { USER_STATUSES } from '../user.entity';
import type { UserStatusValue } from '../user.entity';
import { USER_STATUS_SCHEMA } from './user-status';

export class UserListQuery extends AccountScopedPageQuery {
  @ApiPropertyOptional({ ...USER_STATUS_SCHEMA, description: 'Only users with this status' })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatusValue;
}
