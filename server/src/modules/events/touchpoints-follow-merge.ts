import type { EntityManager } from 'typeorm';
import { TouchpointEvent } from './touchpoint-event.entity';

/**
 * Moves touchpoints not yet scored from contacts merged away onto their survivors, in the scorer's
 * transaction: a process whose contact cache has not heard of a merge still writes the person's
 * events to the contact merged away, and they belong to the person. Returns how many moved.
 */
export async function moveUnscoredTouchpointsToSurvivors(manager: EntityManager, survivorOf: ReadonlyMap<string, string>): Promise<number> {
  let moved = 0;
  for (const [mergedId, survivorId] of survivorOf) {
    const result = await manager.update(TouchpointEvent, { contactId: mergedId, scored: false }, { contactId: survivorId });
    moved += result.affected ?? 0;
  }
  return moved;
}
