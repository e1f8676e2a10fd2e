export {
  createLeadrClient,
  LeadrClient,
  type Account,
  type AccountListQuery,
  type AccountScope,
  type ApiKey,
  type ApiKeyListQuery,
  type CreatedApiKey,
  type EventListQuery,
  type Health,
  type LeadrClientOptions,
  type ResourceEvent,
  type User,
  type UserListQuery,
} from './client';
export { LeadrApiError, type ValidationIssue } from './errors';
export { Paginated, type Page, type PaginationMeta } from './pagination';
export type { components, operations, paths } from './schema';
