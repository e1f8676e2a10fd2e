import { MigrationInterface, QueryRunner } from 'typeorm';

// Keys record who minted them and the most they may do. `max_role` 'superadmin': the key acts with
// its owner's role, whatever it is at the time (keys minted by a superadmin or by the bootstrap);
// 'user': the key never acts as more than a regular user of its account, even if its owner is
// promoted (keys minted by a regular user).
// Existing keys carry no history: keys of current superadmins keep following their owner (so
// working superadmin keys keep working), every other key is confined.
export class KeyProvenance1764250000000 implements MigrationInterface {
  name = 'KeyProvenance1764250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE api_keys
        ADD COLUMN created_by_key_id uuid,
        ADD COLUMN created_by_user_id uuid,
        ADD COLUMN max_role varchar(16) NOT NULL DEFAULT 'user',
        ADD CONSTRAINT fk_api_keys_created_by_key FOREIGN KEY (created_by_key_id) REFERENCES api_keys (id),
        ADD CONSTRAINT fk_api_keys_created_by_user FOREIGN KEY (created_by_user_id) REFERENCES users (id),
        ADD CONSTRAINT ck_api_keys_max_role CHECK (max_role IN ('superadmin', 'user'))`);
    await queryRunner.query(
      `UPDATE api_keys k SET max_role = 'superadmin' FROM users u WHERE u.id = k.user_id AND u.super_admin`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE api_keys
        DROP CONSTRAINT ck_api_keys_max_role,
        DROP CONSTRAINT fk_api_keys_created_by_user,
        DROP CONSTRAINT fk_api_keys_created_by_key,
        DROP COLUMN max_role,
        DROP COLUMN created_by_user_id,
        DROP COLUMN created_by_key_id`);
  }
}
