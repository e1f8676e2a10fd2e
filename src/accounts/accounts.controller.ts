import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorator';
import { Authenticated } from '../auth/authenticated.decorator';
import { CREATE_ACCOUNT_ERRORS, GET_ACCOUNT_ERRORS, LIST_ACCOUNTS_ERRORS, UPDATE_ACCOUNT_ERRORS } from './accounts.error-examples';
import { AccountScopeQuery } from '../common/account-scope-query.dto';
import { ConditionalGet, ConditionalUpdate, ETAG_RESPONSE_HEADERS, Tagged, TaggedReply } from '../common/conditional.decorator';
import { Precondition } from '../common/precondition';
import { ParsePrefixedIdPipe } from '../common/prefixed-id';
import { Idempotent, REPLAYED_RESPONSE_HEADERS } from '../idempotency/idempotent.decorator';
import { PaginatedResponse } from '../pagination/paginated-response';
import { CREATE_ACCOUNT, GET_ACCOUNT, LIST_ACCOUNTS, UPDATE_ACCOUNT } from './accounts.docs';
import { AccountsService } from './accounts.service';
import { AccountCreateQuery } from './dto/account-create-query.dto';
import { AccountCreateRequest } from './dto/account-create-request.dto';
import { AccountListQuery } from './dto/account-list-query.dto';
import { AccountResponse } from './dto/account-response.dto';
import { AccountUpdateRequest } from './dto/account-update-request.dto';
import { PaginatedAccountResponse } from './dto/paginated-account-response.dto';

const ACCOUNT_ID_PARAM = { name: 'account_id', type: String, description: 'Unique identifier for the account (`acc_<uuid>`)' };

@ApiTags('Accounts')
@Controller('v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation(CREATE_ACCOUNT)
  @ApiCreatedResponse({ description: 'Successful Response', type: AccountResponse, headers: REPLAYED_RESPONSE_HEADERS })
  @Idempotent()
  @Authenticated(CREATE_ACCOUNT_ERRORS)
  async create(
    @Auth() auth: AuthContext,
    @Body() body: AccountCreateRequest,
    // Validated, and without effect: see AccountCreateQuery.
    @Query() _query: AccountCreateQuery,
  ): Promise<AccountResponse> {
    return AccountResponse.fromEntity(await this.accounts.create(auth, body));
  }

  @Get()
  @ApiOperation(LIST_ACCOUNTS)
  @ApiOkResponse({ description: 'Successful Response', type: PaginatedAccountResponse })
  @Authenticated(LIST_ACCOUNTS_ERRORS)
  async list(@Auth() auth: AuthContext, @Query() query: AccountListQuery): Promise<PaginatedResponse<AccountResponse>> {
    const page = await this.accounts.list(auth, query);
    return PaginatedAccountResponse.fromPage(page, AccountResponse.fromEntity);
  }

  @Get(':account_id')
  @ApiOperation(GET_ACCOUNT)
  @ApiParam(ACCOUNT_ID_PARAM)
  @ApiOkResponse({ description: 'Successful Response', type: AccountResponse, headers: ETAG_RESPONSE_HEADERS })
  @ConditionalGet()
  @Authenticated(GET_ACCOUNT_ERRORS)
  async get(
    @Auth() auth: AuthContext,
    @Tagged() tagged: TaggedReply,
    @Param('account_id', new ParsePrefixedIdPipe('acc')) accountId: string,
    @Query() query: AccountScopeQuery,
  ): Promise<AccountResponse> {
    return tagged.reply(AccountResponse.fromEntity(await this.accounts.get(auth, accountId, query.account_id)));
  }

  @Patch(':account_id')
  @ApiOperation(UPDATE_ACCOUNT)
  @ApiParam(ACCOUNT_ID_PARAM)
  @ApiOkResponse({ description: 'Successful Response', type: AccountResponse, headers: ETAG_RESPONSE_HEADERS })
  @ConditionalUpdate()
  @Authenticated(UPDATE_ACCOUNT_ERRORS)
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
