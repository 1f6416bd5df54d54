/** The wire format of shares: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { AgentCardView } from './card';
import type { ContentVersionView } from './content';
import type { ContentKind, ShareChannel } from './domain';

/** POST /api/shares — an agent shares an approved content version. */
export interface CreateShareRequest {
  contentVersionId: string;
  channel: ShareChannel;
}
export interface ShareCreatedView {
  /** Signed share id: names agent, version, channel and parent; cannot be forged. */
  shareId: string;
  /** Mini-program path to put in onShareAppMessage / the poster QR code. */
  path: string;
}
/** POST /api/shares/:shareId/open — a viewer opens a share. */
export interface OpenShareView {
  shareId: string;
  content: ContentVersionView;
  agent: AgentCardView;
  contactId: string;
  /** Ask the NPS question (推荐评分) on this page: the agent served the reader lately and they have not answered since. */
  askNps: boolean;
}
/** POST /api/shares/:shareId/forward — a viewer forwards: a child share is created. */
export interface ForwardShareRequest {
  channel: ShareChannel;
}
/**
 * POST /api/shares/:shareId/open, optional body: the WeChat scene the reader was opened with
 * (getEnterOptionsSync().scene), so a share sent to a group is recorded as a group share.
 */
export interface OpenShareRequest {
  scene?: number;
}
/**
 * POST /api/shares/glance — a reader without a login (WeChat's single-page mode from Moments, scene
 * 1154, has no wx.login) sees the share and an anonymous open is counted for it. No identity: one
 * random id per open (a retried call is counted once), and the scene.
 */
export interface GlanceShareRequest {
  shareId: string;
  clientEventId: string;
  scene?: number;
}
export interface GlanceShareView {
  shareId: string;
  content: ContentVersionView;
  agent: AgentCardView;
}

/** One more thing to read from the same agent: a share the agent made of other live content. */
export interface ShareTeaserView {
  /** Signed id of the agent's own share of this content: opening it is tracked like any share. */
  shareId: string;
  kind: ContentKind;
  title: string;
  summary: string | null;
  coverUrl: string | null;
}
/**
 * GET /api/shares/:shareId/more — the sharing agent's card and a few of their other live shares,
 * answered for a retired share too, so a reader who lands on withdrawn content has a way on.
 */
export interface ShareMoreView {
  /** The shared content was retired (the reader shows 该内容已下架). */
  retired: boolean;
  agent: AgentCardView;
  more: ShareTeaserView[];
}
