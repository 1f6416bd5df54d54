import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// A frozen snapshot of the first schema, written with TypeORM's portable Table API so the same
// migration runs on SQLite and MySQL/MariaDB. Later changes get their own migrations.
const uuid = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const id = (): TableColumnOptions => ({ ...uuid('id'), isPrimary: true });
const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
// 'integer' (not 'int'): SQLite keeps the word as written and TypeORM compares it with its own 'integer'.
const int = (name: string, nullable = true, def?: number): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable, ...(def === undefined ? {} : { default: def }) });
const text = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const bool = (name: string, def: boolean): TableColumnOptions => ({ name, type: 'boolean', isNullable: false, default: def ? 1 : 0 });
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

const TABLES: Table[] = [
  new Table({
    name: 'org_unit',
    columns: [id(), str('kind', 16), str('name', 200), uuid('parent_id', true), str('path', 400), ms('created_at_ms')],
    indices: [index('idx_org_unit_path', ['path'])],
  }),
  new Table({
    name: 'app_user',
    columns: [id(), str('openid', 128), str('unionid', 128, true), ms('created_at_ms')],
    indices: [index('uq_app_user_openid', ['openid'], true)],
  }),
  new Table({
    name: 'staff_member',
    columns: [
      id(), uuid('user_id', true), str('role', 16), uuid('org_unit_id'), str('name', 100), str('employee_no', 64, true),
      str('licence_no', 64, true), str('photo_url', 500, true), str('intro', 1000, true), str('persona_template', 64, true),
      str('invite_code_hash', 64, true), ms('invite_expires_at_ms', true), ms('created_at_ms'),
    ],
    indices: [
      index('uq_staff_member_user', ['user_id'], true),
      index('idx_staff_member_org_unit', ['org_unit_id']),
      index('uq_staff_member_invite', ['invite_code_hash'], true),
    ],
  }),
  new Table({
    name: 'content_item',
    columns: [
      id(), str('kind', 16), str('status', 16), uuid('published_version_id', true), text('visible_org_unit_ids', false),
      ms('visible_from_ms', true), ms('visible_until_ms', true), ms('created_at_ms'),
    ],
  }),
  new Table({
    name: 'content_version',
    columns: [
      id(), uuid('item_id'), int('version_no', false), str('title', 200), str('summary', 500, true), str('cover_url', 500, true),
      text('body_html'), str('video_url', 500, true), int('duration_sec'), ms('live_starts_at_ms', true), ms('live_ends_at_ms', true),
      str('replay_url', 500, true), text('tags', false), str('status', 16), ms('approved_at_ms', true), uuid('created_by', true),
      ms('created_at_ms'),
    ],
    indices: [index('uq_content_version_item_no', ['item_id', 'version_no'], true)],
  }),
  new Table({
    name: 'content_version_tag',
    columns: [{ ...uuid('version_id'), isPrimary: true }, { ...str('tag', 80), isPrimary: true }],
    indices: [index('idx_content_version_tag_tag', ['tag'])],
  }),
  new Table({
    name: 'share',
    columns: [
      id(), uuid('agent_id'), uuid('content_version_id'), str('channel', 16), uuid('parent_share_id', true),
      uuid('forwarded_by_contact_id', true), ms('created_at_ms'),
    ],
    indices: [index('idx_share_agent', ['agent_id'])],
  }),
  new Table({
    name: 'contact',
    columns: [
      id(), uuid('agent_id'), uuid('viewer_user_id', true), str('display_name', 100), uuid('referred_by_contact_id', true),
      uuid('first_share_id', true), int('trust', false, 0), int('intent', false, 0), { ...str('cell', 9), default: "'low-low'" },
      int('stage', false, 1), { ...str('outcome', 8), default: "'open'" }, { ...str('referral_class', 20), default: "'indifferent'" },
      bool('centre_of_influence', false), text('interest_tags'), text('score_explanation'), bool('opted_out', false),
      ms('last_touch_at_ms', true), ms('scored_at_ms', true), ms('created_at_ms'),
    ],
    indices: [
      index('uq_contact_agent_viewer', ['agent_id', 'viewer_user_id'], true),
      index('idx_contact_agent_cell', ['agent_id', 'cell']),
      index('idx_contact_agent_stage', ['agent_id', 'stage']),
      index('idx_contact_referred_by', ['referred_by_contact_id']),
    ],
  }),
  new Table({
    name: 'touchpoint_event',
    columns: [
      id(), uuid('client_event_id'), uuid('contact_id'), uuid('agent_id'), uuid('share_id', true), uuid('content_version_id', true),
      str('type', 24), ms('occurred_at_ms'), ms('received_at_ms'), int('depth_pct'), int('dwell_ms'), int('video_pct'),
      int('video_position_sec'), int('nps_score'), str('note', 1000, true),
    ],
    indices: [
      index('uq_touchpoint_event_client', ['contact_id', 'client_event_id'], true),
      index('idx_touchpoint_event_contact_time', ['contact_id', 'occurred_at_ms']),
      index('idx_touchpoint_event_agent_time', ['agent_id', 'occurred_at_ms']),
      index('idx_touchpoint_event_received', ['received_at_ms']),
    ],
  }),
  new Table({
    name: 'consent',
    columns: [id(), uuid('contact_id'), str('text_version', 64), str('purpose', 200), ms('given_at_ms'), ms('withdrawn_at_ms', true)],
    indices: [index('idx_consent_contact', ['contact_id'])],
  }),
  new Table({
    name: 'lead',
    columns: [
      id(), uuid('client_event_id'), uuid('contact_id'), uuid('agent_id'), uuid('share_id', true), str('name', 100),
      str('phone_cipher', 200), str('phone_hash', 64), str('phone_last4', 4), str('phone_prefix3', 3),
      { name: 'budget_fen', type: 'bigint', isNullable: true }, str('insured_person', 100, true), text('needs', false),
      uuid('consent_id'), ms('created_at_ms'),
    ],
    indices: [
      index('uq_lead_client', ['contact_id', 'client_event_id'], true),
      index('idx_lead_agent', ['agent_id']),
      index('idx_lead_phone_hash', ['phone_hash']),
    ],
  }),
  new Table({
    name: 'follow_up_task',
    columns: [
      id(), uuid('agent_id'), uuid('contact_id'), str('trigger_key', 100), str('rule_id', 64), str('action', 200),
      str('suggested_message', 1000), ms('due_at_ms'), int('priority', false), str('status', 12), ms('snoozed_until_ms', true),
      ms('done_at_ms', true), text('because', false), ms('created_at_ms'),
    ],
    indices: [
      index('idx_follow_up_task_agent_status', ['agent_id', 'status', 'due_at_ms']),
      index('idx_follow_up_task_contact', ['contact_id']),
      index('uq_follow_up_task_trigger', ['trigger_key'], true),
    ],
  }),
  new Table({
    name: 'audit_entry',
    columns: [id(), uuid('actor_id', true), str('action', 64), str('subject_type', 32), str('subject_id', 36), text('detail'), ms('at_ms')],
    indices: [index('idx_audit_entry_subject', ['subject_type', 'subject_id'])],
  }),
  new Table({
    name: 'job_cursor',
    columns: [{ ...str('name', 64), isPrimary: true }, ms('position_ms'), str('note', 200, true)],
  }),
];

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTablesUtf8mb4(queryRunner, TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true);
  }
}
