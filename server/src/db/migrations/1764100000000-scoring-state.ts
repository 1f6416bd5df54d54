import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// KYC1984 in the server: which touchpoints the scorer has taken in, each contact's stage
// moves (the funnel and content analytics read them), and the operators' follow-up rules.
export class ScoringState1764100000000 implements MigrationInterface {
  name = 'ScoringState1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('touchpoint_event', new TableColumn({ name: 'scored', type: 'boolean', isNullable: false, default: 0 }));
    await queryRunner.createIndex('touchpoint_event', new TableIndex({ name: 'idx_touchpoint_event_unscored', columnNames: ['scored', 'contact_id'] }));
    const tables = [
      new Table({
        name: 'contact_stage_change',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'contact_id', type: 'varchar', length: '36' },
          { name: 'agent_id', type: 'varchar', length: '36' },
          { name: 'from_stage', type: 'integer', isNullable: true },
          { name: 'to_stage', type: 'integer' },
          { name: 'outcome', type: 'varchar', length: '8' },
          { name: 'event_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'content_version_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'at_ms', type: 'bigint' },
        ],
        indices: [
          new TableIndex({ name: 'idx_contact_stage_change_contact', columnNames: ['contact_id', 'at_ms'] }),
          new TableIndex({ name: 'idx_contact_stage_change_agent', columnNames: ['agent_id', 'at_ms'] }),
        ],
      }),
      new Table({
        name: 'follow_up_rule_set',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'rules', type: 'text' },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at_ms', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'idx_follow_up_rule_set_created', columnNames: ['created_at_ms'] })],
      }),
    ];
    await createTablesUtf8mb4(queryRunner, tables);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('follow_up_rule_set', true);
    await queryRunner.dropTable('contact_stage_change', true);
    await queryRunner.dropIndex('touchpoint_event', 'idx_touchpoint_event_unscored');
    await queryRunner.dropColumn('touchpoint_event', 'scored');
  }
}
