import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

const RECHECK_INDEX = 'idx_contact_recheck';

// Incremental scoring (issue 15.2, 15.3): each contact's folded history, and the instant its figures
// next change by time alone, which the daily job looks contacts up by. Contacts scored before this
// have no state: they are due at once (0), so the first daily run replays each history once and
// stores its state; later runs touch only contacts whose instant has come.
export class ContactScoreState1766400000000 implements MigrationInterface {
  name = 'ContactScoreState1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTablesUtf8mb4(queryRunner, [
      new Table({
        name: 'contact_score_state',
        columns: [
          { name: 'contact_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'state', type: 'text', isNullable: false },
          { name: 'engaged', type: 'boolean', isNullable: false, default: 0 },
          { name: 'updated_at_ms', type: 'bigint', isNullable: false },
        ],
      }),
    ]);
    await queryRunner.addColumn('contact', new TableColumn({ name: 'next_recheck_at_ms', type: 'bigint', isNullable: true }));
    await queryRunner.query('UPDATE contact SET next_recheck_at_ms = 0 WHERE merged_into_contact_id IS NULL');
    await queryRunner.createIndex('contact', new TableIndex({ name: RECHECK_INDEX, columnNames: ['next_recheck_at_ms', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('contact', RECHECK_INDEX);
    await queryRunner.dropColumn('contact', 'next_recheck_at_ms');
    await queryRunner.dropTable('contact_score_state', true);
  }
}
