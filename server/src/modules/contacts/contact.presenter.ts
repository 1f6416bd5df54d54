import type { ContactSummaryView, ScoreContributionView, TimelineItemView } from '@kejing/shared';
import type { Contact } from './contact.entity';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The contact as agents see it: no openid, no unionid, no phone. */
export function presentContactSummary(contact: Contact): ContactSummaryView {
  return {
    contactId: contact.id,
    displayName: contact.displayName,
    trust: contact.trust,
    intent: contact.intent,
    cell: contact.cell,
    stage: contact.stage,
    outcome: contact.outcome,
    referralClass: contact.referralClass,
    optedOut: contact.optedOut,
    lastTouchAt: iso(contact.lastTouchAtMs),
    tags: contact.interestTags ?? [],
  };
}

/** The scorer's stored explanation, as the agent reads it. */
export function presentExplanations(explanation: unknown): ScoreContributionView[] {
  const contributions = (explanation as { contributions?: unknown } | null)?.contributions;
  if (!Array.isArray(contributions)) return [];
  return contributions.map((c: { dimension: 'trust' | 'intent'; touchpointType: ScoreContributionView['touchpointType']; points: number; atMs: number; reason: string }) => ({
    dimension: c.dimension,
    touchpointType: c.touchpointType,
    points: c.points,
    at: new Date(c.atMs).toISOString(),
    reason: c.reason,
  }));
}

export function presentTimelineItem(row: {
  id: string; type: TimelineItemView['type']; occurredAtMs: number; title: string | null; depthPct: number | null; dwellMs: number | null;
}): TimelineItemView {
  return {
    eventId: row.id,
    type: row.type,
    occurredAt: new Date(Number(row.occurredAtMs)).toISOString(),
    contentTitle: row.title,
    depthPct: row.depthPct === null ? null : Number(row.depthPct),
    dwellMs: row.dwellMs === null ? null : Number(row.dwellMs),
  };
}
