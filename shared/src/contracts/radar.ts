/** The wire format of radar: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { CustomerTouchpointType } from './touchpoint';

/** GET /api/radar — who opened what (谁看了我), newest first. */
export interface RadarItemView {
  contactId: string;
  contactName: string;
  shareId: string;
  contentTitle: string;
  openedAt: string;
  maxDepthPct: number;
  dwellMs: number;
  nextActions: CustomerTouchpointType[];
}
