import { randomUUID } from 'node:crypto';
import type { DealModel, TaskView } from '@kejing/shared';
import { DealModelRow } from '../../server/src/modules/deal-index/deal-model.entity';
import { bearer, buildWorld, openAndRead, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

/**
 * The morning list ranks by deal likelihood × expected value × urgency. Where a trained deal model
 * is active, the likelihood is the model's; the stage prior only stands in while there is none.
 * Two hand-made models that read one feature (visits the agent logged) in opposite directions
 * must put the two customers in opposite orders, whatever the stage prior would say.
 */
describe('the morning list ranks by the trained deal model where one is active', () => {
  let t: TestApp;
  let world: World;
  const agent = () => bearer((world.people.a as { token: string }).token);
  let visited: string;
  let notVisited: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    notVisited = (await openAndRead(t, world, 'deal-model-reader-1', 'a')).contactId;
    visited = (await openAndRead(t, world, 'deal-model-reader-2', 'a')).contactId;
    for (let i = 0; i < 3; i++) {
      // Logged as having happened earlier today: the model reads only what came before now.
      const occurredAt = new Date(t.clock.nowMs() - (i + 1) * 3600_000).toISOString();
      await t.http.post(`/api/contacts/${visited}/actions`).set(agent()).send({ clientEventId: randomUUID(), type: 'visit', occurredAt }).expect(201);
    }
    await t.services.writer.drain();
    await t.services.scoringWorker.drain();
  }, 60_000);
  afterAll(() => t.close());

  let trained = 0;
  /** An active model with log-odds = intercept + weight × visits (unstandardised: mean 0, std 1). */
  async function activateModel(weight: number, intercept: number): Promise<void> {
    trained += 1;
    const model: DealModel = {
      version: `hand-${trained}`, featureNames: ['visits'], weights: [weight], intercept, means: [0], stds: [1],
      trainedAt: new Date(t.clock.nowMs()).toISOString(), evaluation: { auc: 0.9, calibration: [], n: 100 },
    };
    await t.db.dataSource.getRepository(DealModelRow).insert({
      version: model.version, trainedAtMs: t.clock.nowMs() + trained, active: true, trainN: 400, holdoutN: 100, aucPermille: 900, model,
    });
  }

  const order = async () => {
    const list = (await t.http.get('/api/tasks/today').set(agent()).expect(200)).body as TaskView[];
    return list.map((task) => task.contactId).filter((id) => id === visited || id === notVisited);
  };

  it('without a model the stage prior ranks them alike (same stage, priority and due time), so the tie falls to the task id', async () => {
    const list = (await t.http.get('/api/tasks/today').set(agent()).expect(200)).body as TaskView[];
    const ours = list.filter((task) => task.contactId === visited || task.contactId === notVisited);
    expect(ours.map((task) => [task.stage, task.priority, task.dueAt])).toEqual([[3, 2, ours[0]?.dueAt], [3, 2, ours[0]?.dueAt]]);
    expect(ours.map((task) => task.taskId)).toEqual(ours.map((task) => task.taskId).sort());
  });

  it('two models reading visits in opposite directions put the customers in opposite orders (the newest active model rules)', async () => {
    await activateModel(-8, 4);
    expect(await order()).toEqual([notVisited, visited]);
    await activateModel(8, -4);
    expect(await order()).toEqual([visited, notVisited]);
  });
});
