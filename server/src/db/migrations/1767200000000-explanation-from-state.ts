import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// The daily job at a million contacts (issue 15.3): every scoring wrote the contact's explanation
// (~7 KB of JSON: the contributions and stage evidence behind its figures) onto its row, beside a
// state that already holds everything it is worked out from. The contact page now works it out from
// the state when it is read, and the row keeps only what the next scoring compares against: how many
// stage entries the agent has seen and when the last one was (the stage moves are the entries after it).
const EVIDENCE_COLUMNS = [
  new TableColumn({ name: 'stage_evidence_count', type: 'integer', isNullable: true }),
  new TableColumn({ name: 'last_stage_evidence_at_ms', type: 'bigint', isNullable: true }),
];

export class ExplanationFromState1767200000000 implements MigrationInterface {
  name = 'ExplanationFromState1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('contact', EVIDENCE_COLUMNS);
    // Read out of the stored explanations before they go; a contact without one has not been scored.
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query(
        `UPDATE contact SET stage_evidence_count = json_array_length(score_explanation, '$.stageEvidence'),
                            last_stage_evidence_at_ms = json_extract(score_explanation, '$.stageEvidence[#-1].atMs')
          WHERE score_explanation IS NOT NULL AND json_valid(score_explanation) AND json_type(score_explanation, '$.stageEvidence') = 'array'`,
      );
    } else {
      await queryRunner.query(
        `UPDATE contact SET stage_evidence_count = JSON_LENGTH(score_explanation, '$.stageEvidence'),
                            last_stage_evidence_at_ms = CASE WHEN JSON_LENGTH(score_explanation, '$.stageEvidence') > 0
                              THEN JSON_EXTRACT(score_explanation, CONCAT('$.stageEvidence[', JSON_LENGTH(score_explanation, '$.stageEvidence') - 1, '].atMs')) END
          WHERE score_explanation IS NOT NULL AND JSON_VALID(score_explanation) AND JSON_TYPE(JSON_EXTRACT(score_explanation, '$.stageEvidence')) = 'ARRAY'`,
      );
    }
    await queryRunner.dropColumn('contact', 'score_explanation');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The explanations are not written back: the earlier scorer takes a contact without one from its stored state.
    await queryRunner.addColumn('contact', new TableColumn({ name: 'score_explanation', type: 'text', isNullable: true }));
    for (const column of EVIDENCE_COLUMNS) await queryRunner.dropColumn('contact', column.name);
  }
}
