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
import { assertMayMintFor, lowerMaxRole, maxRoleMintedBy, scopesMintedBy } from './key-rights';
import { RollAPIKeyRequest } from './dto/roll-api-key-request.dto';
import { APIKeyListQuery } from './dto/api-key-list-query.dto';
import { APIKeyResponse } from './dto/api-key-response.dto';
import { CreateAPIKeyRequest } from './dto/create-api-key-request.dto';
import { UpdateAPIKeyRequest } from './dto/update-api-key-request.dto';

const keyNotFound = () => notFound('API key');
// The representation's fields that the insert's database clock sets.
const CREATED_STAMPS = { created_at: 'created_at', updated_at: 'updated_at' };
const accountOfKey = (apiKey: ApiKey) => apiKey.accountId;

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

  // Usually one statement, one round trip (api-keys.repository.ts, insertForLiveOwner): the account
  // and the owner share-locked and checked (with the minting rules a non-superadmin is held to: an
  // active owner, and a member's own user), the key inserted and its api_key.created event written,
  // all or nothing (a statement is atomic, and its own transaction: the event carries that
  // transaction's id, the feed's order). When it inserts nothing, the transaction below finds out
  // why (404 account, 404 user, 403), the same checks one at a time; if the rows changed in between
  // and the checks pass, it creates the key itself.
  async create(auth: AuthContext, request: CreateAPIKeyRequest, queryAccountId?: string): Promise<CreatedApiKey> {
    const accountId = auth.createTarget(request.account_id, queryAccountId);
    const key: NewKey = {
      accountId,
      userId: request.user_id,
      name: request.name,
      expiresAt: request.expires_at != null ? new Date(request.expires_at) : null,
      scopes: scopesMintedBy(auth, request.scopes),
      maxRole: maxRoleMintedBy(auth),
    };
    const { apiKey, plainKey } = this.newKey(auth, key);
    const representation = APIKeyResponse.fromEntity({ ...apiKey, createdAt: STAMPED_BY_THE_INSERT, updatedAt: STAMPED_BY_THE_INSERT } as ApiKey);
    const event = this.changeLog.createdByInsert(actorOf(auth), 'api_key', apiKey, representation, CREATED_STAMPS);
    const created = await this.apiKeys.insertForLiveOwner(this.sql, apiKey, auth, [event]);
    if (created) return { apiKey: created, plainKey };
    return this.sql.transaction(async (manager) => {
      if (!(await this.accounts.lockLive(manager, accountId))) {
        throw notFound('Account');
      }
      const owner = await this.users.lockLiveInAccount(manager, key.userId, accountId);
      if (!owner) throw notFound('User');
      // A key carries its user's powers: minting one for a superadmin would be an escalation.
      if (owner.superAdmin && !auth.isSuperadmin) {
        throw new DomainError('forbidden', 'Only superadmins can create API keys for a superadmin user');
      }
      assertMayMintFor(auth, owner);
      return this.mint(manager, auth, key);
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
    if (query.user_id !== undefined) auth.assertManagesKeysOf(query.user_id);
    const userId = auth.isMember ? auth.userId : query.user_id;
    return this.apiKeys.listPage(accountId, { status: query.status, userId, createdByUserId: query.created_by_user_id }, query);
  }

  async get(auth: AuthContext, keyId: string, queryAccountId?: string): Promise<ApiKey> {
    const apiKey = await auth
      .resourceScope(queryAccountId)
      .load(() => this.apiKeys.findLiveById(keyId), accountOfKey, keyNotFound);
    auth.assertManagesKeysOf(apiKey.userId);
    return apiKey;
  }

  // The key's row as the caller mints it, every field set (not left to the column defaults) so that
  // an event's representation made before the insert holds all but the database's timestamps.
  private newKey(auth: AuthContext, key: NewKey): CreatedApiKey {
    const plainKey = this.hasher.generate();
    const apiKey = Object.assign(new ApiKey(), {
      id: randomUUID(),
      accountId: key.accountId,
      userId: key.userId,
      name: key.name,
      keyHash: this.hasher.hash(plainKey),
      prefix: ApiKeyHasher.prefixOf(plainKey),
      status: 'active',
      lastUsedAt: null,
      expiresAt: key.expiresAt,
      scopes: key.scopes,
      maxRole: key.maxRole,
      createdByKeyId: auth.apiKeyId,
      createdByUserId: auth.userId,
    });
    return { apiKey, plainKey };
  }

  private async mint(manager: Transaction, auth: AuthContext, key: NewKey): Promise<CreatedApiKey> {
    const minted = this.newKey(auth, key);
    await this.apiKeys.insert(manager, minted.apiKey);
    await this.changeLog.created(manager, actorOf(auth), 'api_key', minted.apiKey, APIKeyResponse.fromEntity(minted.apiKey));
    return minted;
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
    auth.assertManagesKeysOf(apiKey.userId);
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
