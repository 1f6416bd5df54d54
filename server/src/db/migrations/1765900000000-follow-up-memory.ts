import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

const DUE_INDEX = 'idx_follow_up_task_status_due';

// Follow-up memory: an agent's own reminders sit in the follow-up table beside the rule-made
// tasks (so the one-active-follow-up constraint covers both), with the agent's words and a repeat.
// Tasks planned before this are rule tasks. The daily job finds reminders coming due by status and time.
export class FollowUpMemory1765900000000 implements MigrationInterface {
  name = 'FollowUpMemory1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('follow_up_task', new TableColumn({ name: 'origin', type: 'varchar', length: '8', isNullable: false, default: "'rule'" }));
    await queryRunner.addColumn('follow_up_task', new TableColumn({ name: 'note', type: 'varchar', length: '200', isNullable: true }));
    await queryRunner.addColumn('follow_up_task', new TableColumn({ name: 'repeat_every', type: 'varchar', length: '8', isNullable: true }));
    await queryRunner.addColumn('follow_up_task', new TableColumn({ name: 'series_start_ms', type: 'bigint', isNullable: true }));
    await queryRunner.createIndex('follow_up_task', new TableIndex({ name: DUE_INDEX, columnNames: ['status', 'due_at_ms'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('follow_up_task', DUE_INDEX);
    for (const column of ['series_start_ms', 'repeat_every', 'note', 'origin']) await queryRunner.dropColumn('follow_up_task', column);
  }
}
