import { Controller, Headers } from '@nestjs/common';
import { Body, Param, Query } from '../common/validated-params';
import { ApiTags } from '@nestjs/swagger';
import { withReplayOwner } from '../idempotency/replay-owner';
import { Idempotency, type IdempotentRun } from '../idempotency/idempotent-run';
import { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorator';
import { CREATE_USER_ERRORS, GET_USER_ERRORS, LIST_USERS_ERRORS, UPDATE_USER_ERRORS } from './users.error-examples';
import { AccountScopeQuery } from '../common/account-scope-query.dto';
import { Tagged, TaggedReply } from '../common/conditional.decorator';
import { Precondition } from '../common/precondition';
import { ParsePrefixedIdPipe } from '../common/prefixed-id';
import { CreateOperation, GetOneOperation, ListOperation, UpdateOperation } from '../operations/operation.decorators';
import { PaginatedResponse } from '../pagination/paginated-response';
import { PaginatedUserResponse } from './dto/paginated-user-response.dto';
import { UserCreateRequest } from './dto/user-create-request.dto';
import { UserListQuery } from './dto/user-list-query.dto';
import { UserResponse } from './dto/user-response.dto';
import { UserUpdateRequest } from './dto/user-update-request.dto';
import { CREATE_USER, GET_USER, LIST_USERS, UPDATE_USER } from './users.docs';
import { UsersService } from './users.service';

const ONE_USER = {
  path: ':user_id',
  param: { name: 'user_id', type: String, description: 'Unique identifier for the user (`usr_<uuid>`)' },
};

@ApiTags('Users')
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @CreateOperation({ scope: 'users:write', docs: CREATE_USER, response: UserResponse, errors: CREATE_USER_ERRORS })
  async create(
    @Auth() auth: AuthContext,
    @Idempotency() idempotency: IdempotentRun,
    @Body() body: UserCreateRequest,
    @Query() query: AccountScopeQuery,
  ): Promise<UserResponse> {
    return idempotency.run(async () => {
      const user = await this.users.create(auth, body, query.account_id);
      return withReplayOwner(UserResponse.fromEntity(user), user);
    });
  }

  @ListOperation({ scope: 'users:read', docs: LIST_USERS, response: PaginatedUserResponse, errors: LIST_USERS_ERRORS })
  async list(@Auth() auth: AuthContext, @Query() query: UserListQuery): Promise<PaginatedResponse<UserResponse>> {
    const page = await this.users.list(auth, query);
    return PaginatedUserResponse.fromPage(page, UserResponse.fromEntity);
  }

  @GetOneOperation({ scope: 'users:read', ...ONE_USER, docs: GET_USER, response: UserResponse, errors: GET_USER_ERRORS, etag: true })
  async get(
    @Auth() auth: AuthContext,
    @Tagged() tagged: TaggedReply,
    @Param('user_id', new ParsePrefixedIdPipe('usr')) userId: string,
    @Query() query: AccountScopeQuery,
  ): Promise<UserResponse> {
    return tagged.reply(UserResponse.fromEntity(await this.users.get(auth, userId, query.account_id)));
  }

  @UpdateOperation({ scope: 'users:write', ...ONE_USER, docs: UPDATE_USER, response: UserResponse, errors: UPDATE_USER_ERRORS, etag: true })
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
