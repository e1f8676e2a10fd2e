import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorator';
import { Authenticated } from '../auth/authenticated.decorator';
import { CREATE_USER_ERRORS, GET_USER_ERRORS, LIST_USERS_ERRORS, UPDATE_USER_ERRORS } from './users.error-examples';
import { AccountScopeQuery } from '../common/account-scope-query.dto';
import { ConditionalGet, ConditionalUpdate, ETAG_RESPONSE_HEADERS, Tagged, TaggedReply } from '../common/conditional.decorator';
import { Precondition } from '../common/precondition';
import { ParsePrefixedIdPipe } from '../common/prefixed-id';
import { Idempotent, REPLAYED_RESPONSE_HEADERS } from '../idempotency/idempotent.decorator';
import { PaginatedResponse } from '../pagination/paginated-response';
import { PaginatedUserResponse } from './dto/paginated-user-response.dto';
import { UserCreateRequest } from './dto/user-create-request.dto';
import { UserListQuery } from './dto/user-list-query.dto';
import { UserResponse } from './dto/user-response.dto';
import { UserUpdateRequest } from './dto/user-update-request.dto';
import { CREATE_USER, GET_USER, LIST_USERS, UPDATE_USER } from './users.docs';
import { UsersService } from './users.service';

@ApiTags('Users')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation(CREATE_USER)
  @ApiCreatedResponse({ description: 'Successful Response', type: UserResponse, headers: REPLAYED_RESPONSE_HEADERS })
  @Idempotent()
  @Authenticated(CREATE_USER_ERRORS)
  async create(
    @Auth() auth: AuthContext,
    @Body() body: UserCreateRequest,
    @Query() query: AccountScopeQuery,
  ): Promise<UserResponse> {
    return UserResponse.fromEntity(await this.users.create(auth, body, query.account_id));
  }

  @Get()
  @ApiOperation(LIST_USERS)
  @ApiOkResponse({ description: 'Successful Response', type: PaginatedUserResponse })
  @Authenticated(LIST_USERS_ERRORS)
  async list(@Auth() auth: AuthContext, @Query() query: UserListQuery): Promise<PaginatedResponse<UserResponse>> {
    const page = await this.users.list(auth, query);
    return PaginatedUserResponse.fromPage(page, UserResponse.fromEntity);
  }

  @Get(':user_id')
  @ApiOperation(GET_USER)
  @ApiParam({ name: 'user_id', type: String, description: 'Unique identifier for the user (`usr_<uuid>`)' })
  @ApiOkResponse({ description: 'Successful Response', type: UserResponse, headers: ETAG_RESPONSE_HEADERS })
  @ConditionalGet()
  @Authenticated(GET_USER_ERRORS)
  async get(
    @Auth() auth: AuthContext,
    @Tagged() tagged: TaggedReply,
    @Param('user_id', new ParsePrefixedIdPipe('usr')) userId: string,
    @Query() query: AccountScopeQuery,
  ): Promise<UserResponse> {
    return tagged.reply(UserResponse.fromEntity(await this.users.get(auth, userId, query.account_id)));
  }

  @Patch(':user_id')
  @ApiOperation(UPDATE_USER)
  @ApiParam({ name: 'user_id', type: String, description: 'Unique identifier for the user (`usr_<uuid>`)' })
  @ApiOkResponse({ description: 'Successful Response', type: UserResponse, headers: ETAG_RESPONSE_HEADERS })
  @ConditionalUpdate()
  @Authenticated(UPDATE_USER_ERRORS)
  async update(
    @Auth() auth: AuthContext,
    @Tagged() tagged: TaggedReply,
    @Param('user_id', new ParsePrefixedIdPipe('usr')) userId: string,
    @Body() body: UserUpdateRequest,
    @Query() query: AccountScopeQuery,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<UserResponse> {
    const precondition = Precondition.ifMatch(ifMatch, UserResponse.fromEntity);
    return tagged.reply(UserResponse.fromEntity(await this.users.update(auth, userId, body, query.account_id, precondition)));
  }
}
