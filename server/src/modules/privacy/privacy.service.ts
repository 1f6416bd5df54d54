import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { anonymousNameOf, ConsentView, CUSTOMER_TOUCHPOINT_TYPES, DeletionView, OptOutView, PersonalDataExport } from '@kejing/shared';
import type { RetentionConfig } from '../../config/load-config';
import { notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { maskPhone, maskWholePhone, PhoneCrypto } from '../../lib/phone-crypto';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { SessionGuard } from '../auth/session-guard';
import type { VerifiedPhones } from '../auth/verified-phones';
import { eraseContactRecords, notesOfContacts, phonesOfContacts } from '../contacts/contact-records.queries';
import { eraseCustomerMessages, messagesOfContacts } from '../card/customer-messages.queries';
import { eraseNoticesAbout } from '../notifications/notice-records.queries';
import {
  contactForPrivacyRequest, contactsOfUsersOrIds, forgetReferrer, type PersonContact, setContactDisplayName, setContactsOptedOut,
} from '../contacts/queries/personal-data';
import { deleteTouchpoints, touchpointsOf, touchpointsReceivedBefore } from '../events/queries/personal-data';
import type { TouchpointTransactions } from '../events/touchpoint-transactions';
import {
  consentById, consentsOf, contactIdsWithLeadPhones, eraseLeadRows, leadPhoneHashesOf, type LeadRow, leadsOf, recordConsent, unengagedLeadsBefore,
  withdrawConsentRow,
} from '../leads/queries/personal-data';
import { refreshContactBudgets } from '../leads/queries/contact-budgets';
import { forgetForwarder } from '../shares/forget-forwarder';
import type { ShareArrivals } from '../shares/share-arrivals';
import { staffMemberOfUser } from '../staff/queries/staff-members';
import { staffNamesOf } from '../staff/queries/staff-names';
import { tasksOfContacts } from '../tasks/queries/tasks-of-contacts';
import { dismissOpenTasksOf } from '../tasks/dismiss-open-tasks';
import { erasePoliciesOfContacts } from '../policies/policy.queries';
import type { GiveConsentDto } from './privacy.dto';
import { presentConsent, presentExport } from './privacy.presenter';
import { forgetScoreStates } from '../scoring/score-states';
import { deleteNoticesCreatedBefore } from '../notifications/notice-records.queries';

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;
/** Reading-behaviour tracking: what raw-event retention expires. Leads and agent-logged actions are the sales trail. */
export const TRACKING_TYPES: string[] = CUSTOMER_TOUCHPOINT_TYPES.filter((type) => type !== 'lead_submit');

export interface RetentionSummary {
  rawEventsDeleted: number;
  unengagedLeadsDeleted: number;
  /** Absent in summaries stored before notices expired. */
  noticesDeleted?: number;
}


/**
 * Personal data as PIPL expects: consents given and withdrawn by the person, opt-out of
 * personalised scoring, export and erasure of one person's data (by the person or an operator,
 * always audited), and retention limits the daily job enforces.
 */
export class PrivacyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly phoneCrypto: PhoneCrypto,
    private readonly arrivals: ShareArrivals,
    private readonly touchpoints: TouchpointTransactions,
    private readonly retention: RetentionConfig,
    private readonly verifiedPhones: VerifiedPhones,
    private readonly sessions: SessionGuard,
    /** Rescore now (the scorer); the scoring worker is the fallback through the touchpoints' notice. */
    private readonly rescore: (contactIds: string[]) => Promise<unknown> = async () => undefined,
  ) {}

  /** Opt-out and withdrawals take effect on the scores at once, not at the next poll. */
  private async rescoreNow(contactIds: string[]): Promise<void> {
    if (contactIds.length === 0) return;
    try {
      await this.rescore(contactIds);
    } catch {
      // The flag is committed; the worker picks the contacts up from the notice below.
    }
    this.touchpoints.announce(contactIds);
  }

  // ---- the person (viewer endpoints the mini program calls) ---------------------------------

  async consents(userId: string): Promise<ConsentView[]> {
    const { contacts } = await this.reachOf(userId);
    if (contacts.length === 0) return [];
    return (await consentsOf(this.dataSource, contacts.map((c) => c.id))).map(presentConsent);
  }

  /** Giving a consent is one request, as withdrawing it is. */
  async giveConsent(userId: string, dto: GiveConsentDto): Promise<ConsentView> {
    const { contactId } = await this.arrivals.arrive(dto.shareId, userId);
    const consent = {
      id: randomUUID(), contactId, kind: dto.kind, textVersion: dto.textVersion, purpose: dto.purpose, givenAtMs: this.clock.nowMs(), withdrawnAtMs: null,
    };
    await this.dataSource.transaction(async (manager) => {
      await recordConsent(manager, consent);
      await this.audit.record({ actorId: userId, action: 'consent.give', subjectType: 'consent', subjectId: consent.id, detail: { kind: dto.kind, by: 'self' } }, manager);
    });
    return presentConsent(consent);
  }

  /**
   * Withdrawing stops the processing the consent allowed: a withdrawn health consent takes the
   * health needs off the leads that rested on it; a withdrawn contact-details consent erases those
   * leads (name, phone) and the name the contact is shown by.
   */
  async withdrawConsent(userId: string, consentId: string): Promise<ConsentView> {
    const { contacts } = await this.reachOf(userId);
    const consent = await consentById(this.dataSource, consentId);
    if (!consent || !contacts.some((c) => c.id === consent.contactId)) throw notFound('consent');
    if (consent.withdrawnAtMs !== null) return presentConsent(consent);
    const now = this.clock.nowMs();
    await this.dataSource.transaction(async (manager) => {
      // A health consent's needs come off its leads; a contact-details consent's leads are erased.
      await this.eraseLeads(manager, await withdrawConsentRow(manager, consent, now));
      await this.audit.record({ actorId: userId, action: 'consent.withdraw', subjectType: 'consent', subjectId: consent.id, detail: { kind: consent.kind, by: 'self' } }, manager);
    });
    await this.rescoreNow([consent.contactId]);
    return presentConsent({ ...consent, withdrawnAtMs: now });
  }

  /** Opt-out of personalised scoring and messages: the scorer zeroes the contacts and plans nothing for them. */
  async setOptOut(userId: string, optedOut: boolean): Promise<OptOutView> {
    const { contacts } = await this.reachOf(userId);
    if (contacts.length > 0) {
      await this.dataSource.transaction(async (manager) => {
        await setContactsOptedOut(manager, contacts.map((c) => c.id), optedOut);
        if (optedOut) {
          // Open follow-ups would have the agent message someone who asked not to be.
          await dismissOpenTasksOf(manager, contacts.map((c) => c.id));
        }
        await this.audit.record({ actorId: userId, action: optedOut ? 'privacy.opt_out' : 'privacy.opt_in', subjectType: 'user', subjectId: userId, detail: { contacts: contacts.length } }, manager);
      });
      await this.rescoreNow(contacts.map((c) => c.id));
    }
    return { optedOut, contacts: contacts.length };
  }

  async exportMine(userId: string): Promise<PersonalDataExport> {
    const { contacts } = await this.reachOf(userId);
    // Only the caller's own verified phones: a contact reached by phone may belong to another WeChat account.
    const result = await this.export(contacts, 'full', [userId]);
    await this.audit.record({ actorId: userId, action: 'privacy.export', subjectType: 'user', subjectId: userId, detail: { by: 'self', contacts: contacts.length } });
    return result;
  }

  /** Erases the person and ends every session of theirs, so no old token can make a contact again. */
  async deleteMine(userId: string): Promise<DeletionView> {
    const { contacts, verifiedHashes } = await this.reachOf(userId);
    return this.erase(contacts, [userId], { actorId: userId, by: 'self' }, verifiedHashes);
  }

  // ---- staff -------------------------------------------------------------------------------

  /**
   * Staff export on the person's request. An operator or admin (who handle privacy requests)
   * gets the whole person with the full phone; agents, leaders and managers get the contact in
   * their scope with the phone masked. Out of scope is 404.
   */
  async exportContact(actor: StaffActor, contactId: string): Promise<PersonalDataExport> {
    const privacyOfficer = actor.role === 'operator' || actor.role === 'admin';
    const seed = await this.findForStaff(actor, contactId);
    const contacts = privacyOfficer ? await this.personContacts([seed]) : [seed];
    // A privacy officer has judged who the person is; an agent's masked export lists no verified phone.
    const users = privacyOfficer ? [...new Set(contacts.map((c) => c.viewerUserId).filter((u): u is string => u !== null))] : [];
    const result = await this.export(contacts, privacyOfficer ? 'full' : 'masked', users);
    await this.audit.record({
      actorId: actor.bootstrap ? null : actor.staffId, action: 'privacy.export', subjectType: 'contact', subjectId: contactId,
      detail: { by: actor.role, contacts: contacts.length, phone: privacyOfficer ? 'full' : 'masked' },
    });
    return result;
  }

  /** An operator erases the person behind a contact: every contact of theirs, at every agent. */
  async deleteContact(actor: StaffActor, contactId: string): Promise<DeletionView> {
    const seed = await this.findForStaff(actor, contactId);
    const contacts = await this.personContacts([seed]);
    return this.erase(contacts, seed.viewerUserId ? [seed.viewerUserId] : [], { actorId: actor.bootstrap ? null : actor.staffId, by: actor.role });
  }

  // ---- retention (the daily job) ------------------------------------------------------------

  async runRetention(): Promise<RetentionSummary> {
    const now = this.clock.nowMs();
    let rawEventsDeleted = 0;
    let unengagedLeadsDeleted = 0;
    if (this.retention.rawEventsDays > 0) {
      const before = now - this.retention.rawEventsDays * DAY_MS;
      for (;;) {
        const rows = await touchpointsReceivedBefore(this.dataSource, before, TRACKING_TYPES, BATCH);
        if (rows.length === 0) break;
        // Fewer touchpoints can change a score: the scorer hears of these contacts after the commit.
        await this.touchpoints.run(async (manager, _record, touched) => {
          await deleteTouchpoints(manager, rows.map((r) => r.id));
          // A history that lost touchpoints is replayed, not folded into its stored state.
          await forgetScoreStates(manager, [...new Set(rows.map((r) => r.contact_id))]);
          touched(rows.map((r) => r.contact_id));
        });
        rawEventsDeleted += rows.length;
      }
    }
    if (this.retention.unengagedLeadsDays > 0) {
      const before = now - this.retention.unengagedLeadsDays * DAY_MS;
      const leads = await unengagedLeadsBefore(this.dataSource, before);
      for (let i = 0; i < leads.length; i += BATCH) {
        const chunk = leads.slice(i, i + BATCH);
        await this.touchpoints.run(async (manager, _record, touched) => {
          await this.eraseLeads(manager, chunk);
          touched(chunk.map((l) => l.contactId));
          await this.audit.record({ actorId: null, action: 'retention.leads', subjectType: 'job', subjectId: randomUUID(), detail: { leads: chunk.length, days: this.retention.unengagedLeadsDays } }, manager);
        });
        unengagedLeadsDeleted += chunk.length;
      }
    }
    const noticesDeleted = this.retention.noticesDays > 0 ? await deleteNoticesCreatedBefore(this.dataSource, now - this.retention.noticesDays * DAY_MS) : 0;
    if (rawEventsDeleted > 0) {
      await this.audit.record({ actorId: null, action: 'retention.events', subjectType: 'job', subjectId: randomUUID(), detail: { events: rawEventsDeleted, days: this.retention.rawEventsDays } });
    }
    return { rawEventsDeleted, unengagedLeadsDeleted, noticesDeleted };
  }

  // ---- internals ---------------------------------------------------------------------------

  /**
   * What a person's own request reaches: the contacts bound to their WeChat identity, and the
   * contacts with a lead whose phone WeChat verified as theirs. A typed phone proves nothing (anyone
   * can type anyone's number), so it never widens the reach, not even transitively.
   */
  private async reachOf(userId: string): Promise<{ contacts: PersonContact[]; verifiedHashes: string[] }> {
    const verifiedHashes = await this.verifiedPhones.hashesOf(userId);
    const viaPhone = await contactIdsWithLeadPhones(this.dataSource, verifiedHashes);
    const contacts = await contactsOfUsersOrIds(this.dataSource, [userId], viaPhone);
    return { contacts, verifiedHashes };
  }

  private async findForStaff(actor: StaffActor, contactId: string): Promise<PersonContact> {
    // Operators handle privacy requests company-wide; everyone else only within their own scope.
    const contact = await contactForPrivacyRequest(this.dataSource, actor, contactId);
    if (!contact) throw notFound('contact');
    return contact;
  }

  /** The person behind some contacts: the same WeChat user, or the same phone (by its keyed hash), at any agent. */
  private async personContacts(seed: PersonContact[]): Promise<PersonContact[]> {
    const byId = new Map(seed.map((c) => [c.id, c]));
    for (let round = 0; round < 4; round++) {
      const ids = [...byId.keys()];
      if (ids.length === 0) return [];
      const users = [...new Set([...byId.values()].map((c) => c.viewerUserId).filter((u): u is string => u !== null))];
      const viaPhone = await contactIdsWithLeadPhones(this.dataSource, await leadPhoneHashesOf(this.dataSource, ids));
      const more = await contactsOfUsersOrIds(this.dataSource, users, viaPhone);
      const grew = more.filter((c) => !byId.has(c.id));
      if (grew.length === 0) break;
      for (const c of grew) byId.set(c.id, c);
    }
    return [...byId.values()];
  }

  /** `phonesOf`: whose verified phones the export lists (in full, so never for a masked export). */
  private async export(contacts: PersonContact[], phone: 'full' | 'masked', phonesOf: string[] = []): Promise<PersonalDataExport> {
    const ids = contacts.map((c) => c.id);
    const [leads, consents, events, tasks, agentNames, verifiedPhones, notes, phones, messages] = await Promise.all([
      leadsOf(this.dataSource, ids),
      consentsOf(this.dataSource, ids),
      touchpointsOf(this.dataSource, ids),
      tasksOfContacts(this.dataSource, ids),
      staffNamesOf(this.dataSource, contacts.flatMap((c) => (c.agentId ? [c.agentId] : []))),
      this.verifiedPhones.ofUsers(phonesOf),
      notesOfContacts(this.dataSource, ids),
      phonesOfContacts(this.dataSource, ids),
      messagesOfContacts(this.dataSource, ids),
    ]);
    const phoneOf = (lead: LeadRow) => (phone === 'full' ? this.phoneCrypto.decrypt(lead.phoneCipher) : maskPhone(lead.phonePrefix3, lead.phoneLast4));
    const enteredPhoneOf = (p: { phoneCipher: string }) => {
      const plain = this.phoneCrypto.decrypt(p.phoneCipher);
      return phone === 'full' ? plain : maskWholePhone(plain);
    };
    return presentExport(this.clock.nowMs(), contacts, { leads, consents, events, tasks, agentNames, notes, phones, messages, phoneOf, enteredPhoneOf, verifiedPhones });
  }

  /** Erases leads' personal data: the rows, the consents they rested on, and the name the contact took from them. */
  private async eraseLeads(manager: EntityManager, leads: LeadRow[]): Promise<void> {
    // A lead form is part of its lead_submit touchpoint: those histories are replayed, not folded into their states.
    await forgetScoreStates(manager, [...new Set(leads.map((l) => l.contactId))]);
    // The contact falls back to its latest lead's name left, else to the anonymous name it was made with.
    const namesLeft = await eraseLeadRows(manager, leads);
    for (const [contactId, nameLeft] of namesLeft) {
      await setContactDisplayName(manager, contactId, nameLeft ?? anonymousNameOf(contactId));
    }
    await refreshContactBudgets(manager, [...namesLeft.keys()]);
  }

  /**
   * Deletes the contacts and everything hanging off them, leads elsewhere with `sweepHashes`'
   * phones (by default every phone on the contacts' leads: an operator has judged who the person
   * is), and the WeChat identities, whose sessions end at once.
   */
  private async erase(contacts: PersonContact[], userIds: string[], who: { actorId: string | null; by: string }, sweepHashes?: string[]): Promise<DeletionView> {
    const requestId = randomUUID();
    const ids = contacts.map((c) => c.id);
    const deleted = { contacts: 0, leads: 0, consents: 0, touchpoints: 0, tasks: 0, stageChanges: 0, notes: 0, phones: 0, messages: 0, notices: 0, policies: 0 };
    await this.dataSource.transaction(async (manager) => {
      if (ids.length > 0) {
        const hashes = sweepHashes ?? await leadPhoneHashesOf(manager, ids);
        for (let i = 0; i < ids.length; i += BATCH) {
          const chunk = ids.slice(i, i + BATCH);
          deleted.touchpoints += await this.deleteCount(manager, 'touchpoint_event', 'contact_id', chunk);
          deleted.leads += await this.deleteCount(manager, 'lead', 'contact_id', chunk);
          deleted.consents += await this.deleteCount(manager, 'consent', 'contact_id', chunk);
          deleted.tasks += await this.deleteCount(manager, 'follow_up_task', 'contact_id', chunk);
          deleted.stageChanges += await this.deleteCount(manager, 'contact_stage_change', 'contact_id', chunk);
          await forgetScoreStates(manager, chunk);
          const records = await eraseContactRecords(manager, chunk);
          deleted.notes += records.notes;
          deleted.phones += records.phones;
          deleted.messages += await eraseCustomerMessages(manager, chunk);
          deleted.notices += await eraseNoticesAbout(manager, chunk);
          deleted.policies += await erasePoliciesOfContacts(manager, chunk);
          await forgetReferrer(manager, chunk);
          await forgetForwarder(manager, chunk);
          deleted.contacts += await this.deleteCount(manager, 'contact', 'id', chunk);
        }
        // A lead with the same phone under a contact we did not reach (entered by hand) is the same person too.
        if (hashes.length > 0) {
          const holders = await contactIdsWithLeadPhones(manager, hashes);
          deleted.leads += await this.deleteCount(manager, 'lead', 'phone_hash', hashes);
          await refreshContactBudgets(manager, holders.filter((id) => !ids.includes(id)));
        }
      }
      const customers = [];
      for (const userId of userIds) if (!(await staffMemberOfUser(manager, userId))) customers.push(userId);
      await this.verifiedPhones.forget(manager, userIds);
      // The WeChat identity (openid, unionid) goes too, unless the person is also staff; a staff member's sessions end all the same.
      if (customers.length > 0) await this.deleteCount(manager, 'app_user', 'id', customers);
      for (const userId of userIds) if (!customers.includes(userId)) await this.sessions.endSessions(userId, manager);
      await this.audit.record({ actorId: who.actorId, action: 'privacy.delete', subjectType: 'privacy_request', subjectId: requestId, detail: { by: who.by, ...deleted } }, manager);
    });
    for (const userId of userIds) this.sessions.forgetLocally(userId);
    this.arrivals.forget(contacts);
    return { requestId, deleted };
  }

  private async deleteCount(manager: EntityManager, table: string, column: string, values: string[]): Promise<number> {
    const where = `${column} IN (${values.map(() => '?').join(',')})`;
    const n: { n: number | string }[] = await manager.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, values);
    await manager.query(`DELETE FROM ${table} WHERE ${where}`, values);
    return Number(n[0]?.n ?? 0);
  }
}
