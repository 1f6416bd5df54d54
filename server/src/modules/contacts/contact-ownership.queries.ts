import { In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { AGENT_TOUCHPOINT_TYPES, shownNameOf, type ContactSummaryView, type GridCellCode, type Stage } from '@kejing/shared';
import { presentContactSummary } from './contact.presenter';
import { Contact } from './contact.entity';

/**
 * Who holds which contact, as the handover and pool modules may read it (they never touch the
 * contact entity): an agent's contacts, a pool's contacts, and those due back in the pool.
 */
export interface PooledContactRow {
  contactId: string;
  displayName: string;
  stage: Stage;
  cell: GridCellCode;
  poolOrgUnitId: string;
  handedOverFromAgentId: string | null;
  handedOverAtMs: number | null;
  lastTouchAtMs: number | null;
}

/** The agent's contacts, all or those of `only` (ids not the agent's are left out). */
export async function contactIdsOfAgent(db: DataSource | EntityManager, agentId: string, only?: string[]): Promise<string[]> {
  if (only && only.length === 0) return [];
  const rows = await db.getRepository(Contact).find({ select: { id: true }, where: { agentId, ...(only ? { id: In(only) } : {}) }, order: { id: 'ASC' } });
  return rows.map((r) => r.id);
}

/** The agent's contacts as a handover picks among them, the most recently touched first. */
export async function contactsOfAgent(db: DataSource | EntityManager, agentId: string, limit = 2000): Promise<ContactSummaryView[]> {
  const rows = await db.getRepository(Contact).find({ where: { agentId }, order: { lastTouchAtMs: 'DESC', id: 'ASC' }, take: limit });
  return rows.map(presentContactSummary);
}

/** How many contacts each of these agents serves now. */
export async function contactCountsOf(db: DataSource | EntityManager, agentIds: string[]): Promise<Map<string, number>> {
  if (agentIds.length === 0) return new Map();
  const rows: { agentId: string; n: number | string }[] = await db.getRepository(Contact).createQueryBuilder('contact')
    .select('contact.agent_id', 'agentId').addSelect('COUNT(*)', 'n').where('contact.agent_id IN (:...agentIds)', { agentIds })
    .groupBy('contact.agent_id').getRawMany();
  return new Map(rows.map((r) => [r.agentId, Number(r.n)]));
}

const toPooled = (c: Contact): PooledContactRow => ({
  contactId: c.id, displayName: shownNameOf(c), stage: c.stage, cell: c.cell, poolOrgUnitId: c.poolOrgUnitId as string,
  handedOverFromAgentId: c.handedOverFromAgentId, handedOverAtMs: c.handedOverAtMs, lastTouchAtMs: c.lastTouchAtMs,
});

/** Contacts in these teams' pools (all pools for 'all'), the longest waiting first. */
export async function pooledContacts(db: DataSource | EntityManager, poolOrgUnitIds: string[] | 'all', limit = 500): Promise<PooledContactRow[]> {
  if (poolOrgUnitIds !== 'all' && poolOrgUnitIds.length === 0) return [];
  const rows = await db.getRepository(Contact).find({
    where: { agentId: IsNull(), poolOrgUnitId: poolOrgUnitIds === 'all' ? Not(IsNull()) : In(poolOrgUnitIds) },
    order: { handedOverAtMs: 'ASC', id: 'ASC' }, take: limit,
  });
  return rows.map(toPooled);
}

/** One pooled contact, or null when it is not in a pool (taken meanwhile, or never there). */
export async function pooledContact(db: DataSource | EntityManager, contactId: string): Promise<PooledContactRow | null> {
  const row = await db.getRepository(Contact).findOneBy({ id: contactId, agentId: IsNull() });
  return row && row.poolOrgUnitId ? toPooled(row) : null;
}

/** The contact's viewer, if a WeChat reader: a claim by an agent who already has them would make two records. */
export async function agentHoldsViewerOf(db: DataSource | EntityManager, agentId: string, contactId: string): Promise<boolean> {
  const contact = await db.getRepository(Contact).findOneBy({ id: contactId });
  if (!contact?.viewerUserId) return false;
  return db.getRepository(Contact).existsBy({ agentId, viewerUserId: contact.viewerUserId });
}

/**
 * Contacts taken from a pool at or before `claimedBeforeMs` whose agent has not followed up since:
 * no action logged (call, visit, proposal …) and no follow-up done after the claim.
 */
export async function contactsDueForTakeBack(db: DataSource | EntityManager, claimedBeforeMs: number): Promise<{ contactId: string; agentId: string }[]> {
  const types = AGENT_TOUCHPOINT_TYPES.map(() => '?').join(',');
  const rows: { id: string; agent_id: string }[] = await db.query(
    `SELECT c.id, c.agent_id FROM contact c
      WHERE c.agent_id IS NOT NULL AND c.claimed_at_ms IS NOT NULL AND c.claimed_at_ms <= ?
        AND NOT EXISTS (SELECT 1 FROM touchpoint_event e WHERE e.contact_id = c.id AND e.type IN (${types}) AND e.occurred_at_ms >= c.claimed_at_ms)
        AND NOT EXISTS (SELECT 1 FROM follow_up_task t WHERE t.contact_id = c.id AND t.status = 'done' AND t.done_at_ms >= c.claimed_at_ms)
      ORDER BY c.agent_id, c.id`,
    [claimedBeforeMs, ...AGENT_TOUCHPOINT_TYPES],
  );
  return rows.map((r) => ({ contactId: r.id, agentId: r.agent_id }));
}
