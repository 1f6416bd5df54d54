import { MigrationInterface, QueryRunner } from 'typeorm';

// The uploads table kept its first name, uploaded_image, after videos joined it: it holds every
// uploaded file (images for cards and covers, MP4s for video items), so it is named for that.
// Ids are content hashes referenced by URL only, so nothing else points at the table by name.
export class UploadedFile1767500000000 implements MigrationInterface {
  name = 'UploadedFile1767500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.renameTable('uploaded_image', 'uploaded_file');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.renameTable('uploaded_file', 'uploaded_image');
  }
}
