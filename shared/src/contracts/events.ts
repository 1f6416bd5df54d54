/** The wire format of events: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { FieldError } from './http';
import type { CustomerTouchpointType } from './touchpoint';

/** One touchpoint as the mini program reports it. */
export interface TouchpointEventInput {
  /** UUID made on the device when the event was created; a retry reuses it. */
  clientEventId: string;
  type: CustomerTouchpointType;
  shareId: string;
  /** Device clock when the event happened (epoch ms). */
  createdAtDeviceMs: number;
  /** Max scroll depth reached, 0..100 (read_progress, read_complete). */
  depthPct?: number;
  /** Active dwell time, not counting time in background (ms). */
  dwellMs?: number;
  /** Video: furthest position watched and its share of the duration. */
  videoPositionSec?: number;
  videoPct?: number;
  /** nps_answer: 0..10. */
  npsScore?: number;
}
/** POST /api/events */
export interface IngestEventsRequest {
  /** Device clock when the batch was sent (epoch ms), to correct clock skew. */
  sentAtDeviceMs: number;
  events: TouchpointEventInput[];
}
export interface IngestEventsResponse {
  stored: number;
  duplicates: number;
  invalid: FieldError[];
}
