import { ApiPropertyOptional } from '@nestjs/swagger';
import { AccountScopeQuery } from '../../common/account-scope-query.dto';

// LEADR's contract gives every admin operation the optional `account_id` query parameter. On
// account creation there is nothing for it to narrow or to disagree with (the account does not
// exist yet, and creating one is for superadmins, who may name any account), so it is validated
// like everywhere else and otherwise has no effect.
export class AccountCreateQuery extends AccountScopeQuery {
  @ApiPropertyOptional({
    title: 'Account Id',
    description:
      'Accepted for compatibility with the other admin operations; has no effect here, since the account is being created',
    type: String,
  })
  override account_id?: string = undefined;
}
