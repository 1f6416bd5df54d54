import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// Issue 13.5–13.6: the agent's notices (消息) with their WeChat push state, the subscription
// grants and quiet hours behind the pushes, how customers may reach the agent (phone shown or not,
// a WeChat / 企业微信 QR code), the customers' 留言, and uploaded images (QR codes, photos).
const uuid = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
// 'integer' (not 'int'): SQLite keeps the word as written and TypeORM compares it with its own 'integer'.
const int = (name: string): TableColumnOptions => ({ name, type: 'integer', isNullable: false });
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

const TABLES: Table[] = [
  new Table({
    name: 'agent_notice',
    columns: [
      { ...uuid('id'), isPrimary: true }, uuid('agent_id'), str('kind', 16), str('source_key', 160), str('title', 40), str('body', 300),
      uuid('contact_id', true), str('page', 200, true), ms('created_at_ms'), ms('read_at_ms', true),
      str('push_state', 12), ms('push_after_ms', true), ms('pushed_at_ms', true), str('push_error', 120, true),
    ],
    indices: [
      index('uq_agent_notice_source', ['agent_id', 'source_key'], true), index('idx_agent_notice_agent', ['agent_id', 'created_at_ms']),
      index('idx_agent_notice_push', ['push_state', 'push_after_ms']),
    ],
  }),
  new Table({
    name: 'notice_grant',
    columns: [{ ...uuid('agent_id'), isPrimary: true }, { ...str('template', 24), isPrimary: true }, int('remaining'), ms('updated_at_ms')],
  }),
  new Table({
    name: 'notice_setting',
    columns: [{ ...uuid('agent_id'), isPrimary: true }, int('quiet_start_minute'), int('quiet_end_minute'), int('daily_cap'), ms('updated_at_ms')],
  }),
  new Table({
    name: 'agent_reach',
    columns: [
      { ...uuid('agent_id'), isPrimary: true }, str('phone', 20, true), { name: 'phone_public', type: 'boolean', isNullable: false, default: 0 },
      str('wechat_qr_upload_id', 64, true), str('wechat_qr_kind', 8, true), ms('updated_at_ms'),
    ],
  }),
  new Table({
    name: 'customer_message',
    columns: [
      { ...uuid('id'), isPrimary: true }, uuid('client_message_id'), uuid('viewer_user_id'), uuid('agent_id'), uuid('contact_id'),
      { name: 'body', type: 'text', isNullable: false }, ms('created_at_ms'),
    ],
    indices: [index('uq_customer_message_client', ['viewer_user_id', 'client_message_id'], true), index('idx_customer_message_viewer', ['viewer_user_id', 'created_at_ms'])],
  }),
  new Table({
    name: 'uploaded_image',
    columns: [{ ...str('id', 64), isPrimary: true }, uuid('owner_id'), str('content_type', 16), int('size_bytes'), ms('created_at_ms')],
  }),
];

export class NoticesAndReach1765800000000 implements MigrationInterface {
  name = 'NoticesAndReach1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTablesUtf8mb4(queryRunner, TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true);
  }
}
