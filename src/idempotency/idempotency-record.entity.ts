import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../database/timestamps';

// One Idempotency-Key of one API key: claimed while its first request runs (locked_until set,
// no response), then the response that request produced, until expires_at. No foreign key to
// api_keys: rows are short-lived copies of responses, and keys are never hard-deleted.
@Entity({ name: 'idempotency_keys' })
@Index('ix_idempotency_keys_expires', ['expiresAt'])
export class IdempotencyRecord {
  @PrimaryColumn({ name: 'api_key_id', type: 'uuid', primaryKeyConstraintName: 'pk_idempotency_keys' })
  apiKeyId: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 255, primaryKeyConstraintName: 'pk_idempotency_keys' })
  idempotencyKey: string;

  // Hex SHA-256 of the method, the path with its query and the JSON body.
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  // The attempt that holds the claim or stored the response; only it may complete or release it.
  @Column({ name: 'attempt_id', type: 'uuid' })
  attemptId: string;

  // While the first request runs: until when its claim holds (renewed while it runs, so a crashed
  // instance's claim lapses). Null once the response is stored.
  @nullableTimestampColumn('locked_until')
  lockedUntil: Date | null;

  @Column({ name: 'response_status', type: 'smallint', nullable: true })
  responseStatus: number | null;

  // AES-256-GCM of the response body (see ResponseCipher); never the body in the clear.
  @Column({ name: 'response_body', type: 'bytea', nullable: true })
  responseBody: Buffer | null;

  // Whose resource the stored response shows (replay-owner.ts); null for responses without one.
  @Column({ name: 'owner_account_id', type: 'uuid', nullable: true })
  ownerAccountId: string | null;

  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @timestampColumn('created_at')
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', precision: 3 })
  expiresAt: Date;
}
