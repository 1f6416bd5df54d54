import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// Past outcomes a company imports so the deal index learns from day one (issue 14.6).
const TABLES: Table[] = [
  new Table({
    name: 'deal_past_outcome',
    columns: [
      { name: 'contact_id', type: 'varchar', length: '36', isPrimary: true },
      { name: 'won', type: 'boolean', isNullable: false },
      { name: 'outcome_date', type: 'varchar', length: '10', isNullable: false },
      { name: 'premium_fen', type: 'bigint', isNullable: true },
      { name: 'imported_by_staff_id', type: 'varchar', length: '36', isNullable: false },
      { name: 'imported_at_ms', type: 'bigint', isNullable: false },
    ],
  }),
];

export class DealPastOutcomes1766300000000 implements MigrationInterface {
  name = 'DealPastOutcomes1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTablesUtf8mb4(queryRunner, TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('deal_past_outcome', true);
  }
}
