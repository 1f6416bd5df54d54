import type { ConsentView, PersonalDataExport } from '@kejing/shared';
import type { Contact } from '../contacts/contact.entity';
import type { NoteRow, PhoneRow } from '../contacts/contact-records.queries';
import type { MessageRow } from '../card/customer-messages.queries';
import type { TouchpointEvent } from '../events/touchpoint-event.entity';
import type { Consent } from '../leads/consent.entity';
import type { Lead } from '../leads/lead.entity';
import type { StaffMember } from '../staff/staff-member.entity';
import type { FollowUpTask } from '../tasks/follow-up-task.entity';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentConsent(consent: Consent): ConsentView {
  return {
    consentId: consent.id, contactId: consent.contactId, kind: consent.kind, textVersion: consent.textVersion, purpose: consent.purpose,
    givenAt: iso(consent.givenAtMs), withdrawnAt: consent.withdrawnAtMs === null ? null : iso(consent.withdrawnAtMs),
  };
}

/** One person's data, contact by contact. No openid or unionid: those are WeChat's keys, not data the person gave. */
export function presentExport(
  nowMs: number,
  contacts: Contact[],
  rows: {
    leads: Lead[]; consents: Consent[]; events: TouchpointEvent[]; tasks: FollowUpTask[]; agents: StaffMember[]; notes: NoteRow[]; phones: PhoneRow[]; messages: MessageRow[];
    phoneOf: (lead: Lead) => string; enteredPhoneOf: (phone: PhoneRow) => string;
    verifiedPhones: { phone: string; verifiedAtMs: number }[];
  },
): PersonalDataExport {
  const agentName = new Map(rows.agents.map((a) => [a.id, a.name]));
  return {
    exportedAt: iso(nowMs),
    contacts: contacts.map((c) => ({
      contactId: c.id,
      // A pooled contact has no agent at the moment (公海).
      agentName: c.agentId ? agentName.get(c.agentId) ?? '' : '公海',
      displayName: c.displayName,
      createdAt: iso(c.createdAtMs),
      optedOut: c.optedOut,
      scores: { trust: c.trust, intent: c.intent, cell: c.cell, stage: c.stage, referralClass: c.referralClass },
      leads: rows.leads.filter((l) => l.contactId === c.id).map((l) => ({
        leadId: l.id, name: l.name, phone: rows.phoneOf(l), phoneSource: l.phoneSource, budgetFen: l.budgetFen, insuredPerson: l.insuredPerson, needs: l.needs, createdAt: iso(l.createdAtMs),
      })),
      consents: rows.consents.filter((x) => x.contactId === c.id).map(presentConsent),
      touchpoints: rows.events.filter((e) => e.contactId === c.id).map((e) => ({ type: e.type, occurredAt: iso(e.occurredAtMs), depthPct: e.depthPct, dwellMs: e.dwellMs })),
      tasks: rows.tasks.filter((t) => t.contactId === c.id).map((t) => ({ action: t.action, status: t.status, dueAt: iso(t.dueAtMs), note: t.note ?? null })),
      notes: rows.notes.filter((n) => n.contactId === c.id).map((n) => ({ body: n.body, createdAt: iso(n.createdAtMs), updatedAt: iso(n.updatedAtMs) })),
      phones: rows.phones.filter((p) => p.contactId === c.id).map((p) => ({ phone: rows.enteredPhoneOf(p), basis: p.basis })),
      messages: rows.messages.filter((m) => m.contactId === c.id).map((m) => ({ body: m.body, createdAt: iso(m.createdAtMs) })),
    })),
    verifiedPhones: rows.verifiedPhones.map((p) => ({ phone: p.phone, verifiedAt: iso(p.verifiedAtMs) })),
  };
}
