import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// Issue 11: a phone WeChat verified as a user's (getPhoneNumber) is what lets a privacy request
// reach contacts by phone; a lead says whether its phone was verified or typed; a user's session
// epoch ends every session issued before it (erasure, and later an agent leaving).
const VERIFIED_PHONE = new Table({
  name: 'verified_phone',
  columns: [
    { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
    { name: 'phone_hash', type: 'varchar', length: '64', isPrimary: true },
    { name: 'phone_cipher', type: 'varchar', length: '200' },
    { name: 'country_code', type: 'varchar', length: '8' },
    { name: 'verified_at_ms', type: 'bigint' },
  ],
  indices: [new TableIndex({ name: 'idx_verified_phone_hash', columnNames: ['phone_hash'] })],
});

export class VerifiedIdentity1765100000000 implements MigrationInterface {
  name = 'VerifiedIdentity1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTablesUtf8mb4(queryRunner, [VERIFIED_PHONE]);
    // Leads from before were all typed: nothing verified them.
    await queryRunner.addColumn('lead', new TableColumn({ name: 'phone_source', type: 'varchar', length: '8', isNullable: false, default: "'typed'" }));
    await queryRunner.addColumn('app_user', new TableColumn({ name: 'session_epoch', type: 'integer', isNullable: false, default: 0 }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('app_user', 'session_epoch');
    await queryRunner.dropColumn('lead', 'phone_source');
    await queryRunner.dropTable(VERIFIED_PHONE.name, true);
  }
}
