import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MoreThanOrEqual } from 'typeorm';
import type { MessageLeftView } from '@kejing/shared';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import { contactOwnersAndNames } from '../contacts/contact-names.query';
import type { NotificationsService } from '../notifications/notifications.service';
import type { ShareArrivals } from '../shares/share-arrivals';
import { CustomerMessage } from './customer-message.entity';
import type { LeaveMessageDto } from './card.dto';

/** A person writing to an agent: a few in a row is a conversation, more is a flood. */
export const MESSAGE_LIMITS = [
  { windowMs: 10 * 60_000, max: 3, reason: '留言太频繁，请 10 分钟后再试' },
  { windowMs: 24 * 3600_000, max: 10, reason: '今天留言次数已达上限，请明天再试' },
] as const;

/** Customers' 留言 to the agent behind a share: stored once per client id, limited, and told to the agent. */
export class CustomerMessagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly arrivals: Pick<ShareArrivals, 'load' | 'arrive'>,
    private readonly notifications: NotificationsService,
  ) {}

  async leave(viewerUserId: string, dto: LeaveMessageDto): Promise<{ message: MessageLeftView; created: boolean }> {
    // A forged share is refused before anything else; the person becomes a contact only once the message is let through.
    await this.arrivals.load(dto.shareId);
    const repo = this.dataSource.getRepository(CustomerMessage);
    const clientMessageId = dto.clientMessageId.toLowerCase();
    const replayed = await repo.findOneBy({ viewerUserId, clientMessageId });
    if (replayed) return { message: { messageId: replayed.id, createdAt: new Date(replayed.createdAtMs).toISOString() }, created: false };
    const nowMs = this.clock.nowMs();
    for (const limit of MESSAGE_LIMITS) {
      const recent = await repo.countBy({ viewerUserId, createdAtMs: MoreThanOrEqual(nowMs - limit.windowMs) });
      if (recent >= limit.max) {
        throw new AppError(429, 'messages_rate_limited', undefined, [{ field: 'text', reason: limit.reason }], {
          'Retry-After': String(Math.ceil(limit.windowMs / 1000)),
        });
      }
    }
    const { share, contactId } = await this.arrivals.arrive(dto.shareId, viewerUserId);
    // The message goes to whoever holds the contact now: after a handover that is the receiver, not
    // the leaver who shared; a contact in a pool has nobody to tell until someone takes it.
    const owner = (await contactOwnersAndNames(this.dataSource, [contactId])).get(contactId);
    const holder = owner?.agentId ?? null;
    const id = randomUUID();
    const text = dto.text.trim();
    await repo.createQueryBuilder().insert().values({ id, clientMessageId, viewerUserId, agentId: share.agentId, contactId, body: text, createdAtMs: nowMs }).orIgnore().execute();
    const stored = await repo.findOneByOrFail({ viewerUserId, clientMessageId });
    if (stored.id === id && holder) {
      await this.notifications.notify(holder, 'message', { sourceKey: id, subject: owner?.name || '一位客户', detail: text, contactId });
    }
    return { message: { messageId: stored.id, createdAt: new Date(stored.createdAtMs).toISOString() }, created: stored.id === id };
  }
}
