import { Injectable } from '@nestjs/common';
import { FollowUp, insertRow, insertRowWhere, rowsOf, StatementPart } from '../database/sql/row-query';
import type { CacheablePrincipal } from '../auth/principal-cache';
import { Executor, Sql } from '../database/sql/sql';
import { softDeleteLive, updateById } from '../database/sql/row-updates';
import { PageQuery } from '../pagination/page-query.dto';
import { Page } from '../pagination/paginated-response';
import { newestFirstList, PaginationService } from '../pagination/pagination.service';
import type { AccountRole, AuthContext } from '../auth/auth-context';
import type { ApiKeyScope } from '../auth/scopes';
import { ApiKey, ApiKeyMaxRole, ApiKeyStatusValue } from './api-key.entity';

const API_KEYS_LIST = newestFirstList('api_keys', { name: 'name' });

export interface ApiKeyFilters {
  status?: ApiKeyStatusValue;
  userId?: string;
  createdByUserId?: string;
}

export interface ApiKeyChanges {
  status?: ApiKeyStatusValue;
  expiresAt?: Date;
  deleted?: true;
}

export interface ApiKeyPrincipal extends CacheablePrincipal {
  superAdmin: boolean;
  maxRole: ApiKeyMaxRole;
  // Resolved once per lookup, so the per-request scope check is a Set lookup.
  scopes: ReadonlySet<ApiKeyScope>;
  role: AccountRole;
  // The minter, when it is not the owner.
  mintedByUserId: string | null;
  userStatus: string;
  accountStatus: string;
  lastUsedAt: Date | null;
}

// last_used_at is written at most once per this interval per key, not on every request.
export const LAST_USED_GRANULARITY_SECONDS = 60;

// The principal lookup: one indexed read of the key with its user and account, each live.
export const PRINCIPAL_LOOKUP = `SELECT k.id, k.user_id, k.account_id, u.super_admin, k.max_role, u.status AS user_status, a.status AS account_status,
              k.last_used_at, k.expires_at, k.scopes, u.role, k.created_by_user_id
         FROM api_keys k
         JOIN users u ON u.id = k.user_id AND u.deleted_at IS NULL
         JOIN accounts a ON a.id = k.account_id AND a.deleted_at IS NULL
        WHERE k.key_hash = $1
          AND k.deleted_at IS NULL
          AND k.status = 'active'
          AND (k.expires_at IS NULL OR k.expires_at > now())`;

// A key's account is live and its owner a live user of it, both share-locked (insertForLiveOwner);
// unless a superadmin mints, the owner is no superadmin, is active, and is the minter itself when the
// minter is a member (key-rights.ts, assertMayMintFor).
const LIVE_OWNER: StatementPart = {
  sql:
    'SELECT 1 FROM accounts a JOIN users u ON u.account_id = a.id ' +
    'WHERE a.id = CAST(:r_account_id AS uuid) AND a.deleted_at IS NULL ' +
    'AND u.id = CAST(:r_user_id AS uuid) AND u.deleted_at IS NULL ' +
    "AND (CAST(:r_by_superadmin AS boolean) OR (NOT u.super_admin AND u.status = 'active' " +
    'AND (CAST(:r_member_id AS uuid) IS NULL OR u.id = CAST(:r_member_id AS uuid)))) ' +
    'FOR SHARE OF a, u',
};

@Injectable()
export class ApiKeysRepository {
  constructor(
    private readonly sql: Sql,
    private readonly pagination: PaginationService,
  ) {}

  // One indexed lookup: the key is usable only while it, its user and its account are all live.
  async findPrincipalByHash(keyHash: string): Promise<ApiKeyPrincipal | null> {
    const rows = await this.sql.rows(PRINCIPAL_LOOKUP, [keyHash]);
    const row = rows[0];
    if (!row) return null;
    return {
      keyId: row.id as string,
      userId: row.user_id as string,
      accountId: row.account_id as string,
      superAdmin: row.super_admin as boolean,
      maxRole: row.max_role as ApiKeyMaxRole,
      scopes: new Set(row.scopes as ApiKeyScope[]),
      role: row.role as AccountRole,
      mintedByUserId: row.created_by_user_id !== null && row.created_by_user_id !== row.user_id ? (row.created_by_user_id as string) : null,
      userStatus: row.user_status as string,
      accountStatus: row.account_status as string,
      lastUsedAt: row.last_used_at as Date | null,
      expiresAt: row.expires_at as Date | null,
    };
  }

  async touchLastUsed(keyId: string): Promise<void> {
    await this.sql.rows(
      `UPDATE api_keys SET last_used_at = now()
        WHERE id = $1
          AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
      [keyId, LAST_USED_GRANULARITY_SECONDS],
    );
  }

  async insert(db: Executor, key: ApiKey): Promise<ApiKey> {
    return insertRow(db, ApiKey, key);
  }

  // The GETs' reads (Sql.reads: maybe a replica); the principal lookup stays on the primary.
  async findLiveById(id: string): Promise<ApiKey | null> {
    return this.live(this.sql.reads()).andWhere('k.id = :id', { id }).getOne();
  }

  // One statement: the key is inserted if its account is live and its owner a live user of that
  // account that `minter` may mint for (LIVE_OWNER; a refusal's reason is found by the caller), with the follow-ups (its event)
  // reading the inserted row; null (nothing written) otherwise. The account and the user are
  // share-locked by the statement, as lockLive and lockLiveInAccount do in a transaction, so a
  // concurrent delete of either waits for this statement (and then deletes the key with them) or
  // commits first (and this statement, re-reading the locked rows after the wait, inserts nothing).
  async insertForLiveOwner(db: Executor, key: ApiKey, minter: AuthContext, followUps: FollowUp[]): Promise<ApiKey | null> {
    const params = {
      r_account_id: key.accountId,
      r_user_id: key.userId,
      r_by_superadmin: minter.isSuperadmin,
      r_member_id: minter.isMember ? minter.userId : null,
    };
    const requires = { part: LIVE_OWNER, params };
    return insertRowWhere(db, ApiKey, key, requires, followUps);
  }

  async lockLiveForUpdate(db: Executor, id: string): Promise<ApiKey | null> {
    return this.live(db).andWhere('k.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  // `accountId` null: every account (a superadmin's list).
  async listPage(accountId: string | null, filters: ApiKeyFilters, page: PageQuery): Promise<Page<ApiKey>> {
    return this.pagination.paginate(
      this.live(this.sql.reads()),
      API_KEYS_LIST,
      { account_id: accountId, status: filters.status, user_id: filters.userId, created_by_user_id: filters.createdByUserId },
      page,
    );
  }

  // The live, active keys `minterId` minted for other users, locked: offboarding revokes them.
  async lockMintedForOthers(db: Executor, minterId: string): Promise<ApiKey[]> {
    return this.live(db)
      .andWhere("k.created_by_user_id = :minterId AND k.user_id <> :minterId AND k.status = 'active'", { minterId })
      .orderBy('k.id', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
  }

  async softDeleteLiveOf(db: Executor, parent: 'account_id' | 'user_id', parentId: string): Promise<ApiKey[]> {
    return softDeleteLive(db, ApiKey, parent, parentId);
  }

  async update(db: Executor, apiKey: ApiKey, changes: ApiKeyChanges): Promise<ApiKey> {
    const { deleted, ...values } = changes;
    const stamps = await updateById(db, ApiKey, apiKey.id, values, deleted === true);
    return Object.assign(apiKey, values, stamps);
  }

  private live(db: Executor) {
    return rowsOf(db, ApiKey, 'k').andWhere('k.deleted_at IS NULL');
  }
}
