import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { idExample } from './ids';
import { IsPrefixedId } from './prefixed-id';

// The contract's optional `account_id` query parameter on single-resource operations.
export class AccountScopeQuery {
  @ApiPropertyOptional({ title: 'Account Id', type: String, example: idExample('acc') })
  @IsOptional()
  @IsString()
  @IsPrefixedId('acc')
  account_id?: string;
}
