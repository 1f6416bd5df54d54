import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// The contact book (issue 13): what the agent knows about a person (remark and real name,
// gender, birthday, WeChat id, relationship, source, family, own tags, WeChat friend on record,
// policies held), the phones the agent entered (encrypted, found by keyed hashes), and notes.
const uuid = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const ms = (name: string): TableColumnOptions => ({ name, type: 'bigint', isNullable: false });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
// 'integer' (not 'int'): SQLite keeps the word as written and TypeORM compares it with its own 'integer'.
const int = (name: string, def?: number): TableColumnOptions => ({ name, type: 'integer', isNullable: false, ...(def === undefined ? {} : { default: def }) });
const text = (name: string, nullable = true): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

const CONTACT_COLUMNS: TableColumnOptions[] = [
  str('remark_name', 30, true), str('real_name', 30, true), str('gender', 6, true), str('birthday', 10, true), str('wechat_id', 40, true),
  str('relationship', 20, true), { ...str('source', 8), default: "'share'" }, text('family_members'), text('agent_tags'),
  { name: 'wechat_friend', type: 'boolean', isNullable: false, default: 0 }, int('policies_held', 0),
];

const TABLES: Table[] = [
  new Table({
    name: 'contact_phone',
    columns: [
      { ...uuid('id'), isPrimary: true }, uuid('contact_id'), uuid('agent_id'), str('phone_cipher', 200), str('phone_hash', 64), str('last4_hash', 64),
      str('basis', 16), int('position'), ms('created_at_ms'),
    ],
    indices: [index('uq_contact_phone_agent_hash', ['agent_id', 'phone_hash'], true), index('idx_contact_phone_contact', ['contact_id'])],
  }),
  new Table({
    name: 'contact_note',
    columns: [{ ...uuid('id'), isPrimary: true }, uuid('contact_id'), uuid('author_id'), text('body', false), ms('created_at_ms'), ms('updated_at_ms')],
    indices: [index('idx_contact_note_contact', ['contact_id', 'created_at_ms'])],
  }),
];

export class ContactBook1765400000000 implements MigrationInterface {
  name = 'ContactBook1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('contact', CONTACT_COLUMNS.map((c) => new TableColumn(c)));
    await queryRunner.createIndex('contact', index('idx_contact_agent_touch', ['agent_id', 'last_touch_at_ms']));
    // Contacts so far all came from a share; those that came through someone's forward say so.
    await queryRunner.query(`UPDATE contact SET source = 'forward' WHERE referred_by_contact_id IS NOT NULL`);
    await createTablesUtf8mb4(queryRunner, TABLES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await queryRunner.dropTable(table.name, true);
    await queryRunner.dropIndex('contact', 'idx_contact_agent_touch');
    for (const c of [...CONTACT_COLUMNS].reverse()) await queryRunner.dropColumn('contact', c.name);
  }
}
