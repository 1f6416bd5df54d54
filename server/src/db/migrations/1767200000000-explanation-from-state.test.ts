import { openTestDatabase, revertToBefore, TestDatabase } from '../../testing/test-database';
import { ExplanationFromState1767200000000 } from './1767200000000-explanation-from-state';

describe('migration 1767200000000 (the explanation worked out when read)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('keeps, of each stored explanation, how many stage entries it showed and the newest one\'s time, then drops the explanations', async () => {
    await revertToBefore(db, ExplanationFromState1767200000000);
    const insert = (id: string, explanation: string | null) => db.dataSource.query(
      'INSERT INTO contact (id, agent_id, display_name, created_at_ms, scored_at_ms, score_explanation) VALUES (?, NULL, ?, 0, 5000, ?)', [id, id, explanation],
    );
    const entry = (stage: number, atMs: number) => ({ stage, eventId: null, atMs, reason: '读完' });
    await insert('c-three', JSON.stringify({ stage: 3, stageEvidence: [entry(1, 1000), entry(2, 2000), entry(3, 1_767_000_000_123)], contributions: [] }));
    await insert('c-empty', JSON.stringify({ stage: 1, stageEvidence: [], contributions: [] }));
    await insert('c-none', null);
    await insert('c-damaged', '{"stage": 2, "stageEvid');
    await db.dataSource.runMigrations();
    const rows: { id: string; stage_evidence_count: number | string | null; last_stage_evidence_at_ms: number | string | null }[] = await db.dataSource.query(
      'SELECT id, stage_evidence_count, last_stage_evidence_at_ms FROM contact ORDER BY id',
    );
    expect(rows.map((r) => [r.id, r.stage_evidence_count === null ? null : Number(r.stage_evidence_count), r.last_stage_evidence_at_ms === null ? null : Number(r.last_stage_evidence_at_ms)])).toEqual([
      ['c-damaged', null, null],
      ['c-empty', 0, null],
      ['c-none', null, null],
      ['c-three', 3, 1_767_000_000_123],
    ]);
    const columns = (await db.dataSource.createQueryRunner().getTable('contact'))?.columns.map((c) => c.name);
    expect(columns).not.toContain('score_explanation');
  });
});
