import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { addressNameOf } from '@kejing/shared';
import { Contact } from './contact.entity';

/** Whose contacts these are (null: in a team's pool, nobody's now), and the name to address each by ('' when only 微信访客… is known). */
export async function contactOwnersAndNames(db: DataSource | EntityManager, contactIds: string[]): Promise<Map<string, { agentId: string | null; name: string; referredByContactId: string | null }>> {
  const ids = [...new Set(contactIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.getRepository(Contact).find({
    select: { id: true, agentId: true, remarkName: true, realName: true, displayName: true, referredByContactId: true }, where: { id: In(ids) },
  });
  return new Map(rows.map((c) => [c.id, { agentId: c.agentId, name: addressNameOf(c), referredByContactId: c.referredByContactId }]));
}
