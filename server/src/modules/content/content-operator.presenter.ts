import type {
  ContentHistoryEntryView, ContentReviewPartiesView, ContentVersionReviewView, ContentVisibilityView, OperatorContentDetailView, OperatorContentSummaryView,
} from '@kejing/shared';
import type { AuditEntryRow } from '../audit/queries/audit-entries';
import type { ContentItem } from './content-item.entity';
import { presentContentVersion } from './content.presenter';
import type { ContentVersion } from './content-version.entity';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentVisibility(item: ContentItem): ContentVisibilityView {
  return { orgUnitIds: item.visibleOrgUnitIds, visibleFrom: iso(item.visibleFromMs), visibleUntil: iso(item.visibleUntilMs) };
}

export function presentOperatorSummary(item: ContentItem, latest: ContentVersion): OperatorContentSummaryView {
  return {
    itemId: item.id,
    kind: item.kind,
    status: item.status,
    latestVersionId: latest.id,
    latestVersionNo: latest.versionNo,
    title: latest.title,
    tags: latest.tags,
    publishedVersionId: item.publishedVersionId,
    visibility: presentVisibility(item),
    sourceKey: item.sourceKey,
    updatedAt: new Date(Math.max(latest.createdAtMs, latest.reviewedAtMs ?? 0, latest.submittedAtMs ?? 0, item.retiredAtMs ?? 0)).toISOString(),
  };
}

export function presentVersionReview(version: ContentVersion): ContentVersionReviewView {
  return {
    versionId: version.id, versionNo: version.versionNo, status: version.status, title: version.title, createdAt: new Date(version.createdAtMs).toISOString(),
    submittedAt: iso(version.submittedAtMs), reviewedAt: iso(version.reviewedAtMs), rejectionReason: version.rejectionReason,
  };
}

// Steps of one version happen in this order; it breaks ties between entries of the same millisecond.
const ACTION_ORDER = ['content.created', 'content.edited', 'content.submission_blocked', 'content.submitted', 'content.approved', 'content.rejected', 'content.visibility_changed', 'content.retired'];

/** Audit entries oldest first, each with the acting person's name (null for the bootstrap admin or the importer). */
export function presentHistory(entries: AuditEntryRow[], names: Map<string, string>): ContentHistoryEntryView[] {
  const versionNo = (e: AuditEntryRow) => (typeof e.detail?.versionNo === 'number' ? e.detail.versionNo : 0);
  return [...entries]
    .sort((a, b) => a.atMs - b.atMs || versionNo(a) - versionNo(b) || ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action))
    .map((e) => ({ action: e.action, actorId: e.actorId, actorName: e.actorId ? names.get(e.actorId) ?? null : null, at: new Date(e.atMs).toISOString(), detail: e.detail }));
}

export function presentOperatorDetail(
  item: ContentItem, latest: ContentVersion, versions: ContentVersion[], history: ContentHistoryEntryView[], review: ContentReviewPartiesView, nowMs: number,
): OperatorContentDetailView {
  return {
    ...presentOperatorSummary(item, latest),
    latest: presentContentVersion(item, latest, nowMs),
    versions: versions.map(presentVersionReview),
    history,
    review,
  };
}
