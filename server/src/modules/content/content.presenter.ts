import { defaultMomentsCopy, type ContentSummaryView, type ContentVersionView } from '@kejing/shared';
import type { ContentItem } from './content-item.entity';
import type { ContentVersion } from './content-version.entity';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentContentSummary(item: ContentItem, version: ContentVersion): ContentSummaryView {
  return {
    itemId: item.id,
    versionId: version.id,
    kind: item.kind,
    title: version.title,
    summary: version.summary,
    coverUrl: version.coverUrl,
    tags: version.tags,
    publishedAt: iso(version.approvedAtMs),
  };
}

/** Live status is derived from the schedule at read time, so it never goes stale in the database. */
export function liveStatusAt(version: ContentVersion, nowMs: number): ContentVersionView['liveStatus'] {
  if (version.liveStartsAtMs === null) return null;
  if (nowMs < version.liveStartsAtMs) return 'scheduled';
  if (version.liveEndsAtMs === null || nowMs < version.liveEndsAtMs) return 'live';
  return 'ended';
}

export function presentContentVersion(item: ContentItem, version: ContentVersion, nowMs: number): ContentVersionView {
  return {
    ...presentContentSummary(item, version),
    bodyHtml: version.bodyHtml,
    videoUrl: version.videoUrl,
    durationSec: version.durationSec,
    liveStartsAt: iso(version.liveStartsAtMs),
    liveEndsAt: iso(version.liveEndsAtMs),
    liveStatus: liveStatusAt(version, nowMs),
    replayUrl: version.replayUrl,
    channelsFinderId: version.channelsFinderId,
    momentsCopy: version.momentsCopy ?? defaultMomentsCopy(version.title, version.summary),
  };
}
