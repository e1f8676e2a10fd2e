import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PrefixedId } from './prefixed-id';

// The contract's optional `account_id` query parameter: on lists it picks the account to list
// (superadmins may omit it for all accounts; regular users may name only their own), on single
// resources it narrows the lookup to that account.
// No example value: Swagger UI's "Try it out" would pre-fill it and filter on an account that does
// not exist.
export class AccountScopeQuery {
  @ApiPropertyOptional({
    title: 'Account Id',
    description: 'Limit to this account; superadmins may omit it for all accounts, regular users may name only their own',
    type: String,
  })
  @IsOptional()
  @PrefixedId('acc')
  account_id?: string; // a bare UUID once the request pipe has run
}
