/**
 * After the sale (成交后继): which moments a client's agent should act on today, with the
 * suggested message and the content tags that fit. 老客长存: 答谢 after signing, the policy
 * anniversary (周年访), premiums due (续期, 30 and 7 days ahead), birthdays of the client and of
 * the insured family, 加保 / 保全 openings from life events (a new baby, a new home, retirement age)
 * and from need families read about but not held. 新客开来: asking a satisfied client (NPS 9–10
 * after a service) for referrals. Pure: the caller passes today and the facts.
 */
import {
  addMonths, FAMILY_RELATION_ZH, type FamilyMember, type FollowUpChannel, type Gender, type InsuredRelation, type NeedCode, type TagCode,
} from '../contracts';
import { addDays, dayNumber } from '../kyb134/day';
import { needNameZh } from './content';

export const AFTER_SALE_KINDS = [
  'thanks', 'anniversary', 'premium_due_30', 'premium_due_7', 'birthday', 'family_birthday', 'newborn', 'new_home', 'retirement', 'need_gap', 'referral_ask',
] as const;
export type AfterSaleKind = (typeof AFTER_SALE_KINDS)[number];

/** Lead times and thresholds; defaults below, configurable like the scoring config. */
export interface AfterSaleConfig {
  /** 答谢 is planned from the signing day for this many days. */
  thanksWithinDays: number;
  /** The anniversary visit is planned this many days ahead. */
  anniversaryLeadDays: number;
  /** Premium reminders: the long one and the short one, in days before the due date. */
  premiumDueLongDays: number;
  premiumDueShortDays: number;
  birthdayLeadDays: number;
  /** A child born within this many days is a new baby (加保: education, medical). */
  newbornWithinDays: number;
  /** Retirement age by gender (unknown: the male age), and how many days ahead to open 养老. */
  retirementAge: Record<Gender, number>;
  retirementLeadDays: number;
  /** An interest weight (share of engagement, 0..1) from which a need read about counts as a gap. */
  needGapMinWeight: number;
  /** An NPS answer at or above this, within `referralAskWithinDays`, after a service within `serviceBeforeNpsDays`. */
  referralNpsMin: number;
  referralAskWithinDays: number;
  serviceBeforeNpsDays: number;
}

export const DEFAULT_AFTER_SALE_CONFIG: AfterSaleConfig = {
  thanksWithinDays: 3,
  anniversaryLeadDays: 7,
  premiumDueLongDays: 30,
  premiumDueShortDays: 7,
  birthdayLeadDays: 3,
  newbornWithinDays: 180,
  retirementAge: { male: 60, female: 55 },
  retirementLeadDays: 60,
  needGapMinWeight: 0.2,
  referralNpsMin: 9,
  referralAskWithinDays: 14,
  serviceBeforeNpsDays: 30,
};

/** A policy the client holds, as the planner needs it. */
export interface AfterSalePolicy {
  policyId: string;
  productName: string;
  need: NeedCode;
  insuredRelation: InsuredRelation;
  insuredName: string;
  effectiveDate: string;
  nextPremiumDate: string | null;
  signedDate: string;
}

/** A client (or a contact who answered NPS) as the planner needs them. */
export interface AfterSaleContact {
  contactId: string;
  /** The name the message greets them by ('' when unknown). */
  name: string;
  gender: Gender | null;
  birthday: string | null;
  familyMembers: readonly FamilyMember[];
  /** The agent's tags (乔迁, 新房 … mark a new home). */
  agentTags: readonly string[];
  /** Interest tags from reading, weights 0..1. */
  interestTags: readonly { tag: TagCode; weight: number }[];
  /** Active policies. */
  policies: readonly AfterSalePolicy[];
  /** The latest NPS answer and the latest service (visit, anniversary service, signing) before it. */
  latestNps: { eventId: string; score: number; day: string; serviceDayBefore: string | null } | null;
}

/** One thing to do for a client: a dated task, once per key. */
export interface AfterSaleMoment {
  kind: AfterSaleKind;
  /** Unique per moment (a task is planned once per key, whatever day the job runs). */
  key: string;
  /** The day it is for (the birthday, the due date …); the task is due that morning. */
  dueDate: string;
  /** 1 is the most urgent, as follow-up rules rank. */
  priority: 1 | 2 | 3 | 4 | 5;
  channel: FollowUpChannel;
  action: string;
  message: string;
  /** Content that fits the moment, most specific first; the planner picks an approved item tagged so. */
  contentTags: TagCode[];
}

const NEW_HOME_WORDS = /新房|乔迁|买房|购房|搬家/;
const SERVICE_RANK: Record<AfterSaleKind, number> = {
  premium_due_7: 0, thanks: 1, referral_ask: 2, birthday: 3, family_birthday: 4, anniversary: 5, premium_due_30: 6, newborn: 7, retirement: 8, new_home: 9, need_gap: 10,
};

const hello = (name: string) => (name ? `${name}您好` : '您好');
const between = (day: string, from: string, to: string) => day >= from && day <= to;

/** This year's (or next year's, once passed) occurrence of a yearly date on or after `today`; 02-29 falls on 02-28 in other years. */
export function nextYearly(date: string, today: string): string {
  const years = Number(today.slice(0, 4)) - Number(date.slice(0, 4));
  const thisYear = addMonths(date, 12 * years);
  return thisYear >= today ? thisYear : addMonths(date, 12 * (years + 1));
}

/** Whole years from `birthday` to `day`. */
export function ageOn(birthday: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthday.slice(0, 4));
  return addMonths(birthday, 12 * years) <= day ? years : years - 1;
}

/**
 * Every after-sale moment open for the contact today, the most urgent first. A client is a
 * contact with at least one active policy; a contact without one gets only the referral ask.
 */
export function planAfterSaleMoments(contact: AfterSaleContact, today: string, config: AfterSaleConfig = DEFAULT_AFTER_SALE_CONFIG): AfterSaleMoment[] {
  const moments: AfterSaleMoment[] = [];
  const hi = hello(contact.name);
  const isClient = contact.policies.length > 0;
  const add = (m: Omit<AfterSaleMoment, 'channel'> & { channel?: FollowUpChannel }) => moments.push({ channel: 'message', ...m });

  for (const p of contact.policies) {
    const forWhom = p.insuredRelation === 'self' ? '' : `（被保险人：${p.insuredName}）`;
    if (between(today, p.signedDate, addDays(p.signedDate, config.thanksWithinDays))) {
      add({
        kind: 'thanks', key: `as:thanks:${p.policyId}`, dueDate: today, priority: 2, channel: 'call',
        action: `答谢：感谢签约《${p.productName}》`,
        message: `${hi}，感谢您对我的信任，《${p.productName}》已经生效办理中。保单有任何问题随时找我，我会一直为您和家人做好服务。`,
        contentTags: [`need:${p.need}`],
      });
    }
    // The next yearly return of the effective day; the effective day itself (a policy taking effect
    // today or later) is no anniversary.
    const anniversary = nextYearly(p.effectiveDate, today);
    if (anniversary > p.effectiveDate && between(today, addDays(anniversary, -config.anniversaryLeadDays), anniversary)) {
      const years = ageOn(p.effectiveDate, anniversary);
      add({
        kind: 'anniversary', key: `as:anniv:${p.policyId}:${anniversary.slice(0, 4)}`, dueDate: anniversary, priority: 3, channel: 'meet',
        action: `周年访：《${p.productName}》生效满 ${years} 年`,
        message: `${hi}，您的《${p.productName}》${forWhom}生效满 ${years} 年了。我想约您聊聊这一年家里的变化，一起检视保障是否还合适。`,
        contentTags: [`need:${p.need}`],
      });
    }
    if (p.nextPremiumDate && p.nextPremiumDate >= today) {
      const daysLeft = dayNumber(p.nextPremiumDate) - dayNumber(today);
      const short = daysLeft <= config.premiumDueShortDays;
      if (daysLeft <= config.premiumDueLongDays) {
        const kind: AfterSaleKind = short ? 'premium_due_7' : 'premium_due_30';
        add({
          kind, key: `as:${short ? 'due7' : 'due30'}:${p.policyId}:${p.nextPremiumDate}`, dueDate: today, priority: short ? 1 : 3, channel: short ? 'call' : 'message',
          action: `续期提醒：《${p.productName}》${p.nextPremiumDate} 缴费（还有 ${daysLeft} 天）`,
          message: `${hi}，温馨提醒：您的《${p.productName}》${forWhom}下次缴费日是 ${p.nextPremiumDate}，请确认扣款账户余额充足，以免影响保障。`,
          contentTags: [`need:${p.need}`],
        });
      }
    }
  }

  if (isClient && contact.birthday) {
    const day = nextYearly(contact.birthday, today);
    if (between(today, addDays(day, -config.birthdayLeadDays), day)) {
      add({
        kind: 'birthday', key: `as:bday:${contact.contactId}:${day.slice(0, 4)}`, dueDate: day, priority: 2,
        action: `生日祝福：${day.slice(5)} 是客户生日`,
        message: `${hi}，祝您生日快乐！愿您和家人健康平安，新的一岁一切顺意。`,
        contentTags: [],
      });
    }
    const age = config.retirementAge[contact.gender ?? 'male'];
    const retiring = addMonths(contact.birthday, 12 * age);
    if (between(today, addDays(retiring, -config.retirementLeadDays), retiring) && !contact.policies.some((p) => p.need === 'retirement' || p.need === 'annuity')) {
      add({
        kind: 'retirement', key: `as:retire:${contact.contactId}`, dueDate: retiring, priority: 4, channel: 'meet',
        action: `加保：客户 ${retiring.slice(0, 7)} 将满 ${age} 岁，养老规划`,
        message: `${hi}，您快到退休的年纪了，退休后的现金流和医疗保障值得提前安排。我整理了一份养老规划的思路，方便时给您讲讲？`,
        contentTags: ['life_event:retirement', 'need:retirement', 'need:annuity'],
      });
    }
  }

  const insuredNames = new Set(contact.policies.filter((p) => p.insuredRelation !== 'self').map((p) => p.insuredName));
  for (const member of isClient ? contact.familyMembers : []) {
    if (!member.birthday) continue;
    if (insuredNames.has(member.name)) {
      const day = nextYearly(member.birthday, today);
      if (between(today, addDays(day, -config.birthdayLeadDays), day)) {
        add({
          kind: 'family_birthday', key: `as:fbday:${contact.contactId}:${member.name}:${day.slice(0, 4)}`, dueDate: day, priority: 3,
          action: `生日祝福：${FAMILY_RELATION_ZH[member.relation]}${member.name} ${day.slice(5)} 生日`,
          message: `${hi}，${day.slice(5)} 是${member.name}的生日，提前祝${member.name}生日快乐、健健康康！`,
          contentTags: [],
        });
      }
    }
    if (member.relation === 'child' && between(member.birthday, addDays(today, -config.newbornWithinDays), today)) {
      add({
        kind: 'newborn', key: `as:newborn:${contact.contactId}:${member.name}`, dueDate: today, priority: 3, channel: 'meet',
        action: `加保：家里添了宝宝 ${member.name}`,
        message: `${hi}，恭喜家里添了${member.name}！宝宝的医疗、重疾和教育金可以早做准备，我整理了一份新生儿保障清单，发您参考。`,
        contentTags: ['life_event:newborn', 'need:education', 'need:medical'],
      });
    }
  }

  if (isClient) {
    const readsNewHome = contact.interestTags.some((t) => t.tag === 'life_event:new_home' && t.weight >= config.needGapMinWeight);
    if (readsNewHome || contact.agentTags.some((t) => NEW_HOME_WORDS.test(t))) {
      add({
        kind: 'new_home', key: `as:home:${contact.contactId}:${today.slice(0, 4)}`, dueDate: today, priority: 4,
        action: '保全 / 加保：客户安家置业',
        message: `${hi}，恭喜乔迁！房贷期间家庭责任更重了，保单的通讯地址也记得更新。我帮您看看寿险和意外保障够不够？`,
        contentTags: ['life_event:new_home', 'need:life', 'need:accident'],
      });
    }
    const held = new Set(contact.policies.map((p) => p.need));
    for (const { tag, weight } of contact.interestTags) {
      if (!tag.startsWith('need:') || weight < config.needGapMinWeight) continue;
      const need = tag.slice(5) as NeedCode;
      if (held.has(need)) continue;
      const needZh = needNameZh(need);
      add({
        kind: 'need_gap', key: `as:gap:${contact.contactId}:${need}:${today.slice(0, 4)}`, dueDate: today, priority: 4,
        action: `加保：客户在关注${needZh}，尚无${needZh}保单`,
        message: `${hi}，看到您最近在了解${needZh}方面的内容，这块您目前还没有配置。我可以结合您已有的保单，帮您看看怎么补齐。`,
        contentTags: [tag],
      });
    }
  }

  const nps = contact.latestNps;
  if (nps && nps.score >= config.referralNpsMin && nps.serviceDayBefore
    && between(today, nps.day, addDays(nps.day, config.referralAskWithinDays))
    && between(nps.serviceDayBefore, addDays(nps.day, -config.serviceBeforeNpsDays), nps.day)) {
    add({
      kind: 'referral_ask', key: `as:refer:${nps.eventId}`, dueDate: today, priority: 2, channel: 'call',
      action: `转介绍：客户给了 ${nps.score} 分推荐评分`,
      message: `${hi}，谢谢您给我的好评！如果身边有朋友也在考虑保障，欢迎把我推荐给他们，我一定像服务您一样用心。`,
      contentTags: [],
    });
  }

  return moments.sort((a, b) => a.priority - b.priority || SERVICE_RANK[a.kind] - SERVICE_RANK[b.kind] || a.key.localeCompare(b.key));
}
