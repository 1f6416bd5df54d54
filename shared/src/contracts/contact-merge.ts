/**
 * One person, one contact (issue 13.3) and one person across the company (issue 14.4).
 */

/** How long a merge can be undone. */
export const CONTACT_MERGE_UNDO_DAYS = 7;

export const CONTACT_MERGE_REASONS = ['manual', 'verified_phone'] as const;
export type ContactMergeReason = (typeof CONTACT_MERGE_REASONS)[number];

/** POST /api/contacts/:contactId/merge: the contact named in the path takes in `fromContactId`. */
export interface MergeContactRequest {
  fromContactId: string;
}

export interface ContactMergeView {
  mergeId: string;
  /** The contact that remains, with both histories. */
  intoContactId: string;
  /** The contact taken in (hidden from lists until undone). */
  fromContactId: string;
  fromName: string;
  reason: ContactMergeReason;
  /** How many rows each module moved (touchpoints, leads, notes …). */
  moved: Record<string, number>;
  mergedAt: string;
  /** Until when 撤销合并 works; null once undone. */
  undoableUntil: string | null;
  undoneAt: string | null;
}

/** One contact of a person held by several agents, as a manager sees it. */
export interface HeldContactView {
  contactId: string;
  agentId: string;
  agentName: string;
  name: string;
  stage: number;
  createdAt: string;
}

/** A person held by more than one agent (撞单), found by a phone hash or a WeChat unionid. */
export interface SharedPersonView {
  /** Opaque and stable while the holders do not change. */
  personKey: string;
  matchedBy: ('phone' | 'unionid')[];
  /** The holders in the caller's scope. */
  contacts: HeldContactView[];
  /** Holders outside the caller's scope, counted only. */
  heldElsewhere: number;
}
