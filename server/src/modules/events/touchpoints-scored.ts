import { In, type EntityManager } from 'typeorm';
import { TouchpointEvent } from './touchpoint-event.entity';

/** Marks touchpoints as taken in by the scorer (its queue is the unscored ones), in the scorer's transaction. */
export async function markTouchpointsScored(manager: EntityManager, rowIds: readonly string[]): Promise<void> {
  for (let i = 0; i < rowIds.length; i += 500) {
    await manager.update(TouchpointEvent, { id: In(rowIds.slice(i, i + 500)) }, { scored: true });
  }
}
