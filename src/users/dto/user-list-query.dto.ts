import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { idExample } from '../../common/ids';
import { IsPrefixedId } from '../../common/prefixed-id';
import { PageQuery } from '../../pagination/page-query.dto';

export class UserListQuery extends PageQuery {
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
}
