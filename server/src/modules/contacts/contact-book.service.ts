import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { In, Not } from 'typeorm';
import { ContactDetailView, RevealedPhoneView, shownNameOf } from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { PhoneCrypto } from '../../lib/phone-crypto';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { TouchpointTransactions } from '../events/touchpoint-transactions';
import { latestLeadOf, leadOfContact, LeadPhoneRow, leadWithPhoneElsewhere } from '../leads/lead.queries';
import { Contact } from './contact.entity';
import { ContactPhone } from './contact-phone.entity';
import type { ContactsService } from './contacts.service';
import type { CreateContactDto, RevealPhoneDto, UpdateContactDto } from './contact.dto';

/** The fields of a contact the agent may set, by the name the request uses. Owner, stage and scores are not among them. */
const AGENT_FIELDS = [
  'remarkName', 'realName', 'gender', 'birthday', 'wechatId', 'relationship', 'familyMembers', 'agentTags', 'wechatFriend', 'policiesHeld',
] as const satisfies readonly (keyof UpdateContactDto & keyof Contact)[];
// Changing these changes the scores (stage 1 reach, trust from policies held): rescore at once.
const SCORED_FIELDS: readonly string[] = ['wechatFriend', 'policiesHeld'];

interface PhonePlan {
  keep: { id: string; basis: ContactPhone['basis']; position: number }[];
  add: ContactPhone[];
  remove: string[];
}

const duplicatePhone = (index: number, holder: { id: string; name: string }) =>
  new AppError(409, 'duplicate_phone', `该手机号已在客户「${holder.name}」名下`, [
    { field: `phones.${index}.phone`, reason: `已在客户「${holder.name}」名下（${holder.id}）`, index },
  ]);

/**
 * The agent's own record of a person (客户档案): adding one by hand, editing what the agent
 * knows, the phones the agent entered (encrypted, never two contacts of one agent with the same
 * number), and revealing a number to call it (audited).
 */
export class ContactBookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly phoneCrypto: PhoneCrypto,
    private readonly audit: AuditService,
    private readonly contacts: ContactsService,
    private readonly touchpoints: TouchpointTransactions,
    /** Rescore now (the scorer); the worker is the fallback through the touchpoints' notice. */
    private readonly rescore: (contactIds: string[]) => Promise<unknown> = async () => undefined,
  ) {}

  /** A contact the actor owns: out of scope is 404, in scope but another agent's is 403. */
  async findOwned(actor: StaffActor, contactId: string): Promise<Contact> {
    const contact = await this.contacts.findInScope(actor, contactId);
    if (contact.agentId !== actor.staffId) throw new AppError(403, 'not_owner', '只有客户的专属营销员可以修改客户档案');
    return contact;
  }

  async create(actor: StaffActor, dto: CreateContactDto): Promise<ContactDetailView> {
    const id = randomUUID();
    const now = this.clock.nowMs();
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Contact, {
        id, agentId: actor.staffId, viewerUserId: null, displayName: dto.remarkName.trim(), referredByContactId: null, firstShareId: null,
        source: 'manual', createdAtMs: now, ...this.fieldsOf(dto),
      });
      const plan = await this.planPhones(manager, actor.staffId, id, [], (dto.phones ?? []).map((p) => ({ ...p })));
      await this.applyPhones(manager, plan);
      await this.audit.record({ actorId: actor.staffId, action: 'contact.create', subjectType: 'contact', subjectId: id, detail: { phones: plan.add.length } }, manager);
    });
    await this.rescoreNow(id);
    return this.contacts.detail(actor, id);
  }

  async update(actor: StaffActor, contactId: string, dto: UpdateContactDto): Promise<ContactDetailView> {
    const contact = await this.findOwned(actor, contactId);
    const patch = this.fieldsOf(dto);
    const changed = Object.keys(patch);
    await this.dataSource.transaction(async (manager) => {
      if (changed.length > 0) await manager.update(Contact, { id: contact.id }, patch);
      if (dto.phones) {
        const held = await manager.getRepository(ContactPhone).findBy({ contactId: contact.id });
        await this.applyPhones(manager, await this.planPhones(manager, actor.staffId, contact.id, held, dto.phones));
        changed.push('phones');
      }
      // Which fields changed, never their values: the audit log must not become a copy of personal data.
      await this.audit.record({ actorId: actor.staffId, action: 'contact.update', subjectType: 'contact', subjectId: contact.id, detail: { fields: changed.join(',') } }, manager);
    });
    if (changed.some((f) => SCORED_FIELDS.includes(f))) await this.rescoreNow(contact.id);
    return this.contacts.detail(actor, contact.id);
  }

  /**
   * The full number to call: the entered phone named, else the first the agent entered, else the
   * latest lead's. For the owning agent only; every reveal is in the audit log.
   */
  async revealPhone(actor: StaffActor, contactId: string, dto: RevealPhoneDto): Promise<RevealedPhoneView> {
    const contact = await this.findOwnedForReveal(actor, contactId);
    const phones = await this.dataSource.getRepository(ContactPhone).find({ where: { contactId: contact.id }, order: { position: 'ASC' } });
    const phone = dto.phoneId ? phones.find((p) => p.id === dto.phoneId) : phones[0];
    if (dto.phoneId && !phone) throw notFound('phone');
    if (phone) {
      await this.audit.record({ actorId: actor.staffId, action: 'phone.reveal', subjectType: 'contact_phone', subjectId: phone.id, detail: { contactId: contact.id } });
      return { phone: this.phoneCrypto.decrypt(phone.phoneCipher), from: 'agent' };
    }
    const lead = await latestLeadOf(this.dataSource, contact.id);
    if (!lead) throw new AppError(404, 'no_phone', '该客户还没有手机号');
    return this.revealLead(actor, contact, lead);
  }

  /** One lead's number (the older, per-lead endpoint), in the same shape as the contact's own reveal. */
  async revealLeadPhone(actor: StaffActor, contactId: string, leadId: string): Promise<RevealedPhoneView> {
    const contact = await this.findOwnedForReveal(actor, contactId);
    const lead = await leadOfContact(this.dataSource, contact.id, leadId);
    if (!lead) throw notFound('lead');
    return this.revealLead(actor, contact, lead);
  }

  private async revealLead(actor: StaffActor, contact: Contact, lead: LeadPhoneRow): Promise<RevealedPhoneView> {
    await this.audit.record({ actorId: actor.staffId, action: 'phone.reveal', subjectType: 'lead', subjectId: lead.leadId, detail: { contactId: contact.id } });
    return { phone: this.phoneCrypto.decrypt(lead.phoneCipher), from: 'lead' };
  }

  // A number is revealed to the agent who holds the contact, and to nobody else: not even a leader
  // who can see it (the contact's existence is not secret from them, the number is), so 404.
  private async findOwnedForReveal(actor: StaffActor, contactId: string): Promise<Contact> {
    const contact = await this.contacts.findInScope(actor, contactId);
    if (contact.agentId !== actor.staffId) throw notFound('phone');
    return contact;
  }

  /** The agent-settable fields present in the request; undefined means "leave", null "clear". */
  private fieldsOf(dto: UpdateContactDto | CreateContactDto): Partial<Contact> {
    const patch: Record<string, unknown> = {};
    for (const field of AGENT_FIELDS) {
      const value = dto[field as keyof typeof dto];
      if (value === undefined) continue;
      patch[field] = typeof value === 'string' ? value.trim() : field === 'agentTags' ? [...new Set((value as string[]).map((t) => t.trim()))] : value;
    }
    return patch as Partial<Contact>;
  }

  /** Which held phones stay, which go and which are new; a number another contact of the agent holds is a 409 naming it. */
  private async planPhones(
    manager: EntityManager, agentId: string, contactId: string, held: ContactPhone[], wanted: { phoneId?: string; phone?: string; basis: ContactPhone['basis'] }[],
  ): Promise<PhonePlan> {
    const plan: PhonePlan = { keep: [], add: [], remove: [] };
    const seen = new Set<string>();
    for (const [index, entry] of wanted.entries()) {
      if (entry.phone === undefined) {
        const phone = held.find((p) => p.id === entry.phoneId);
        if (!phone) throw badRequest([{ field: `phones.${index}.phoneId`, reason: '不是这位客户的手机号，请刷新后重试', index }]);
        if (seen.has(phone.phoneHash)) throw badRequest([{ field: `phones.${index}`, reason: '这个手机号重复填写了', index }]);
        seen.add(phone.phoneHash);
        plan.keep.push({ id: phone.id, basis: entry.basis, position: index });
        continue;
      }
      const hash = this.phoneCrypto.hash(entry.phone);
      if (seen.has(hash)) throw badRequest([{ field: `phones.${index}.phone`, reason: '这个手机号重复填写了', index }]);
      seen.add(hash);
      const mine = held.find((p) => p.phoneHash === hash);
      if (mine) {
        plan.keep.push({ id: mine.id, basis: entry.basis, position: index });
        continue;
      }
      const holder = await this.holderOf(manager, agentId, contactId, hash);
      if (holder) throw duplicatePhone(index, holder);
      plan.add.push(manager.getRepository(ContactPhone).create({
        id: randomUUID(), contactId, agentId, phoneCipher: this.phoneCrypto.encrypt(entry.phone), phoneHash: hash,
        last4Hash: this.phoneCrypto.hashLast4(entry.phone), basis: entry.basis, position: index, createdAtMs: this.clock.nowMs(),
      }));
    }
    const kept = new Set(plan.keep.map((k) => k.id));
    plan.remove = held.filter((p) => !kept.has(p.id)).map((p) => p.id);
    return plan;
  }

  /** Another contact of this agent with this number, entered by the agent or left in a lead form. */
  private async holderOf(manager: EntityManager, agentId: string, contactId: string, hash: string): Promise<{ id: string; name: string } | null> {
    const entered = await manager.getRepository(ContactPhone).findOneBy({ agentId, phoneHash: hash, contactId: Not(contactId) });
    const viaLead = entered ? null : await leadWithPhoneElsewhere(manager, agentId, hash, contactId);
    const holderId = entered?.contactId ?? viaLead?.contactId;
    if (!holderId) return null;
    const holder = await manager.getRepository(Contact).findOneBy({ id: holderId });
    return holder ? { id: holder.id, name: shownNameOf(holder) } : null;
  }

  private async applyPhones(manager: EntityManager, plan: PhonePlan): Promise<void> {
    if (plan.remove.length > 0) await manager.delete(ContactPhone, { id: In(plan.remove) });
    for (const k of plan.keep) await manager.update(ContactPhone, { id: k.id }, { basis: k.basis, position: k.position });
    try {
      if (plan.add.length > 0) await manager.insert(ContactPhone, plan.add);
    } catch (error) {
      // Two requests adding the same number at once: the unique index lets one through.
      if (/unique|duplicate/i.test((error as Error)?.message ?? '')) throw new AppError(409, 'duplicate_phone', '该手机号已在另一位客户名下');
      throw error;
    }
  }

  private async rescoreNow(contactId: string): Promise<void> {
    try {
      await this.rescore([contactId]);
    } catch {
      // The fields are committed; the worker picks the contact up from the notice below.
    }
    this.touchpoints.announce([contactId]);
  }
}
