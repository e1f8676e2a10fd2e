import createClient, { type Client } from 'openapi-fetch';
import { LeadrApiError } from './errors';
import { Paginated } from './pagination';
import type { components, paths } from './schema';

type Schemas = components['schemas'];
export type User = Schemas['UserResponse'];
export type Account = Schemas['AccountResponse'];
export type ApiKey = Schemas['APIKeyResponse'];
export type CreatedApiKey = Schemas['CreateAPIKeyResponse'];
export type Health = Schemas['HealthResponse'];
export type ResourceEvent = Schemas['EventResponse'];

type QueryOf<Path extends keyof paths, Method extends 'get' | 'post' | 'patch'> = NonNullable<
  NonNullable<paths[Path][Method]> extends { parameters: { query?: infer Q } } ? Q : never
>;
// A list's filters, sort and page size; the cursor is the iterator's business.
export type UserListQuery = Omit<QueryOf<'/v1/users', 'get'>, 'cursor'>;
export type AccountListQuery = Omit<QueryOf<'/v1/accounts', 'get'>, 'cursor'>;
export type ApiKeyListQuery = Omit<QueryOf<'/v1/api-keys', 'get'>, 'cursor'>;
export type EventListQuery = Omit<QueryOf<'/v1/events', 'get'>, 'cursor'>;
// The optional account_id that single-resource operations accept to narrow the lookup.
export type AccountScope = { account_id?: string };

export interface LeadrClientOptions {
  // The server's address, e.g. http://leadr-admin:3000
  baseUrl: string;
  // Sent as the leadr-api-key header on every request.
  apiKey: string;
  // Extra headers on every request (an x-request-id, say).
  headers?: Record<string, string>;
  fetch?: (request: Request) => Promise<Response>;
}

interface Result<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

// The data of a 2xx answer, or a LeadrApiError with the status and detail of any other.
async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  throw LeadrApiError.fromResponse(response, error);
}

export class LeadrClient {
  // The typed openapi-fetch client underneath, for anything the methods below do not cover.
  readonly raw: Client<paths>;

  constructor(options: LeadrClientOptions) {
    this.raw = createClient<paths>({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      headers: { ...options.headers, 'leadr-api-key': options.apiKey },
      ...(options.fetch && { fetch: options.fetch }),
    });
  }

  readonly users = {
    list: (query: UserListQuery = {}): Paginated<User> =>
      new Paginated((cursor) => unwrap(this.raw.GET('/v1/users', { params: { query: { ...query, cursor } } }))),
    get: (userId: string, query: AccountScope = {}): Promise<User> =>
      unwrap(this.raw.GET('/v1/users/{user_id}', { params: { path: { user_id: userId }, query } })),
    create: (body: Schemas['UserCreateRequest'], query: AccountScope = {}): Promise<User> =>
      unwrap(this.raw.POST('/v1/users', { params: { query }, body })),
    update: (userId: string, body: Schemas['UserUpdateRequest'], query: AccountScope = {}): Promise<User> =>
      unwrap(this.raw.PATCH('/v1/users/{user_id}', { params: { path: { user_id: userId }, query }, body })),
  };

  readonly accounts = {
    list: (query: AccountListQuery = {}): Paginated<Account> =>
      new Paginated((cursor) => unwrap(this.raw.GET('/v1/accounts', { params: { query: { ...query, cursor } } }))),
    get: (accountId: string, query: AccountScope = {}): Promise<Account> =>
      unwrap(this.raw.GET('/v1/accounts/{account_id}', { params: { path: { account_id: accountId }, query } })),
    create: (body: Schemas['AccountCreateRequest'], query: AccountScope = {}): Promise<Account> =>
      unwrap(this.raw.POST('/v1/accounts', { params: { query }, body })),
    update: (accountId: string, body: Schemas['AccountUpdateRequest'], query: AccountScope = {}): Promise<Account> =>
      unwrap(this.raw.PATCH('/v1/accounts/{account_id}', { params: { path: { account_id: accountId }, query }, body })),
  };

  readonly apiKeys = {
    list: (query: ApiKeyListQuery = {}): Paginated<ApiKey> =>
      new Paginated((cursor) => unwrap(this.raw.GET('/v1/api-keys', { params: { query: { ...query, cursor } } }))),
    get: (keyId: string, query: AccountScope = {}): Promise<ApiKey> =>
      unwrap(this.raw.GET('/v1/api-keys/{key_id}', { params: { path: { key_id: keyId }, query } })),
    // The answer holds the key itself, once.
    create: (body: Schemas['CreateAPIKeyRequest'], query: AccountScope = {}): Promise<CreatedApiKey> =>
      unwrap(this.raw.POST('/v1/api-keys', { params: { query }, body })),
    update: (keyId: string, body: Schemas['UpdateAPIKeyRequest'], query: AccountScope = {}): Promise<ApiKey> =>
      unwrap(this.raw.PATCH('/v1/api-keys/{key_id}', { params: { path: { key_id: keyId }, query }, body })),
    revoke: (keyId: string, query: AccountScope = {}): Promise<ApiKey> =>
      unwrap(this.raw.PATCH('/v1/api-keys/{key_id}', { params: { path: { key_id: keyId }, query }, body: { status: 'revoked' } })),
    // A new key replacing this one (the answer holds it, once); the old one stops now or after
    // `expires_in_seconds`.
    roll: (keyId: string, body: Schemas['RollAPIKeyRequest'] = {}, query: AccountScope = {}): Promise<CreatedApiKey> =>
      unwrap(this.raw.POST('/v1/api-keys/{key_id}/roll', { params: { path: { key_id: keyId }, query }, body })),
  };

  // The audit trail and change feed. The iterator ends at the newest event; to follow the feed, keep
  // the last page's next_cursor (from .pages()) and list again from it with `raw`.
  readonly events = {
    list: (query: EventListQuery = {}): Paginated<ResourceEvent> =>
      new Paginated((cursor) => unwrap(this.raw.GET('/v1/events', { params: { query: { ...query, cursor } } }))),
    get: (eventId: string, query: AccountScope = {}): Promise<ResourceEvent> =>
      unwrap(this.raw.GET('/v1/events/{event_id}', { params: { path: { event_id: eventId }, query } })),
  };

  // 200 healthy; a 503 (database unreachable) throws a LeadrApiError with status 503.
  health(): Promise<Health> {
    return unwrap(this.raw.GET('/v1/health'));
  }
}

export function createLeadrClient(options: LeadrClientOptions): LeadrClient {
  return new LeadrClient(options);
}
