import { EVENT_BATCH_MAX_EVENTS, EVENT_MAX_BYTES, FieldError, IngestEventsResponse, TouchpointEventInput } from '@kejing/shared';
import { AppError, badRequest } from '../../lib/app-error';
import type { ContactResolver } from '../contacts/contact-resolver';
import type { SharePayload } from '../shares/share-token';
import type { SharesService } from '../shares/shares.service';
import { touchpointRow } from './touchpoint-row';
import type { EventRow } from './event-store';
import type { EventWriter } from './event-writer';
import { checkTouchpointInput, occurredAtMs } from './touchpoint-input';

/** Verified share ids remembered (a signature that checked once always checks: the secret is fixed). */
const VERIFIED_SHARES_LIMIT = 50_000;

/**
 * Re-serialising a parsed value can lengthen it at most about fivefold ("9e20" comes back as
 * 21 digits), so no event in a JSON text this short can serialise past EVENT_MAX_BYTES.
 */
const SMALL_BODY_CHARS = Math.floor(EVENT_MAX_BYTES / 6);

interface ResolvedShare {
  shareId: string;
  agentId: string;
  contentVersionId: string;
  contactId: string;
  /** No event of the share happened before it existed. */
  createdAtMs: number;
}

/** The touchpoint batch endpoint's use case: check, resolve, correct the clock, group-commit. */
export class IngestionService {
  private readonly verifiedShares = new Map<string, SharePayload>();

  constructor(
    private readonly shares: SharesService,
    private readonly contacts: ContactResolver,
    private readonly writer: EventWriter,
  ) {}

  /**
   * rawBodyChars, when known, is the length of the JSON text the body was parsed from: a body too
   * short for any event in it to reach the per-event limit skips measuring each event.
   */
  async ingest(viewerUserId: string, body: unknown, receivedAtMs: number, rawBodyChars?: number): Promise<IngestEventsResponse> {
    const { sentAtDeviceMs, events } = this.checkEnvelope(body, rawBodyChars);
    const invalid: FieldError[] = [];
    const rows: EventRow[] = [];
    let resolved: Map<string, ResolvedShare | null> | null = null;
    for (let index = 0; index < events.length; index++) {
      const checked = checkTouchpointInput(events[index], index);
      if ('errors' in checked) {
        invalid.push(...checked.errors);
        continue;
      }
      const event = checked.event;
      // Awaited only when the share or the contact is not cached yet: the usual request never waits here.
      const known = this.knownShare(event.shareId, viewerUserId);
      const share = known !== undefined ? known : await this.resolveShare(event.shareId, viewerUserId, (resolved ??= new Map()));
      if (!share) {
        invalid.push({ index, field: 'shareId', reason: 'is not a valid share id' });
        continue;
      }
      rows.push(toRow(event, share, occurredAtMs(receivedAtMs, sentAtDeviceMs, event.createdAtDeviceMs, share.createdAtMs), receivedAtMs));
    }
    const result = await this.writer.write(rows);
    return { stored: result.stored, duplicates: result.duplicates, invalid };
  }

  private checkEnvelope(body: unknown, rawBodyChars: number | undefined): { sentAtDeviceMs: number; events: unknown[] } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest([{ field: '(body)', reason: 'must be a JSON object' }]);
    const b = body as Record<string, unknown>;
    const errors: FieldError[] = [];
    for (const key of Object.keys(b)) if (key !== 'sentAtDeviceMs' && key !== 'events') errors.push({ field: key, reason: 'is not a known field' });
    if (typeof b.sentAtDeviceMs !== 'number' || !Number.isSafeInteger(b.sentAtDeviceMs) || b.sentAtDeviceMs <= 0) {
      errors.push({ field: 'sentAtDeviceMs', reason: 'must be a positive integer (epoch milliseconds)' });
    }
    if (!Array.isArray(b.events)) errors.push({ field: 'events', reason: 'must be an array' });
    if (errors.length > 0) throw badRequest(errors);
    const events = b.events as unknown[];
    if (events.length > EVENT_BATCH_MAX_EVENTS) {
      throw new AppError(413, 'batch_too_large', `a batch holds at most ${EVENT_BATCH_MAX_EVENTS} events`);
    }
    const mayHoldLargeEvent = rawBodyChars === undefined || rawBodyChars > SMALL_BODY_CHARS;
    if (mayHoldLargeEvent && events.some((event) => JSON.stringify(event ?? null).length > EVENT_MAX_BYTES)) {
      throw new AppError(413, 'event_too_large', `one event holds at most ${EVENT_MAX_BYTES} bytes`);
    }
    return { sentAtDeviceMs: b.sentAtDeviceMs as number, events };
  }

  /**
   * The share and contact from the caches alone: undefined when either is not cached (resolve it
   * then), null for a forged id. Synchronous, because nearly every event finds both cached.
   */
  private knownShare(token: string, viewerUserId: string): ResolvedShare | null | undefined {
    const payload = this.verifyShare(token);
    if (!payload) return null;
    const share = this.shares.cachedShare(payload.shareId);
    if (!share || share.agentId !== payload.agentId) return undefined;
    const contactId = this.contacts.cachedContactId(share.agentId, viewerUserId);
    if (!contactId) return undefined;
    return { shareId: share.id, agentId: share.agentId, contentVersionId: share.contentVersionId, contactId, createdAtMs: share.createdAtMs };
  }

  private async resolveShare(token: string, viewerUserId: string, memo: Map<string, ResolvedShare | null>): Promise<ResolvedShare | null> {
    if (memo.has(token)) return memo.get(token) ?? null;
    const payload = this.verifyShare(token);
    let resolved: ResolvedShare | null = null;
    if (payload) {
      const share = await this.shares.findShare(payload.shareId);
      if (share && share.agentId === payload.agentId) {
        const { contactId } = await this.contacts.resolve({
          agentId: share.agentId, viewerUserId, shareId: share.id, forwardedByContactId: share.forwardedByContactId,
        });
        resolved = { shareId: share.id, agentId: share.agentId, contentVersionId: share.contentVersionId, contactId, createdAtMs: share.createdAtMs };
      }
    }
    memo.set(token, resolved);
    return resolved;
  }

  /** The HMAC check (~8 µs) is the largest piece of a single-event request's own work; forged ids are never remembered. */
  private verifyShare(token: string): SharePayload | null {
    const known = this.verifiedShares.get(token);
    if (known) return known;
    const payload = this.shares.verify(token);
    if (payload) {
      if (this.verifiedShares.size >= VERIFIED_SHARES_LIMIT) this.verifiedShares.delete(this.verifiedShares.keys().next().value as string);
      this.verifiedShares.set(token, payload);
    }
    return payload;
  }
}

const round = (v: number | undefined) => (v === undefined ? null : Math.round(v));

function toRow(event: TouchpointEventInput, share: ResolvedShare, occurredAt: number, receivedAtMs: number): EventRow {
  return touchpointRow({
    clientEventId: event.clientEventId,
    contactId: share.contactId,
    agentId: share.agentId,
    shareId: share.shareId,
    contentVersionId: share.contentVersionId,
    type: event.type,
    occurredAtMs: occurredAt,
    depthPct: round(event.depthPct),
    dwellMs: round(event.dwellMs),
    videoPct: round(event.videoPct),
    videoPositionSec: round(event.videoPositionSec),
    npsScore: round(event.npsScore),
  }, receivedAtMs);
}
