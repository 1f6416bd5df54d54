import { In, type DataSource, type EntityManager } from 'typeorm';
import { TouchpointEvent } from '../touchpoint-event.entity';

/** What the privacy export lists of a touchpoint. */
export type TouchpointExportRow = Pick<TouchpointEvent, 'contactId' | 'type' | 'occurredAtMs' | 'depthPct' | 'dwellMs'>;

/** The touchpoints of some contacts, oldest first. */
export function touchpointsOf(db: DataSource | EntityManager, contactIds: readonly string[]): Promise<TouchpointExportRow[]> {
  return contactIds.length === 0
    ? Promise.resolve([])
    : db.getRepository(TouchpointEvent).find({ where: { contactId: In([...contactIds]) }, order: { occurredAtMs: 'ASC' } });
}

/** Up to `limit` touchpoints of these types received before an instant (retention's batches). */
export function touchpointsReceivedBefore(db: DataSource | EntityManager, beforeMs: number, types: readonly string[], limit: number): Promise<{ id: string; contact_id: string }[]> {
  return db.query(
    `SELECT id, contact_id FROM touchpoint_event WHERE received_at_ms < ? AND type IN (${types.map(() => '?').join(',')}) LIMIT ${limit}`,
    [beforeMs, ...types],
  );
}

export async function deleteTouchpoints(manager: EntityManager, rowIds: readonly string[]): Promise<void> {
  await manager.delete(TouchpointEvent, { id: In([...rowIds]) });
}
