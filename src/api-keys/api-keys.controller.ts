import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorator';
import { Authenticated } from '../auth/authenticated.decorator';
import { CREATE_API_KEY_ERRORS, GET_API_KEY_ERRORS, LIST_API_KEYS_ERRORS, UPDATE_API_KEY_ERRORS } from './api-keys.error-examples';
import { AccountScopeQuery } from '../common/account-scope-query.dto';
import { ConditionalGet, ConditionalUpdate, ETAG_RESPONSE_HEADERS, Tagged, TaggedReply } from '../common/conditional.decorator';
import { Precondition } from '../common/precondition';
import { ParsePrefixedIdPipe } from '../common/prefixed-id';
import { Idempotent, REPLAYED_RESPONSE_HEADERS } from '../idempotency/idempotent.decorator';
import { PaginatedResponse } from '../pagination/paginated-response';
import { CREATE_API_KEY, GET_API_KEY, LIST_API_KEYS, UPDATE_API_KEY } from './api-keys.docs';
import { ApiKeysService } from './api-keys.service';
import { APIKeyListQuery } from './dto/api-key-list-query.dto';
import { APIKeyResponse } from './dto/api-key-response.dto';
import { CreateAPIKeyRequest } from './dto/create-api-key-request.dto';
import { CreateAPIKeyResponse } from './dto/create-api-key-response.dto';
import { PaginatedAPIKeyResponse } from './dto/paginated-api-key-response.dto';
import { UpdateAPIKeyRequest } from './dto/update-api-key-request.dto';

const KEY_ID_PARAM = { name: 'key_id', type: String, description: 'Unique identifier for the API key (`key_<uuid>`)' };

@ApiTags('API Keys')
@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation(CREATE_API_KEY)
  @ApiCreatedResponse({ description: 'Successful Response', type: CreateAPIKeyResponse, headers: REPLAYED_RESPONSE_HEADERS })
  @Idempotent()
  @Authenticated(CREATE_API_KEY_ERRORS)
  async create(
    @Auth() auth: AuthContext,
    @Body() body: CreateAPIKeyRequest,
    @Query() query: AccountScopeQuery,
  ): Promise<CreateAPIKeyResponse> {
    const { apiKey, plainKey } = await this.apiKeys.create(auth, body, query.account_id);
    return CreateAPIKeyResponse.fromEntity(apiKey, plainKey);
  }

  @Get()
  @ApiOperation(LIST_API_KEYS)
  @ApiOkResponse({ description: 'Successful Response', type: PaginatedAPIKeyResponse })
  @Authenticated(LIST_API_KEYS_ERRORS)
  async list(@Auth() auth: AuthContext, @Query() query: APIKeyListQuery): Promise<PaginatedResponse<APIKeyResponse>> {
    const page = await this.apiKeys.list(auth, query);
    return PaginatedAPIKeyResponse.fromPage(page, APIKeyResponse.fromEntity);
  }

  @Get(':key_id')
  @ApiOperation(GET_API_KEY)
  @ApiParam(KEY_ID_PARAM)
  @ApiOkResponse({ description: 'Successful Response', type: APIKeyResponse, headers: ETAG_RESPONSE_HEADERS })
  @ConditionalGet()
  @Authenticated(GET_API_KEY_ERRORS)
  async get(
    @Auth() auth: AuthContext,
    @Tagged() tagged: TaggedReply,
    @Param('key_id', new ParsePrefixedIdPipe('key')) keyId: string,
    @Query() query: AccountScopeQuery,
  ): Promise<APIKeyResponse> {
    return tagged.reply(APIKeyResponse.fromEntity(await this.apiKeys.get(auth, keyId, query.account_id)));
  }

  @Patch(':key_id')
  @ApiOperation(UPDATE_API_KEY)
  @ApiParam(KEY_ID_PARAM)
  @ApiOkResponse({ description: 'Successful Response', type: APIKeyResponse, headers: ETAG_RESPONSE_HEADERS })
  @ConditionalUpdate()
  @Authenticated(UPDATE_API_KEY_ERRORS)
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
