import type { MorningListPage, TaskView } from '@kejing/shared';
import { bearer, buildWorld, openAndRead, startTestApp, TestApp, TEST_NOW, World } from '../../server/src/testing/test-app';

const HOUR_MS = 3_600_000;
const READERS = 22;

/**
 * The morning list comes a page at a time (the first screenful of the ranking, the rest as the agent
 * scrolls). Paging must neither repeat nor skip a task while the agent works the list between pages,
 * and every page of one list is ranked as of the instant the first page was drawn up.
 */
describe('the morning list, a page at a time', () => {
  let t: TestApp;
  let world: World;
  const agentA = () => bearer((world.people.a as { token: string }).token);
  const agentB = () => bearer((world.people.b as { token: string }).token);
  const page = async (query: string, auth = agentA()) => (await t.http.get(`/api/tasks/today${query}`).set(auth).expect(200)).body as MorningListPage;
  const ids = (tasks: TaskView[]) => tasks.map((task) => task.taskId);
  /** Every page in turn, `limit` at a time. */
  const allPages = async (limit: number, auth = agentA()) => {
    const pages = [await page(`?limit=${limit}`, auth)];
    for (let last = pages[0]; last?.next; last = pages[pages.length - 1]) pages.push(await page(`?limit=${limit}&after=${encodeURIComponent(last.next)}`, auth));
    return pages;
  };

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    // A reading's follow-up is due a day after it is scored. Three waves: yesterday morning's are
    // overdue by the time the list is read, yesterday afternoon's are due later today, and this
    // morning's are planned today for tomorrow.
    const waves: [at: number, readers: number][] = [[TEST_NOW, 6], [TEST_NOW + 5 * HOUR_MS, 8], [TEST_NOW + 25 * HOUR_MS, 8]];
    let reader = 0;
    for (const [at, readers] of waves) {
      t.clock.set(at);
      for (let i = 0; i < readers; i += 1) await openAndRead(t, world, `morning-pages-${(reader += 1)}`);
      await t.services.scoringWorker.drain();
    }
    await openAndRead(t, world, 'morning-pages-b', 'b');
    await t.services.scoringWorker.drain();
  }, 120_000);
  afterAll(() => t.close());

  it('pages of 5 hold the same tasks in the same order as one page of all, each once, and say where the list ends', async () => {
    const whole = await page('?limit=100');
    expect(whole.total).toBe(READERS);
    expect(whole.tasks).toHaveLength(READERS);
    expect(whole.next).toBeNull();

    const pages = await allPages(5);
    expect(pages.map((p) => p.tasks.length)).toEqual([5, 5, 5, 5, 2]);
    expect(pages.flatMap((p) => ids(p.tasks))).toEqual(ids(whole.tasks));
    expect(pages.every((p) => p.total === READERS)).toBe(true);
    expect(pages[4]?.next).toBeNull();
  });

  it('lists overdue tasks first and counts every section', async () => {
    const whole = await page('?limit=100');
    const now = t.clock.nowMs();
    expect(whole.sections).toEqual({ overdue: 6, today: 8, later: 8 });
    const dueIn = whole.tasks.map((task) => (Date.parse(task.dueAt) - now) / HOUR_MS);
    expect(dueIn).toEqual([...Array(6).fill(-1), ...Array(8).fill(4), ...Array(8).fill(24)]);
    expect(whole.asOf).toBe(new Date(now).toISOString());
  });

  it('without a limit a page holds 20 tasks', async () => {
    const first = await page('');
    expect(first.tasks).toHaveLength(20);
    expect(ids(first.tasks)).toEqual(ids((await page('?limit=100')).tasks).slice(0, 20));
    expect(first.next).not.toBeNull();
  });

  it('a task done between pages shifts nothing: the next page starts right after the last task shown', async () => {
    const before = ids((await page('?limit=100')).tasks);
    const first = await page('?limit=4');
    const doneOnFirst = first.tasks[0] as TaskView;
    const doneOnSecond = before[5] as string;
    await t.http.post(`/api/tasks/${doneOnFirst.taskId}/done`).set(agentA()).expect(200);
    await t.http.post(`/api/tasks/${doneOnSecond}/done`).set(agentA()).expect(200);

    const second = await page(`?limit=4&after=${encodeURIComponent(first.next as string)}`);
    expect(ids(second.tasks)).toEqual([before[4], before[6], before[7], before[8]]);
    expect(second.total).toBe(READERS - 2);
  });

  it('every page of one list is ranked as of the first page: five hours on the second page still follows the first', async () => {
    // The first page ends with the last overdue task; five hours on, the next wave is overdue too.
    const first = await page('?limit=6');
    const asOfFirst = ids((await page('?limit=100')).tasks);
    t.clock.set(t.clock.nowMs() + 5 * HOUR_MS);
    const second = await page(`?limit=3&after=${encodeURIComponent(first.next as string)}`);
    expect(second.asOf).toBe(first.asOf);
    expect(second.sections).toEqual(first.sections);
    expect(ids(second.tasks)).toEqual(asOfFirst.slice(6, 9));
    // A fresh list is drawn up as of now: more of it is overdue.
    const fresh = await page('?limit=100');
    expect(fresh.asOf).toBe(new Date(t.clock.nowMs()).toISOString());
    expect(fresh.sections.overdue).toBeGreaterThan(first.sections.overdue);
  });

  it('another agent with this agent\'s cursor sees only their own list', async () => {
    const first = await page('?limit=1');
    const theirs = await page(`?limit=100&after=${encodeURIComponent(first.next as string)}`, agentB());
    const bOwn = await page('?limit=100', agentB());
    expect(bOwn.total).toBe(1);
    expect(ids(theirs.tasks).every((id) => ids(bOwn.tasks).includes(id))).toBe(true);
    expect(theirs.total).toBe(1);
  });

  it('a task whose contact is not the agent\'s is not on the agent\'s list (a handover moves both; this one is out of step)', async () => {
    const whole = await page('?limit=100');
    const moved = whole.tasks[whole.tasks.length - 1] as TaskView;
    const other = (world.people.b as { staffId: string }).staffId;
    const owner = (await t.db.dataSource.query('SELECT agent_id FROM contact WHERE id = ?', [moved.contactId]))[0].agent_id as string;
    await t.db.dataSource.query('UPDATE contact SET agent_id = ? WHERE id = ?', [other, moved.contactId]);
    try {
      const after = await page('?limit=100');
      expect(ids(after.tasks)).toEqual(ids(whole.tasks).filter((id) => id !== moved.taskId));
      expect(after.total).toBe(whole.total - 1);
    } finally {
      await t.db.dataSource.query('UPDATE contact SET agent_id = ? WHERE id = ?', [owner, moved.contactId]);
    }
  });

  it('a contact who opted out is left off the list and its counts, even while the task is still open', async () => {
    const whole = await page('?limit=100');
    const quiet = whole.tasks[0] as TaskView;
    await t.db.dataSource.query('UPDATE contact SET opted_out = ? WHERE id = ?', [true, quiet.contactId]);
    try {
      const after = await page('?limit=100');
      expect(ids(after.tasks)).toEqual(ids(whole.tasks).slice(1));
      expect(after.total).toBe(whole.total - 1);
    } finally {
      await t.db.dataSource.query('UPDATE contact SET opted_out = ? WHERE id = ?', [false, quiet.contactId]);
    }
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['after=not-a-cursor', 'after'],
    [`after=${Buffer.from(JSON.stringify([1, 0, 'overdue', 1, 0, 'x'])).toString('base64url')}`, 'after'], // a cursor of another day
    [`after=${Buffer.from(JSON.stringify([2, Date.now(), 'overdue', 1, 0, 'x'])).toString('base64url')}`, 'after'], // another version
    [`after=${Buffer.from(JSON.stringify([1, TEST_NOW, 'soon', 1, 0, 'x'])).toString('base64url')}`, 'after'], // no such section
  ])('?%s is refused with a 400 naming %s', async (query, field) => {
    const res = await t.http.get(`/api/tasks/today?${query}`).set(agentA()).expect(400);
    const details = res.body.error.details as { field: string; reason: string }[];
    expect(details.length).toBeGreaterThan(0);
    for (const detail of details) expect(detail).toMatchObject({ field, reason: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });

  it('a cursor drawn up in the future is refused', async () => {
    const future = Buffer.from(JSON.stringify([1, t.clock.nowMs() + HOUR_MS, 'overdue', 1, 0, 'x'])).toString('base64url');
    const res = await t.http.get(`/api/tasks/today?after=${future}`).set(agentA()).expect(400);
    expect(res.body.error.details[0]).toMatchObject({ field: 'after', reason: '今日列表已更新，请下拉刷新' });
  });
});
