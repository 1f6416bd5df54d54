import { openTestDatabase, revertToBefore, TestDatabase } from '../../testing/test-database';
import { MultiProcess1765300000000 } from './1765300000000-multi-process';

describe('migration 1765300000000 (several processes)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('keeps the newest of the active follow-ups racing processes left on one contact, dismisses the rest, then makes a second one impossible', async () => {
    await revertToBefore(db, MultiProcess1765300000000);
    const insert = (id: string, contactId: string, status: string, createdAtMs: number) => db.dataSource.query(
      `INSERT INTO follow_up_task (id, agent_id, contact_id, trigger_key, rule_id, action, suggested_message, due_at_ms, priority, status, snoozed_until_ms, done_at_ms, because, created_at_ms)
       VALUES (?, 'agent', ?, ?, 'rule', '跟进', '您好', 0, 3, ?, NULL, NULL, '[]', ?)`,
      [id, contactId, `event:${id}`, status, createdAtMs],
    );
    await insert('t-old', 'c-1', 'open', 1000);
    await insert('t-new', 'c-1', 'snoozed', 2000);
    await insert('t-done', 'c-1', 'done', 3000);
    await insert('t-only', 'c-2', 'open', 1000);
    await db.dataSource.runMigrations();
    const rows: { id: string; status: string; active_contact_id: string | null }[] = await db.dataSource.query('SELECT id, status, active_contact_id FROM follow_up_task ORDER BY id');
    expect(rows).toEqual([
      { id: 't-done', status: 'done', active_contact_id: null },
      { id: 't-new', status: 'snoozed', active_contact_id: 'c-1' },
      { id: 't-old', status: 'dismissed', active_contact_id: null },
      { id: 't-only', status: 'open', active_contact_id: 'c-2' },
    ]);
    await expect(insert('t-again', 'c-2', 'open', 4000).then(() => db.dataSource.query("UPDATE follow_up_task SET active_contact_id = 'c-2' WHERE id = 't-again'"))).rejects.toThrow();
  });
});
