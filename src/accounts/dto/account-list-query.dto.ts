import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { idExample } from '../../common/ids';
import { IsPrefixedId } from '../../common/prefixed-id';
import { NoNulCharacters } from '../../common/text';
import { PageQuery } from '../../pagination/page-query.dto';

export class AccountListQuery extends PageQuery {
  @ApiPropertyOptional({ title: 'Slug', description: 'Only the account with this slug', type: String })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoNulCharacters()
  slug?: string;

  @ApiPropertyOptional({
    title: 'Account Id',
    description: 'Only this account (regular users: only their own)',
    type: String,
    example: idExample('acc'),
  })
  @IsOptional()
  @IsString()
  @IsPrefixedId('acc')
  account_id?: string;
}
