import { randomUUID } from 'node:crypto';
import type { DealIndexView } from '@kejing/shared';
import { Contact } from '../../server/src/modules/contacts/contact.entity';
import { TouchpointEvent } from '../../server/src/modules/events/touchpoint-event.entity';
import { Lead } from '../../server/src/modules/leads/lead.entity';
import { ContactStageChange } from '../../server/src/modules/scoring/contact-stage-change.entity';
import { bearer, buildWorld, startTestApp, TestApp, TEST_NOW, World } from '../../server/src/testing/test-app';
import { seededRandom as seeded } from '../../server/src/testing/seeded-random';

/**
 * The deal index on generated outcomes whose true effect is known:
 *   log-odds(won) = −2.5 + 0.9 × visits + 0.5 × deep reads + 1.2 × budget given
 * while the furthest stage (5, 6 or 7) is drawn independently of the outcome. A stage-only score
 * can then do no better than chance; the model must find the real effect.
 */
const TRUTH = { intercept: -2.5, visits: 0.9, deep_reads: 0.5, budget_given: 1.2 };
const DAY_MS = 24 * 3600_000;


describe('deal index: prior until enough outcomes, then a model that recovers a known effect', () => {
  let t: TestApp;
  let world: World;
  let openContactId: string;
  const agentA = () => bearer((world.people.a as { token: string }).token);
  const a = () => (world.people.a as { staffId: string }).staffId;

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    // One open contact at stage 4 with one visit: scored by the prior first, then by the model.
    openContactId = await insertContact(t, a(), { stage: 4, outcome: 'open', startMs: TEST_NOW - 20 * DAY_MS, endMs: TEST_NOW - DAY_MS, visits: 1, deepReads: 2, budget: false });
  }, 60_000);
  afterAll(() => t.close());

  it('uses the stage prior and says why while there are too few closed contacts', async () => {
    const before = (await t.http.get(`/api/contacts/${openContactId}/deal-index`).set(agentA()).expect(200)).body as DealIndexView;
    expect(before).toMatchObject({ source: 'stage_prior', isPrior: true, modelVersion: null, stage: 4, evaluation: null, contributions: [] });
    // No outcomes: the default prior of stage 4, 0.12, shrunk towards itself.
    expect(before.probability).toBeCloseTo(0.12, 6);
    expect(before.noteZh).toContain('按阶段估算');
    expect(before.nextActions[0]?.key).toBe('stage_5');

    const summary = await t.services.dealIndex.train();
    expect(summary).toMatchObject({ modelVersion: null, active: false, readiness: { ready: false, n: 0 } });
    const after = (await t.http.get(`/api/contacts/${openContactId}/deal-index`).set(agentA()).expect(200)).body as DealIndexView;
    expect(after.noteZh).toContain('已结案客户0位');
  });

  it('trains on 1,000 generated outcomes: AUC well above the stage-only score, weights near the truth', async () => {
    const rand = seeded(20261102);
    const contacts: Parameters<typeof insertContact>[2][] = [];
    for (let i = 0; i < 1000; i += 1) {
      const visits = Math.floor(rand() * 5);
      const deepReads = Math.floor(rand() * 6);
      const budget = rand() < 0.4;
      const logOdds = TRUTH.intercept + TRUTH.visits * visits + TRUTH.deep_reads * deepReads + TRUTH.budget_given * (budget ? 1 : 0);
      const won = rand() < 1 / (1 + Math.exp(-logOdds));
      const startMs = TEST_NOW - (60 + Math.floor(rand() * 60)) * DAY_MS;
      contacts.push({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, stage: (5 + Math.floor(rand() * 3)) as 5 | 6 | 7, outcome: won ? 'won' : 'lost', startMs, endMs: startMs + 30 * DAY_MS, visits, deepReads, budget });
    }
    for (const c of contacts) await insertContact(t, a(), c);

    const summary = await t.services.dealIndex.train();
    // The issue asks for both figures to be printed.
    console.log(`deal index on generated outcomes: held-out AUC model ${summary.auc?.toFixed(3)} vs stage-only ${summary.stagePriorAuc?.toFixed(3)} (n held out ${summary.heldOut}, trained on ${summary.trainN})`);
    expect(summary.readiness.ready).toBe(true);
    expect(summary.active).toBe(true);
    expect(summary.auc).toBeGreaterThan(0.75);
    expect(Math.abs((summary.stagePriorAuc as number) - 0.5)).toBeLessThan(0.1);
    expect(summary.auc as number).toBeGreaterThan((summary.stagePriorAuc as number) + 0.2);

    const model = await t.services.dealIndex.activeModel();
    expect(model?.version).toBe(summary.modelVersion);
    // Back to raw units (weight / std): the known effects come back with the right sign and size.
    const raw = (name: string) => {
      const i = model?.featureNames.indexOf(name) ?? -1;
      return (model?.weights[i] as number) / (model?.stds[i] as number);
    };
    // The recovered effects beside the true ones.
    // Every generated lead carries a budget, so lead_submitted and budget_given are one fact: their sum is the effect.
    const lead = raw('lead_submitted') + raw('budget_given');
    console.log(`recovered per-unit effects: visits ${raw('visits').toFixed(2)} (true 0.9), lead with budget ${lead.toFixed(2)} (true 1.2), calls ${raw('calls').toFixed(2)} (true 0)`);
    expect(raw('visits')).toBeGreaterThan(0.6);
    expect(raw('visits')).toBeLessThan(1.2);
    expect(lead).toBeGreaterThan(0.8);
    expect(lead).toBeLessThan(1.6);
    expect(Math.abs(raw('calls'))).toBeLessThan(0.2);
    // The held-out calibration is stored beside the AUC: every bin's observed rate near its prediction.
    const bins = model?.evaluation.calibration.filter((b) => b.n >= 20) ?? [];
    expect(bins.length).toBeGreaterThan(2);
    for (const b of bins) expect(Math.abs((b.meanPredicted as number) - (b.observedRate as number))).toBeLessThan(0.2);
  }, 120_000);

  it('then explains an open contact by the model: contributions and the next actions that raise it most', async () => {
    const view = (await t.http.get(`/api/contacts/${openContactId}/deal-index`).set(agentA()).expect(200)).body as DealIndexView;
    expect(view).toMatchObject({ source: 'model', isPrior: false });
    expect(view.modelVersion).toMatch(/^deal-/);
    expect(view.evaluation?.auc).toBeGreaterThan(0.75);
    expect(view.contributions.length).toBeGreaterThan(0);
    expect(view.contributions[0]?.labelZh).toBeTruthy();
    // The contact gave no budget: the lead form (true effect 1.2) is worth most, then one more visit (0.9).
    expect(view.nextActions.map((x) => x.key).slice(0, 2)).toEqual(['lead_form', 'visit']);
    expect(view.nextActions[0]?.probabilityAfter).toBeGreaterThan(view.probability);
  });
});

/** A contact with a stage path, visits, deep reads and maybe a budget; closed ones end with the outcome touchpoint. */
async function insertContact(
  t: TestApp,
  agentId: string,
  c: { id?: string; stage: 4 | 5 | 6 | 7; outcome: 'open' | 'won' | 'lost'; startMs: number; endMs: number; visits: number; deepReads: number; budget: boolean },
): Promise<string> {
  const db = t.services.dataSource;
  // Fixed ids keep the hash-chosen held-out split, and so the printed figures, the same on every run.
  const id = c.id ?? randomUUID();
  const closed = c.outcome !== 'open';
  await db.getRepository(Contact).insert({
    id, agentId, viewerUserId: null, displayName: '客户', referredByContactId: null, firstShareId: null, trust: 50, intent: 50, cell: 'mid-mid',
    stage: closed ? 8 : c.stage, outcome: c.outcome, referralClass: 'indifferent', centreOfInfluence: false, interestTags: null,
    optedOut: false, lastTouchAtMs: c.endMs, scoredAtMs: c.endMs, createdAtMs: c.startMs,
  });
  const stages: [number, number][] = [[1, c.startMs], [c.stage, c.startMs + 10 * DAY_MS], ...(closed ? [[8, c.endMs] as [number, number]] : [])];
  await db.getRepository(ContactStageChange).insert(stages.map(([stage, atMs], i) => ({
    id: randomUUID(), contactId: id, agentId, fromStage: (i === 0 ? null : stages[i - 1]?.[0]) as ContactStageChange['fromStage'],
    toStage: stage as ContactStageChange['toStage'], outcome: (i === stages.length - 1 ? c.outcome : 'open') as ContactStageChange['outcome'], eventId: null, contentVersionId: null, atMs,
  })));
  const event = (type: TouchpointEvent['type'], atMs: number, depthPct: number | null = null) => ({
    id: randomUUID(), clientEventId: randomUUID(), contactId: id, agentId, shareId: null, contentVersionId: null, type, occurredAtMs: atMs, receivedAtMs: atMs,
    depthPct, dwellMs: depthPct ? 60_000 : null, videoPct: null, videoPositionSec: null, npsScore: null, note: null, scored: true,
  });
  const span = c.endMs - c.startMs;
  const events = [
    event('open', c.startMs + 3600_000),
    ...Array.from({ length: c.visits }, (_, i) => event('visit', c.startMs + ((i + 1) * span) / (c.visits + 2))),
    ...Array.from({ length: c.deepReads }, (_, i) => event('read_progress', c.startMs + ((i + 1) * span) / (c.deepReads + 3), 85)),
    ...(closed ? [event(c.outcome === 'won' ? 'policy_signed' : 'closed_lost', c.endMs)] : []),
  ];
  await db.getRepository(TouchpointEvent).insert(events);
  if (c.budget) {
    await db.getRepository(Lead).insert({
      id: randomUUID(), clientEventId: randomUUID(), contactId: id, agentId, shareId: null, name: '客户', phoneCipher: 'x', phoneHash: randomUUID().replace(/-/g, ''),
      phoneLast4: '1234', phonePrefix3: '138', budgetFen: 500_000, insuredPerson: null, needs: [], consentId: randomUUID(), createdAtMs: c.startMs + DAY_MS,
    });
  }
  return id;
}
