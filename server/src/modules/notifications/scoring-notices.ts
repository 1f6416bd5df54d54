import type { DataSource } from 'typeorm';
import type { Logger } from '../../lib/logger';
import { contactOwnersAndNames } from '../contacts/contact-names.query';
import type { ScoringOutcome } from '../scoring/scorer.service';
import type { NotificationsService } from './notifications.service';

const READS = new Set(['read_progress', 'read_complete', 'video_progress']);

/**
 * The notices scoring gives rise to, for what should not wait: a lead (one per lead touchpoint), a
 * read that lifted intent into the high band (one per crossing), and a contact brought by a
 * customer's forward (one per new contact). Keys are the source events, so scoring the same
 * history again notifies nothing new.
 */
export function noticesFromScoring(dataSource: DataSource, notifications: NotificationsService, logger: Logger) {
  return async (outcomes: ScoringOutcome[]): Promise<void> => {
    try {
      const worth = outcomes.filter((o) => o.fresh.length > 0);
      if (worth.length === 0) return;
      const contacts = await contactOwnersAndNames(dataSource, worth.flatMap((o) => [o.contactId]));
      const referrers = await contactOwnersAndNames(dataSource, [...contacts.values()].flatMap((c) => (c.referredByContactId ? [c.referredByContactId] : [])));
      for (const outcome of worth) {
        const contact = contacts.get(outcome.contactId);
        // A contact in a team's pool (公海) has no agent to tell.
        if (!contact?.agentId) continue;
        const agentId = contact.agentId;
        const subject = contact.name || '新客户';
        const base = { subject, contactId: outcome.contactId };
        for (const event of outcome.fresh.filter((e) => e.type === 'lead_submit')) {
          await notifications.notify(agentId, 'lead', { ...base, sourceKey: event.id, detail: '留下了联系方式，请尽快电话回访' });
        }
        const read = [...outcome.fresh].reverse().find((e) => READS.has(e.type));
        if (read && outcome.after.intentBand === 'high' && outcome.before?.intentBand !== 'high') {
          const title = read.contentTitle ? `《${read.contentTitle}》` : '您分享的内容';
          await notifications.notify(agentId, 'high_intent', { ...base, sourceKey: read.id, detail: `深度阅读${title}，意向度升至高` });
        }
        if (outcome.before === null && contact.referredByContactId) {
          const referrer = referrers.get(contact.referredByContactId)?.name || '老客户';
          await notifications.notify(agentId, 'referral', { ...base, sourceKey: outcome.contactId, detail: `经${referrer}转发而来的新客户` });
        }
      }
    } catch (error) {
      // Scoring has committed; a notice lost here is logged, never a scoring failure.
      logger.warn('notices from scoring failed', { detail: (error as Error).message?.slice(0, 200) });
    }
  };
}
