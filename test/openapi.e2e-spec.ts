import { createTestApp, TestApp } from './helpers/test-app';

interface Operation {
  summary: string;
  description: string;
  operationId: string;
  tags: string[];
  security?: Array<Record<string, string[]>>;
  parameters: Array<{ name: string; in: string; required?: boolean; schema: Record<string, unknown> }>;
  responses: Record<string, { content?: { 'application/json': { schema: Record<string, unknown> } } }>;
  requestBody?: { content: { 'application/json': { schema: { $ref: string } } } };
}

describe('OpenAPI document and Swagger UI', () => {
  let t: TestApp;
  let document: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>; securitySchemes: Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await createTestApp();
    const response = await t.http().get('/openapi.json');
    expect(response.status).toBe(200);
    document = response.body;
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves Swagger UI at /docs without an API key', async () => {
    const response = await t.http().get('/docs').redirects(1);
    expect(response.status).toBe(200);
    expect(response.text).toContain('swagger-ui');
  });

  it('declares the API key as an apiKey security scheme in the leadr-api-key header', async () => {
    expect(document.components.securitySchemes['leadr-api-key']).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'leadr-api-key',
    });
  });

  it('names the schemas as the contract does', async () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining([
        'UserCreateRequest',
        'UserUpdateRequest',
        'UserResponse',
        'PaginatedResponse_UserResponse_',
        'PaginationMeta',
        'HTTPValidationError',
        'ValidationError',
      ]),
    );
    const schemas = document.components.schemas;
    expect(Object.keys(schemas.UserResponse.properties!).sort()).toEqual(
      ['account_id', 'created_at', 'display_name', 'email', 'id', 'role', 'status', 'super_admin', 'updated_at'].sort(),
    );
    expect(schemas.UserCreateRequest.required!.sort()).toEqual(['account_id', 'display_name', 'email']);
    expect(Object.keys(schemas.UserUpdateRequest.properties!).sort()).toEqual(
      ['deleted', 'display_name', 'email', 'role', 'status', 'super_admin'].sort(),
    );
    expect(Object.keys(schemas.PaginatedResponse_UserResponse_.properties!).sort()).toEqual(['data', 'pagination']);
    expect(schemas.PaginationMeta.required!.sort()).toEqual(['count', 'has_next', 'has_prev']);
    expect(Object.keys(schemas.HTTPValidationError.properties!)).toEqual(['detail']);
  });

  it.each([
    ['/v1/users', 'post', 'Create User', 'create_user_v1_users_post', ['201', '400', '401', '403', '404', '409', '422', '429'], 'UserResponse'],
    ['/v1/users', 'get', 'List Users', 'list_users_v1_users_get', ['200', '400', '401', '403', '422', '429'], 'PaginatedResponse_UserResponse_'],
    ['/v1/users/{user_id}', 'get', 'Get User', 'get_user_v1_users__user_id__get', ['200', '304', '401', '403', '404', '422', '429'], 'UserResponse'],
    ['/v1/users/{user_id}', 'patch', 'Update User', 'update_user_v1_users__user_id__patch', ['200', '401', '403', '404', '409', '412', '422', '429'], 'UserResponse'],
  ])('documents %s %s as "%s"', async (path, method, summary, operationId, statuses, schema) => {
    const operation = document.paths[path][method];
    expect(operation.summary).toBe(summary);
    expect(operation.operationId).toBe(operationId);
    expect(operation.tags).toEqual(['Users']);
    expect(operation.security).toEqual([{ 'leadr-api-key': [] }]);
    expect(Object.keys(operation.responses).sort()).toEqual(statuses);
    const success = operation.responses[statuses[0]].content!['application/json'].schema;
    expect(success.$ref).toBe(`#/components/schemas/${schema}`);
    expect(operation.responses['422'].content!['application/json'].schema.$ref).toBe(
      '#/components/schemas/HTTPValidationError',
    );
    const parameters = operation.parameters.map((p) => `${p.in}:${p.name}`);
    expect(parameters).toEqual(
      expect.arrayContaining(['query:account_id', 'header:leadr-api-key', 'header:authorization', 'header:leadr-client-nonce']),
    );
    if (path.includes('{user_id}')) expect(parameters).toContain('path:user_id');
  });

  it.each([
    ['/v1/accounts', 'post', 'Create Account', 'Accounts', ['201', '401', '403', '409', '422', '429'], 'AccountResponse'],
    ['/v1/accounts', 'get', 'List Accounts', 'Accounts', ['200', '400', '401', '403', '422', '429'], 'PaginatedResponse_AccountResponse_'],
    ['/v1/accounts/{account_id}', 'get', 'Get Account', 'Accounts', ['200', '304', '401', '403', '404', '422', '429'], 'AccountResponse'],
    ['/v1/accounts/{account_id}', 'patch', 'Update Account', 'Accounts', ['200', '401', '403', '404', '409', '412', '422', '429'], 'AccountResponse'],
    ['/v1/api-keys', 'post', 'Create Api Key', 'API Keys', ['201', '400', '401', '403', '404', '409', '422', '429'], 'CreateAPIKeyResponse'],
    ['/v1/api-keys', 'get', 'List Api Keys', 'API Keys', ['200', '400', '401', '403', '422', '429'], 'PaginatedResponse_APIKeyResponse_'],
    ['/v1/api-keys/{key_id}', 'get', 'Get Api Key', 'API Keys', ['200', '304', '401', '403', '404', '422', '429'], 'APIKeyResponse'],
    ['/v1/api-keys/{key_id}', 'patch', 'Update Api Key', 'API Keys', ['200', '401', '403', '404', '409', '412', '422', '429'], 'APIKeyResponse'],
  ])('documents %s %s as "%s" under %s', async (path, method, summary, tag, statuses, schema) => {
    const operation = document.paths[path][method];
    expect(operation.summary).toBe(summary);
    expect(operation.tags).toEqual([tag]);
    expect(operation.security).toEqual([{ 'leadr-api-key': [] }]);
    expect(Object.keys(operation.responses).sort()).toEqual(statuses);
    expect(operation.responses[statuses[0]].content!['application/json'].schema.$ref).toBe(`#/components/schemas/${schema}`);
  });

  it('names the accounts and API-key schemas as LEADR does, with no secret in any response but creation', async () => {
    const schemas = document.components.schemas;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining([
        'AccountCreateRequest',
        'AccountResponse',
        'AccountUpdateRequest',
        'AccountStatus',
        'CreateAPIKeyRequest',
        'CreateAPIKeyResponse',
        'APIKeyResponse',
        'UpdateAPIKeyRequest',
        'APIKeyStatus',
        'PaginatedResponse_AccountResponse_',
        'PaginatedResponse_APIKeyResponse_',
      ]),
    );
    expect(Object.keys(schemas.APIKeyResponse.properties!)).not.toContain('key');
    expect(JSON.stringify(schemas)).not.toContain('key_hash');
    expect(Object.keys(schemas.CreateAPIKeyResponse.properties!)).toContain('key');
  });

  it('copies the contract’s descriptions and documents the list parameters', async () => {
    const list = document.paths['/v1/users'].get;
    expect(list.description).toContain('For superadmins, account_id is optional - if omitted, returns users from all accounts.');
    expect(list.description).toContain('Valid sort fields: id, email, display_name, created_at, updated_at');
    const limit = list.parameters.find((p) => p.name === 'limit')!;
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 20 });
    expect(list.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['cursor', 'sort', 'limit']));
    expect(document.paths['/v1/users'].post.requestBody!.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/UserCreateRequest',
    );
  });

  it('gives query filters no example, so Swagger UI’s "Try it out" does not pre-fill them', async () => {
    for (const path of ['/v1/users', '/v1/accounts', '/v1/api-keys']) {
      for (const parameter of document.paths[path].get.parameters.filter((p) => p.in === 'query')) {
        expect({ path, name: parameter.name, example: parameter.schema.example }).toEqual({
          path,
          name: parameter.name,
          example: undefined,
        });
      }
    }
  });

  it.each(['/v1/users', '/v1/accounts', '/v1/api-keys'])('documents Idempotency-Key on POST %s', async (path) => {
    const operation = document.paths[path].post;
    const header = operation.parameters.find((p) => p.in === 'header' && p.name === 'idempotency-key')!;
    expect(header).toMatchObject({ required: false, schema: { type: 'string', minLength: 1, maxLength: 255 } });
    expect((header as { description?: string }).description).toContain('24 hours');
    const created = operation.responses['201'] as { headers?: Record<string, unknown> };
    expect(Object.keys(created.headers ?? {})).toEqual(['Idempotent-Replayed']);
    const conflicts = (operation.responses['409'] as unknown as { content: { 'application/json': { examples: Record<string, { value: unknown }> } } })
      .content['application/json'].examples;
    expect(Object.values(conflicts).map((e) => e.value)).toContainEqual({
      detail: 'A request with this Idempotency-Key is still being processed',
    });
    for (const method of ['get', 'patch']) {
      for (const [, operations] of Object.entries(document.paths).filter(([p]) => p.startsWith(path))) {
        const other = operations[method];
        if (other) expect(other.parameters.map((p) => p.name)).not.toContain('idempotency-key');
      }
    }
  });

  it.each(['/v1/users/{user_id}', '/v1/accounts/{account_id}', '/v1/api-keys/{key_id}'])(
    'documents ETag, If-None-Match (304) and If-Match (412) on %s',
    async (path) => {
      const headerNames = (operation: Operation) => operation.parameters.filter((p) => p.in === 'header').map((p) => p.name);
      const { get, patch } = document.paths[path];
      expect(headerNames(get)).toContain('if-none-match');
      expect(headerNames(get)).not.toContain('if-match');
      expect(headerNames(patch)).toContain('if-match');
      for (const operation of [get, patch]) {
        const ok = operation.responses['200'] as { headers?: Record<string, unknown> };
        expect(Object.keys(ok.headers ?? {})).toEqual(['ETag']);
      }
      expect(get.responses['304']).toBeDefined();
      expect(get.responses['304'].content).toBeUndefined();
      expect(patch.responses['412'].content!['application/json'].schema.$ref).toBe('#/components/schemas/HTTPError');
    },
  );

  it('documents the 429 of every authenticated operation with Retry-After and the RateLimit fields', async () => {
    let operations = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (operation.security === undefined) continue;
        operations++;
        const tooMany = operation.responses['429'] as { description?: string; headers?: Record<string, unknown> } | undefined;
        expect({ path, method, headers: Object.keys(tooMany?.headers ?? {}) }).toEqual({
          path,
          method,
          headers: ['Retry-After', 'RateLimit-Policy', 'RateLimit'],
        });
        expect(tooMany!.description).toContain('Rate limit exceeded');
      }
    }
    expect(operations).toBeGreaterThanOrEqual(13);
  });

  it('adds no ETag headers to the lists', async () => {
    for (const path of ['/v1/users', '/v1/accounts', '/v1/api-keys']) {
      const list = document.paths[path].get;
      expect(list.parameters.map((p) => p.name)).not.toEqual(expect.arrayContaining(['if-none-match']));
      expect(Object.keys(list.responses)).not.toContain('304');
    }
  });

  it('gives users LEADR\'s status: one shared UserStatus schema, in the response, the update and the list filter', async () => {
    const schemas = document.components.schemas as Record<string, Record<string, unknown>>;
    expect(schemas.UserStatus).toMatchObject({
      type: 'string',
      enum: ['invited', 'active', 'suspended'],
      description: 'User status enum.\n\nRepresents the lifecycle state of a user.',
    });
    const ref = { $ref: '#/components/schemas/UserStatus' };
    const response = schemas.UserResponse as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(response.properties.status).toMatchObject({ allOf: [ref] });
    expect(response.required).toContain('status');
    const update = schemas.UserUpdateRequest as { properties: Record<string, Record<string, unknown>>; required?: string[] };
    expect(update.properties.status).toMatchObject({ allOf: [ref], nullable: true });
    expect(update.properties.status.description).toEqual(expect.stringContaining('cannot set its own status'));
    expect(update.required ?? []).not.toContain('status');
    const filter = document.paths['/v1/users'].get.parameters.find((p) => p.in === 'query' && p.name === 'status');
    expect(filter).toMatchObject({ required: false, schema: ref });
  });

  it('documents health as public', async () => {
    expect(document.paths['/v1/health'].get.security).toBeUndefined();
    expect(document.paths['/v1/health'].get.summary).toBe('Health Check');
  });

  it('documents the event feed, its schemas and every event type', async () => {
    const list = document.paths['/v1/events'].get;
    expect(list.summary).toBe('List Events');
    expect(Object.keys(list.responses).sort()).toEqual(['200', '400', '401', '403', '410', '422', '429']);
    expect(list.responses['200'].content!['application/json'].schema.$ref).toBe('#/components/schemas/PaginatedResponse_EventResponse_');
    expect(list.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['query:account_id', 'query:type', 'query:resource_id', 'query:cursor', 'query:limit', 'query:sort']),
    );
    const one = document.paths['/v1/events/{event_id}'].get;
    expect(one.responses['200'].content!['application/json'].schema.$ref).toBe('#/components/schemas/EventResponse');
    const event = document.components.schemas.EventResponse;
    expect(Object.keys(event.properties!).sort()).toEqual(
      ['account_id', 'actor', 'changes', 'created_at', 'data', 'id', 'resource_id', 'type'].sort(),
    );
    expect((document.components.schemas.EventType as unknown as { enum: string[] }).enum).toEqual([
      'account.created',
      'account.updated',
      'account.deleted',
      'user.created',
      'user.updated',
      'user.deleted',
      'api_key.created',
      'api_key.updated',
      'api_key.deleted',
    ]);
  });
});

