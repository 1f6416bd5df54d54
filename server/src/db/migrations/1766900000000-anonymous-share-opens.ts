import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// Opens by readers without a login: WeChat's single-page mode from Moments (issue 16.5).
const TABLES: Table[] = [
  new Table({
    name: 'anonymous_share_open',
    columns: [
      { name: 'client_event_id', type: 'varchar', length: '36', isPrimary: true },
      { name: 'share_id', type: 'varchar', length: '36', isNullable: false },
      { name: 'agent_id', type: 'varchar', length: '36', isNullable: false },
      { name: 'channel', type: 'varchar', length: '16', isNullable: true },
      { name: 'scene', type: 'integer', isNullable: true },
      { name: 'opened_at_ms', type: 'bigint', isNullable: false },
    ],
  }),
];

export class AnonymousShareOpens1766900000000 implements MigrationInterface {
  name = 'AnonymousShareOpens1766900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTablesUtf8mb4(queryRunner, TABLES);
    await queryRunner.createIndex('anonymous_share_open', new TableIndex({ name: 'idx_anonymous_share_open_share', columnNames: ['share_id', 'opened_at_ms'] }));
    await queryRunner.createIndex('anonymous_share_open', new TableIndex({ name: 'idx_anonymous_share_open_agent', columnNames: ['agent_id', 'opened_at_ms'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('anonymous_share_open', true);
  }
}
