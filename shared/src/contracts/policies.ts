/**
 * Policies (保单, issue 14.1): what the agent records after a sale. Money in fen, dates as
 * YYYY-MM-DD (China days). Labels and limits live here so the form, the API and an importer agree.
 */
import type { FieldError } from './http';
import { NEED_CODES, type NeedCode } from './domain';
import { DATE_PATTERN, FAMILY_RELATIONS, type FamilyRelation } from './contact-profile';

export const PAYMENT_FREQUENCIES = ['single', 'annual', 'semiannual', 'quarterly', 'monthly'] as const;
export type PaymentFrequency = (typeof PAYMENT_FREQUENCIES)[number];
export const PAYMENT_FREQUENCY_ZH: Record<PaymentFrequency, string> = {
  single: '趸交', annual: '年交', semiannual: '半年交', quarterly: '季交', monthly: '月交',
};
/** Months between two premiums; a single premium has no next one. */
export const PAYMENT_INTERVAL_MONTHS: Record<PaymentFrequency, number | null> = {
  single: null, annual: 12, semiannual: 6, quarterly: 3, monthly: 1,
};

export const POLICY_STATUSES = ['active', 'lapsed', 'ended'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
export const POLICY_STATUS_ZH: Record<PolicyStatus, string> = { active: '有效', lapsed: '失效', ended: '终止' };

/** Who the policy insures: the contact ('self') or one of the contact's family members, by relation. */
export type InsuredRelation = 'self' | FamilyRelation;
export const INSURED_RELATIONS: readonly InsuredRelation[] = ['self', ...FAMILY_RELATIONS];

export const POLICY_LIMITS = {
  productNameMax: 60,
  insurerMax: 40,
  /** Policy numbers are letters and digits (some insurers add - or /). */
  policyNumberMin: 6,
  policyNumberMax: 40,
  insuredNameMax: 30,
  /** ¥10,000,000 a year: past this a typo is likelier than a client. */
  annualPremiumFenMax: 1_000_000_000,
  paymentTermYearsMax: 100,
} as const;

export const POLICY_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9/-]*$/;

/** POST /api/contacts/:contactId/policies and PUT /api/policies/:policyId (the PUT is partial). */
export interface PolicyInput {
  productName: string;
  /** The need family it covers (重疾, 医疗 …), as in the tag tree. */
  need: NeedCode;
  insurer: string;
  policyNumber: string;
  /** 'self' for the contact, else the family member's relation; insuredName names them. */
  insuredRelation: InsuredRelation;
  /** The family member's name (must be in the contact's family); ignored for 'self'. */
  insuredName?: string;
  annualPremiumFen: number;
  paymentFrequency: PaymentFrequency;
  /** Years of premiums (1 for a single premium). */
  paymentTermYears: number;
  effectiveDate: string;
  /** Set when the agent knows it; else derived from the effective date, frequency and term. */
  nextPremiumDate?: string | null;
  /** Day the client signed (default today): the day the sale counts for. */
  signedDate?: string;
}

export interface CreatePolicyRequest extends PolicyInput {
  /** The policy_signed touchpoint's id: a retried request records one policy. */
  clientEventId: string;
}

export interface UpdatePolicyRequest extends Partial<PolicyInput> {
  status?: PolicyStatus;
}

/** A policy as agents, leaders and managers see it: the number masked (never in full in a list). */
export interface PolicyView {
  policyId: string;
  contactId: string;
  agentId: string;
  productName: string;
  need: NeedCode;
  insurer: string;
  /** e.g. ****5678. */
  policyNumberMasked: string;
  insured: { relation: InsuredRelation; name: string };
  annualPremiumFen: number;
  paymentFrequency: PaymentFrequency;
  paymentTermYears: number;
  effectiveDate: string;
  nextPremiumDate: string | null;
  signedDate: string;
  status: PolicyStatus;
  /** The owning agent may edit. */
  mine: boolean;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/policies/:policyId/reveal-number: the full number, owning agent only; audited. */
export interface RevealedPolicyNumberView {
  policyNumber: string;
}

/** GET /api/policies/actuals: premium actually signed in a period, within the actor's scope. */
export interface PremiumActualsView {
  fromDate: string;
  toDate: string;
  /** Σ annual premium of policies signed in the period (fen). */
  premiumFen: number;
  policies: number;
  /** 件均保费: premium per policy (fen, rounded); 0 without policies. */
  averagePremiumFen: number;
  /** Agents in scope, and those who signed at least one policy in the period. */
  agents: number;
  agentsWithPolicy: number;
  /** 举绩率: agentsWithPolicy / agents, in per cent (one decimal). */
  performanceRatePct: number;
}

/** One person in a referral tree: who they are, whether they engaged, whom they brought. */
export interface ReferralNodeView {
  contactId: string;
  name: string;
  referralClass: string;
  engaged: boolean;
  children: ReferralNodeView[];
}

/** GET /api/contacts/:contactId/referrals: the chain that brought the contact, and all they brought. */
export interface ReferralTreeView {
  /** From the first referrer down to the contact's own referrer (empty when they came on their own). */
  broughtBy: { contactId: string; name: string }[];
  tree: ReferralNodeView;
  /** Everyone below the contact, at any depth, and those of them who engaged (the credit the contact gets). */
  descendants: number;
  engagedDescendants: number;
}

const MONTH_DAY = (day: string) => day.slice(5);

/** The date `months` after `day`, clamped to the month's last day (a policy of 01-31 is due 02-28). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = (m - 1) + months;
  const year = y + Math.floor(total / 12);
  const month = ((total % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The next premium due on or after `today`: effective date plus whole payment intervals, while
 * the payment term lasts. Null for a single premium or once every premium has fallen due.
 */
export function deriveNextPremiumDate(p: Pick<PolicyInput, 'effectiveDate' | 'paymentFrequency' | 'paymentTermYears'>, today: string): string | null {
  const interval = PAYMENT_INTERVAL_MONTHS[p.paymentFrequency];
  if (interval === null) return null;
  const payments = Math.round((p.paymentTermYears * 12) / interval);
  // The first premium is paid on signing; the later ones fall on each interval after.
  for (let i = 1; i < payments; i += 1) {
    const due = addMonths(p.effectiveDate, i * interval);
    if (due >= today) return due;
  }
  return null;
}

/** Whether MM-DD of a date is a real day in any year (02-29 is, in leap years). */
export const isMonthDay = (day: string) => DATE_PATTERN.test(`2000-${MONTH_DAY(day)}`);

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

/** Chinese spellings an importer's sheet may use, mapped to the codes. */
const FREQUENCY_WORDS: Record<string, PaymentFrequency> = Object.fromEntries([
  ...PAYMENT_FREQUENCIES.map((f) => [f, f]), ...Object.entries(PAYMENT_FREQUENCY_ZH).map(([f, zh]) => [zh, f]), ['年缴', 'annual'], ['趸缴', 'single'], ['月缴', 'monthly'],
]) as Record<string, PaymentFrequency>;
const RELATION_WORDS: Record<string, InsuredRelation> = {
  self: 'self', 本人: 'self', spouse: 'spouse', 配偶: 'spouse', child: 'child', 子女: 'child', parent: 'parent', 父母: 'parent',
  parent_in_law: 'parent_in_law', 配偶父母: 'parent_in_law', sibling: 'sibling', 兄弟姐妹: 'sibling', grandparent: 'grandparent', 祖父母: 'grandparent', other: 'other', 其他: 'other',
};
const NEED_WORDS: Record<string, NeedCode> = {
  ...Object.fromEntries(NEED_CODES.map((c) => [c, c])),
  重疾: 'critical_illness', 医疗: 'medical', 意外: 'accident', 寿险: 'life', 年金: 'annuity', 教育金: 'education', 养老: 'retirement', 财富传承: 'legacy',
};

/** The parsed row an importer gets back: a policy input, or every field's error. */
export type PolicyRowResult = { ok: true; policy: PolicyInput } | { ok: false; errors: FieldError[] };

/**
 * One spreadsheet row (or form) as a policy: the cells by field name, as text or numbers; the
 * annual premium in yuan (as sheets write it), Chinese labels accepted for need, frequency and
 * insured. Pure, so an importer calls it row by row and reports each row's errors by field.
 */
export function validatePolicyRow(row: Readonly<Record<string, unknown>>, today: string): PolicyRowResult {
  const errors: FieldError[] = [];
  const bad = (field: string, reason: string) => errors.push({ field, reason });
  const productName = str(row.productName);
  if (!productName || productName.length > POLICY_LIMITS.productNameMax) bad('productName', `必填，最多 ${POLICY_LIMITS.productNameMax} 字`);
  const need = NEED_WORDS[str(row.need)];
  if (!need) bad('need', '不是已知的需求类别（重疾、医疗、意外、寿险、年金、教育金、养老、财富传承）');
  const insurer = str(row.insurer);
  if (!insurer || insurer.length > POLICY_LIMITS.insurerMax) bad('insurer', `必填，最多 ${POLICY_LIMITS.insurerMax} 字`);
  const policyNumber = str(row.policyNumber);
  if (policyNumber.length < POLICY_LIMITS.policyNumberMin || policyNumber.length > POLICY_LIMITS.policyNumberMax || !POLICY_NUMBER_PATTERN.test(policyNumber)) {
    bad('policyNumber', `保单号为 ${POLICY_LIMITS.policyNumberMin}–${POLICY_LIMITS.policyNumberMax} 位字母或数字`);
  }
  const insuredRelation = RELATION_WORDS[str(row.insuredRelation) || 'self'];
  if (!insuredRelation) bad('insuredRelation', '被保险人关系应为本人或家庭成员关系');
  const insuredName = str(row.insuredName);
  if (insuredRelation && insuredRelation !== 'self' && !insuredName) bad('insuredName', '家庭成员作被保险人时须写姓名');
  if (insuredName.length > POLICY_LIMITS.insuredNameMax) bad('insuredName', `最多 ${POLICY_LIMITS.insuredNameMax} 字`);
  const premiumYuan = Number(str(row.annualPremiumYuan ?? (typeof row.annualPremiumFen === 'number' ? row.annualPremiumFen / 100 : row.annualPremiumFen)));
  const annualPremiumFen = Math.round(premiumYuan * 100);
  if (!Number.isFinite(premiumYuan) || annualPremiumFen <= 0 || annualPremiumFen > POLICY_LIMITS.annualPremiumFenMax) bad('annualPremiumFen', '年缴保费须为正数（元）');
  const paymentFrequency = FREQUENCY_WORDS[str(row.paymentFrequency)];
  if (!paymentFrequency) bad('paymentFrequency', '缴费方式应为趸交、年交、半年交、季交或月交');
  const paymentTermYears = Number(str(row.paymentTermYears) || (paymentFrequency === 'single' ? '1' : ''));
  if (!Number.isInteger(paymentTermYears) || paymentTermYears < 1 || paymentTermYears > POLICY_LIMITS.paymentTermYearsMax) bad('paymentTermYears', '缴费年期须为 1–100 的整数');
  const effectiveDate = str(row.effectiveDate);
  if (!DATE_PATTERN.test(effectiveDate)) bad('effectiveDate', '生效日期格式为 YYYY-MM-DD');
  const signedDate = str(row.signedDate) || today;
  if (!DATE_PATTERN.test(signedDate)) bad('signedDate', '签单日期格式为 YYYY-MM-DD');
  else if (signedDate > today) bad('signedDate', '签单日期不能晚于今天');
  const nextRaw = str(row.nextPremiumDate);
  if (nextRaw && !DATE_PATTERN.test(nextRaw)) bad('nextPremiumDate', '下次缴费日期格式为 YYYY-MM-DD');
  if (nextRaw && DATE_PATTERN.test(effectiveDate) && nextRaw < effectiveDate) bad('nextPremiumDate', '下次缴费日期不能早于生效日期');
  if (errors.length > 0 || !need || !insuredRelation || !paymentFrequency) return { ok: false, errors };
  return {
    ok: true,
    policy: {
      productName, need, insurer, policyNumber, insuredRelation, ...(insuredRelation === 'self' ? {} : { insuredName }), annualPremiumFen,
      paymentFrequency, paymentTermYears, effectiveDate, nextPremiumDate: nextRaw || deriveNextPremiumDate({ effectiveDate, paymentFrequency, paymentTermYears }, today), signedDate,
    },
  };
}

/** ****5678: the last four, as a phone's mask keeps them. */
export function maskPolicyNumber(policyNumber: string): string {
  return `****${policyNumber.slice(-4)}`;
}
