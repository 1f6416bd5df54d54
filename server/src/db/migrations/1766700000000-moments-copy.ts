import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// 朋友圈文案 per content version (issue 16.4): null until an operator writes one; shown as a
// default made from the title and summary meanwhile, so existing content needs no backfill.
export class MomentsCopy1766700000000 implements MigrationInterface {
  name = 'MomentsCopy1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('content_version', new TableColumn({ name: 'moments_copy', type: 'varchar', length: '500', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('content_version', 'moments_copy');
  }
}
