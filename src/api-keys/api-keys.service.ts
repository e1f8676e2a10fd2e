import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Sql, Transaction } from '../database/sql/sql';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AuthContext } from '../auth/auth-context';
import { PrincipalInvalidation } from '../auth/principal-invalidation';
import { DomainError, notFound } from '../common/errors';
import { Precondition } from '../common/precondition';
import { actorOf, ChangeLog } from '../events/change-log';
import { Page } from '../pagination/paginated-response';
import { UsersRepository } from '../users/users.repository';
import { ApiKey } from './api-key.entity';
import { ApiKeyHasher } from './api-key-hasher';
import { ApiKeyChanges, ApiKeysRepository } from './api-keys.repository';
import { assertMayMintFor, lowerMaxRole, maxRoleMintedBy, scopesMintedBy } from './key-rights';
import { RollAPIKeyRequest } from './dto/roll-api-key-request.dto';
import { APIKeyListQuery } from './dto/api-key-list-query.dto';
import { APIKeyResponse } from './dto/api-key-response.dto';
import { CreateAPIKeyRequest } from './dto/create-api-key-request.dto';
import { UpdateAPIKeyRequest } from './dto/update-api-key-request.dto';

const keyNotFound = () => notFound('API key');
const accountOfKey = (apiKey: ApiKey) => apiKey.accountId;
const memberKeysOnly = () => new DomainError('forbidden', 'Members can only manage their own API keys');

type NewKey = Pick<ApiKey, 'accountId' | 'userId' | 'name' | 'expiresAt' | 'scopes' | 'maxRole'>;

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

  async create(auth: AuthContext, request: CreateAPIKeyRequest, queryAccountId?: string): Promise<CreatedApiKey> {
    const accountId = auth.createTarget(request.account_id, queryAccountId);
    const userId = request.user_id;
    return this.sql.transaction(async (manager) => {
      if (!(await this.accounts.lockLive(manager, accountId))) {
        throw notFound('Account');
      }
      const owner = await this.users.lockLiveInAccount(manager, userId, accountId);
      if (!owner) throw notFound('User');
      // A key carries its user's powers: minting one for a superadmin would be an escalation.
      if (owner.superAdmin && !auth.isSuperadmin) {
        throw new DomainError('forbidden', 'Only superadmins can create API keys for a superadmin user');
      }
      assertMayMintFor(auth, owner);
      const scopes = scopesMintedBy(auth, request.scopes);
      const expiresAt = request.expires_at != null ? new Date(request.expires_at) : null;
      return this.mint(manager, auth, { accountId, userId, name: request.name, expiresAt, scopes, maxRole: maxRoleMintedBy(auth) });
    });
  }

  // A new key with the old one's owner, name, scopes and role limit; the old one is revoked now
  // (`expires_in_seconds` 0) or expires at the end of the grace period. Minting rules apply as to a
  // create: the roller must hold every scope of the key and may mint for its owner.
  async roll(auth: AuthContext, keyId: string, request: RollAPIKeyRequest, queryAccountId?: string): Promise<CreatedApiKey> {
    const scope = auth.resourceScope(queryAccountId);
    const grace = request.expires_in_seconds ?? 0;
    return this.sql.transaction(async (manager) => {
      const old = await scope.load(() => this.apiKeys.lockLiveForUpdate(manager, keyId), accountOfKey, keyNotFound);
      await this.assertMayManage(manager, auth, old);
      if (old.status !== 'active' || (old.expiresAt !== null && old.expiresAt.getTime() <= Date.now())) {
        throw new DomainError('conflict', 'Only an active API key can be rolled');
      }
      const owner = await this.users.lockLiveInAccount(manager, old.userId, old.accountId);
      if (!owner) throw notFound('User');
      assertMayMintFor(auth, owner);
      const scopes = scopesMintedBy(auth, old.scopes);
      const rolled = await this.mint(manager, auth, {
        accountId: old.accountId,
        userId: old.userId,
        name: old.name,
        expiresAt: old.expiresAt,
        scopes,
        maxRole: lowerMaxRole(old.maxRole, maxRoleMintedBy(auth)),
      });
      const graceEnd = new Date(Date.now() + grace * 1000);
      const changes: ApiKeyChanges =
        grace === 0 ? { status: 'revoked' } : old.expiresAt !== null && old.expiresAt <= graceEnd ? {} : { expiresAt: graceEnd };
      if (Object.keys(changes).length > 0) {
        const before = APIKeyResponse.fromEntity(old);
        const updated = await this.apiKeys.update(manager, old, changes);
        await this.changeLog.updated(manager, actorOf(auth), 'api_key', updated, before, APIKeyResponse.fromEntity(updated));
        await this.principals.announce(manager, { kind: 'api_key', id: updated.id });
      }
      return rolled;
    });
  }

  async list(auth: AuthContext, query: APIKeyListQuery): Promise<Page<ApiKey>> {
    const accountId = auth.listScope(query.account_id);
    // A member sees its own keys only.
    if (auth.isMember && query.user_id !== undefined && query.user_id !== auth.userId) throw memberKeysOnly();
    const userId = auth.isMember ? auth.userId : query.user_id;
    return this.apiKeys.listPage(accountId, { status: query.status, userId, createdByUserId: query.created_by_user_id }, query);
  }

  async get(auth: AuthContext, keyId: string, queryAccountId?: string): Promise<ApiKey> {
    const apiKey = await auth
      .resourceScope(queryAccountId)
      .load(() => this.apiKeys.findLiveById(keyId), accountOfKey, keyNotFound);
    if (auth.isMember && apiKey.userId !== auth.userId) throw memberKeysOnly();
    return apiKey;
  }

  private async mint(manager: Transaction, auth: AuthContext, key: NewKey): Promise<CreatedApiKey> {
    const plainKey = this.hasher.generate();
    const apiKey = Object.assign(new ApiKey(), {
      id: randomUUID(),
      ...key,
      keyHash: this.hasher.hash(plainKey),
      prefix: ApiKeyHasher.prefixOf(plainKey),
      createdByKeyId: auth.apiKeyId,
      createdByUserId: auth.userId,
    });
    await this.apiKeys.insert(manager, apiKey);
    await this.changeLog.created(manager, actorOf(auth), 'api_key', apiKey, APIKeyResponse.fromEntity(apiKey));
    return { apiKey, plainKey };
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

  // A superadmin's keys are managed by superadmins only, as the superadmin user itself is; a
  // member manages its own keys only.
  private async assertMayManage(manager: Transaction, auth: AuthContext, apiKey: ApiKey): Promise<void> {
    if (auth.isSuperadmin) return;
    if (auth.isMember && apiKey.userId !== auth.userId) throw memberKeysOnly();
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
