import { Controller, Headers } from '@nestjs/common';
import { Body, Param, Query } from '../common/validated-params';
import { ApiTags } from '@nestjs/swagger';
import { withReplayOwner } from '../idempotency/replay-owner';
import { Idempotency, type IdempotentRun } from '../idempotency/idempotent-run';
import { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorator';
import { CREATE_ACCOUNT_ERRORS, GET_ACCOUNT_ERRORS, LIST_ACCOUNTS_ERRORS, UPDATE_ACCOUNT_ERRORS } from './accounts.error-examples';
import { AccountScopeQuery } from '../common/account-scope-query.dto';
import { Tagged, TaggedReply } from '../common/conditional.decorator';
import { Precondition } from '../common/precondition';
import { ParsePrefixedIdPipe } from '../common/prefixed-id';
import { CreateOperation, GetOneOperation, ListOperation, UpdateOperation } from '../operations/operation.decorators';
import { PaginatedResponse } from '../pagination/paginated-response';
import { CREATE_ACCOUNT, GET_ACCOUNT, LIST_ACCOUNTS, UPDATE_ACCOUNT } from './accounts.docs';
import { AccountsService } from './accounts.service';
import { AccountCreateQuery } from './dto/account-create-query.dto';
import { AccountCreateRequest } from './dto/account-create-request.dto';
import { AccountListQuery } from './dto/account-list-query.dto';
import { AccountResponse } from './dto/account-response.dto';
import { AccountUpdateRequest } from './dto/account-update-request.dto';
import { PaginatedAccountResponse } from './dto/paginated-account-response.dto';

const ONE_ACCOUNT = {
  path: ':account_id',
  param: { name: 'account_id', type: String, description: 'Unique identifier for the account (`acc_<uuid>`)' },
};

@ApiTags('Accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @CreateOperation({ scope: 'accounts:write', docs: CREATE_ACCOUNT, response: AccountResponse, errors: CREATE_ACCOUNT_ERRORS })
  async create(
    @Auth() auth: AuthContext,
    @Idempotency() idempotency: IdempotentRun,
    @Body() body: AccountCreateRequest,
    // Validated, and without effect: see AccountCreateQuery.
    @Query() _query: AccountCreateQuery,
  ): Promise<AccountResponse> {
    return idempotency.run(async () => {
      const account = await this.accounts.create(auth, body);
      return withReplayOwner(AccountResponse.fromEntity(account), { accountId: account.id });
    });
  }

  @ListOperation({ scope: 'accounts:read', docs: LIST_ACCOUNTS, response: PaginatedAccountResponse, errors: LIST_ACCOUNTS_ERRORS })
  async list(@Auth() auth: AuthContext, @Query() query: AccountListQuery): Promise<PaginatedResponse<AccountResponse>> {
    const page = await this.accounts.list(auth, query);
    return PaginatedAccountResponse.fromPage(page, AccountResponse.fromEntity);
  }

  @GetOneOperation({ scope: 'accounts:read', ...ONE_ACCOUNT, docs: GET_ACCOUNT, response: AccountResponse, errors: GET_ACCOUNT_ERRORS, etag: true })
  async get(
    @Auth() auth: AuthContext,
    @Tagged() tagged: TaggedReply,
    @Param('account_id', new ParsePrefixedIdPipe('acc')) accountId: string,
    @Query() query: AccountScopeQuery,
  ): Promise<AccountResponse> {
    return tagged.reply(AccountResponse.fromEntity(await this.accounts.get(auth, accountId, query.account_id)));
  }

  @UpdateOperation({ scope: 'accounts:write', ...ONE_ACCOUNT, docs: UPDATE_ACCOUNT, response: AccountResponse, errors: UPDATE_ACCOUNT_ERRORS, etag: true })
  async update(
    @Auth() auth: AuthContext,
    @Tagged() tagged: TaggedReply,
    @Param('account_id', new ParsePrefixedIdPipe('acc')) accountId: string,
    @Body() body: AccountUpdateRequest,
    @Query() query: AccountScopeQuery,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<AccountResponse> {
    const precondition = Precondition.ifMatch(ifMatch, AccountResponse.fromEntity);
    return tagged.reply(AccountResponse.fromEntity(await this.accounts.update(auth, accountId, body, query.account_id, precondition)));
  }
}
