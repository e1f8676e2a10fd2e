import { Controller, Headers } from '@nestjs/common';
import { Body, Param, Query } from '../common/validated-params';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { withReplayOwner } from '../idempotency/replay-owner';
import { Idempotency, type IdempotentRun } from '../idempotency/idempotent-run';
import { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorator';
import { CREATE_API_KEY_ERRORS, GET_API_KEY_ERRORS, LIST_API_KEYS_ERRORS, ROLL_API_KEY_ERRORS, UPDATE_API_KEY_ERRORS } from './api-keys.error-examples';
import { AccountScopeQuery } from '../common/account-scope-query.dto';
import { Tagged, TaggedReply } from '../common/conditional.decorator';
import { Precondition } from '../common/precondition';
import { ParsePrefixedIdPipe } from '../common/prefixed-id';
import { CreateOperation, GetOneOperation, ListOperation, UpdateOperation } from '../operations/operation.decorators';
import { PaginatedResponse } from '../pagination/paginated-response';
import { CREATE_API_KEY, GET_API_KEY, LIST_API_KEYS, ROLL_API_KEY, UPDATE_API_KEY } from './api-keys.docs';
import { RollAPIKeyRequest } from './dto/roll-api-key-request.dto';
import { ApiKeysService } from './api-keys.service';
import { APIKeyListQuery } from './dto/api-key-list-query.dto';
import { APIKeyResponse } from './dto/api-key-response.dto';
import { CreateAPIKeyRequest } from './dto/create-api-key-request.dto';
import { CreateAPIKeyResponse } from './dto/create-api-key-response.dto';
import { PaginatedAPIKeyResponse } from './dto/paginated-api-key-response.dto';
import { UpdateAPIKeyRequest } from './dto/update-api-key-request.dto';

const ONE_KEY = {
  path: ':key_id',
  param: { name: 'key_id', type: String, description: 'Unique identifier for the API key (`key_<uuid>`)' },
};

@ApiTags('API Keys')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @CreateOperation({ scope: 'api_keys:write', docs: CREATE_API_KEY, response: CreateAPIKeyResponse, errors: CREATE_API_KEY_ERRORS })
  async create(
    @Auth() auth: AuthContext,
    @Idempotency() idempotency: IdempotentRun,
    @Body() body: CreateAPIKeyRequest,
    @Query() query: AccountScopeQuery,
  ): Promise<CreateAPIKeyResponse> {
    return idempotency.run(async () => {
      const { apiKey, plainKey } = await this.apiKeys.create(auth, body, query.account_id);
      return withReplayOwner(CreateAPIKeyResponse.fromEntity(apiKey, plainKey), apiKey);
    });
  }

  @CreateOperation({ scope: 'api_keys:write', path: ':key_id/roll', docs: ROLL_API_KEY, response: CreateAPIKeyResponse, errors: ROLL_API_KEY_ERRORS })
  @ApiParam(ONE_KEY.param)
  async roll(
    @Auth() auth: AuthContext,
    @Idempotency() idempotency: IdempotentRun,
    @Param('key_id', new ParsePrefixedIdPipe('key')) keyId: string,
    @Body() body: RollAPIKeyRequest,
    @Query() query: AccountScopeQuery,
  ): Promise<CreateAPIKeyResponse> {
    return idempotency.run(async () => {
      const { apiKey, plainKey } = await this.apiKeys.roll(auth, keyId, body, query.account_id);
      return withReplayOwner(CreateAPIKeyResponse.fromEntity(apiKey, plainKey), apiKey);
    });
  }

  @ListOperation({ scope: 'api_keys:read', docs: LIST_API_KEYS, response: PaginatedAPIKeyResponse, errors: LIST_API_KEYS_ERRORS })
  async list(@Auth() auth: AuthContext, @Query() query: APIKeyListQuery): Promise<PaginatedResponse<APIKeyResponse>> {
    const page = await this.apiKeys.list(auth, query);
    return PaginatedAPIKeyResponse.fromPage(page, APIKeyResponse.fromEntity);
  }

  @GetOneOperation({ scope: 'api_keys:read', ...ONE_KEY, docs: GET_API_KEY, response: APIKeyResponse, errors: GET_API_KEY_ERRORS, etag: true })
  async get(
    @Auth() auth: AuthContext,
    @Tagged() tagged: TaggedReply,
    @Param('key_id', new ParsePrefixedIdPipe('key')) keyId: string,
    @Query() query: AccountScopeQuery,
  ): Promise<APIKeyResponse> {
    return tagged.reply(APIKeyResponse.fromEntity(await this.apiKeys.get(auth, keyId, query.account_id)));
  }

  @UpdateOperation({ scope: 'api_keys:write', ...ONE_KEY, docs: UPDATE_API_KEY, response: APIKeyResponse, errors: UPDATE_API_KEY_ERRORS, etag: true })
  async update(
    @Auth() auth: AuthContext,
    @Tagged() tagged: TaggedReply,
    @Param('key_id', new ParsePrefixedIdPipe('key')) keyId: string,
    @Body() body: UpdateAPIKeyRequest,
    @Query() query: AccountScopeQuery,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<APIKeyResponse> {
    const precondition = Precondition.ifMatch(ifMatch, APIKeyResponse.fromEntity);
    return tagged.reply(APIKeyResponse.fromEntity(await this.apiKeys.update(auth, keyId, body, query.account_id, precondition)));
  }
}
