import { MigrationInterface, QueryRunner } from 'typeorm';

// The audit trail and change feed. Each event records the id of the transaction that wrote it
// (`tx`, from pg_current_xact_id()) and a sequence number (`seq`); the feed's order is (tx, seq).
// A reader is only shown events whose transaction is older than every transaction still in
// flight, so no event can later appear before one it has already read (see events.repository.ts).
// `event_horizon` holds the position of the newest event deleted by retention: a cursor before it
// may have missed events.
export class Events1764260000000 implements MigrationInterface {
  name = 'Events1764260000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        tx bigint NOT NULL,
        id uuid NOT NULL,
        type varchar(32) NOT NULL,
        type_group varchar(16) NOT NULL,
        account_id uuid NOT NULL,
        resource_id varchar(40) NOT NULL,
        actor_api_key_id uuid,
        actor_user_id uuid,
        changes jsonb,
        data jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT pk_events PRIMARY KEY (seq)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX ux_events_id ON events (id)`);
    await queryRunner.query(`CREATE INDEX ix_events_position ON events (tx, seq)`);
    await queryRunner.query(`CREATE INDEX ix_events_account_position ON events (account_id, tx, seq)`);
    await queryRunner.query(`CREATE INDEX ix_events_resource_position ON events (resource_id, tx, seq)`);
    await queryRunner.query(`CREATE INDEX ix_events_created ON events (created_at)`);
    await queryRunner.query(`
      CREATE TABLE event_horizon (
        id smallint NOT NULL,
        tx bigint NOT NULL,
        seq bigint NOT NULL,
        CONSTRAINT pk_event_horizon PRIMARY KEY (id),
        CONSTRAINT ck_event_horizon_single CHECK (id = 1)
      )`);
    await queryRunner.query(`INSERT INTO event_horizon (id, tx, seq) VALUES (1, 0, 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE event_horizon`);
    await queryRunner.query(`DROP TABLE events`);
  }
}
