import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { Contact } from './contact.entity';

/** How a viewer reached an agent: the share they opened, and who forwarded it (for 转介绍). */
export interface Arrival {
  agentId: string;
  viewerUserId: string;
  shareId: string;
  forwardedByContactId: string | null;
}

const CACHE_LIMIT = 100_000;

/**
 * Finds or creates the contact for (agent, viewer). Contacts never change owner, so the id is
 * cached: the ingestion hot path does not read the contact table for every event.
 */
export class ContactResolver {
  private readonly cache = new Map<string, string>();

  constructor(private readonly dataSource: DataSource, private readonly clock: Clock) {}

  async resolve(arrival: Arrival): Promise<{ contactId: string; created: boolean }> {
    const key = `${arrival.agentId}:${arrival.viewerUserId}`;
    const cached = this.cache.get(key);
    if (cached) return { contactId: cached, created: false };
    const repo = this.dataSource.getRepository(Contact);
    let contact = await repo.findOneBy({ agentId: arrival.agentId, viewerUserId: arrival.viewerUserId });
    let created = false;
    if (!contact) {
      const id = randomUUID();
      // Insert-or-ignore on (agent, viewer): two first opens racing end with one contact.
      await repo
        .createQueryBuilder()
        .insert()
        .values({
          id,
          agentId: arrival.agentId,
          viewerUserId: arrival.viewerUserId,
          displayName: `微信访客${id.slice(0, 4).toUpperCase()}`,
          referredByContactId: arrival.forwardedByContactId,
          firstShareId: arrival.shareId,
          createdAtMs: this.clock.nowMs(),
        })
        .orIgnore()
        .execute();
      contact = await repo.findOneByOrFail({ agentId: arrival.agentId, viewerUserId: arrival.viewerUserId });
      created = contact.id === id;
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, contact.id);
    return { contactId: contact.id, created };
  }

  /** A deleted contact must not be found again through the cache. */
  forget(agentId: string, viewerUserId: string): void {
    this.cache.delete(`${agentId}:${viewerUserId}`);
  }
}
