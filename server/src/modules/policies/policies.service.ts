import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  deriveNextPremiumDate, FieldError, PolicyInput, PolicyView, premiumActuals, PremiumActualsView, RevealedPolicyNumberView, shownNameOf,
} from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import { chinaDayOf } from '../../lib/china-day';
import type { Clock } from '../../lib/clock';
import type { PhoneCrypto } from '../../lib/phone-crypto';
import type { StaffActor } from '../../permissions/actor';
import { whereAgentInScope } from '../../permissions/scope-query';
import type { AuditDetail, AuditService } from '../audit/audit.service';
import type { ContactsService } from '../contacts/contacts.service';
import type { RecordTouchpoint, TouchpointTransactions } from '../events/touchpoint-transactions';
import { Policy } from './policy.entity';
import { presentPolicy } from './policy.presenter';
import { signedPoliciesOf } from './policy.queries';
import type { CreatePolicyDto, PremiumActualsQuery, UpdatePolicyDto } from './policy.dto';

export type OwnedContact = Awaited<ReturnType<ContactsService['findInScope']>>;

const numberTaken = () => new AppError(409, 'duplicate_policy_number', '该保单号已登记过', [{ field: 'policyNumber', reason: '该保单号已登记过' }]);

/**
 * Policies (保单): the contact's agent records what was signed (the policy_signed touchpoint in
 * the same transaction, so the stage and the scores see it), edits it, and reveals the number
 * (audited); staff in scope read them; the period's actuals feed 件均保费 and 举绩率.
 */
export class PoliciesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly crypto: PhoneCrypto,
    private readonly audit: AuditService,
    private readonly contacts: Pick<ContactsService, 'findInScope'>,
    private readonly touchpoints: TouchpointTransactions,
    /** Rescore now (trust counts policies held); the worker is the fallback. */
    private readonly rescore: (contactIds: string[]) => Promise<unknown> = async () => undefined,
  ) {}

  private today(): string {
    return chinaDayOf(this.clock.nowMs());
  }

  private numberHash(policyNumber: string): string {
    return this.crypto.hash(`policy:${policyNumber.toUpperCase()}`);
  }

  private present(p: Policy, actor: StaffActor): PolicyView {
    return presentPolicy(p, this.crypto.decrypt(p.numberCipher), actor.staffId);
  }

  async listOfContact(actor: StaffActor, contactId: string): Promise<PolicyView[]> {
    const contact = await this.contacts.findInScope(actor, contactId);
    const rows = await this.dataSource.getRepository(Policy).find({ where: { contactId: contact.id }, order: { signedDate: 'DESC', createdAtMs: 'DESC' } });
    return rows.map((p) => this.present(p, actor));
  }

  async detail(actor: StaffActor, policyId: string): Promise<PolicyView> {
    return this.present(await this.findInScope(actor, policyId), actor);
  }

  async create(actor: StaffActor, contactId: string, dto: CreatePolicyDto): Promise<PolicyView> {
    const contact = await this.contacts.findInScope(actor, contactId);
    if (contact.agentId !== actor.staffId) throw new AppError(403, 'not_owner', '只有客户的专属营销员可以登记保单');
    const replay = await this.dataSource.getRepository(Policy).findOneBy({ signedEventId: dto.clientEventId.toLowerCase() });
    if (replay) {
      if (replay.contactId !== contact.id) throw new AppError(409, 'client_event_reused', undefined, [{ field: 'clientEventId', reason: '已用于另一张保单，请刷新后重新填写' }]);
      return this.present(replay, actor);
    }
    const today = this.today();
    const fields = this.checked(contact, { ...dto, signedDate: dto.signedDate ?? today }, today);
    const now = this.clock.nowMs();
    const hash = this.numberHash(dto.policyNumber);
    if (await this.dataSource.getRepository(Policy).existsBy({ numberHash: hash })) throw numberTaken();
    const policy: Policy = {
      id: randomUUID(), agentId: contact.agentId, signedByAgentId: contact.agentId, contactId: contact.id, ...fields, numberCipher: this.crypto.encrypt(dto.policyNumber), numberHash: hash,
      status: 'active', signedEventId: dto.clientEventId.toLowerCase(), createdAtMs: now, updatedAtMs: now,
    };
    try {
      await this.touchpoints.run((manager, record) => this.insertSigned(manager, record, actor, policy, now, { contactId: contact.id }));
    } catch (error) {
      // Two requests with one number (or one client id) at once: the unique indexes let one through.
      if (/unique|duplicate/i.test((error as Error)?.message ?? '')) {
        const again = await this.dataSource.getRepository(Policy).findOneBy({ signedEventId: policy.signedEventId });
        if (again) return this.present(again, actor);
        throw numberTaken();
      }
      throw error;
    }
    await this.rescoreNow(contact.id);
    return this.present(policy, actor);
  }

  /**
   * A policy from an import row, inside the import's transaction: the same checks, encrypted
   * number, duplicate rule, policy_signed touchpoint and audit as `create`. A number already
   * recorded is the existing policy (`duplicateOf`, or null when another agent holds it: theirs is
   * not named). The importer announces and rescores the contacts after its commit.
   */
  async recordImported(
    manager: EntityManager, actor: StaffActor, contact: OwnedContact, input: PolicyInput & { signedDate: string }, signedEventId: string, importRef: { jobId: string; line: number },
  ): Promise<{ created: Policy } | { duplicateOf: Policy | null }> {
    if (contact.agentId !== actor.staffId) throw new AppError(403, 'not_owner', '只有客户的专属营销员可以登记保单');
    const hash = this.numberHash(input.policyNumber);
    const taken = await manager.getRepository(Policy).findOneBy({ numberHash: hash });
    if (taken) return { duplicateOf: taken.agentId === actor.staffId ? taken : null };
    const fields = this.checked(contact, input, this.today());
    const now = this.clock.nowMs();
    const policy: Policy = {
      id: randomUUID(), agentId: contact.agentId, signedByAgentId: contact.agentId, contactId: contact.id, ...fields, numberCipher: this.crypto.encrypt(input.policyNumber), numberHash: hash,
      status: 'active', signedEventId: signedEventId.toLowerCase(), createdAtMs: now, updatedAtMs: now,
    };
    await this.insertSigned(manager, this.touchpoints.recordIn(manager), actor, policy, now, { contactId: contact.id, ...importRef });
    return { created: policy };
  }

  /** The contacts some policies belong to (an importer rescores them). */
  async contactIdsOf(policyIds: readonly string[]): Promise<string[]> {
    if (policyIds.length === 0) return [];
    const rows = await this.dataSource.getRepository(Policy).find({ select: { contactId: true }, where: { id: In([...policyIds]) } });
    return [...new Set(rows.map((r) => r.contactId))];
  }

  /** The policy, its sale as a touchpoint and the audit entry, in the caller's transaction. */
  private async insertSigned(manager: EntityManager, record: RecordTouchpoint, actor: StaffActor, policy: Policy, now: number, detail: AuditDetail): Promise<void> {
    await manager.insert(Policy, policy);
    // The sale as a touchpoint, dated the signing day (noon China time, so it falls on that day), never after now.
    const signedAtMs = Math.min(now, Date.parse(`${policy.signedDate}T04:00:00Z`));
    await record({
      clientEventId: policy.signedEventId, contactId: policy.contactId, agentId: policy.agentId, shareId: null, contentVersionId: null,
      type: 'policy_signed', occurredAtMs: signedAtMs, note: `《${policy.productName}》`,
    }, now);
    await this.audit.record({ actorId: actor.staffId, action: 'policy.create', subjectType: 'policy', subjectId: policy.id, detail }, manager);
  }

  async update(actor: StaffActor, policyId: string, dto: UpdatePolicyDto): Promise<PolicyView> {
    const policy = await this.findInScope(actor, policyId);
    if (policy.agentId !== actor.staffId) throw new AppError(403, 'not_owner', '只有客户的专属营销员可以修改保单');
    const contact = await this.contacts.findInScope(actor, policy.contactId);
    const current = {
      productName: policy.productName, need: policy.need, insurer: policy.insurer, insuredRelation: policy.insuredRelation, insuredName: policy.insuredName,
      annualPremiumFen: policy.annualPremiumFen, paymentFrequency: policy.paymentFrequency, paymentTermYears: policy.paymentTermYears,
      effectiveDate: policy.effectiveDate, signedDate: policy.signedDate, nextPremiumDate: policy.nextPremiumDate,
    };
    // The DTO instance carries every declared field, undefined when not sent: only those sent count.
    const sent = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as UpdatePolicyDto;
    const scheduleChanged = dto.effectiveDate !== undefined || dto.paymentFrequency !== undefined || dto.paymentTermYears !== undefined;
    const merged = {
      ...current, ...sent,
      // A new schedule without a stated next date derives it again; null asks for that explicitly.
      nextPremiumDate: dto.nextPremiumDate !== undefined ? dto.nextPremiumDate : scheduleChanged ? null : current.nextPremiumDate,
    };
    const fields = this.checked(contact, merged, this.today());
    const patch: Partial<Policy> = { ...fields, updatedAtMs: this.clock.nowMs(), ...(dto.status ? { status: dto.status } : {}) };
    if (dto.policyNumber !== undefined) {
      const hash = this.numberHash(dto.policyNumber);
      if (hash !== policy.numberHash && await this.dataSource.getRepository(Policy).existsBy({ numberHash: hash })) throw numberTaken();
      Object.assign(patch, { numberCipher: this.crypto.encrypt(dto.policyNumber), numberHash: hash });
    }
    const changed = Object.keys(sent);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Policy, { id: policy.id }, patch);
      await this.audit.record({ actorId: actor.staffId, action: 'policy.update', subjectType: 'policy', subjectId: policy.id, detail: { fields: changed.join(',') } }, manager);
    });
    if (dto.status !== undefined) await this.rescoreNow(policy.contactId);
    return this.detail(actor, policy.id);
  }

  /** The full number, for the owning agent only (a leader who sees the policy gets 404, as for phones); audited. */
  async revealNumber(actor: StaffActor, policyId: string): Promise<RevealedPolicyNumberView> {
    const policy = await this.findInScope(actor, policyId);
    if (policy.agentId !== actor.staffId) throw notFound('policy');
    await this.audit.record({ actorId: actor.staffId, action: 'policy.reveal_number', subjectType: 'policy', subjectId: policy.id, detail: { contactId: policy.contactId } });
    return { policyNumber: this.crypto.decrypt(policy.numberCipher) };
  }

  /** Premium signed in the period by the selling staff in the actor's scope; default this month so far. */
  async actuals(actor: StaffActor, query: PremiumActualsQuery): Promise<PremiumActualsView> {
    const today = this.today();
    const toDate = query.to ?? today;
    const fromDate = query.from ?? `${toDate.slice(0, 8)}01`;
    if (fromDate > toDate) throw badRequest([{ field: 'from', reason: '开始日期不能晚于结束日期' }], '开始日期不能晚于结束日期');
    const qb = this.dataSource.createQueryBuilder().select('s.id', 'id').from('staff_member', 's').where("s.role IN ('agent', 'leader')");
    const agentIds = (await whereAgentInScope(qb, actor, 's.id').getRawMany<{ id: string }>()).map((r) => r.id);
    const actuals = premiumActuals(await signedPoliciesOf(this.dataSource, agentIds, fromDate, toDate), agentIds, fromDate, toDate);
    return { fromDate, toDate, ...actuals };
  }

  private async findInScope(actor: StaffActor, policyId: string): Promise<Policy> {
    const qb = this.dataSource.getRepository(Policy).createQueryBuilder('policy').where('policy.id = :policyId', { policyId });
    const policy = await whereAgentInScope(qb, actor, 'policy.agent_id').getOne();
    if (!policy) throw notFound('policy');
    return policy;
  }

  /** The insured is the contact or one of their family by name; dates in order; the next premium date derived when not given. */
  private checked(
    contact: OwnedContact,
    p: Pick<Policy, 'productName' | 'need' | 'insurer' | 'insuredRelation' | 'annualPremiumFen' | 'paymentFrequency' | 'paymentTermYears' | 'effectiveDate' | 'signedDate'>
      & { insuredName?: string; nextPremiumDate?: string | null },
    today: string,
  ): Omit<Policy, 'id' | 'agentId' | 'signedByAgentId' | 'contactId' | 'numberCipher' | 'numberHash' | 'status' | 'signedEventId' | 'createdAtMs' | 'updatedAtMs'> {
    const errors: FieldError[] = [];
    let insuredName = shownNameOf(contact);
    if (p.insuredRelation !== 'self') {
      const member = (contact.familyMembers ?? []).find((m) => m.name === p.insuredName?.trim() && m.relation === p.insuredRelation);
      if (!member) errors.push({ field: 'insuredName', reason: '被保险人须是客户本人或客户档案里的家庭成员（姓名与关系一致）' });
      else insuredName = member.name;
    }
    if (p.signedDate > today) errors.push({ field: 'signedDate', reason: '签单日期不能晚于今天' });
    if (p.paymentFrequency === 'single' && p.paymentTermYears !== 1) errors.push({ field: 'paymentTermYears', reason: '趸交的缴费年期为 1' });
    if (p.nextPremiumDate && p.nextPremiumDate < p.effectiveDate) errors.push({ field: 'nextPremiumDate', reason: '下次缴费日期不能早于生效日期' });
    if (errors.length > 0) throw badRequest(errors, errors[0]?.reason);
    const schedule = { effectiveDate: p.effectiveDate, paymentFrequency: p.paymentFrequency, paymentTermYears: p.paymentTermYears };
    return {
      productName: p.productName.trim(), need: p.need, insurer: p.insurer.trim(), insuredRelation: p.insuredRelation, insuredName,
      annualPremiumFen: p.annualPremiumFen, ...schedule, signedDate: p.signedDate,
      nextPremiumDate: p.nextPremiumDate ?? deriveNextPremiumDate(schedule, today),
    };
  }

  private async rescoreNow(contactId: string): Promise<void> {
    try {
      await this.rescore([contactId]);
    } catch {
      // The policy is committed; the worker rescoring from the touchpoint (or the night) catches up.
    }
  }
}
