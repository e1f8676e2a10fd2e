import { MigrationInterface, QueryRunner } from 'typeorm';

// Least privilege (issue 18).
// - api_keys.scopes: what a key may do; existing keys get every scope (LEADR's behaviour).
// - users.role: 'admin' manages its account's users and keys, 'member' reads users and manages
//   itself and its own keys; existing users are admins (LEADR's behaviour).
// - users.suspended_by_superadmin: a suspension a superadmin set, which only a superadmin lifts.
// - events.actor_minted_by_user_id: the user that minted the key a change was made with, when the
//   key belongs to someone else (who really held the key).
// - idempotency_keys.owner_account_id / owner_user_id: whose resource a stored response shows, so
//   that a replay re-checks that the caller may still see it.
export class LeastPrivilege1796494616122 implements MigrationInterface {
  name = 'LeastPrivilege1796494616122';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE api_keys
        ADD COLUMN scopes text[] NOT NULL
          DEFAULT '{users:read,users:write,accounts:read,accounts:write,api_keys:read,api_keys:write,events:read}'`);
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN role varchar(16) NOT NULL DEFAULT 'admin',
        ADD COLUMN suspended_by_superadmin boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT ck_users_role CHECK (role IN ('admin', 'member'))`);
    await queryRunner.query(`ALTER TABLE events ADD COLUMN actor_minted_by_user_id uuid`);
    await queryRunner.query(`ALTER TABLE idempotency_keys ADD COLUMN owner_account_id uuid, ADD COLUMN owner_user_id uuid`);
    // Offboarding revokes the keys a user minted for someone else: found by this index.
    await queryRunner.query(
      `CREATE INDEX ix_api_keys_live_created_by_user ON api_keys (created_by_user_id) WHERE deleted_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_api_keys_live_created_by_user`);
    await queryRunner.query(`ALTER TABLE idempotency_keys DROP COLUMN owner_user_id, DROP COLUMN owner_account_id`);
    await queryRunner.query(`ALTER TABLE events DROP COLUMN actor_minted_by_user_id`);
    await queryRunner.query(
      `ALTER TABLE users DROP CONSTRAINT ck_users_role, DROP COLUMN suspended_by_superadmin, DROP COLUMN role`,
    );
    await queryRunner.query(`ALTER TABLE api_keys DROP COLUMN scopes`);
  }
}
