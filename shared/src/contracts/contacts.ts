/** The wire format of contacts: request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { ContactProfileView, ContactSource } from './contact-profile';
import type { Band, DealOutcome, GridCellCode, ReferralClass, Stage, TagCode } from './domain';
import type { LeadView } from './leads';
import type { TaskView } from './tasks';
import type { AgentTouchpointType, TouchpointType } from './touchpoint';

export interface ScoreContributionView {
  dimension: 'trust' | 'intent';
  touchpointType: TouchpointType;
  points: number;
  at: string;
  reason: string;
}
export interface ContactSummaryView {
  contactId: string;
  /** The remark name (备注名) when the agent set one, else the real name, else the name they gave. */
  displayName: string;
  /** The agent's own tags (the interest tags from reading are `tags`). */
  agentTags: string[];
  source: ContactSource;
  trust: number;
  intent: number;
  cell: GridCellCode;
  stage: Stage;
  outcome: DealOutcome;
  referralClass: ReferralClass;
  optedOut: boolean;
  lastTouchAt: string | null;
  tags: { tag: TagCode; weight: number }[];
}
export interface ContactDetailView extends ContactSummaryView {
  trustBand: Band;
  intentBand: Band;
  referredByContactId: string | null;
  profile: ContactProfileView;
  explanations: ScoreContributionView[];
  timeline: TimelineItemView[];
  leads: LeadView[];
  openTasks: TaskView[];
  /** 移交自: the agent the contact was handed over from, by name, and when; null if it never changed hands. */
  handedOverFrom: { agentName: string; at: string } | null;
}
export interface TimelineItemView {
  /** The touchpoint's id, or the note's for a note. */
  eventId: string;
  type: TouchpointType | 'note';
  occurredAt: string;
  contentTitle: string | null;
  depthPct: number | null;
  dwellMs: number | null;
  /** The agent's words: a note, or what was typed when logging an action. */
  note: string | null;
  /** Set on notes only: who wrote it, and whether the caller may edit or delete it. */
  noteAuthorName?: string;
  mine?: boolean;
}
/** POST /api/contacts/:id/actions — an agent logs an offline action. */
export interface LogActionRequest {
  clientEventId: string;
  type: AgentTouchpointType;
  note?: string;
  occurredAt?: string;
}
export interface GridCountsView {
  cells: Record<GridCellCode, number>;
  stages: Record<`${Stage}`, number>;
}
