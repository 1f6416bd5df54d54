/** The wire format of content: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { ContentKind, TagCode } from './domain';

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
  liveStatus: 'scheduled' | 'live' | 'ended' | null;
  replayUrl: string | null;
  /** The 朋友圈文案 agents copy with it: the operator's, or one made from the title and summary. */
  momentsCopy: string;
}
