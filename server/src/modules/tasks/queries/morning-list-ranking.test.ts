import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { DEFAULT_SCORING_CONFIG, morningListSection, rankFollowUp, stagePriorCloseProbability, type DealOutcome, type Stage } from '@kejing/shared';
import { endOfChinaDay } from '../../../lib/china-day';
import { fuzzRuns } from '../../../testing/fuzz-runs';
import { insertLeadForm } from '../../../testing/seed-rows';
import { openTestDatabase, TestDatabase } from '../../../testing/test-database';
import { refreshContactBudgets } from '../../leads/queries/contact-budgets';
import { rankedPageInSql } from './morning-list-ranking';

const HOUR = 3_600_000;
const AS_OF = Date.UTC(2026, 10, 30, 2, 0); // 10:00 China time
const DEFAULT_VALUE_FEN = 5_000_00;

interface DrawnTask {
  priority: 1 | 2 | 3 | 4 | 5;
  stage: Stage;
  outcome: DealOutcome;
  /** Minutes from the list's instant, late or ahead. */
  dueInMinutes: number;
  /** The lead forms' budgets, oldest first; null for a form that named none. */
  budgets: (number | null)[];
  optedOut: boolean;
  /** Planned today (on the list whenever due) or a week ago (on it once due by tonight). */
  plannedToday: boolean;
}

const drawnTask = fc.record({
  priority: fc.constantFrom(1, 2, 3, 4, 5),
  stage: fc.constantFrom<Stage>(1, 2, 3, 4, 5, 6, 7, 8),
  outcome: fc.constantFrom<DealOutcome>('open', 'open', 'open', 'won', 'lost'),
  dueInMinutes: fc.integer({ min: -5 * 24 * 60, max: 3 * 24 * 60 }),
  budgets: fc.array(fc.option(fc.integer({ min: 1, max: 50_000_000 }), { nil: null }), { maxLength: 3 }),
  optedOut: fc.boolean(),
  plannedToday: fc.boolean(),
}) as fc.Arbitrary<DrawnTask>;

/**
 * The database ranks the morning list by the same rule as rankFollowUp (shared): for random tasks,
 * every rank is the JavaScript rank rounded, the sections are the shared rule's, and the order and
 * the cursor's pages are the list's order. On SQLite and, in the MariaDB stage, on MariaDB.
 */
describe('the morning list ranked in SQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  async function seed(agentId: string, tasks: DrawnTask[]): Promise<Map<string, DrawnTask & { contactId: string }>> {
    const byTask = new Map<string, DrawnTask & { contactId: string }>();
    for (const [i, task] of tasks.entries()) {
      const contactId = randomUUID();
      const taskId = `${String(i).padStart(4, '0')}-${randomUUID()}`.slice(0, 36);
      await db.dataSource.query(
        'INSERT INTO contact (id, agent_id, display_name, created_at_ms, stage, outcome, opted_out) VALUES (?, ?, ?, 0, ?, ?, ?)',
        [contactId, agentId, `客户${i}`, task.stage, task.outcome, task.optedOut],
      );
      await db.dataSource.query(
        `INSERT INTO follow_up_task (id, agent_id, contact_id, trigger_key, rule_id, action, suggested_message, due_at_ms, priority, status, because, created_at_ms)
         VALUES (?, ?, ?, ?, 'rule', '跟进', '您好', ?, ?, 'open', '[]', ?)`,
        [taskId, agentId, contactId, `property:${taskId}`, AS_OF + task.dueInMinutes * 60_000, task.priority, AS_OF - (task.plannedToday ? 1 : 7 * 24) * HOUR],
      );
      for (const [k, budget] of task.budgets.entries()) {
        await insertLeadForm(db.dataSource, { contactId, agentId, budgetFen: budget, createdAtMs: AS_OF - (10 - k) * HOUR });
      }
      // The budget on the contact, kept from its leads as the lead service and the erasures keep it.
      await refreshContactBudgets(db.dataSource, [contactId]);
      byTask.set(taskId, { ...task, contactId });
    }
    return byTask;
  }

  /** rankFollowUp as the service ranks in JavaScript, with the latest named budget. */
  const expectedRank = (task: DrawnTask) => {
    const named = task.budgets.filter((b): b is number => b !== null);
    return rankFollowUp(
      {
        priority: task.priority,
        dealLikelihood: stagePriorCloseProbability(task.stage, task.outcome, DEFAULT_SCORING_CONFIG),
        expectedValueFen: named.length > 0 ? (named[named.length - 1] as number) : DEFAULT_VALUE_FEN,
        dueAtMs: AS_OF + task.dueInMinutes * 60_000,
      },
      AS_OF,
    );
  };

  it('ranks, parts and orders random tasks as the shared rule does, and pages through them each once', async () => {
    let checkedTasks = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(drawnTask, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 5 }), async (tasks, pageSize) => {
        const agentId = randomUUID();
        const byTask = await seed(agentId, tasks);
        const whole = await rankedPageInSql(db.dataSource, agentId, AS_OF, { after: null, limit: 100 }, DEFAULT_VALUE_FEN);
        const listed = [...byTask].filter(([, task]) => !task.optedOut && (task.plannedToday || AS_OF + task.dueInMinutes * 60_000 <= endOfChinaDay(AS_OF)));
        expect(whole.places.map((p) => p.taskId).sort()).toEqual(listed.map(([id]) => id).sort());
        for (const place of whole.places) {
          const task = byTask.get(place.taskId) as DrawnTask;
          const js = expectedRank(task);
          // Rounded alike, but for an exact half, which a store may round to even.
          expect(place.rank === Math.round(js) || (js % 1 === 0.5 && place.rank === Math.floor(js))).toBe(true);
          expect(place.section).toBe(morningListSection(AS_OF + task.dueInMinutes * 60_000, AS_OF));
          checkedTasks += 1;
        }
        const order = ['overdue', 'today', 'later'];
        const sorted = [...whole.places].sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section) || b.rank - a.rank || a.dueAtMs - b.dueAtMs || (a.taskId < b.taskId ? -1 : 1));
        expect(whole.places).toEqual(sorted);
        expect(whole.sections).toEqual({
          overdue: whole.places.filter((p) => p.section === 'overdue').length,
          today: whole.places.filter((p) => p.section === 'today').length,
          later: whole.places.filter((p) => p.section === 'later').length,
        });
        // Page by page from the cursor: the same places, each once; past the end, the counts still come.
        const paged = [];
        let after = null;
        for (;;) {
          const page = await rankedPageInSql(db.dataSource, agentId, AS_OF, { after, limit: pageSize }, DEFAULT_VALUE_FEN);
          expect(page.sections).toEqual(whole.sections);
          paged.push(...page.places.slice(0, pageSize));
          if (page.places.length <= pageSize) break;
          after = page.places[pageSize - 1] ?? null;
        }
        expect(paged).toEqual(whole.places);
        const past = await rankedPageInSql(db.dataSource, agentId, AS_OF, { after: whole.places[whole.places.length - 1] ?? null, limit: pageSize }, DEFAULT_VALUE_FEN);
        expect(past).toEqual({ places: [], sections: whole.sections });
      }),
      fuzzRuns(40),
    );
    expect(checkedTasks).toBeGreaterThan(40);
  }, 120_000);
});
