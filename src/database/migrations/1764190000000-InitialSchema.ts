import { MigrationInterface, QueryRunner } from 'typeorm';

// Text columns that can be sorted use the "C" collation: byte order is the same on PGlite and on
// any PostgreSQL server whatever its locale, so keyset cursors behave identically everywhere.
// Every allowed sort has a partial (live rows only) index, once per account and once across
// accounts; PostgreSQL scans them in either direction.
export class InitialSchema1764190000000 implements MigrationInterface {
  name = 'InitialSchema1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accounts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name varchar(100) COLLATE "C" NOT NULL,
        slug varchar(100) COLLATE "C" NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        CONSTRAINT pk_accounts PRIMARY KEY (id),
        CONSTRAINT ck_accounts_status CHECK (status IN ('active', 'suspended'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX ux_accounts_slug_live ON accounts (slug) WHERE deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX ix_accounts_live_created ON accounts (created_at, id) WHERE deleted_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX ix_accounts_live_created_desc ON accounts (created_at DESC, id) WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX ix_accounts_live_updated ON accounts (updated_at, id) WHERE deleted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX ix_accounts_live_name ON accounts (name, id) WHERE deleted_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        email varchar(320) COLLATE "C" NOT NULL,
        display_name varchar(100) COLLATE "C" NOT NULL,
        super_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT fk_users_account FOREIGN KEY (account_id) REFERENCES accounts (id)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX ux_users_account_email_live ON users (account_id, lower(email)) WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX ix_users_live_superadmin ON users (id) WHERE super_admin AND deleted_at IS NULL`);
    for (const [suffix, columns] of [
      ['id', 'id'],
      ['created', 'created_at, id'],
      ['created_desc', 'created_at DESC, id'],
      ['updated', 'updated_at, id'],
      ['email', 'email, id'],
      ['display_name', 'display_name, id'],
    ]) {
      await queryRunner.query(
        `CREATE INDEX ix_users_live_account_${suffix} ON users (account_id, ${columns}) WHERE deleted_at IS NULL`,
      );
      if (suffix !== 'id') {
        await queryRunner.query(`CREATE INDEX ix_users_live_${suffix} ON users (${columns}) WHERE deleted_at IS NULL`);
      }
    }

    await queryRunner.query(`
      CREATE TABLE api_keys (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        user_id uuid NOT NULL,
        name varchar(100) COLLATE "C" NOT NULL,
        key_hash char(64) NOT NULL,
        prefix varchar(8) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'active',
        last_used_at timestamptz(3),
        expires_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at timestamptz(3),
        CONSTRAINT pk_api_keys PRIMARY KEY (id),
        CONSTRAINT fk_api_keys_account FOREIGN KEY (account_id) REFERENCES accounts (id),
        CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id) REFERENCES users (id),
        CONSTRAINT ck_api_keys_status CHECK (status IN ('active', 'revoked'))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX ux_api_keys_key_hash ON api_keys (key_hash)`);
    await queryRunner.query(`CREATE INDEX ix_api_keys_user ON api_keys (user_id) WHERE deleted_at IS NULL`);
    for (const [suffix, columns] of [
      ['id', 'id'],
      ['created', 'created_at, id'],
      ['created_desc', 'created_at DESC, id'],
      ['updated', 'updated_at, id'],
      ['name', 'name, id'],
    ]) {
      await queryRunner.query(
        `CREATE INDEX ix_api_keys_live_account_${suffix} ON api_keys (account_id, ${columns}) WHERE deleted_at IS NULL`,
      );
      if (suffix !== 'id') {
        await queryRunner.query(`CREATE INDEX ix_api_keys_live_${suffix} ON api_keys (${columns}) WHERE deleted_at IS NULL`);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_keys`);
    await queryRunner.query(`DROP TABLE users`);
    await queryRunner.query(`DROP TABLE accounts`);
  }
}
