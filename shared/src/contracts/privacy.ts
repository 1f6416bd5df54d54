/** The wire format of personal data (PIPL): request and response bodies (times ISO-8601, money in fen, percentages 0..100). */
import type { PhoneSource } from './leads';

/** contact_details: name and phone for a consultation; health: needs that reveal health. */
export type ConsentKind = 'contact_details' | 'health';
/** A consent the person gave, as they see it (GET /api/privacy/me/consents). */
export interface ConsentView {
  consentId: string;
  contactId: string;
  kind: ConsentKind;
  textVersion: string;
  purpose: string;
  givenAt: string;
  withdrawnAt: string | null;
}
/** POST /api/privacy/me/consents — give a consent (e.g. health) after the lead form. */
export interface GiveConsentRequest {
  shareId: string;
  kind: ConsentKind;
  textVersion: string;
  purpose: string;
}
/** POST /api/privacy/me/opt-out and DELETE /api/privacy/me/opt-out. */
export interface OptOutView {
  optedOut: boolean;
  contacts: number;
}
/** GET /api/privacy/me/export and GET /api/privacy/contacts/:id/export: one person's data. */
export interface PersonalDataExport {
  exportedAt: string;
  contacts: {
    contactId: string;
    agentName: string;
    displayName: string;
    createdAt: string;
    optedOut: boolean;
    scores: { trust: number; intent: number; cell: string; stage: number; referralClass: string };
    leads: { leadId: string; name: string; phone: string; phoneSource: PhoneSource; budgetFen: number | null; insuredPerson: string | null; needs: string[]; createdAt: string }[];
    consents: ConsentView[];
    touchpoints: { type: string; occurredAt: string; depthPct: number | null; dwellMs: number | null }[];
    /** Follow-ups about the person; `note` is what the agent wrote on their own reminder. */
    tasks: { action: string; status: string; dueAt: string; note: string | null }[];
    /** What the agent wrote about the person (跟进记录). */
    notes: { body: string; createdAt: string; updatedAt: string }[];
    /** Phones the agent entered, with the basis for holding each (full or masked as the leads' are). */
    phones: { phone: string; basis: string }[];
    /** What the person wrote to the agent (留言). */
    messages: { body: string; createdAt: string }[];
  }[];
  /** Phones WeChat verified as the person's (in full for the person and privacy officers; none in an agent's masked export). */
  verifiedPhones: { phone: string; verifiedAt: string }[];
}
/** DELETE /api/privacy/me and DELETE /api/privacy/contacts/:id: what was erased. */
export interface DeletionView {
  requestId: string;
  deleted: { contacts: number; leads: number; consents: number; touchpoints: number; tasks: number; stageChanges: number; notes: number; phones: number; messages: number; notices: number; policies: number };
}
