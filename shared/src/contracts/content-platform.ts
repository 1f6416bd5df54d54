/**
 * Wire format of the content platform for operators (issue 5): authoring, review, visibility,
 * tags, the forbidden-word list and content analytics. Times are ISO-8601 strings.
 */
import type { ContentVersionView } from './content';
import type { ContentKind, TagCode, TagFamily } from './domain';

/** Review state of an item's latest version; 'retired' is terminal. */
export type ContentReviewStatus = 'draft' | 'in_review' | 'approved' | 'rejected' | 'retired';

/** POST /api/operator/content and PUT /api/operator/content/:itemId — the text of a new version. */
export interface ContentDraftRequest {
  title: string;
  summary?: string;
  coverUrl?: string;
  /** Articles: HTML, sanitised by the server before it is stored. */
  bodyHtml?: string;
  videoUrl?: string;
  durationSec?: number;
  liveStartsAt?: string;
  liveEndsAt?: string;
  /** Cover, video and replay: a full http(s) URL, or an upload's path on the API ("/api/uploads/<id>"). */
  replayUrl?: string;
  /** Lives: the 视频号 id ("sph…") the live runs on. */
  channelsFinderId?: string;
  /** The 朋友圈文案 agents copy when they share (≤ 300 characters); empty: made from the title and summary. */
  momentsCopy?: string;
  tags: TagCode[];
}
export interface CreateContentRequest extends ContentDraftRequest {
  kind: ContentKind;
  visibility?: ContentVisibilityRequest;
}
/** PUT /api/operator/content/:itemId/visibility — no unit ids means the whole company. */
export interface ContentVisibilityRequest {
  orgUnitIds: string[];
  visibleFrom?: string | null;
  visibleUntil?: string | null;
}
/** POST /api/operator/content/:itemId/reject */
export interface RejectContentRequest {
  reason: string;
}
/** POST /api/operator/content/:itemId/retire */
export interface RetireContentRequest {
  reason?: string;
}

export interface ContentVisibilityView {
  orgUnitIds: string[];
  visibleFrom: string | null;
  visibleUntil: string | null;
}
/** One row of the operator's content list. */
export interface OperatorContentSummaryView {
  itemId: string;
  kind: ContentKind;
  status: ContentReviewStatus;
  /** The latest version: what the next review is about. */
  latestVersionId: string;
  latestVersionNo: number;
  title: string;
  tags: TagCode[];
  /** The version agents share now, if any. */
  publishedVersionId: string | null;
  visibility: ContentVisibilityView;
  sourceKey: string | null;
  updatedAt: string;
}
export interface ContentVersionReviewView {
  versionId: string;
  versionNo: number;
  status: ContentReviewStatus;
  title: string;
  createdAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  rejectionReason: string | null;
}
/** One line of the item's audit trail: who did what, when. */
export interface ContentHistoryEntryView {
  action: string;
  actorId: string | null;
  actorName: string | null;
  at: string;
  detail: Record<string, string | number | boolean | null> | null;
}
/**
 * Who wrote and submitted the latest version and who may approve it (the four-eyes rule), so the
 * operator page offers 通过 only to someone the server will let approve.
 */
export interface ContentReviewPartiesView {
  /** Who wrote the latest version; null for the importer or the bootstrap admin. */
  authorName: string | null;
  /** Who submitted it for review (null until submitted, or for the importer). */
  submitterName: string | null;
  /** Whether the caller may approve the latest version: neither its writer nor its submitter (or the rule is off). */
  callerMayApprove: boolean;
  /** Serving operators and admins who may approve it, by name: whom the author asks. */
  reviewerNames: string[];
}
/** GET /api/operator/content/:itemId */
export interface OperatorContentDetailView extends OperatorContentSummaryView {
  latest: ContentVersionView;
  versions: ContentVersionReviewView[];
  history: ContentHistoryEntryView[];
  review: ContentReviewPartiesView;
}

/** A word that blocked a submission, and in which field it was found. */
export interface ForbiddenWordHit {
  field: 'title' | 'summary' | 'bodyHtml' | 'momentsCopy';
  word: string;
  category: string;
}
export interface ForbiddenWordView {
  id: string;
  word: string;
  category: string;
  createdAt: string;
}
/** POST /api/operator/forbidden-words */
export interface CreateForbiddenWordRequest {
  word: string;
  category?: string;
}

export interface TagView {
  code: TagCode;
  family: TagFamily;
  name: string;
  parentCode: TagCode | null;
  children: TagView[];
}
/** GET /api/tags — the tag tree, one root list per family. */
export type TagTreeView = Record<TagFamily, TagView[]>;
/** POST /api/operator/tags — code is the part after "family:". */
/** A tag's display name changes; its code, which content and contacts refer to, never does. */
export interface RenameTagRequest {
  name: string;
}

export interface CreateTagRequest {
  family: TagFamily;
  code: string;
  name: string;
  parentCode?: TagCode;
}

/** What content produced. Depth and completion are over unique viewers (see content-analytics.ts). */
export interface ContentMetricsView {
  /** Agent shares (not forwards). */
  shares: number;
  /** Shares made by customers forwarding. */
  forwards: number;
  opens: number;
  uniqueViewers: number;
  avgDepthPct: number | null;
  medianDepthPct: number | null;
  /** Viewers who finished, as a percentage of unique viewers. */
  completionPct: number | null;
  leads: number;
  /** Forward stage moves proved by a touchpoint on this content. */
  stageMoves: number;
}
export interface ContentRankingRowView {
  rank: number;
  itemId: string;
  kind: ContentKind;
  status: ContentReviewStatus;
  title: string;
  tags: TagCode[];
  metrics: ContentMetricsView;
}
export interface TagRankingRowView {
  rank: number;
  tag: TagCode;
  name: string;
  items: number;
  metrics: ContentMetricsView;
}
export const CONTENT_METRICS = [
  'shares', 'forwards', 'opens', 'uniqueViewers', 'avgDepthPct', 'medianDepthPct', 'completionPct', 'leads', 'stageMoves',
] as const;
export type ContentMetric = (typeof CONTENT_METRICS)[number];
