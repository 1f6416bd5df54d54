/** The wire format of radar: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { ShareChannel } from './domain';
import type { CustomerTouchpointType } from './touchpoint';

/** GET /api/radar — who opened what (谁看了我), newest first. */
export interface RadarItemView {
  contactId: string;
  contactName: string;
  shareId: string;
  /**
   * Where the share went: 好友 / 群聊 / 朋友圈 / 海报 (SHARE_CHANNEL_NAMES). A card sent to a friend
   * and opened in a group reads 群聊 (the reader's scene says so; see wechat-scenes.ts).
   */
  channel: ShareChannel;
  /** The customer opened a forward of the agent's share (someone passed it on), not the agent's own. */
  forwarded: boolean;
  contentTitle: string;
  openedAt: string;
  maxDepthPct: number;
  dwellMs: number;
  nextActions: CustomerTouchpointType[];
}
