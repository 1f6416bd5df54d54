import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// Policies (issue 14.1): what was signed, for whom, what it costs and when the next premium is due;
// the number encrypted and found by a keyed hash.
const uuid = (name: string): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: false });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

const POLICY = new Table({
  name: 'policy',
  columns: [
    { ...uuid('id'), isPrimary: true }, uuid('agent_id'), uuid('signed_by_agent_id'), uuid('contact_id'), str('product_name', 60), str('need', 40), str('insurer', 40),
    str('number_cipher', 200), str('number_hash', 64), str('insured_relation', 16), str('insured_name', 30),
    { name: 'annual_premium_fen', type: 'bigint', isNullable: false }, str('payment_frequency', 12),
    // 'integer' (not 'int'): SQLite keeps the word as written and TypeORM compares it with its own 'integer'.
    { name: 'payment_term_years', type: 'integer', isNullable: false },
    str('effective_date', 10), str('next_premium_date', 10, true), str('signed_date', 10), { ...str('status', 8), default: "'active'" },
    str('signed_event_id', 36), { name: 'created_at_ms', type: 'bigint', isNullable: false }, { name: 'updated_at_ms', type: 'bigint', isNullable: false },
  ],
  indices: [
    index('idx_policy_contact', ['contact_id']), index('idx_policy_signer_signed', ['signed_by_agent_id', 'signed_date']),
    index('uq_policy_number_hash', ['number_hash'], true), index('uq_policy_signed_event', ['signed_event_id'], true),
  ],
});

export class Policies1766000000000 implements MigrationInterface {
  name = 'Policies1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTablesUtf8mb4(queryRunner, [POLICY]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('policy', true);
  }
}
