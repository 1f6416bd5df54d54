import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// KYB134, the process funnel and the deal index (issue 6): what agents study and when they open
// the morning list (the inputs no other table holds), the daily snapshots dashboards and trends
// read, and the trained deal models with their held-out evaluation.
const uuid = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
// 'integer' (not 'int'): SQLite keeps the word as written and TypeORM compares it with its own 'integer'.
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', isNullable: false, default: 0 });
const primary = (column: TableColumnOptions): TableColumnOptions => ({ ...column, isPrimary: true });
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

const TABLES: Table[] = [
  new Table({
    name: 'morning_list_open',
    columns: [primary(uuid('agent_id')), primary(str('day', 10)), ms('opened_at_ms')],
  }),
  new Table({
    name: 'agent_content_study',
    columns: [primary(uuid('agent_id')), primary(uuid('item_id')), primary(str('day', 10)), int('depth_pct'), ms('updated_at_ms')],
  }),
  new Table({
    name: 'kyb134_agent_day',
    columns: [
      primary(uuid('agent_id')), primary(str('day', 10)), uuid('team_id'), uuid('branch_id', true), uuid('company_id'),
      str('layer', 16), int('contacts'), ms('forecast_fen'), text('detail'), ms('computed_at_ms'),
    ],
    indices: [
      index('idx_kyb134_agent_day_team', ['team_id', 'day']),
      index('idx_kyb134_agent_day_branch', ['branch_id', 'day']),
      index('idx_kyb134_agent_day_company', ['company_id', 'day']),
    ],
  }),
  new Table({
    name: 'funnel_snapshot',
    columns: [
      primary(uuid('group_id')), primary(str('day', 10)), str('group_kind', 8), uuid('company_id'), int('contacts'), text('snapshot'),
      ms('computed_at_ms'),
    ],
    indices: [index('idx_funnel_snapshot_company', ['company_id', 'day'])],
  }),
  new Table({
    name: 'deal_model',
    columns: [
      primary(str('version', 40)), ms('trained_at_ms'), bool('active'), int('train_n'), int('holdout_n'), int('auc_permille', true),
      text('model'),
    ],
    indices: [index('idx_deal_model_trained', ['trained_at_ms'])],
  }),
  new Table({
    name: 'deal_training_run',
    columns: [
      primary(uuid('id')), ms('ran_at_ms'), bool('ready'), int('outcomes'), int('won'), int('lost'), str('reason_zh', 200),
      str('model_version', 40, true),
    ],
    indices: [index('idx_deal_training_run_ran', ['ran_at_ms'])],
  }),
];

export class Dashboards1764800000000 implements MigrationInterface {
  name = 'Dashboards1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTablesUtf8mb4(queryRunner, TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true);
  }
}
