import type { TaskView } from '@kejing/shared';
import { activateVisitsModel, visitedAndNotVisited } from '../../server/src/testing/deal-model-fixture';
import { bearer, buildWorld, startTestApp, TestApp, World } from '../../server/src/testing/test-app';

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
    ({ visited, notVisited } = await visitedAndNotVisited(t, world, 'deal-model-reader'));
  }, 60_000);
  afterAll(() => t.close());

  let trained = 0;
  const activateModel = async (weight: number, intercept: number) => {
    trained += 1;
    await activateVisitsModel(t, `hand-${trained}`, weight, intercept, t.clock.nowMs() + trained);
  };

  const order = async () => {
    const list = (await t.http.get('/api/tasks/today?limit=100').set(agent()).expect(200)).body.tasks as TaskView[];
    return list.map((task) => task.contactId).filter((id) => id === visited || id === notVisited);
  };

  it('without a model the stage prior ranks them alike (same stage, priority and due time), so the tie falls to the task id', async () => {
    const list = (await t.http.get('/api/tasks/today?limit=100').set(agent()).expect(200)).body.tasks as TaskView[];
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
