import { route, RouteDef } from '../../http/route';
import { RATE_LIMITED, VIEWERS } from '../../permissions/access';
import type { Services } from '../../services';

/** The batch body, checked by the ingestion service itself (per event, so one bad event does not refuse the batch). */
const INGEST_EVENTS_REQUEST = {
  type: 'object', required: ['sentAtDeviceMs', 'events'], additionalProperties: false,
  properties: {
    sentAtDeviceMs: { type: 'integer', description: 'device clock when the batch was sent (epoch ms)' },
    events: {
      type: 'array', maxItems: 100,
      items: {
        type: 'object', required: ['clientEventId', 'type', 'shareId', 'createdAtDeviceMs'], additionalProperties: false,
        properties: {
          clientEventId: { type: 'string', format: 'uuid' },
          type: { type: 'string', enum: ['open', 'read_progress', 'read_complete', 'video_progress', 'live_join', 'live_leave', 'card_view', 'consult_tap', 'forward', 'nps_answer'] },
          shareId: { type: 'string' },
          createdAtDeviceMs: { type: 'integer' },
          depthPct: { type: 'number', minimum: 0, maximum: 100 },
          dwellMs: { type: 'number', minimum: 0 },
          videoPositionSec: { type: 'number', minimum: 0 },
          videoPct: { type: 'number', minimum: 0, maximum: 100 },
          npsScore: { type: 'number', minimum: 0, maximum: 10 },
        },
      },
    },
  },
};

export function eventsRoutes(s: Pick<Services, 'clock' | 'ingestion'>): RouteDef[] {
  return [
    route({
      method: 'post', path: '/api/events', access: VIEWERS,
      summary: 'Batch of touchpoints; each stored once by clientEventId, acknowledged only after commit', tag: 'events',
      body: { name: 'IngestEventsRequest', schema: INGEST_EVENTS_REQUEST }, responds: 'IngestEventsResponse',
      errors: { 413: 'over 100 events, 500 KB per batch or 32 KB per event', 429: RATE_LIMITED, 503: 'database unavailable; retry after Retry-After' },
      handler: ({ body, userId, ctx }) => {
        const raw = ctx.request.rawBody;
        return s.ingestion.ingest(userId, body, s.clock.nowMs(), typeof raw === 'string' ? raw.length : undefined);
      },
    }),
  ];
}
