import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// A live item's 视频号 (WeChat Channels) account: agents' lives run on 视频号, and the mini program
// opens them with wx.openChannelsLive({ finderUserName }). Null for lives made before, which keep
// their stream URL, and for every other kind.
export class ChannelsLive1767100000000 implements MigrationInterface {
  name = 'ChannelsLive1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('content_version', new TableColumn({ name: 'channels_finder_id', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('content_version', 'channels_finder_id');
  }
}
