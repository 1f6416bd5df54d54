import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { HEALTH_NEEDS, LeadView, PhoneSource } from '@kejing/shared';
import { badRequest } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { PhoneCrypto } from '../../lib/phone-crypto';
import type { VerifiedPhones } from '../auth/verified-phones';
import { nameContactFromLead } from '../contacts/contact-name-from-lead';
import type { TouchpointTransactions } from '../events/touchpoint-transactions';
import type { ShareArrivals } from '../shares/share-arrivals';
import { Consent } from './consent.entity';
import { Lead } from './lead.entity';
import { presentLead } from './lead.presenter';
import { refreshContactBudgets } from './queries/contact-budgets';
import type { SubmitLeadDto } from './lead.dto';

/** The lead form (留资): consent, lead and its touchpoint are stored together or not at all. */
export class LeadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly arrivals: ShareArrivals,
    private readonly phoneCrypto: PhoneCrypto,
    private readonly touchpoints: TouchpointTransactions,
    private readonly verifiedPhones: VerifiedPhones,
    /** After a lead with a WeChat-verified phone: one person, one contact (the contacts module merges if the agent already holds the number). */
    private readonly onVerifiedPhone: (verified: { agentId: string; contactId: string; phoneHash: string }) => Promise<void> = async () => undefined,
  ) {}

  async submit(viewerUserId: string, form: SubmitLeadDto): Promise<{ lead: LeadView; created: boolean }> {
    // Health needs are sensitive personal information (PIPL art. 28–29): their own consent, or nothing is stored.
    if ((form.needs ?? []).some((need) => HEALTH_NEEDS.includes(need)) && !form.healthConsent) {
      throw badRequest([{ field: 'healthConsent', reason: '健康相关的需求属于健康信息，请单独勾选健康信息授权' }]);
    }
    if (form.phone !== undefined && form.phoneCode !== undefined) {
      throw badRequest([{ field: 'phoneCode', reason: '手机号只能二选一：使用微信手机号，或手动填写' }]);
    }
    const { share, contactId } = await this.arrivals.arrive(form.shareId, viewerUserId);
    const clientEventId = form.clientEventId.toLowerCase();
    const existing = await this.dataSource.getRepository(Lead).findOneBy({ contactId, clientEventId });
    if (existing) return { lead: presentLead(existing), created: false };
    // A getPhoneNumber code works once, so it is exchanged only after a replay has been answered above.
    const phoneSource: PhoneSource = form.phoneCode !== undefined ? 'wechat' : 'typed';
    const phone = form.phoneCode !== undefined ? await this.verifiedPhones.exchange(form.phoneCode, viewerUserId) : (form.phone as string);
    const now = this.clock.nowMs();
    const lead = await this.touchpoints.run(async (manager, record) => {
      const consent = manager.create(Consent, {
        id: randomUUID(), contactId, kind: 'contact_details', textVersion: form.consent.textVersion, purpose: form.consent.purpose, givenAtMs: now, withdrawnAtMs: null,
      });
      await manager.insert(Consent, consent);
      const health = form.healthConsent
        ? manager.create(Consent, {
          id: randomUUID(), contactId, kind: 'health', textVersion: form.healthConsent.textVersion, purpose: form.healthConsent.purpose, givenAtMs: now, withdrawnAtMs: null,
        })
        : null;
      if (health) await manager.insert(Consent, health);
      if (phoneSource === 'wechat') await this.verifiedPhones.record(manager, viewerUserId, phone);
      const row = manager.create(Lead, {
        id: randomUUID(), clientEventId, contactId, agentId: share.agentId, shareId: share.id, name: form.name,
        phoneCipher: this.phoneCrypto.encrypt(phone), phoneHash: this.phoneCrypto.hash(phone), phoneSource,
        phoneLast4: phone.slice(-4), phonePrefix3: phone.slice(0, 3), budgetFen: form.budgetFen ?? null,
        insuredPerson: form.insuredPerson ?? null, needs: form.needs ?? [], consentId: consent.id, healthConsentId: health?.id ?? null, createdAtMs: now,
      });
      await manager.insert(Lead, row);
      await record({
        clientEventId, contactId, agentId: share.agentId, shareId: share.id, contentVersionId: share.contentVersionId, type: 'lead_submit', occurredAtMs: now,
      }, now);
      await nameContactFromLead(manager, contactId, form.name);
      if (row.budgetFen !== null) await refreshContactBudgets(manager, [contactId]);
      return row;
    });
    if (phoneSource === 'wechat') await this.onVerifiedPhone({ agentId: share.agentId, contactId, phoneHash: lead.phoneHash });
    return { lead: presentLead(lead), created: true };
  }
}
