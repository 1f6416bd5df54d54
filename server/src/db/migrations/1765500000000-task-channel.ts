import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// How a follow-up is carried out (call, message, meet, observe), so the morning list offers that
// as the task's button. Tasks planned before this read as messages, as older rule sets do.
export class TaskChannel1765500000000 implements MigrationInterface {
  name = 'TaskChannel1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('follow_up_task', new TableColumn({ name: 'channel', type: 'varchar', length: '12', isNullable: false, default: "'message'" }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('follow_up_task', 'channel');
  }
}
