import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Sql, Transaction } from '../database/sql/sql';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuthContext } from '../auth/auth-context';
import { PrincipalInvalidation } from '../auth/principal-invalidation';
import { DomainError, notFound } from '../common/errors';
import { Precondition } from '../common/precondition';
import { actorOf, ChangeLog, STAMPED_BY_THE_INSERT } from '../events/change-log';
import { Page } from '../pagination/paginated-response';
import { UsersRepository } from '../users/users.repository';
import { ApiKey } from './api-key.entity';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKeyChanges, ApiKeysRepository } from './api-keys.repository';
import { maxRoleMintedBy } from './key-rights';
import { APIKeyListQuery } from './dto/api-key-list-query.dto';
import { APIKeyResponse } from './dto/api-key-response.dto';
import { CreateAPIKeyRequest } from './dto/create-api-key-request.dto';
import { UpdateAPIKeyRequest } from './dto/update-api-key-request.dto';

const keyNotFound = () => notFound('API key');
// The representation's fields that the insert's database clock sets.
const CREATED_STAMPS = { created_at: 'created_at', updated_at: 'updated_at' };
const accountOfKey = (apiKey: ApiKey) => apiKey.accountId;

export interface CreatedApiKey {
  apiKey: ApiKey;
  plainKey: string;
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly sql: Sql,
    private readonly apiKeys: ApiKeysRepository,
    private readonly accounts: AccountsRepository,
    private readonly users: UsersRepository,
    private readonly hasher: ApiKeyHasher,
    private readonly changeLog: ChangeLog,
    private readonly principals: PrincipalInvalidation,
  ) {}

  // Usually one statement, one round trip (api-keys.repository.ts, insertForLiveOwner): the account
  // and the owner share-locked and checked, the key inserted and its api_key.created event written,
  // all or nothing (a statement is atomic, and its own transaction: the event carries that
  // transaction's id, the feed's order). When it inserts nothing, the transaction below finds out
  // why (404 account, 404 user, 403), the same checks one at a time; if the rows changed in between
  // and the checks pass, it creates the key itself.
  async create(auth: AuthContext, request: CreateAPIKeyRequest, queryAccountId?: string): Promise<CreatedApiKey> {
    const accountId = auth.createTarget(request.account_id, queryAccountId);
    const plainKey = this.hasher.generate();
    const apiKey = Object.assign(new ApiKey(), {
      id: randomUUID(),
      accountId,
      userId: request.user_id,
      name: request.name,
      keyHash: this.hasher.hash(plainKey),
      prefix: ApiKeyHasher.prefixOf(plainKey),
      // Set here, not left to the column defaults, so that the event's representation, made before
      // the insert, holds every field but the database's timestamps.
      status: 'active',
      lastUsedAt: null,
      expiresAt: request.expires_at != null ? new Date(request.expires_at) : null,
      maxRole: maxRoleMintedBy(auth),
      createdByKeyId: auth.apiKeyId,
      createdByUserId: auth.userId,
    });
    const representation = APIKeyResponse.fromEntity({ ...apiKey, createdAt: STAMPED_BY_THE_INSERT, updatedAt: STAMPED_BY_THE_INSERT } as ApiKey);
    const event = this.changeLog.createdByInsert(actorOf(auth), 'api_key', apiKey, representation, CREATED_STAMPS);
    const created = await this.apiKeys.insertForLiveOwner(this.sql, apiKey, auth.isSuperadmin, [event]);
    if (created) return { apiKey: created, plainKey };
    return this.sql.transaction(async (manager) => {
      if (!(await this.accounts.lockLive(manager, accountId))) {
        throw notFound('Account');
      }
      const owner = await this.users.lockLiveInAccount(manager, apiKey.userId, accountId);
      if (!owner) throw notFound('User');
      // A key carries its user's powers: minting one for a superadmin would be an escalation.
      if (owner.superAdmin && !auth.isSuperadmin) {
        throw new DomainError('forbidden', 'Only superadmins can create API keys for a superadmin user');
      }
      await this.apiKeys.insert(manager, apiKey);
      await this.changeLog.created(manager, actorOf(auth), 'api_key', apiKey, APIKeyResponse.fromEntity(apiKey));
      return { apiKey, plainKey };
    });
  }

  async list(auth: AuthContext, query: APIKeyListQuery): Promise<Page<ApiKey>> {
    return this.apiKeys.listPage(auth.listScope(query.account_id), { status: query.status }, query);
  }

  async get(auth: AuthContext, keyId: string, queryAccountId?: string): Promise<ApiKey> {
    return auth.resourceScope(queryAccountId).load(() => this.apiKeys.findLiveById(keyId), accountOfKey, keyNotFound);
  }

  async update(
    auth: AuthContext,
    keyId: string,
    request: UpdateAPIKeyRequest,
    queryAccountId?: string,
    precondition: Precondition<ApiKey> = Precondition.none(),
  ): Promise<ApiKey> {
    const scope = auth.resourceScope(queryAccountId);
    return this.sql.transaction(async (manager) => {
      const apiKey = await scope.load(() => this.apiKeys.lockLiveForUpdate(manager, keyId), accountOfKey, keyNotFound);
      await this.assertMayManage(manager, auth, apiKey);
      precondition.assertMetBy(apiKey);
      const changes = changesFor(apiKey, request);
      if (Object.keys(changes).length === 0) return apiKey;
      const before = APIKeyResponse.fromEntity(apiKey);
      const updated = await this.apiKeys.update(manager, apiKey, changes);
      const after = APIKeyResponse.fromEntity(updated);
      await this.changeLog.changed(manager, actorOf(auth), 'api_key', updated, before, after, changes.deleted === true);
      // Revoked or deleted: the key stops working.
      await this.principals.announce(manager, { kind: 'api_key', id: updated.id });
      return updated;
    });
  }

  // A superadmin's keys are managed by superadmins only, as the superadmin user itself is.
  private async assertMayManage(manager: Transaction, auth: AuthContext, apiKey: ApiKey): Promise<void> {
    if (auth.isSuperadmin) return;
    const owner = await this.users.findLiveById(apiKey.userId, manager);
    if (owner?.superAdmin) throw new DomainError('forbidden', "Only superadmins can change a superadmin's API keys");
  }
}

function changesFor(apiKey: ApiKey, request: UpdateAPIKeyRequest): ApiKeyChanges {
  const changes: ApiKeyChanges = {};
  if (request.status === 'active' && apiKey.status === 'revoked') {
    throw new DomainError('conflict', 'A revoked API key cannot be reactivated');
  }
  if (request.status === 'revoked' && apiKey.status !== 'revoked') changes.status = 'revoked';
  if (request.deleted === true) changes.deleted = true;
  return changes;
}
