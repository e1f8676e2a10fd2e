import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AccountScopedPageQuery } from '../../pagination/account-scoped-page-query.dto';
import { NoNulCharacters } from '../../common/text';

export class AccountListQuery extends AccountScopedPageQuery {
  @ApiPropertyOptional({ title: 'Slug', description: 'Only the account with this slug', type: String })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoNulCharacters()
  slug?: string;
}
