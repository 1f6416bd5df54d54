import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// Several processes on one database (issue 15): once-a-day jobs split into parts that processes
// claim with leases, and at most one active follow-up per contact as a constraint, not a hope.
const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
// 'integer' (not 'int'): SQLite keeps the word as written and TypeORM compares it with its own 'integer'.
const int = (name: string): TableColumnOptions => ({ name, type: 'integer', isNullable: false });
const text = (name: string): TableColumnOptions => ({ name, type: 'text', isNullable: true });
const primary = (column: TableColumnOptions): TableColumnOptions => ({ ...column, isPrimary: true });

const TABLES: Table[] = [
  new Table({
    name: 'job_day',
    columns: [primary(str('job', 32)), primary(str('day', 10)), ms('as_of_ms'), ms('created_at_ms'), ms('done_at_ms', true), text('summary')],
  }),
  new Table({
    name: 'job_part',
    columns: [
      primary(str('job', 32)), primary(str('day', 10)), primary(str('part', 32)), int('phase'), str('lo', 36, true), str('hi', 36, true),
      str('status', 12), str('owner', 64, true), ms('lease_until_ms', true), str('position', 36, true), int('attempts'), text('result'),
      ms('finished_at_ms', true),
    ],
  }),
];

const ACTIVE_INDEX = 'uq_follow_up_task_active_contact';

export class MultiProcess1765300000000 implements MigrationInterface {
  name = 'MultiProcess1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTablesUtf8mb4(queryRunner, TABLES);
    // Two processes scoring one contact at once could each open a task (issue 15 measured it):
    // keep the newest active one and dismiss the others before the constraint goes on.
    await queryRunner.query(
      `UPDATE follow_up_task SET status = 'dismissed', snoozed_until_ms = NULL
        WHERE status IN ('open', 'snoozed') AND EXISTS (
          SELECT 1 FROM (SELECT id, contact_id, created_at_ms FROM follow_up_task WHERE status IN ('open', 'snoozed')) newer
           WHERE newer.contact_id = follow_up_task.contact_id
             AND (newer.created_at_ms > follow_up_task.created_at_ms OR (newer.created_at_ms = follow_up_task.created_at_ms AND newer.id > follow_up_task.id)))`,
    );
    await queryRunner.addColumn('follow_up_task', new TableColumn({ name: 'active_contact_id', type: 'varchar', length: '36', isNullable: true }));
    await queryRunner.query("UPDATE follow_up_task SET active_contact_id = contact_id WHERE status IN ('open', 'snoozed')");
    await queryRunner.createIndex('follow_up_task', new TableIndex({ name: ACTIVE_INDEX, columnNames: ['active_contact_id'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('follow_up_task', ACTIVE_INDEX);
    await queryRunner.dropColumn('follow_up_task', 'active_contact_id');
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true);
  }
}
