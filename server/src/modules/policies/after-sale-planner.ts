import type { DataSource } from 'typeorm';
import {
  type AfterSaleConfig, type AfterSaleMoment, DEFAULT_AFTER_SALE_CONFIG, planAfterSaleMoments, type TouchpointType,
} from '@kejing/shared';
import { chinaDayOf, chinaDayStartMs, DAY_MS } from '../../lib/china-day';
import type { Logger } from '../../lib/logger';
import { afterSaleFactsOf } from '../contacts/after-sale-facts.queries';
import { companyContentTagged, type MomentContent } from '../content/content-for-moment.queries';
import { latestNpsAfterService, recentPromoterIds } from '../events/nps-after-service.queries';
import { type DatedTaskOutcome, offerDatedTask } from '../tasks/offer-dated-task';
import { afterSalePoliciesOf, contactsWithPolicies } from './policy.queries';

const BATCH = 200;
/** Tasks are due at 09:00 China time on their day: the morning list's hour. */
const DUE_HOUR = 9;

/** What one day's after-sale planning did, for the daily job's summary. */
export interface AfterSaleSummary {
  day: string;
  contactsChecked: number;
  /** Tasks created, or active tasks taken over by a more urgent moment, by kind. */
  planned: Record<string, number>;
  /** Moments left waiting behind a more urgent active follow-up (offered again while their window lasts). */
  waiting: number;
}

const BECAUSE_TYPE: Partial<Record<AfterSaleMoment['kind'], TouchpointType>> = {
  thanks: 'policy_signed', anniversary: 'policy_signed', premium_due_30: 'policy_signed', premium_due_7: 'policy_signed', referral_ask: 'nps_answer',
};

/**
 * 老客长存 and 新客开来 in the daily job: for each client (a contact holding a policy) and each
 * contact who recently answered NPS 9–10, the most urgent after-sale moment not planned before is
 * offered as the contact's follow-up (one active follow-up per contact), with content from the
 * library tagged for the moment. Runs for the job's instant (`--as-of`), so a moved clock plans
 * that day's birthdays, anniversaries and premiums; a key is planned once, so a rerun adds nothing.
 */
export async function planAfterSaleTasks(
  dataSource: DataSource, asOfMs: number, logger: Logger, config: AfterSaleConfig = DEFAULT_AFTER_SALE_CONFIG,
): Promise<AfterSaleSummary> {
  const today = chinaDayOf(asOfMs);
  const summary: AfterSaleSummary = { day: today, contactsChecked: 0, planned: {}, waiting: 0 };
  const contentByTag = new Map<string, MomentContent | null>();
  const contentFor = async (tags: readonly string[]) => {
    for (const tag of tags) {
      if (!contentByTag.has(tag)) contentByTag.set(tag, await companyContentTagged(dataSource, tag, asOfMs));
      const found = contentByTag.get(tag);
      if (found) return found;
    }
    return null;
  };
  const promoters = await recentPromoterIds(dataSource, asOfMs - (config.referralAskWithinDays + 1) * DAY_MS, config.referralNpsMin);
  const work = async (ids: string[]) => {
    const [facts, policies, nps] = await Promise.all([
      afterSaleFactsOf(dataSource, ids), afterSalePoliciesOf(dataSource, ids), latestNpsAfterService(dataSource, ids, asOfMs),
    ]);
    for (const contact of facts) {
      if (contact.optedOut) continue;
      summary.contactsChecked += 1;
      const answer = nps.get(contact.contactId);
      const moments = planAfterSaleMoments({
        ...contact, policies: policies.get(contact.contactId) ?? [],
        latestNps: answer ? { eventId: answer.eventId, score: answer.score, day: chinaDayOf(answer.atMs), serviceDayBefore: answer.serviceAtMs === null ? null : chinaDayOf(answer.serviceAtMs) } : null,
      }, today, config);
      const outcome = await offerFirst(contact, moments, contentFor, asOfMs);
      if (outcome.result === 'created' || outcome.result === 'took_over') summary.planned[outcome.kind] = (summary.planned[outcome.kind] ?? 0) + 1;
      if (outcome.result === 'kept_existing') summary.waiting += 1;
    }
  };
  const seen = new Set<string>();
  for (let after = ''; ;) {
    const ids = await contactsWithPolicies(dataSource, after, BATCH);
    if (ids.length === 0) break;
    ids.forEach((id) => seen.add(id));
    await work(ids);
    after = ids[ids.length - 1] as string;
  }
  const others = promoters.filter((id) => !seen.has(id));
  for (let i = 0; i < others.length; i += BATCH) await work(others.slice(i, i + BATCH));
  logger.info('daily job: after-sale tasks planned', { ...summary, planned: { ...summary.planned } });
  return summary;

  /** The most urgent moment not planned before; a moment that waits stops the search (one follow-up at a time). */
  async function offerFirst(
    contact: { contactId: string; agentId: string }, moments: AfterSaleMoment[], content: (tags: readonly string[]) => Promise<MomentContent | null>, nowMs: number,
  ): Promise<{ result: DatedTaskOutcome | 'none'; kind: string }> {
    for (const moment of moments) {
      const item = moment.contentTags.length > 0 ? await content(moment.contentTags) : null;
      const becauseType = BECAUSE_TYPE[moment.kind];
      let result: DatedTaskOutcome;
      try {
        result = await offerDatedTask(dataSource, {
          contactId: contact.contactId, agentId: contact.agentId, triggerKey: moment.key, ruleId: `after_sale:${moment.kind}`,
          action: item ? `${moment.action}（可分享《${item.title}》）` : moment.action, channel: moment.channel,
          suggestedMessage: item ? `${moment.message}给您分享一篇《${item.title}》，有空看看。` : moment.message,
          dueAtMs: Math.max(nowMs, chinaDayStartMs(moment.dueDate) + DUE_HOUR * 3_600_000), priority: moment.priority,
          because: becauseType ? [{ type: becauseType, atMs: nowMs, contentTitle: item?.title ?? null }] : [],
        }, nowMs);
      } catch (error) {
        // The scorer gave the contact a task at the same instant (the unique index decided): this moment waits.
        if (/unique|duplicate/i.test((error as Error)?.message ?? '')) return { result: 'kept_existing', kind: moment.kind };
        throw error;
      }
      if (result !== 'planned_before') return { result, kind: moment.kind };
    }
    return { result: 'none', kind: '' };
  }
}
