import { MigrationInterface, QueryRunner } from 'typeorm';

// Idempotency-Key records for the POST endpoints (src/idempotency/).
export class IdempotencyKeys1764400000001 implements MigrationInterface {
  name = 'IdempotencyKeys1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        api_key_id uuid NOT NULL,
        idempotency_key varchar(255) NOT NULL,
        request_hash char(64) NOT NULL,
        attempt_id uuid NOT NULL,
        locked_until timestamptz(3),
        response_status smallint,
        response_body bytea,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        expires_at timestamptz(3) NOT NULL,
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (api_key_id, idempotency_key)
      )`);
    await queryRunner.query(`CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
