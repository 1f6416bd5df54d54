import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { In, IsNull, LessThanOrEqual } from 'typeorm';
import {
  formatMinuteOfDay, minuteOfDay, NOTICE_TEMPLATES, NOTICE_KINDS, quietUntilMs, TEMPLATE_OF_KIND,
  type MarkedReadView, type NoticeKind, type NoticeListView, type NoticePushState, type NoticeTemplate, type NotificationSettingsView,
  type RecordGrantsRequest, type UpdateNotificationSettingsRequest,
} from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import { chinaDayOf, chinaDayStartMs } from '../../lib/china-day';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { SubscribeMessage, SubscribeSendResult } from '../../wechat/wechat-client';
import { contactOwnersAndNames } from '../contacts/contact-names.query';
import { AgentNotice } from './agent-notice.entity';
import { NoticeGrant } from './notice-grant.entity';
import { NoticeSetting } from './notice-setting.entity';
import { presentNotice } from './notice.presenter';
import { templateData } from './notice-templates';

/** Deployment settings: WeChat template ids (null: that template is not pushed) and each agent's defaults. */
export interface NotificationConfig {
  templates: Record<NoticeTemplate, string | null>;
  /** "HH:MM" China time. */
  quietStart: string;
  quietEnd: string;
  dailyCap: number;
}

export const NOTIFICATION_DEFAULTS: NotificationConfig = {
  templates: { activity: null, message: null, reminder: null },
  quietStart: '22:00', quietEnd: '08:00', dailyCap: 10,
};

/** What a caller tells: the event (its key makes the notice once), whom it is about, what happened. */
export interface NoticeInput {
  /** Names the event, unique for the agent within the kind: "<client event id>", "<reminder id>@<due ms>". */
  sourceKey: string;
  /** Who or what (a customer's name, a task); the template's first thing, ≤ 40 characters kept. */
  subject: string;
  /** What happened, ≤ 300 characters kept; pushes cut it to 20. */
  detail: string;
  contactId?: string | null;
  /** The mini program page it opens; by default the contact's page, else the notice list. */
  page?: string;
}

/** The subset of the WeChat client notices need (a fake in unit tests). */
export interface SubscribeSender {
  sendSubscribeMessage(message: SubscribeMessage): Promise<SubscribeSendResult>;
}

/** A queued push older than this is not worth a buzz any more: it stays in the app. */
const QUEUED_PUSH_MAX_AGE_MS = 12 * 3600_000;
/** After WeChat was unreachable, try the push again this much later. */
const RETRY_AFTER_MS = 60_000;
const DELIVERY_BATCH = 50;

const GRANT_ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];
const cut = (text: string, max: number) => [...text].slice(0, max).join('');

/**
 * The agent's notices (消息): every notice is stored in the app first (once per source event),
 * then pushed as a WeChat subscription message when the agent granted one for its template, it is
 * not the agent's quiet hours and the day's cap is not reached. Quiet hours queue the push until
 * they end; anything else leaves the notice in the app only.
 */
export class NotificationsService {
  private timer: NodeJS.Timeout | null = null;
  private delivering: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly wechat: SubscribeSender,
    private readonly openidOf: (staffId: string) => Promise<string | null>,
    private readonly config: NotificationConfig = NOTIFICATION_DEFAULTS,
  ) {}

  /**
   * Tells an agent of one event: stores the notice (a second call with the same kind and sourceKey
   * changes nothing and returns created: false) and pushes it if it may. Reminders and other
   * modules call this; a failed push never fails the caller.
   */
  async notify(agentId: string, kind: NoticeKind, input: NoticeInput): Promise<{ noticeId: string; created: boolean }> {
    const sourceKey = `${kind}:${input.sourceKey}`;
    if (sourceKey.length > 160) throw new Error('a notice source key is at most 160 characters');
    const repo = this.dataSource.getRepository(AgentNotice);
    const id = randomUUID();
    const nowMs = this.clock.nowMs();
    const contactId = input.contactId ?? null;
    await repo.createQueryBuilder().insert().values({
      id, agentId, kind, sourceKey, title: cut(input.subject.trim() || '客户', 40), body: cut(input.detail, 300), contactId,
      page: input.page ?? (contactId ? `agent/contact/index?id=${contactId}` : 'agent/notices/index'),
      // Queued and due now: if this process dies before the push, the delivery sweep still makes it.
      createdAtMs: nowMs, readAtMs: null, pushState: 'queued', pushAfterMs: nowMs, pushedAtMs: null, pushError: null,
    }).orIgnore().execute();
    const stored = await repo.findOneByOrFail({ agentId, sourceKey });
    if (stored.id !== id) return { noticeId: stored.id, created: false };
    const claimed = await repo.update({ id, pushState: 'queued' }, { pushState: 'sending' });
    if ((claimed.affected ?? 0) === 0) return { noticeId: id, created: true };
    try {
      await this.push(stored);
    } catch (error) {
      this.logger.warn('notice push failed; the notice stays in the app', { noticeId: id, detail: (error as Error).message?.slice(0, 200) });
      await this.setPush(stored.id, 'failed', { pushError: 'internal' });
    }
    return { noticeId: id, created: true };
  }

  /** Decides the push of a notice in state "sending" (claimed by this process) and carries it out. */
  private async push(notice: AgentNotice): Promise<void> {
    const template = TEMPLATE_OF_KIND[notice.kind];
    const templateId = this.config.templates[template];
    if (!templateId) return this.setPush(notice.id, 'in_app');
    const nowMs = this.clock.nowMs();
    // Without a grant nothing will ever be pushed: say so now rather than after quiet hours.
    const openid = await this.openidOf(notice.agentId);
    if (!openid || !(await this.hasGrant(notice.agentId, template))) return this.setPush(notice.id, 'no_grant');
    const setting = await this.settingOf(notice.agentId);
    const quietUntil = quietUntilMs(nowMs, setting.quietStartMinute, setting.quietEndMinute);
    if (quietUntil !== null) return this.setPush(notice.id, 'queued', { pushAfterMs: quietUntil });
    if ((await this.sentOn(notice.agentId, nowMs)) >= setting.dailyCap) return this.setPush(notice.id, 'capped');
    if (!(await this.spendGrant(notice.agentId, template))) return this.setPush(notice.id, 'no_grant');
    let result: SubscribeSendResult;
    try {
      result = await this.wechat.sendSubscribeMessage({ touser: openid, templateId, page: notice.page ?? undefined, data: templateData(template, notice) });
    } catch (error) {
      // WeChat down or garbled: the grant was not used; try again shortly.
      await this.refundGrant(notice.agentId, template);
      if (error instanceof AppError && error.status === 503) return this.setPush(notice.id, 'queued', { pushAfterMs: nowMs + RETRY_AFTER_MS, pushError: error.code });
      return this.setPush(notice.id, 'failed', { pushError: error instanceof AppError ? error.code : 'error' });
    }
    if (result.sent) return this.setPush(notice.id, 'sent', { pushedAtMs: this.clock.nowMs() });
    if (result.reason === 'refused') {
      // 43101: WeChat holds no send for this template (or the agent turned it off): our count was wrong.
      await this.dataSource.getRepository(NoticeGrant).update({ agentId: notice.agentId, template }, { remaining: 0, updatedAtMs: nowMs });
      return this.setPush(notice.id, 'refused', { pushError: `${result.errcode}` });
    }
    // Our mistake (data, page, template id): WeChat did not deliver, so the grant is still there.
    await this.refundGrant(notice.agentId, template);
    this.logger.warn('WeChat refused a subscription message', { noticeId: notice.id, errcode: result.errcode, errmsg: result.errmsg });
    return this.setPush(notice.id, 'failed', { pushError: cut(`${result.errcode} ${result.errmsg}`, 120) });
  }

  private async setPush(id: string, pushState: NoticePushState, more: Partial<Pick<AgentNotice, 'pushAfterMs' | 'pushedAtMs' | 'pushError'>> = {}): Promise<void> {
    await this.dataSource.getRepository(AgentNotice).update({ id }, { pushState, pushAfterMs: null, ...more });
  }

  private async hasGrant(agentId: string, template: NoticeTemplate): Promise<boolean> {
    return ((await this.dataSource.getRepository(NoticeGrant).findOneBy({ agentId, template }))?.remaining ?? 0) > 0;
  }

  /** Takes one send of the template, if any is left: one UPDATE, so two processes cannot spend the same one. */
  private async spendGrant(agentId: string, template: NoticeTemplate): Promise<boolean> {
    const result = await this.dataSource.createQueryBuilder().update(NoticeGrant)
      .set({ remaining: () => 'remaining - 1', updatedAtMs: this.clock.nowMs() })
      .where('agent_id = :agentId AND template = :template AND remaining > 0', { agentId, template }).execute();
    return (result.affected ?? 0) > 0;
  }

  private async refundGrant(agentId: string, template: NoticeTemplate): Promise<void> {
    await this.dataSource.createQueryBuilder().update(NoticeGrant).set({ remaining: () => 'remaining + 1' })
      .where('agent_id = :agentId AND template = :template', { agentId, template }).execute();
  }

  private async sentOn(agentId: string, nowMs: number): Promise<number> {
    return this.dataSource.getRepository(AgentNotice).createQueryBuilder('n')
      .where('n.agent_id = :agentId AND n.push_state = :sent AND n.pushed_at_ms >= :from', { agentId, sent: 'sent', from: chinaDayStartMs(chinaDayOf(nowMs)) })
      .getCount();
  }

  private async settingOf(agentId: string): Promise<NoticeSetting> {
    const stored = await this.dataSource.getRepository(NoticeSetting).findOneBy({ agentId });
    if (stored) return stored;
    return Object.assign(new NoticeSetting(), {
      agentId, quietStartMinute: minuteOfDay(this.config.quietStart) ?? 0, quietEndMinute: minuteOfDay(this.config.quietEnd) ?? 0,
      dailyCap: this.config.dailyCap, updatedAtMs: 0,
    });
  }

  /**
   * Pushes the queued notices that are due (quiet hours over, WeChat back). Each is claimed by one
   * UPDATE from queued to sending, so processes running this side by side push each once. A notice
   * read in the meantime, or queued too long, stays in the app.
   */
  async deliverQueued(): Promise<number> {
    const nowMs = this.clock.nowMs();
    const repo = this.dataSource.getRepository(AgentNotice);
    const due = await repo.find({ where: { pushState: 'queued', pushAfterMs: LessThanOrEqual(nowMs) }, order: { pushAfterMs: 'ASC' }, take: DELIVERY_BATCH });
    let pushed = 0;
    for (const notice of due) {
      const claimed = await repo.update({ id: notice.id, pushState: 'queued' }, { pushState: 'sending' });
      if ((claimed.affected ?? 0) === 0) continue;
      if (notice.readAtMs !== null || nowMs - notice.createdAtMs > QUEUED_PUSH_MAX_AGE_MS) {
        await this.setPush(notice.id, 'in_app');
        continue;
      }
      try {
        await this.push({ ...notice, pushState: 'sending' });
        pushed += 1;
      } catch (error) {
        this.logger.warn('queued notice push failed', { noticeId: notice.id, detail: (error as Error).message?.slice(0, 200) });
        await this.setPush(notice.id, 'failed', { pushError: 'internal' });
      }
    }
    return pushed;
  }

  /** Looks for due queued pushes every `everyMs` (the worker side of a process). */
  start(everyMs: number): void {
    this.timer = setInterval(() => {
      if (this.delivering) return;
      this.delivering = this.deliverQueued()
        .catch((error: unknown) => { this.logger.warn('notice delivery failed', { detail: (error as Error).message?.slice(0, 200) }); return 0; })
        .finally(() => { this.delivering = null; });
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.delivering;
  }

  async list(agentId: string, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<NoticeListView> {
    const repo = this.dataSource.getRepository(AgentNotice);
    const rows = await repo.find({
      where: { agentId, ...(options.unreadOnly ? { readAtMs: IsNull() } : {}) }, order: { createdAtMs: 'DESC', id: 'DESC' }, take: options.limit ?? 50,
    });
    // A notice names the person as they are called now: renamed, or merged into the contact the agent imported.
    const names = await contactOwnersAndNames(this.dataSource, rows.flatMap((n) => (n.contactId ? [n.contactId] : [])));
    const items = rows.map((n) => presentNotice({ ...n, title: (n.contactId && names.get(n.contactId)?.name) || n.title }));
    return { items, unread: await this.unreadCount(agentId) };
  }

  async unreadCount(agentId: string): Promise<number> {
    return this.dataSource.getRepository(AgentNotice).countBy({ agentId, readAtMs: IsNull() });
  }

  async markRead(agentId: string, noticeId: string): Promise<MarkedReadView> {
    const repo = this.dataSource.getRepository(AgentNotice);
    const notice = await repo.findOneBy({ id: noticeId, agentId });
    if (!notice) throw notFound('notice');
    const result = await repo.update({ id: noticeId, readAtMs: IsNull() }, { readAtMs: this.clock.nowMs() });
    return { marked: result.affected ?? 0, unread: await this.unreadCount(agentId) };
  }

  async markAllRead(agentId: string): Promise<MarkedReadView> {
    const result = await this.dataSource.getRepository(AgentNotice).update({ agentId, readAtMs: IsNull() }, { readAtMs: this.clock.nowMs() });
    return { marked: result.affected ?? 0, unread: 0 };
  }

  async settings(agentId: string): Promise<NotificationSettingsView> {
    const setting = await this.settingOf(agentId);
    const grants = await this.dataSource.getRepository(NoticeGrant).findBy({ agentId });
    return {
      quietStart: formatMinuteOfDay(setting.quietStartMinute), quietEnd: formatMinuteOfDay(setting.quietEndMinute), dailyCap: setting.dailyCap,
      sentToday: await this.sentOn(agentId, this.clock.nowMs()),
      templates: NOTICE_TEMPLATES.map((template) => ({
        template, templateId: this.config.templates[template], kinds: NOTICE_KINDS.filter((k) => TEMPLATE_OF_KIND[k] === template),
        remaining: grants.find((g) => g.template === template)?.remaining ?? 0,
      })),
    };
  }

  async updateSettings(agentId: string, update: UpdateNotificationSettingsRequest): Promise<NotificationSettingsView> {
    const current = await this.settingOf(agentId);
    const start = update.quietStart === undefined ? current.quietStartMinute : minuteOfDay(update.quietStart);
    const end = update.quietEnd === undefined ? current.quietEndMinute : minuteOfDay(update.quietEnd);
    if (start === null) throw badRequest([{ field: 'quietStart', reason: '时间格式应为 HH:MM，例如 22:00' }]);
    if (end === null) throw badRequest([{ field: 'quietEnd', reason: '时间格式应为 HH:MM，例如 08:00' }]);
    await this.dataSource.getRepository(NoticeSetting).save({
      agentId, quietStartMinute: start, quietEndMinute: end, dailyCap: update.dailyCap ?? current.dailyCap, updatedAtMs: this.clock.nowMs(),
    });
    return this.settings(agentId);
  }

  /**
   * Records what requestSubscribeMessage answered: each "accept" of a configured template id is one
   * more send (WeChat's one-time subscriptions add up); "reject" and "ban" mean none is left.
   */
  async recordGrants(agentId: string, request: RecordGrantsRequest): Promise<NotificationSettingsView> {
    const byId = new Map(NOTICE_TEMPLATES.flatMap((t) => (this.config.templates[t] ? [[this.config.templates[t] as string, t] as const] : [])));
    const unknown = Object.keys(request.results).filter((id) => !byId.has(id));
    if (unknown.length > 0) throw badRequest(unknown.map((id) => ({ field: `results.${id}`, reason: '不是本小程序配置的订阅消息模板' })));
    const unreadable = Object.entries(request.results).filter(([, answer]) => !GRANT_ANSWERS.includes(answer));
    if (unreadable.length > 0) throw badRequest(unreadable.map(([id]) => ({ field: `results.${id}`, reason: '应为 accept、reject、ban 或 filter' })));
    const nowMs = this.clock.nowMs();
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(NoticeGrant);
      const templates = [...byId.entries()].filter(([id]) => id in request.results).map(([, t]) => t);
      const existing = templates.length > 0 ? await repo.findBy({ agentId, template: In(templates) }) : [];
      for (const [id, answer] of Object.entries(request.results)) {
        const template = byId.get(id) as NoticeTemplate;
        const remaining = existing.find((g) => g.template === template)?.remaining ?? 0;
        if (answer === 'filter') continue;
        const next = answer === 'accept' ? remaining + 1 : 0;
        await repo.save({ agentId, template, remaining: next, updatedAtMs: nowMs });
      }
    });
    return this.settings(agentId);
  }
}
