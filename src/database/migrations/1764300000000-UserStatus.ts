import { MigrationInterface, QueryRunner } from 'typeorm';

// Every user gets LEADR's `status`; existing rows become `active` through the column default
// (PostgreSQL 11+ stores a constant default without rewriting the table).
export class UserStatus1764300000000 implements MigrationInterface {
  name = 'UserStatus1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        ADD COLUMN status varchar(16) NOT NULL DEFAULT 'active',
        ADD CONSTRAINT ck_users_status CHECK (status IN ('invited', 'active', 'suspended'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT ck_users_status, DROP COLUMN status`);
  }
}
