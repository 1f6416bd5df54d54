/** The wire format of content: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { ContentKind, TagCode } from './domain';

/** A 视频号 id as 视频号助手 shows it ("sph" and letters/digits); wx.openChannelsLive's finderUserName. */
export const CHANNELS_FINDER_ID = /^sph[A-Za-z0-9_-]{3,60}$/;

export interface ContentSummaryView {
  itemId: string;
  versionId: string;
  kind: ContentKind;
  title: string;
  summary: string | null;
  coverUrl: string | null;
  tags: TagCode[];
  publishedAt: string | null;
}
export interface ContentVersionView extends ContentSummaryView {
  /** Sanitised HTML for articles. */
  bodyHtml: string | null;
  videoUrl: string | null;
  durationSec: number | null;
  liveStartsAt: string | null;
  /** When a live is planned to end; after it the live reads as ended and shows its replay. */
  liveEndsAt: string | null;
  liveStatus: 'scheduled' | 'live' | 'ended' | null;
  replayUrl: string | null;
  /**
   * A live's 视频号 id ("sph…"): lives run on WeChat Channels, and the mini program opens the room
   * with wx.openChannelsLive({ finderUserName }). Null for other kinds, and for a live streamed at videoUrl.
   */
  channelsFinderId: string | null;
  /** The 朋友圈文案 agents copy with it: the operator's, or one made from the title and summary. */
  momentsCopy: string;
}
