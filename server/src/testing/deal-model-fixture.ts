import { randomUUID } from 'node:crypto';
import type { DealModel } from '@kejing/shared';
import { DealModelRow } from '../modules/deal-index/deal-model.entity';
import { bearer, openAndRead, type TestApp, type World } from './test-app';

/**
 * Two readers of agent "a" at the same stage, one of them with three visits the agent logged
 * earlier today (the model reads only what came before now): what a hand-made model reading
 * visits tells apart while the stage prior cannot.
 */
export async function visitedAndNotVisited(t: TestApp, world: World, codePrefix: string): Promise<{ visited: string; notVisited: string }> {
  const agent = bearer((world.people.a as { token: string }).token);
  const notVisited = (await openAndRead(t, world, `${codePrefix}-1`, 'a')).contactId;
  const visited = (await openAndRead(t, world, `${codePrefix}-2`, 'a')).contactId;
  for (let i = 0; i < 3; i++) {
    const occurredAt = new Date(t.clock.nowMs() - (i + 1) * 3600_000).toISOString();
    await t.http.post(`/api/contacts/${visited}/actions`).set(agent).send({ clientEventId: randomUUID(), type: 'visit', occurredAt }).expect(201);
  }
  await t.services.writer.drain();
  await t.services.scoringWorker.drain();
  return { visited, notVisited };
}

/** Makes active a model with log-odds = intercept + weight × visits (unstandardised: mean 0, std 1); the newest active model rules. */
export async function activateVisitsModel(t: TestApp, version: string, weight: number, intercept: number, trainedAtMs = t.clock.nowMs()): Promise<void> {
  const model: DealModel = {
    version, featureNames: ['visits'], weights: [weight], intercept, means: [0], stds: [1],
    trainedAt: new Date(t.clock.nowMs()).toISOString(), evaluation: { auc: 0.9, calibration: [], n: 100 },
  };
  await t.db.dataSource.getRepository(DealModelRow).insert({ version, trainedAtMs, active: true, trainN: 400, holdoutN: 100, aucPermille: 900, model });
}
