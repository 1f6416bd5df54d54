import { In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { Contact } from '../contact.entity';

/** What the scorer reads of a contact: who owns it, its names, what the agent recorded, and the score it last stored. */
export type ContactToScore = Pick<Contact,
  'id' | 'agentId' | 'displayName' | 'remarkName' | 'realName' | 'optedOut' | 'wechatFriend' | 'policiesHeld' | 'scoreExplanation' | 'scoredAtMs'>;

/**
 * Reads the contacts to score and makes scoring them exclusive across processes: on MySQL/MariaDB
 * a row lock (SELECT … FOR UPDATE, in id order so two batches cannot deadlock on each other) held
 * to the end of the scoring transaction, so a second process scoring the same contact waits and
 * then sees the first one's stored score, stage moves and task; SQLite serialises writers itself.
 * This must be the transaction's first read: InnoDB takes the snapshot of later plain reads at the
 * first one, so they see what the previous holder of the lock committed.
 */
export async function lockContactsToScore(manager: EntityManager, ids: string[]): Promise<ContactToScore[]> {
  const sqlite = manager.connection.options.type === 'better-sqlite3';
  return manager.getRepository(Contact).find({
    where: { id: In(ids) },
    order: { id: 'ASC' },
    ...(sqlite ? {} : { lock: { mode: 'pessimistic_write' as const } }),
  });
}

/**
 * The contacts among these that were merged into another, each with the contact the person lives on
 * in now (a chain of merges followed to its end). Read before scoring, outside its transaction.
 */
export async function survivorsOf(db: DataSource | EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
  const repo = db.getRepository(Contact);
  const merged = await repo.find({ select: { id: true, mergedIntoContactId: true }, where: { id: In([...ids]), mergedIntoContactId: Not(IsNull()) } });
  const out = new Map<string, string>();
  for (const contact of merged) {
    let survivor = contact.mergedIntoContactId as string;
    for (let hops = 0; hops < 5; hops += 1) {
      const next = await repo.findOne({ select: { id: true, mergedIntoContactId: true }, where: { id: survivor } });
      if (!next?.mergedIntoContactId) break;
      survivor = next.mergedIntoContactId;
    }
    out.set(contact.id, survivor);
  }
  return out;
}
