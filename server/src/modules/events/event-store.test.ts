import { randomUUID } from 'node:crypto';
import { openTestDatabase, TestDatabase } from '../../testing/test-database';
import { ALL_STORED, EventRow, EventStore } from './event-store';

/** Runs on SQLite, and on MySQL/MariaDB too when TEST_DATABASE_URL is set. */
describe('EventStore', () => {
  let db: TestDatabase;
  let store: EventStore;
  beforeAll(async () => {
    db = await openTestDatabase();
    store = new EventStore(db.dataSource);
  });
  afterAll(() => db.close());

  const contactId = randomUUID();
  const row = (overrides: Partial<EventRow> = {}): EventRow => ({
    id: randomUUID(), clientEventId: randomUUID(), contactId, agentId: randomUUID(), shareId: randomUUID(), contentVersionId: randomUUID(),
    type: 'read_progress', occurredAtMs: 1_700_000_000_123, receivedAtMs: 1_700_000_000_456, depthPct: 40, dwellMs: 12_000,
    videoPct: null, videoPositionSec: null, npsScore: null, note: null, ...overrides,
  });
  const ids = async (where: string, params: unknown[]) =>
    ((await db.dataSource.query(`SELECT id FROM touchpoint_event WHERE ${where}`, params)) as { id: string }[]).map((r) => r.id).sort();

  it('stores a batch in one go and says every row was new', async () => {
    const batch = Array.from({ length: 250 }, (_, i) => row({ depthPct: i % 101 }));
    await expect(store.insertIgnoringReplays(batch)).resolves.toBe(ALL_STORED);
    expect(await ids('contact_id = ? AND id IN (' + batch.map(() => '?').join(',') + ')', [contactId, ...batch.map((r) => r.id)])).toEqual(
      batch.map((r) => r.id).sort(),
    );
  });

  it('writes every column as given', async () => {
    const r = row({ type: 'nps_answer', npsScore: 9, videoPct: 55, videoPositionSec: 120, note: '客户说下周再聊', depthPct: null, dwellMs: null });
    await store.insertIgnoringReplays([r]);
    const [stored] = await db.dataSource.query(
      'SELECT client_event_id AS c, agent_id AS a, share_id AS s, content_version_id AS v, type, occurred_at_ms AS o, received_at_ms AS rc, depth_pct AS d, dwell_ms AS w, video_pct AS vp, video_position_sec AS vs, nps_score AS n, note FROM touchpoint_event WHERE id = ?',
      [r.id],
    );
    expect({ ...stored, o: Number(stored.o), rc: Number(stored.rc) }).toEqual({
      c: r.clientEventId, a: r.agentId, s: r.shareId, v: r.contentVersionId, type: 'nps_answer', o: r.occurredAtMs, rc: r.receivedAtMs,
      d: null, w: null, vp: 55, vs: 120, n: 9, note: '客户说下周再聊',
    });
  });

  it('drops replays by the unique key and names exactly the rows that were new', async () => {
    const first = [row(), row(), row()];
    await store.insertIgnoringReplays(first);
    // The same events again (new server-side ids, same contact + client id), mixed with fresh ones.
    const replays = first.map((r) => ({ ...r, id: randomUUID() }));
    const fresh = [row(), row()];
    const stored = await store.insertIgnoringReplays([replays[0] as EventRow, fresh[0] as EventRow, replays[1] as EventRow, replays[2] as EventRow, fresh[1] as EventRow]);
    expect(stored).not.toBe(ALL_STORED);
    expect([...(stored as Set<string>)].sort()).toEqual(fresh.map((r) => r.id).sort());
    expect(await ids('id IN (?,?,?)', replays.map((r) => r.id))).toEqual([]);
  });

  it('stores one of two copies of an event inside the same batch', async () => {
    const a = row();
    const copy = { ...a, id: randomUUID() };
    const stored = await store.insertIgnoringReplays([a, copy]);
    expect(stored).toEqual(new Set([a.id]));
    expect(await ids('client_event_id = ?', [a.clientEventId])).toEqual([a.id]);
  });

  it('answers an empty batch without a query', async () => {
    await expect(store.insertIgnoringReplays([])).resolves.toBe(ALL_STORED);
  });

  const onSqlite = () => db.dataSource.options.type === 'better-sqlite3';

  it('on SQLite, waits for a transaction open on the shared handle instead of committing inside it', async () => {
    if (!onSqlite()) return;
    const r = row();
    let insert: Promise<unknown> = Promise.resolve();
    await expect(
      db.dataSource.transaction(async (manager) => {
        await manager.query('SELECT 1');
        insert = store.insertIgnoringReplays([r]);
        await new Promise((resolve) => setTimeout(resolve, 30));
        throw new Error('roll this transaction back');
      }),
    ).rejects.toThrow('roll this transaction back');
    await expect(insert).resolves.toBe(ALL_STORED);
    // Our row did not share the rolled-back transaction's fate.
    expect(await ids('id = ?', [r.id])).toEqual([r.id]);
  });

  it('rejects with 503 when the database is closed', async () => {
    const other = await openTestDatabase();
    const closedStore = new EventStore(other.dataSource);
    await other.dataSource.destroy();
    try {
      await expect(closedStore.insertIgnoringReplays([row()])).rejects.toMatchObject({ status: 503, code: 'database_unavailable' });
    } finally {
      await other.close().catch(() => undefined);
    }
  });
});
