import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { anonymousNameOf } from '@kejing/shared';
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
 * Finds or creates the contact for (agent, viewer). A contact handed over keeps its id, so the id is
 * cached: the ingestion hot path does not read the contact table for every event. The cache is
 * keyed agent, then viewer, so a look-up hashes two strings it already holds (their hashes are
 * kept on the strings) instead of building and hashing a joined key per event.
 */
export class ContactResolver {
  private readonly cache = new Map<string, Map<string, string>>();
  private cached = 0;

  constructor(private readonly dataSource: DataSource, private readonly clock: Clock) {}

  /** The contact id if (agent, viewer) is cached; resolve finds or creates it otherwise. */
  cachedContactId(agentId: string, viewerUserId: string): string | undefined {
    return this.cache.get(agentId)?.get(viewerUserId);
  }

  async resolve(arrival: Arrival): Promise<{ contactId: string; created: boolean }> {
    const cached = this.cachedContactId(arrival.agentId, arrival.viewerUserId);
    if (cached) return { contactId: cached, created: false };
    const repo = this.dataSource.getRepository(Contact);
    let contact = await repo.findOneBy({ agentId: arrival.agentId, viewerUserId: arrival.viewerUserId });
    let created = false;
    // An open of a share sent before the contact was handed over (or pooled) reaches the contact where it is now.
    const movedId = contact ? null : await this.handedOverFrom(arrival.agentId, arrival.viewerUserId);
    if (movedId) {
      this.remember(arrival.agentId, arrival.viewerUserId, movedId);
      return { contactId: movedId, created: false };
    }
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
          displayName: anonymousNameOf(id),
          referredByContactId: arrival.forwardedByContactId,
          source: arrival.forwardedByContactId ? 'forward' : 'share',
          firstShareId: arrival.shareId,
          createdAtMs: this.clock.nowMs(),
        })
        .orIgnore()
        .execute();
      contact = await repo.findOneByOrFail({ agentId: arrival.agentId, viewerUserId: arrival.viewerUserId });
      created = contact.id === id;
    }
    // A contact merged into another (one person, one contact) that kept its viewer: the person's events go to the survivor.
    for (let hops = 0; contact.mergedIntoContactId !== null && hops < 5; hops += 1) {
      contact = await repo.findOneByOrFail({ id: contact.mergedIntoContactId });
    }
    this.remember(arrival.agentId, arrival.viewerUserId, contact.id);
    return { contactId: contact.id, created };
  }

  /** The contact of this viewer that this agent handed over (through any chain of moves), newest move first. */
  private async handedOverFrom(agentId: string, viewerUserId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM contact c INNER JOIN contact_handover h ON h.contact_id = c.id
        WHERE h.from_agent_id = ? AND c.viewer_user_id = ? ORDER BY h.at_ms DESC LIMIT 1`,
      [agentId, viewerUserId],
    );
    return rows[0]?.id ?? null;
  }

  /** A deleted contact must not be found again through the cache. */
  forget(agentId: string, viewerUserId: string): void {
    if (this.cache.get(agentId)?.delete(viewerUserId)) this.cached -= 1;
  }

  /** An erased viewer: forgotten under every agent (a handed-over contact is cached under its old agent too). Rare, so a scan. */
  forgetViewer(viewerUserId: string): void {
    for (const viewers of this.cache.values()) if (viewers.delete(viewerUserId)) this.cached -= 1;
  }

  /** At the limit, the agent cached longest ago is forgotten whole (their contacts are read again when they come back). */
  private remember(agentId: string, viewerUserId: string, contactId: string): void {
    if (this.cached >= CACHE_LIMIT) {
      const [oldestAgent, oldest] = this.cache.entries().next().value as [string, Map<string, string>];
      this.cache.delete(oldestAgent);
      this.cached -= oldest.size;
    }
    let viewers = this.cache.get(agentId);
    if (!viewers) this.cache.set(agentId, (viewers = new Map()));
    if (!viewers.has(viewerUserId)) this.cached += 1;
    viewers.set(viewerUserId, contactId);
  }
}
