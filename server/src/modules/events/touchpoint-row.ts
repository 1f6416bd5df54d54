import { eventId } from './event-id';
import type { EventRow } from './event-store';

/** What a module knows of a touchpoint it records; the measurements a customer's reading sends are optional. */
export type NewTouchpoint = Pick<EventRow, 'clientEventId' | 'contactId' | 'agentId' | 'shareId' | 'contentVersionId' | 'type' | 'occurredAtMs'>
  & Partial<Pick<EventRow, 'depthPct' | 'dwellMs' | 'videoPct' | 'videoPositionSec' | 'npsScore' | 'note'>>;

/**
 * The one way a touchpoint row is made, wherever it comes from (ingestion, the lead form, an
 * agent's logged action): a time-ordered id (see event-id.ts: random ids scatter inserts over the
 * clustered index), the client's id in lower case (its dedupe key), and nulls for what was not measured.
 */
export function touchpointRow(t: NewTouchpoint, receivedAtMs: number): EventRow {
  return {
    id: eventId(receivedAtMs),
    clientEventId: t.clientEventId.toLowerCase(),
    contactId: t.contactId,
    agentId: t.agentId,
    shareId: t.shareId,
    contentVersionId: t.contentVersionId,
    type: t.type,
    occurredAtMs: t.occurredAtMs,
    receivedAtMs,
    depthPct: t.depthPct ?? null,
    dwellMs: t.dwellMs ?? null,
    videoPct: t.videoPct ?? null,
    videoPositionSec: t.videoPositionSec ?? null,
    npsScore: t.npsScore ?? null,
    note: t.note ?? null,
  };
}
