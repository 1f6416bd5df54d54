import type { AgentDashboardView, DealIndexView } from '@kejing/shared';
import { activateVisitsModel, visitedAndNotVisited } from '../../server/src/testing/deal-model-fixture';
import { DEFAULT_EXPECTED_PREMIUM_FEN } from '../../server/src/modules/leads/queries/latest-budgets';
import { adminAuth, bearer, buildWorld, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

/**
 * The premium forecast (保费预测) is Σ P(close) × expected premium over open contacts. Where a deal
 * model is active, P(close) is the model's and the snapshot says so, with the version; otherwise the
 * stage prior, said as such. Two customers at the same stage, one with three logged visits: the prior
 * prices them alike, a model reading visits (log-odds = −4 + 8 × visits) puts almost the whole
 * expected premium on the visited one (P ≈ 1.000 and 0.018) — a forecast that ignored the model
 * would stay at the prior's figure.
 */
describe('the premium forecast uses the active deal model and says so', () => {
  let t: TestApp;
  let world: World;
  const agent = () => bearer((world.people.a as { token: string }).token);
  let visited: string;
  let notVisited: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    ({ visited, notVisited } = await visitedAndNotVisited(t, world, 'forecast-reader'));
  }, 60_000);
  afterAll(() => t.close());

  const forecast = async () => {
    const day = t.services.snapshots.today();
    await t.http.post('/api/dashboards/snapshots').set(adminAuth(world)).send({ day }).expect(201);
    return ((await t.http.get('/api/dashboards/agent/me').set(agent()).query({ day }).expect(200)).body as AgentDashboardView).kyb134.assets.premiumForecast;
  };
  const probability = async (contactId: string) =>
    ((await t.http.get(`/api/contacts/${contactId}/deal-index`).set(agent()).expect(200)).body as DealIndexView).probability;

  let priorFen = 0;

  it('without a model: the stage prior, both customers priced alike at the default premium', async () => {
    const pf = await forecast();
    const p = await probability(visited);
    expect(await probability(notVisited)).toBeCloseTo(p, 9);
    expect(pf).toMatchObject({ probabilitySource: 'stage_prior', modelVersion: null, openContacts: 2, fromAverage: 2, averagePremiumFen: DEFAULT_EXPECTED_PREMIUM_FEN });
    priorFen = pf.forecastFen;
    expect(priorFen).toBe(Math.round(2 * p * DEFAULT_EXPECTED_PREMIUM_FEN));
  });

  it('with an active model: each open contact at the model\'s P(close), the source and version reported', async () => {
    await activateVisitsModel(t, 'hand-visits-1', 8, -4);
    const pf = await forecast();
    expect(pf).toMatchObject({ probabilitySource: 'model', modelVersion: 'hand-visits-1', openContacts: 2 });
    // Counted by hand: 1/(1+e^-20) + 1/(1+e^4) = 1.0000 + 0.0180 → 1.0180 × ¥5,000 = ¥5,089.93.
    expect(pf.forecastFen).toBe(Math.round((1 / (1 + Math.exp(-20)) + 1 / (1 + Math.exp(4))) * DEFAULT_EXPECTED_PREMIUM_FEN));
    expect(pf.forecastFen).toBe(508_993);
    // The deal index shows the same probabilities (rounded there to three places).
    expect(await probability(visited)).toBeCloseTo(1, 3);
    expect(await probability(notVisited)).toBeCloseTo(0.018, 3);
    expect(pf.forecastFen).not.toBe(priorFen);
  });
});
