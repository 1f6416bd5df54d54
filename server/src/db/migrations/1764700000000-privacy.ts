import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Personal data (issue 7): a consent says what kind it is, so health data (PIPL sensitive
// personal information) can need its own; a lead names the health consent its needs rest on.
export class Privacy1764700000000 implements MigrationInterface {
  name = 'Privacy1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('consent', new TableColumn({ name: 'kind', type: 'varchar', length: '24', isNullable: false, default: "'contact_details'" }));
    await queryRunner.addColumn('lead', new TableColumn({ name: 'health_consent_id', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('lead', 'health_consent_id');
    await queryRunner.dropColumn('consent', 'kind');
  }
}
