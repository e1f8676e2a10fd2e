import { MigrationInterface, QueryRunner } from 'typeorm';

// GET /v1/users?email=…&q=…
// - Indexes on lower(email) and lower(display_name), per account and across accounts, live rows
//   only. Both columns use the "C" collation, so the indexes answer the prefix ranges
//   [prefix, prefixEnd) that q compiles to. (account_id, lower(email)) already exists as the
//   unique index ux_users_account_email_live.
// - Statistics on the two expressions: PostgreSQL keeps none for expressions of partial indexes,
//   and without them it cannot tell a common prefix (walk the sort's index) from a rare one.
export class UserSearch1764400000000 implements MigrationInterface {
  name = 'UserSearch1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_users_live_lower_email ON users (lower(email)) WHERE deleted_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX ix_users_live_lower_display_name ON users (lower(display_name)) WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_users_live_account_lower_display_name ON users (account_id, lower(display_name)) WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(`CREATE STATISTICS st_users_lower_email ON (lower(email)) FROM users`);
    await queryRunner.query(`CREATE STATISTICS st_users_lower_display_name ON (lower(display_name)) FROM users`);
    await queryRunner.query(`ANALYZE users`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP STATISTICS st_users_lower_display_name`);
    await queryRunner.query(`DROP STATISTICS st_users_lower_email`);
    await queryRunner.query(`DROP INDEX ix_users_live_account_lower_display_name`);
    await queryRunner.query(`DROP INDEX ix_users_live_lower_display_name`);
    await queryRunner.query(`DROP INDEX ix_users_live_lower_email`);
  }
}
