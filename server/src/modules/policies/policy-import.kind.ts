import { createHash } from 'node:crypto';
import { DATE_PATTERN, MAINLAND_MOBILE_PATTERN, type PolicyInput, shownNameOf, validatePolicyRow } from '@kejing/shared';
import { AppError } from '../../lib/app-error';
import { chinaDayOf } from '../../lib/china-day';
import type { Clock } from '../../lib/clock';
import type { PhoneCrypto } from '../../lib/phone-crypto';
import { agentContactsMatching } from '../contacts/queries/agent-contacts-matching';
import type { TouchpointTransactions } from '../events/touchpoint-transactions';
import type { ImportKind } from '../imports/import-kind';
import type { PoliciesService } from './policies.service';

/** A policy as one row of the agent's sheet says it, with the client it belongs to still to be found. */
export interface PolicyImportRow {
  clientName: string;
  clientPhone: string | null;
  /** As written: the client's own name, 本人, a family member's name, or empty (the client). */
  insured: string;
  policy: PolicyInput & { signedDate: string };
}

/** Field names of validatePolicyRow's errors, as the sheet's headers call them. */
const FIELD_ZH: Record<string, string> = {
  productName: '产品名称', need: '需求类别', insurer: '保险公司', policyNumber: '保单号', insuredRelation: '被保险人', insuredName: '被保险人',
  annualPremiumFen: '年缴保费', paymentFrequency: '缴费方式', paymentTermYears: '缴费年期', effectiveDate: '生效日期', signedDate: '签单日期', nextPremiumDate: '下次缴费日',
};

/** YYYY-MM-DD from 2024-03-08, 2024/3/8, 2024.3.8, 2024年3月8日 or 20240308; anything else as written, for the row check to name. */
function sheetDate(text: string): string {
  const parts = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return parts ? `${parts[1]}-${parts[2].padStart(2, '0')}-${parts[3].padStart(2, '0')}` : text;
}

/** A phone as people type it in a sheet: spaces, dashes, +86 or 86 in front. */
function sheetPhone(text: string): string | null | { error: string } {
  if (text === '') return null;
  const digits = text.replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return MAINLAND_MOBILE_PATTERN.test(digits) ? digits : { error: `客户手机「${text.slice(0, 20)}」不是11位中国大陆手机号` };
}

/** The row's touchpoint id, the same for the same line of the same import: a replayed row cannot record a second sale. */
function importEventId(jobId: string, line: number): string {
  const h = createHash('sha256').update(`policy-import:${jobId}:${line}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Policies existing clients already hold, from the agent's sheet (an insurer's export, a former
 * CRM): each row names a client among the agent's own contacts (by phone, else by a name only one
 * of them has) and is recorded as an agent would record it by hand (PoliciesService: the
 * policy_signed touchpoint, the encrypted number, 重复 for a number already recorded), then the
 * clients are rescored (trust counts policies held).
 */
export function policyImportKind(deps: {
  clock: Clock; phoneCrypto: PhoneCrypto; policies: Pick<PoliciesService, 'recordImported' | 'contactIdsOf'>;
  touchpoints: Pick<TouchpointTransactions, 'announce'>; rescore: (contactIds: string[]) => Promise<unknown>;
}): ImportKind<PolicyImportRow> {
  const { clock, phoneCrypto, policies, touchpoints, rescore } = deps;
  return {
    kind: 'policies',
    roles: ['agent', 'leader'],
    columns: [
      { key: 'clientName', label: '客户姓名', aliases: ['客户', '投保人', '投保人姓名', '姓名', '客户名称', 'client'] },
      { key: 'clientPhone', label: '客户手机', aliases: ['手机', '手机号', '投保人手机', '联系电话', '电话', 'phone', 'mobile'] },
      { key: 'productName', label: '产品名称', aliases: ['产品', '险种名称', '保险产品', 'product'], required: true },
      { key: 'need', label: '需求类别', aliases: ['险种', '险种类别', '保障类别', '类别', 'need'], required: true },
      { key: 'insurer', label: '保险公司', aliases: ['承保公司', '保司', 'insurer'], required: true },
      { key: 'policyNumber', label: '保单号', aliases: ['保单号码', '保险单号', 'policy number', 'policyno'], required: true },
      { key: 'insured', label: '被保险人', aliases: ['被保人', '被保险人姓名', 'insured'] },
      { key: 'annualPremiumYuan', label: '年缴保费(元)', aliases: ['年缴保费', '年缴保费（元）', '保费', '年保费', '保费(元)', '保费（元）', 'premium'], required: true },
      { key: 'paymentFrequency', label: '缴费方式', aliases: ['缴费频率', '交费方式', '缴别'], required: true },
      { key: 'paymentTermYears', label: '缴费年期', aliases: ['缴费期间', '交费年期', '缴费年限'] },
      { key: 'effectiveDate', label: '生效日期', aliases: ['生效日', '保单生效日', '承保日期'], required: true },
      { key: 'signedDate', label: '签单日期', aliases: ['投保日期', '签单日'] },
      { key: 'nextPremiumDate', label: '下次缴费日', aliases: ['下次缴费日期', '续期日', '续期缴费日', '应缴日'] },
    ],
    readRow(cells) {
      const clientName = cells.clientName;
      if (clientName === '' && cells.clientPhone === '') return { error: '客户姓名和客户手机都为空：至少填一项，用来找到客户' };
      const clientPhone = sheetPhone(cells.clientPhone);
      if (clientPhone !== null && typeof clientPhone === 'object') return clientPhone;
      const today = chinaDayOf(clock.nowMs());
      const effectiveDate = sheetDate(cells.effectiveDate);
      // An existing policy was signed by the day it took effect; today would count an old sale in this month's actuals.
      const signedDate = sheetDate(cells.signedDate) || (DATE_PATTERN.test(effectiveDate) && effectiveDate < today ? effectiveDate : today);
      const checked = validatePolicyRow({
        productName: cells.productName, need: cells.need, insurer: cells.insurer, policyNumber: cells.policyNumber.replace(/\s/g, ''),
        annualPremiumYuan: cells.annualPremiumYuan.replace(/[,，¥￥元\s]/g, ''), paymentFrequency: cells.paymentFrequency,
        paymentTermYears: cells.paymentTermYears.replace(/年$/, ''), effectiveDate, signedDate, nextPremiumDate: sheetDate(cells.nextPremiumDate),
      }, today);
      if (!checked.ok) {
        // A reason that already names its field is given as is; the others get the column's name in front.
        return { error: checked.errors.map((e) => (e.reason.startsWith(FIELD_ZH[e.field] ?? e.field) ? e.reason : `${FIELD_ZH[e.field] ?? e.field}：${e.reason}`)).join('；') };
      }
      return { row: { clientName, clientPhone, insured: cells.insured, policy: { ...checked.policy, signedDate: checked.policy.signedDate ?? signedDate } } };
    },
    async commitRow(manager, actor, row, { jobId, line }) {
      const phoneHash = row.clientPhone ? phoneCrypto.hash(row.clientPhone) : null;
      const found = await agentContactsMatching(manager, actor.staffId, { phoneHash, name: row.clientName });
      const who = [row.clientName && `「${row.clientName}」`, row.clientPhone && `（手机尾号${row.clientPhone.slice(-4)}）`].filter(Boolean).join('');
      if (found.length === 0) return { outcome: 'bad', reason: `找不到客户${who}：请先在客户里添加或导入该客户，或核对客户姓名和手机` };
      if (found.length > 1) return { outcome: 'bad', reason: `名为「${row.clientName}」的客户不止一位：请填写客户手机以区分` };
      const contact = found[0];
      // 被保险人: the client (empty, 本人, or their name) or a family member in the client's profile, by name.
      const insured = row.insured.trim();
      let policy: PolicyInput & { signedDate: string } = { ...row.policy, insuredRelation: 'self' };
      if (insured !== '' && insured !== '本人' && insured !== shownNameOf(contact) && insured !== contact.realName && insured !== contact.remarkName) {
        const member = (contact.familyMembers ?? []).find((m) => m.name === insured);
        if (!member) return { outcome: 'bad', reason: `被保险人「${insured.slice(0, 20)}」不是客户本人，也不在客户档案的家庭成员里：请先在客户档案添加该家庭成员` };
        policy = { ...policy, insuredRelation: member.relation, insuredName: member.name };
      }
      try {
        const result = await policies.recordImported(manager, actor, contact, policy, importEventId(jobId, line), { jobId, line });
        if ('created' in result) return { outcome: 'created', recordId: result.created.id };
        return { outcome: 'duplicate', reason: `保单号尾号${row.policy.policyNumber.slice(-4)}已登记过，未重复创建`, ...(result.duplicateOf ? { recordId: result.duplicateOf.id } : {}) };
      } catch (error) {
        // The same checks as the hand-entry form (insured, dates); its Chinese reason is the row's.
        if (error instanceof AppError && error.status < 500) return { outcome: 'bad', reason: error.message };
        throw error;
      }
    },
    // Trust counts policies held: the clients are scored now, not at the worker's next turn.
    async afterChunk(_actor, createdIds) {
      const contactIds = await policies.contactIdsOf(createdIds);
      try {
        await rescore(contactIds);
      } catch {
        // Committed; the worker scores them from the notice below.
      }
      touchpoints.announce(contactIds);
    },
  };
}
