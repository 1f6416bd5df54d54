import { MigrationInterface, QueryRunner } from 'typeorm';

// Follow-up messages were checked against a ten-phrase list of their own (issue 11); they now pass
// the one compliance check, whose list is the operators'. These are the phrases of that list the
// operators' seed did not hold yet, so that no message loses a refusal it had. Frozen as shipped.
const PHRASES: [id: string, word: string, category: string][] = [
  ['00000000-0000-4000-8000-000000000101', '保本', 'guaranteed_returns'],
  ['00000000-0000-4000-8000-000000000102', '高收益', 'guaranteed_returns'],
  ['00000000-0000-4000-8000-000000000103', '收益率', 'guaranteed_returns'],
  ['00000000-0000-4000-8000-000000000104', '回报率', 'guaranteed_returns'],
  ['00000000-0000-4000-8000-000000000105', '包赔', 'misleading'],
];
const SEEDED_AT_MS = 1765200000000;

export class FollowUpPhrasesIntoForbiddenWords1765200000000 implements MigrationInterface {
  name = 'FollowUpPhrasesIntoForbiddenWords1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [id, word, category] of PHRASES) {
      // An operator may have added the word already (the word is unique): theirs stands.
      const existing: unknown[] = await queryRunner.query('SELECT id FROM compliance_word WHERE word = ?', [word]);
      if (existing.length > 0) continue;
      await queryRunner.query('INSERT INTO compliance_word (id, word, category, created_by, created_at_ms) VALUES (?, ?, ?, NULL, ?)', [id, word, category, SEEDED_AT_MS]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [id] of PHRASES) await queryRunner.query('DELETE FROM compliance_word WHERE id = ?', [id]);
  }
}
