import { randomUUID } from 'node:crypto';
import type { DealModel, PeriodForecastView } from '@kejing/shared';
import { Contact } from '../../server/src/modules/contacts/contact.entity';
import { DealModelRow } from '../../server/src/modules/deal-index/deal-model.entity';
import { Lead } from '../../server/src/modules/leads/lead.entity';
import { refreshContactBudgets } from '../../server/src/modules/leads/queries/contact-budgets';
import { Policy } from '../../server/src/modules/policies/policy.entity';
import { bearer, buildWorld, startTestApp, TestApp, TEST_NOW, World } from '../../server/src/testing/test-app';

/**
 * GET /api/dashboards/forecast on Monday 2026-11-02 (China): 本周 11-02…11-08, 本月 11-01…11-30,
 * 本季度 10-01…12-31. Expected close by stage: 8 → 11-05, 7 → 11-16, 6 → 12-02, 1 → 2027-03-02.
 *
 * Agent a (team 浦东一组): A stage 8 budget ¥1,000; B stage 7 no budget (a's average of ¥1,000 and
 * ¥3,000 = ¥2,000); C stage 6 budget ¥3,000; D stage 1. Signed by a: ¥2,000 on 11-02, ¥500 on 11-01
 * (Sunday, last week), ¥700 on 10-15, ¥999.99 on 09-30 (last quarter).
 * Agent c (浦东二组, same branch): E stage 8 budget ¥9,000; signed ¥4,000 on 11-02.
 * Stage priors (no closed contacts: the defaults) 8: 0.6, 7: 0.45, 6: 0.3.
 */
describe('the premium forecast by 本周 / 本月 / 本季度 against actuals', () => {
  let t: TestApp;
  let world: World;
  const as = (key: string) => bearer((world.people[key] as { token: string }).token);
  const staffId = (key: string) => (world.people[key] as { staffId: string }).staffId;

  async function contact(agentKey: string, stage: Contact['stage'], budgetFen: number | null): Promise<void> {
    const id = randomUUID();
    const agentId = staffId(agentKey);
    await t.services.dataSource.getRepository(Contact).insert({
      id, agentId, viewerUserId: null, displayName: '客户', referredByContactId: null, firstShareId: null, trust: 50, intent: 50, cell: 'mid-mid',
      stage, outcome: 'open', referralClass: 'indifferent', centreOfInfluence: false, interestTags: null,
      optedOut: false, lastTouchAtMs: TEST_NOW - 86_400_000, scoredAtMs: TEST_NOW - 86_400_000, createdAtMs: TEST_NOW - 30 * 86_400_000,
    });
    if (budgetFen !== null) {
      await t.services.dataSource.getRepository(Lead).insert({
        id: randomUUID(), clientEventId: randomUUID(), contactId: id, agentId, shareId: null, name: '客户', phoneCipher: 'x', phoneHash: randomUUID().replace(/-/g, ''),
        phoneLast4: '1234', phonePrefix3: '138', budgetFen, insuredPerson: null, needs: [], consentId: randomUUID(), createdAtMs: TEST_NOW - 10 * 86_400_000,
      });
      // Kept on the contact from its leads, as the lead service keeps it.
      await refreshContactBudgets(t.services.dataSource, [id]);
    }
  }

  async function signed(agentKey: string, annualPremiumFen: number, signedDate: string): Promise<void> {
    await t.services.dataSource.getRepository(Policy).insert({
      id: randomUUID(), agentId: staffId(agentKey), signedByAgentId: staffId(agentKey), contactId: randomUUID(), productName: '守护重疾', need: 'critical_illness',
      insurer: '客经人寿', numberCipher: 'x', numberHash: randomUUID().replace(/-/g, ''), insuredRelation: 'self', insuredName: '客户', annualPremiumFen,
      paymentFrequency: 'annual', paymentTermYears: 20, effectiveDate: signedDate, nextPremiumDate: null, signedDate, status: 'active',
      signedEventId: randomUUID(), createdAtMs: TEST_NOW, updatedAtMs: TEST_NOW,
    });
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    await contact('a', 8, 1_000_00);
    await contact('a', 7, null);
    await contact('a', 6, 3_000_00);
    await contact('a', 1, null);
    await contact('c', 8, 9_000_00);
    await signed('a', 2_000_00, '2026-11-02');
    await signed('a', 500_00, '2026-11-01');
    await signed('a', 700_00, '2026-10-15');
    await signed('a', 999_99, '2026-09-30');
    await signed('c', 4_000_00, '2026-11-02');
  }, 60_000);
  afterAll(() => t.close());

  const forecast = async (key: string) => (await t.http.get('/api/dashboards/forecast').set(as(key)).expect(200)).body as PeriodForecastView;
  const figures = (v: PeriodForecastView) => v.periods.map((p) => [p.nameZh, p.fromDate, p.toDate, p.expectedFen, p.expectedContacts, p.actualFen, p.actualPolicies]);

  it('an agent sees their own: stage priors × expected premium by expected close, beside what they signed', async () => {
    const v = await forecast('a');
    expect(v).toMatchObject({ today: '2026-11-02', probabilitySource: 'stage_prior', modelVersion: null, openContacts: 4 });
    expect(v.sourceZh).toContain('按销售阶段估算');
    expect(v.expectedCloseRuleZh).toContain('阶段8约3天');
    expect(figures(v)).toEqual([
      // 0.6 × 1,000 = 600
      ['本周', '2026-11-02', '2026-11-08', 600_00, 1, 2_000_00, 1],
      // + 0.45 × 2,000 = 900 → 1,500; signed 2,000 + 500
      ['本月', '2026-11-01', '2026-11-30', 1_500_00, 2, 2_500_00, 2],
      // + 0.3 × 3,000 = 900 → 2,400; signed + 700 (09-30 is last quarter)
      ['本季度', '2026-10-01', '2026-12-31', 2_400_00, 3, 3_200_00, 3],
    ]);
  });

  it('a team leader sees their team, a manager their branch, an agent of another branch nothing of it', async () => {
    expect(figures(await forecast('lx'))).toEqual(figures(await forecast('a')));
    expect(figures(await forecast('m1'))).toEqual([
      // + E: 0.6 × 9,000 = 5,400; c signed 4,000 on 11-02
      ['本周', '2026-11-02', '2026-11-08', 6_000_00, 2, 6_000_00, 2],
      ['本月', '2026-11-01', '2026-11-30', 6_900_00, 3, 6_500_00, 3],
      ['本季度', '2026-10-01', '2026-12-31', 7_800_00, 4, 7_200_00, 4],
    ]);
    const d = await forecast('d');
    expect(d.openContacts).toBe(0);
    expect(d.periods.map((p) => [p.expectedFen, p.actualFen])).toEqual([[0, 0], [0, 0], [0, 0]]);
  });

  it('with an active deal model every open contact is priced at the model\'s P(close), and the card says which model', async () => {
    // log-odds ln(1/3) whatever the history: P = 0.25 for every contact.
    const model: DealModel = {
      version: 'hand-flat-1', featureNames: ['visits'], weights: [0], intercept: Math.log(1 / 3), means: [0], stds: [1],
      trainedAt: new Date(TEST_NOW).toISOString(), evaluation: { auc: 0.9, calibration: [], n: 100 },
    };
    await t.services.dataSource.getRepository(DealModelRow).insert({
      version: model.version, trainedAtMs: TEST_NOW, active: true, trainN: 400, holdoutN: 100, aucPermille: 900, model,
    });
    const v = await forecast('a');
    expect(v).toMatchObject({ probabilitySource: 'model', modelVersion: 'hand-flat-1' });
    expect(v.sourceZh).toBe('成交概率来自成交指数模型（hand-flat-1）');
    expect(v.periods.map((p) => p.expectedFen)).toEqual([250_00, 750_00, 1_500_00]);
    expect(v.periods.map((p) => p.actualFen)).toEqual([2_000_00, 2_500_00, 3_200_00]);
  });
});
