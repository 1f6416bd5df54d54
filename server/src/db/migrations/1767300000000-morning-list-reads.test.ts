import { randomUUID } from 'node:crypto';
import { insertBareContact } from '../../testing/seed-rows';
import { openTestDatabase, revertToBefore, TestDatabase } from '../../testing/test-database';
import { MorningListReads1767300000000 } from './1767300000000-morning-list-reads';

describe('migration 1767300000000 (the morning list from two index ranges)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());
  const sqlite = () => db.dataSource.options.type === 'better-sqlite3';

  it('on an analyzed SQLite database, analyzes its new indexes, so the contact list\'s count still reads the grid index alone', async () => {
    if (!sqlite()) return; // InnoDB gathers statistics of a new index itself.
    await revertToBefore(db, MorningListReads1767300000000);
    const agents = Array.from({ length: 20 }, () => randomUUID());
    for (const [i, agentId] of agents.entries()) {
      for (let k = 0; k < 30; k += 1) {
        await insertBareContact(db.dataSource, { agentId, displayName: `客户${i}-${k}` });
      }
    }
    await db.dataSource.query('ANALYZE');
    await db.dataSource.runMigrations();
    // (ANALYZE records nothing for an empty table, so the tasks' index has no row here.)
    const stats: { idx: string; stat: string }[] = await db.dataSource.query("SELECT idx, stat FROM sqlite_stat1 WHERE idx = 'idx_contact_agent_rank'");
    expect(stats.map((s) => s.stat.split(' ').slice(0, 2).join(' '))).toEqual(['600 30']);
    const plan: { detail: string }[] = await db.dataSource.query(
      'EXPLAIN QUERY PLAN SELECT COUNT(DISTINCT c.id) FROM contact c WHERE c.agent_id = ? AND c.merged_into_contact_id IS NULL AND c.opted_out = 0', [agents[0]],
    );
    expect(plan.map((p) => p.detail).join('\n')).toContain('COVERING INDEX idx_contact_agent_grid');
  });
});
