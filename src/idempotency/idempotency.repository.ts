import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql/sql';
import type { ReplayOwner } from './replay-owner';

// One API key's use of one Idempotency-Key for one request (method, path, body).
export interface IdempotencyScope {
  apiKeyId: string;
  key: string;
  requestHash: string;
}

export interface StoredRecord {
  requestHash: string;
  responseStatus: number | null;
  responseBody: Buffer | null;
  owner: ReplayOwner | null;
}

const WHERE_ATTEMPT = 'api_key_id = $1 AND idempotency_key = $2 AND attempt_id = $3';

// Plain statements outside transactions: each is atomic on its own, and none holds the embedded
// database's single connection while a request runs.
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly sql: Sql) {}

  // Takes the key for this attempt: a new key, an expired record, or a claim whose holder stopped
  // renewing it (its instance died) can be taken; a live claim or a stored response cannot.
  // Atomic: of two requests racing for one key, exactly one gets true.
  async claim(scope: IdempotencyScope, attemptId: string, lockSeconds: number, ttlSeconds: number): Promise<boolean> {
    const rows = await this.sql.rows(
      `INSERT INTO idempotency_keys AS k (api_key_id, idempotency_key, request_hash, attempt_id, locked_until, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), now() + make_interval(secs => $6))
       ON CONFLICT (api_key_id, idempotency_key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, attempt_id = EXCLUDED.attempt_id,
              locked_until = EXCLUDED.locked_until, response_status = NULL, response_body = NULL,
              created_at = now(), expires_at = EXCLUDED.expires_at
        WHERE k.expires_at <= now() OR (k.response_status IS NULL AND k.locked_until <= now())
       RETURNING 1`,
      [scope.apiKeyId, scope.key, scope.requestHash, attemptId, lockSeconds, ttlSeconds],
    );
    return rows.length === 1;
  }

  async findLive(apiKeyId: string, key: string): Promise<StoredRecord | null> {
    const rows = await this.sql.rows<{
      request_hash: string;
      response_status: number | null;
      response_body: Buffer | null;
      owner_account_id: string | null;
      owner_user_id: string | null;
    }>(
      `SELECT request_hash, response_status, response_body, owner_account_id, owner_user_id FROM idempotency_keys
        WHERE api_key_id = $1 AND idempotency_key = $2 AND expires_at > now()`,
      [apiKeyId, key],
    );
    const row = rows[0];
    if (!row) return null;
    const owner = row.owner_account_id === null ? null : { accountId: row.owner_account_id, userId: row.owner_user_id };
    return { requestHash: row.request_hash, responseStatus: row.response_status, responseBody: row.response_body, owner };
  }

  async extendClaim(scope: IdempotencyScope, attemptId: string, lockSeconds: number): Promise<void> {
    await this.sql.rows(
      `UPDATE idempotency_keys SET locked_until = now() + make_interval(secs => $4)
        WHERE ${WHERE_ATTEMPT} AND response_status IS NULL`,
      [scope.apiKeyId, scope.key, attemptId, lockSeconds],
    );
  }

  async storeResponse(
    scope: IdempotencyScope,
    attemptId: string,
    status: number,
    sealedBody: Buffer,
    owner: ReplayOwner | null,
  ): Promise<void> {
    await this.sql.rows(
      `UPDATE idempotency_keys SET response_status = $4, response_body = $5, locked_until = NULL,
              owner_account_id = $6, owner_user_id = $7
        WHERE ${WHERE_ATTEMPT}`,
      [scope.apiKeyId, scope.key, attemptId, status, sealedBody, owner?.accountId ?? null, owner?.userId ?? null],
    );
  }

  async release(scope: IdempotencyScope, attemptId: string): Promise<void> {
    await this.sql.rows(`DELETE FROM idempotency_keys WHERE ${WHERE_ATTEMPT} AND response_status IS NULL`, [
      scope.apiKeyId,
      scope.key,
      attemptId,
    ]);
  }

  // Deletes up to `batch` expired records and returns how many. Rows another instance is deleting
  // at the same moment are skipped, not waited for.
  async purgeExpired(batch: number): Promise<number> {
    const { rowCount } = await this.sql.run(
      `DELETE FROM idempotency_keys
        WHERE (api_key_id, idempotency_key) IN (
              SELECT api_key_id, idempotency_key FROM idempotency_keys
               WHERE expires_at <= now()
               ORDER BY expires_at
               LIMIT $1
                 FOR UPDATE SKIP LOCKED)`,
      [batch],
    );
    return rowCount;
  }
}
