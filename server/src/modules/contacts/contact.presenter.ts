import { shownNameOf } from '@kejing/shared';
import type { ContactNoteView, ContactPhoneView, ContactProfileView, ContactScore, ContactSummaryView, ScoreContributionView, TimelineItemView } from '@kejing/shared';
import { maskWholePhone } from '../../lib/phone-crypto';
import type { Contact } from './contact.entity';
import type { NoteRow } from './contact-records.queries';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The contact as agents see it: no openid, no unionid, no phone. */
export function presentContactSummary(contact: Contact): ContactSummaryView {
  return {
    contactId: contact.id,
    displayName: shownNameOf(contact),
    agentTags: contact.agentTags ?? [],
    source: contact.source,
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

/** A phone the agent entered, masked from the decrypted number (no digit is stored in the clear). */
export function presentPhone(phone: { phoneId: string; basis: ContactPhoneView['basis'] }, plain: string): ContactPhoneView {
  return { phoneId: phone.phoneId, masked: maskWholePhone(plain), basis: phone.basis };
}

export function presentProfile(contact: Contact, phones: ContactPhoneView[], referredBy: Contact | null): ContactProfileView {
  return {
    remarkName: contact.remarkName,
    realName: contact.realName,
    gender: contact.gender,
    birthday: contact.birthday,
    wechatId: contact.wechatId,
    relationship: contact.relationship,
    source: contact.source,
    referredBy: referredBy ? { contactId: referredBy.id, name: shownNameOf(referredBy) } : null,
    phones,
    familyMembers: contact.familyMembers ?? [],
    agentTags: contact.agentTags ?? [],
    wechatFriend: contact.wechatFriend,
    policiesHeld: contact.policiesHeld,
  };
}

export function presentNote(note: NoteRow, authorName: string, viewerStaffId: string): ContactNoteView {
  return {
    noteId: note.noteId, contactId: note.contactId, body: note.body, authorName, mine: note.authorId === viewerStaffId,
    createdAt: new Date(note.createdAtMs).toISOString(), updatedAt: new Date(note.updatedAtMs).toISOString(),
  };
}

/** A note as an item of the contact's timeline, at the time it was written. */
export function presentNoteInTimeline(note: ContactNoteView): TimelineItemView {
  return {
    eventId: note.noteId, type: 'note', occurredAt: note.createdAt, contentTitle: null, depthPct: null, dwellMs: null,
    note: note.body, noteAuthorName: note.authorName, mine: note.mine,
  };
}

/** Why the contact's trust and intent are what they are, as the agent reads it (score-explanation.ts). */
export function presentExplanations(explanation: ContactScore | null): ScoreContributionView[] {
  return (explanation?.contributions ?? []).map((c) => ({
    dimension: c.dimension,
    touchpointType: c.touchpointType,
    points: c.points,
    at: new Date(c.atMs).toISOString(),
    reason: c.reason,
  }));
}

export function presentTimelineItem(row: {
  id: string; type: TimelineItemView['type']; occurredAtMs: number; title: string | null; depthPct: number | null; dwellMs: number | null; note: string | null;
}): TimelineItemView {
  return {
    eventId: row.id,
    type: row.type,
    occurredAt: new Date(Number(row.occurredAtMs)).toISOString(),
    contentTitle: row.title,
    depthPct: row.depthPct === null ? null : Number(row.depthPct),
    dwellMs: row.dwellMs === null ? null : Number(row.dwellMs),
    note: row.note ?? null,
  };
}
