import { randomUUID } from 'node:crypto';
import { insertBareContact, insertLeadForm } from '../../testing/seed-rows';
import { openTestDatabase, revertToBefore, TestDatabase } from '../../testing/test-database';
import { AgentReadsFromIndexes1767400000000 } from './1767400000000-agent-reads-from-indexes';

describe('migration 1767400000000 (the agent’s reads from index ranges)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());
  const sqlite = () => db.dataSource.options.type === 'better-sqlite3';

  it('keeps on each contact the budget its latest lead form named', async () => {
    await revertToBefore(db, AgentReadsFromIndexes1767400000000);
    const [named, none, untouched] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [named, none, untouched]) await insertBareContact(db.dataSource, { id });
    for (const [contactId, budgetFen, createdAtMs] of [[named, 2_000_00, 1_000], [named, 7_000_00, 2_000], [named, null, 3_000], [none, null, 1_000]] as const) {
      await insertLeadForm(db.dataSource, { contactId, budgetFen, createdAtMs });
    }
    await db.dataSource.runMigrations();
    const rows: { id: string; budget_fen: number | string | null }[] = await db.dataSource.query(
      'SELECT id, budget_fen FROM contact WHERE id IN (?, ?, ?)', [named, none, untouched],
    );
    const budgets = new Map(rows.map((r) => [r.id, r.budget_fen === null ? null : Number(r.budget_fen)]));
    expect([budgets.get(named), budgets.get(none), budgets.get(untouched)]).toEqual([7_000_00, null, null]);
  });

  it('on SQLite, finds a page of a stage in idx_contact_agent_stage alone, in order', async () => {
    if (!sqlite()) return; // InnoDB's plans depend on its statistics; the MariaDB figures are in docs/scale-out.md.
    const plan = async (sql: string): Promise<string> =>
      ((await db.dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, [randomUUID()])) as { detail: string }[]).map((p) => p.detail).join('\n');
    const where = 'WHERE c.agent_id = ? AND c.merged_into_contact_id IS NULL AND c.stage = 3';
    const page = await plan(`SELECT c.id FROM contact c ${where} ORDER BY c.last_touch_at_ms DESC, c.id DESC LIMIT 20 OFFSET 980`);
    expect(page).toContain('COVERING INDEX idx_contact_agent_stage');
    expect(page).not.toContain('TEMP B-TREE');
  });

  it('on SQLite, reads the daily snapshot’s contacts (every agent’s) from idx_contact_agent_grid alone', async () => {
    if (!sqlite()) return;
    const detail = ((await db.dataSource.query(
      `EXPLAIN QUERY PLAN SELECT id, agent_id, cell, stage, outcome, referral_class, centre_of_influence FROM contact
        WHERE agent_id IN (?, ?) AND created_at_ms <= ? AND merged_into_contact_id IS NULL`,
      [randomUUID(), randomUUID(), Date.now()],
    )) as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(detail).toContain('COVERING INDEX idx_contact_agent_grid');
  });
});
