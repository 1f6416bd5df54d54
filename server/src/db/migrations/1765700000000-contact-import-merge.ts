import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// Issue 13.2–13.3: tabular import jobs with their rows (contacts now, policies later), and
// contact merges with the rows each step moved, so that a merge can be undone.
const uuid = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const int = (name: string, def?: number): TableColumnOptions => ({ name, type: 'integer', isNullable: false, ...(def === undefined ? {} : { default: def }) });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const index = (name: string, columnNames: string[]) => new TableIndex({ name, columnNames });

const TABLES: Table[] = [
  new Table({
    name: 'import_job',
    columns: [
      { ...uuid('id'), isPrimary: true }, str('kind', 20), uuid('owner_id'), str('file_name', 200), str('status', 12), text('headers'), text('mapping', true),
      int('total_rows'), int('processed_rows', 0), text('counts'), ms('lease_until_ms', true), ms('created_at_ms'), ms('finished_at_ms', true),
    ],
    indices: [index('idx_import_job_owner', ['owner_id', 'created_at_ms'])],
  }),
  new Table({
    name: 'import_row',
    columns: [
      { ...uuid('job_id'), isPrimary: true }, { ...int('line'), isPrimary: true }, text('cells'), str('outcome', 10, true), str('reason', 200, true),
      uuid('record_id', true),
    ],
    indices: [index('idx_import_row_outcome', ['job_id', 'outcome'])],
  }),
  new Table({
    name: 'contact_merge',
    columns: [
      { ...uuid('id'), isPrimary: true }, uuid('agent_id'), uuid('actor_id'), uuid('from_contact_id'), uuid('into_contact_id'), str('reason', 16),
      text('into_before'), text('moved'), ms('created_at_ms'), ms('undone_at_ms', true),
    ],
    indices: [index('idx_contact_merge_into', ['into_contact_id', 'created_at_ms']), index('idx_contact_merge_from', ['from_contact_id'])],
  }),
  new Table({
    name: 'contact_merge_row',
    columns: [{ ...uuid('merge_id'), isPrimary: true }, { ...str('step', 30), isPrimary: true }, { ...uuid('row_id'), isPrimary: true }, str('prior', 100, true)],
  }),
];

export class ContactImportMerge1765700000000 implements MigrationInterface {
  name = 'ContactImportMerge1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('contact', new TableColumn(uuid('merged_into_contact_id', true)));
    await queryRunner.createIndex('contact', index('idx_contact_merged_into', ['merged_into_contact_id']));
    await createTablesUtf8mb4(queryRunner, TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true);
    await queryRunner.dropIndex('contact', 'idx_contact_merged_into');
    await queryRunner.dropColumn('contact', 'merged_into_contact_id');
  }
}
