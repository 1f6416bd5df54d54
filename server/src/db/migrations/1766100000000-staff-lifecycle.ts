import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// Staff lifecycle and handover (issue 14.5): a staff member can be deactivated; a contact can be
// without an agent (in a team's pool, 公海), says whom it was handed over from, and when its
// agent took it from the pool (for take-back after days without follow-up); every move of a
// contact is a row of contact_handover. Persona templates for the agent card (14.7) are a table.
const uuid = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

const CONTACT_COLUMNS: TableColumnOptions[] = [uuid('pool_org_unit_id', true), uuid('handed_over_from_agent_id', true), ms('handed_over_at_ms', true), ms('claimed_at_ms', true)];

const TABLES: Table[] = [
  new Table({
    name: 'contact_handover',
    columns: [
      { ...uuid('id'), isPrimary: true }, uuid('batch_id'), uuid('contact_id'), uuid('from_agent_id', true), uuid('to_agent_id', true),
      uuid('pool_org_unit_id', true), str('kind', 12), uuid('by_staff_id', true), ms('at_ms'),
    ],
    indices: [
      index('idx_contact_handover_contact', ['contact_id', 'at_ms']), index('idx_contact_handover_from', ['from_agent_id']),
      index('idx_contact_handover_claims', ['to_agent_id', 'kind', 'at_ms']),
    ],
  }),
  new Table({
    name: 'persona_template',
    columns: [
      { ...str('code', 32), isPrimary: true }, str('name', 20), str('intro_template', 300), { name: 'position', type: 'integer', isNullable: false }, ms('updated_at_ms'),
    ],
  }),
];

// The four templates the mini program held before they moved to the server ({姓名} and {公司} filled in by the card page).
const SEED = [
  ['professional', '专业顾问', '我是{公司}的{姓名}，专注家庭保障规划。用专业帮您把保障配齐、把钱花对，有问题随时问我。'],
  ['family_guardian', '家庭守护', '我是{姓名}，也是一位家长。懂您对家人的牵挂，愿陪您一起为孩子和父母做好保障。'],
  ['wealth_planner', '财富规划', '我是{姓名}，帮助企业主和家庭做养老、教育金与财富传承规划，让未来更确定。'],
  ['warm_service', '贴心服务', '我是{姓名}，理赔协助、保单整理、生日与周年提醒，一直都在，随叫随到。'],
] as const;

export class StaffLifecycle1766100000000 implements MigrationInterface {
  name = 'StaffLifecycle1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('staff_member', new TableColumn(ms('deactivated_at_ms', true)));
    // A pooled contact has no agent. NULLs never collide in uq_contact_agent_viewer on either database.
    await queryRunner.changeColumn('contact', 'agent_id', new TableColumn(uuid('agent_id', true)));
    await queryRunner.addColumns('contact', CONTACT_COLUMNS.map((c) => new TableColumn(c)));
    await queryRunner.createIndex('contact', index('idx_contact_pool', ['pool_org_unit_id']));
    await createTablesUtf8mb4(queryRunner, TABLES);
    for (const [i, [code, name, introTemplate]] of SEED.entries()) {
      await queryRunner.query('INSERT INTO persona_template (code, name, intro_template, position, updated_at_ms) VALUES (?, ?, ?, ?, ?)', [code, name, introTemplate, i, 0]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true);
    await queryRunner.dropIndex('contact', 'idx_contact_pool');
    for (const c of [...CONTACT_COLUMNS].reverse()) await queryRunner.dropColumn('contact', c.name);
    // Pooled contacts have nobody to go back to: down refuses rather than invent an owner.
    await queryRunner.changeColumn('contact', 'agent_id', new TableColumn(uuid('agent_id')));
    await queryRunner.dropColumn('staff_member', 'deactivated_at_ms');
  }
}
