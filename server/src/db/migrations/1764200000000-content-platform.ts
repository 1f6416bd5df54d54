import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { createTablesUtf8mb4 } from './create-tables';

// The content platform (issue 5): the tag tree, the forbidden-word list, and the review fields of
// content. Both seeds are frozen here as they shipped; operators change them through the API.
const TAGS: [family: string, code: string, name: string][] = [
  ['need', 'critical_illness', '重疾'], ['need', 'medical', '医疗'], ['need', 'accident', '意外'], ['need', 'life', '寿险'],
  ['need', 'annuity', '年金'], ['need', 'education', '教育金'], ['need', 'retirement', '养老'], ['need', 'legacy', '财富传承'],
  ['audience', 'young_mothers', '宝妈'], ['audience', 'business_owners', '企业主'], ['audience', 'white_collar', '白领'],
  ['audience', 'silver', '银发'], ['audience', 'middle_class', '新中产'], ['audience', 'new_citizens', '新市民'],
  ['life_event', 'marriage', '结婚'], ['life_event', 'newborn', '添丁'], ['life_event', 'new_home', '购房安家'],
  ['life_event', 'child_school', '孩子入学'], ['life_event', 'retirement', '退休'],
  ['stage', '1', '有效名单'], ['stage', '2', '约访名单'], ['stage', '3', '有价值名单'], ['stage', '4', '开启保险话题'],
  ['stage', '5', '唤醒需求'], ['stage', '6', '制作建议书'], ['stage', '7', '递送建议书'], ['stage', '8', '异议处理与成交'],
];

// Sales phrases insurance regulators forbid in marketing: promised returns, deposit-like framing,
// absolute claims, and disparaging other insurers.
const FORBIDDEN_WORDS: [word: string, category: string][] = [
  ['稳赚', 'guaranteed_returns'], ['稳赚不赔', 'guaranteed_returns'], ['保本高收益', 'guaranteed_returns'], ['保证收益', 'guaranteed_returns'],
  ['保证回报', 'guaranteed_returns'], ['收益翻倍', 'guaranteed_returns'], ['零风险', 'guaranteed_returns'], ['无风险', 'guaranteed_returns'],
  ['guaranteed return', 'guaranteed_returns'], ['risk-free', 'guaranteed_returns'],
  ['等同存款', 'misleading'], ['代替存款', 'misleading'], ['绝对安全', 'misleading'], ['100%理赔', 'misleading'], ['什么都赔', 'misleading'],
  ['最好的保险', 'superlative'], ['全国第一', 'superlative'],
  ['别家都是坑', 'disparaging'], ['其他公司都是坑', 'disparaging'], ['其他保险公司不靠谱', 'disparaging'], ['别家保险不赔', 'disparaging'],
  ['比其他保险公司都好', 'disparaging'],
];

const SEEDED_AT_MS = 1764200000000;

export class ContentPlatform1764200000000 implements MigrationInterface {
  name = 'ContentPlatform1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      new Table({
        name: 'tag',
        columns: [
          { name: 'code', type: 'varchar', length: '80', isPrimary: true },
          { name: 'family', type: 'varchar', length: '16' },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'parent_code', type: 'varchar', length: '80', isNullable: true },
          // 'integer' (not 'int'): SQLite keeps the word as written and TypeORM compares it with its own 'integer'.
          { name: 'sort_order', type: 'integer', default: 0 },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at_ms', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'idx_tag_family', columnNames: ['family', 'sort_order'] })],
      }),
      new Table({
        name: 'compliance_word',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'word', type: 'varchar', length: '100' },
          { name: 'category', type: 'varchar', length: '32' },
          { name: 'created_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at_ms', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'uq_compliance_word_word', columnNames: ['word'], isUnique: true })],
      }),
    ];
    await createTablesUtf8mb4(queryRunner, tables);
    await queryRunner.addColumns('content_item', [
      new TableColumn({ name: 'source_key', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'retired_at_ms', type: 'bigint', isNullable: true }),
    ]);
    await queryRunner.createIndex('content_item', new TableIndex({ name: 'uq_content_item_source_key', columnNames: ['source_key'], isUnique: true }));
    await queryRunner.addColumns('content_version', [
      new TableColumn({ name: 'submitted_by', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'submitted_at_ms', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'reviewed_by', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'reviewed_at_ms', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'rejection_reason', type: 'varchar', length: '500', isNullable: true }),
    ]);
    for (const [i, [family, code, name]] of TAGS.entries()) {
      await queryRunner.query('INSERT INTO tag (code, family, name, parent_code, sort_order, created_by, created_at_ms) VALUES (?, ?, ?, NULL, ?, NULL, ?)', [
        `${family}:${code}`, family, name, i, SEEDED_AT_MS,
      ]);
    }
    for (const [i, [word, category]] of FORBIDDEN_WORDS.entries()) {
      const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
      await queryRunner.query('INSERT INTO compliance_word (id, word, category, created_by, created_at_ms) VALUES (?, ?, ?, NULL, ?)', [id, word, category, SEEDED_AT_MS]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['rejection_reason', 'reviewed_at_ms', 'reviewed_by', 'submitted_at_ms', 'submitted_by']) {
      await queryRunner.dropColumn('content_version', column);
    }
    await queryRunner.dropIndex('content_item', 'uq_content_item_source_key');
    await queryRunner.dropColumn('content_item', 'retired_at_ms');
    await queryRunner.dropColumn('content_item', 'source_key');
    await queryRunner.dropTable('compliance_word', true);
    await queryRunner.dropTable('tag', true);
  }
}
