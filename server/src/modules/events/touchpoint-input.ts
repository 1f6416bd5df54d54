import {
  CUSTOMER_TOUCHPOINT_TYPES, CustomerTouchpointType, EVENT_MAX_DEVICE_DELAY_MS, FieldError, TouchpointEventInput,
} from '@kejing/shared';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TYPES = new Set<string>(CUSTOMER_TOUCHPOINT_TYPES);
// Leads carry personal data and consent, so they come only through POST /api/leads.
const NOT_HERE: ReadonlySet<CustomerTouchpointType> = new Set(['lead_submit']);
const KNOWN_FIELDS = new Set([
  'clientEventId', 'type', 'shareId', 'createdAtDeviceMs', 'depthPct', 'dwellMs', 'videoPositionSec', 'videoPct', 'npsScore',
]);
const NUMERIC_RANGES: readonly (readonly [field: string, min: number, max: number])[] = [
  ['depthPct', 0, 100],
  ['dwellMs', 0, 24 * 60 * 60 * 1000],
  ['videoPositionSec', 0, 24 * 60 * 60],
  ['videoPct', 0, 100],
  ['npsScore', 0, 10],
];
const TYPE_REASON = `must be one of ${CUSTOMER_TOUCHPOINT_TYPES.join(', ')}`;

/**
 * Checks one event of a batch. Hand-written rather than class-validator because it runs for every
 * event on the hottest path; the reasons are as precise.
 */
export function checkTouchpointInput(raw: unknown, index: number): { event: TouchpointEventInput } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fail = (field: string, reason: string) => errors.push({ index, field, reason });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    fail('(event)', 'must be an object');
    return { errors };
  }
  const e = raw as Record<string, unknown>;
  for (const key of Object.keys(e)) if (!KNOWN_FIELDS.has(key)) fail(key, 'is not a known field');
  if (typeof e.clientEventId !== 'string' || !UUID.test(e.clientEventId)) fail('clientEventId', 'must be a UUID');
  if (typeof e.type !== 'string' || !TYPES.has(e.type)) fail('type', TYPE_REASON);
  else if (NOT_HERE.has(e.type as CustomerTouchpointType)) fail('type', 'lead_submit is sent through POST /api/leads');
  if (typeof e.shareId !== 'string' || e.shareId.length === 0 || e.shareId.length > 200) fail('shareId', 'must be a share id');
  if (typeof e.createdAtDeviceMs !== 'number' || !Number.isSafeInteger(e.createdAtDeviceMs) || e.createdAtDeviceMs <= 0) {
    fail('createdAtDeviceMs', 'must be a positive integer (epoch milliseconds)');
  }
  for (const [field, min, max] of NUMERIC_RANGES) {
    const value = e[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) fail(field, `must be a number from ${min} to ${max}`);
  }
  if (e.type === 'read_progress' && e.depthPct === undefined) fail('depthPct', 'is required for read_progress');
  if (e.type === 'nps_answer' && e.npsScore === undefined) fail('npsScore', 'is required for nps_answer');
  return errors.length > 0 ? { errors } : { event: e as unknown as TouchpointEventInput };
}

/**
 * When the event happened, by the server's clock. Device clocks are wrong; intervals on one device
 * usually are not: the event happened (sent − created) before the batch left the phone, and the
 * batch left the phone when we received it. That is believed only inside a plausible window: not
 * after the arrival, not more than EVENT_MAX_DEVICE_DELAY_MS before it, and not before the share
 * existed (nobody read it earlier). Outside the window the interval is a clock that jumped or a
 * client that lies, and the arrival time, the one moment we know the event had happened by, is
 * used. The event is kept rather than refused: it is real (a signed share, a signed-in reader),
 * only its device time is not, and the reader's phone could not send a better one on a retry.
 */
export function occurredAtMs(receivedAtMs: number, sentAtDeviceMs: number, createdAtDeviceMs: number, shareCreatedAtMs: number): number {
  const corrected = receivedAtMs - (sentAtDeviceMs - createdAtDeviceMs);
  const earliest = Math.max(shareCreatedAtMs, receivedAtMs - EVENT_MAX_DEVICE_DELAY_MS);
  return corrected >= earliest && corrected <= receivedAtMs ? corrected : receivedAtMs;
}
