import { EVENT_BATCH_MAX_EVENTS, EVENT_MAX_BYTES, FieldError, IngestEventsResponse, TouchpointEventInput } from '@kejing/shared';
import { AppError, badRequest } from '../../lib/app-error';
import type { ShareArrival, ShareArrivals } from '../shares/share-arrivals';
import type { NewTouchpoint } from './touchpoint-row';
import type { TouchpointTransactions } from './touchpoint-transactions';
import { checkTouchpointInput, occurredAtMs } from './touchpoint-input';

/**
 * Re-serialising a parsed value can lengthen it at most about fivefold ("9e20" comes back as
 * 21 digits), so no event in a JSON text this short can serialise past EVENT_MAX_BYTES.
 */
const SMALL_BODY_CHARS = Math.floor(EVENT_MAX_BYTES / 6);

/** The touchpoint batch endpoint's use case: check, resolve, correct the clock, group-commit. */
export class IngestionService {
  constructor(
    private readonly arrivals: ShareArrivals,
    private readonly touchpoints: TouchpointTransactions,
  ) {}

  /**
   * rawBodyChars, when known, is the length of the JSON text the body was parsed from: a body too
   * short for any event in it to reach the per-event limit skips measuring each event.
   */
  async ingest(viewerUserId: string, body: unknown, receivedAtMs: number, rawBodyChars?: number): Promise<IngestEventsResponse> {
    const { sentAtDeviceMs, events } = this.checkEnvelope(body, rawBodyChars);
    const invalid: FieldError[] = [];
    const touchpoints: NewTouchpoint[] = [];
    let resolved: Map<string, ShareArrival | null> | null = null;
    for (let index = 0; index < events.length; index++) {
      const checked = checkTouchpointInput(events[index], index);
      if ('errors' in checked) {
        invalid.push(...checked.errors);
        continue;
      }
      const event = checked.event;
      // Awaited only when the share or the contact is not cached yet: the usual request never waits here.
      const known = this.arrivals.known(event.shareId, viewerUserId);
      const arrival = known !== undefined ? known : await this.arrive(event.shareId, viewerUserId, (resolved ??= new Map()));
      if (!arrival) {
        invalid.push({ index, field: 'shareId', reason: '分享编号无效' });
        continue;
      }
      touchpoints.push(toTouchpoint(event, arrival, occurredAtMs(receivedAtMs, sentAtDeviceMs, event.createdAtDeviceMs, arrival.share.createdAtMs)));
    }
    const result = await this.touchpoints.write(touchpoints, receivedAtMs);
    return { stored: result.stored, duplicates: result.duplicates, invalid };
  }

  private checkEnvelope(body: unknown, rawBodyChars: number | undefined): { sentAtDeviceMs: number; events: unknown[] } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest([{ field: '(body)', reason: '应为 JSON 对象' }]);
    const b = body as Record<string, unknown>;
    const errors: FieldError[] = [];
    for (const key of Object.keys(b)) if (key !== 'sentAtDeviceMs' && key !== 'events') errors.push({ field: key, reason: '不是可以提交的字段，请去掉后再提交' });
    if (typeof b.sentAtDeviceMs !== 'number' || !Number.isSafeInteger(b.sentAtDeviceMs) || b.sentAtDeviceMs <= 0) {
      errors.push({ field: 'sentAtDeviceMs', reason: '应为正整数（毫秒时间戳）' });
    }
    if (!Array.isArray(b.events)) errors.push({ field: 'events', reason: '应为一组记录（列表）' });
    if (errors.length > 0) throw badRequest(errors);
    const events = b.events as unknown[];
    if (events.length > EVENT_BATCH_MAX_EVENTS) {
      throw new AppError(413, 'batch_too_large', `一次最多上报 ${EVENT_BATCH_MAX_EVENTS} 条记录，请分批上报`);
    }
    const mayHoldLargeEvent = rawBodyChars === undefined || rawBodyChars > SMALL_BODY_CHARS;
    if (mayHoldLargeEvent && events.some((event) => JSON.stringify(event ?? null).length > EVENT_MAX_BYTES)) {
      throw new AppError(413, 'event_too_large', `单条记录最多 ${EVENT_MAX_BYTES} 字节，已忽略`);
    }
    return { sentAtDeviceMs: b.sentAtDeviceMs as number, events };
  }

  /** A batch naming one share many times resolves it once. */
  private async arrive(token: string, viewerUserId: string, memo: Map<string, ShareArrival | null>): Promise<ShareArrival | null> {
    if (memo.has(token)) return memo.get(token) ?? null;
    const arrival = await this.arrivals.tryArrive(token, viewerUserId);
    memo.set(token, arrival);
    return arrival;
  }
}

const round = (v: number | undefined) => (v === undefined ? null : Math.round(v));

function toTouchpoint(event: TouchpointEventInput, { share, contactId }: ShareArrival, occurredAt: number): NewTouchpoint {
  return {
    clientEventId: event.clientEventId,
    contactId,
    agentId: share.agentId,
    shareId: share.id,
    contentVersionId: share.contentVersionId,
    type: event.type,
    occurredAtMs: occurredAt,
    depthPct: round(event.depthPct),
    dwellMs: round(event.dwellMs),
    videoPct: round(event.videoPct),
    videoPositionSec: round(event.videoPositionSec),
    npsScore: round(event.npsScore),
  };
}
