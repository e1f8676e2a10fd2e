import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { IdempotencyRepository, IdempotencyScope } from './idempotency.repository';
import { ResponseCipher } from './response-cipher';
import type { ReplayOwner } from './replay-owner';

// Responses are kept this long after the first request.
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
// A running request's claim lasts this long and is renewed at a third of it, so only a claim whose
// instance stopped (crashed) lapses, and a retry may then run.
export const CLAIM_SECONDS = 60;
const CLAIM_RENEWAL_MS = (CLAIM_SECONDS * 1000) / 3;
// Stale claims found in a row before giving up with 409 (each is a record that vanished between
// the claim and the read: its request failed and released it).
const CLAIM_ROUNDS = 3;

export interface StoredResponse {
  status: number;
  body: string;
  // Whose resource it shows (a 2xx of a create), re-checked on replay.
  owner?: ReplayOwner | null;
}

export type Claim =
  | { kind: 'claimed'; attemptId: string }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly records: IdempotencyRepository,
    private readonly cipher: ResponseCipher,
  ) {}

  async claim(scope: IdempotencyScope): Promise<Claim> {
    const attemptId = randomUUID();
    for (let round = 0; round < CLAIM_ROUNDS; round++) {
      if (await this.records.claim(scope, attemptId, CLAIM_SECONDS, IDEMPOTENCY_TTL_SECONDS)) {
        return { kind: 'claimed', attemptId };
      }
      const record = await this.records.findLive(scope.apiKeyId, scope.key);
      if (!record) continue;
      if (record.requestHash !== scope.requestHash) return { kind: 'mismatch' };
      if (record.responseStatus === null || record.responseBody === null) return { kind: 'in_progress' };
      const body = this.cipher.decrypt(record.responseBody, associatedData(scope));
      return { kind: 'replay', response: { status: record.responseStatus, body, owner: record.owner } };
    }
    return { kind: 'in_progress' };
  }

  // Renews the claim while the request runs; call the returned function when it is over.
  keepClaimed(scope: IdempotencyScope, attemptId: string): () => void {
    const timer = setInterval(() => {
      this.records.extendClaim(scope, attemptId, CLAIM_SECONDS).catch((error: unknown) => {
        this.logger.warn(`Could not renew an idempotency claim: ${error instanceof Error ? error.message : String(error)}`);
      });
    }, CLAIM_RENEWAL_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  async store(scope: IdempotencyScope, attemptId: string, response: StoredResponse): Promise<void> {
    const sealed = this.cipher.encrypt(response.body, associatedData(scope));
    await this.records.storeResponse(scope, attemptId, response.status, sealed, response.owner ?? null);
  }

  // Frees the key for a retry: the request produced nothing worth keeping.
  async release(scope: IdempotencyScope, attemptId: string): Promise<void> {
    await this.records.release(scope, attemptId);
  }
}

function associatedData(scope: IdempotencyScope): string {
  return JSON.stringify([scope.apiKeyId, scope.key, scope.requestHash]);
}
