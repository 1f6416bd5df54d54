import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Contact } from './contact.entity';

/** How far a forward chain is followed; deeper chains are rare and a loop must not run for ever. */
export const REFERRAL_DEPTH_MAX = 20;

/** Everyone who brought these contacts in, up the whole chain (the referrer's referrer …), nearest first. */
export async function referrersOf(db: DataSource | EntityManager, contactIds: readonly string[]): Promise<string[]> {
  const seen = new Set(contactIds);
  const found: string[] = [];
  let level = [...contactIds];
  for (let depth = 0; depth < REFERRAL_DEPTH_MAX && level.length > 0; depth += 1) {
    const rows = await db.getRepository(Contact).find({ select: { id: true, referredByContactId: true }, where: { id: In(level) } });
    level = [];
    for (const row of rows) {
      const up = row.referredByContactId;
      if (up && !seen.has(up)) {
        seen.add(up);
        found.push(up);
        level.push(up);
      }
    }
  }
  return found;
}

/** One person in a referral tree, with whom they brought in. */
export interface ReferralRow {
  id: string;
  /** Null for a contact in the pool (公海). */
  agentId: string | null;
  referredByContactId: string | null;
  remarkName: string | null;
  realName: string | null;
  displayName: string;
  referralClass: string;
}

/** Everyone below these contacts in their forward chains, at any depth, level by level. */
export async function descendantsOf(db: DataSource | EntityManager, rootIds: readonly string[]): Promise<ReferralRow[]> {
  const seen = new Set(rootIds);
  const found: ReferralRow[] = [];
  let level = [...rootIds];
  for (let depth = 0; depth < REFERRAL_DEPTH_MAX && level.length > 0; depth += 1) {
    const rows = await db.getRepository(Contact).find({
      select: { id: true, agentId: true, referredByContactId: true, remarkName: true, realName: true, displayName: true, referralClass: true },
      where: { referredByContactId: In(level) },
    });
    level = [];
    for (const row of rows) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      found.push(row);
      level.push(row.id);
    }
  }
  return found;
}

/** The named contacts as tree rows (the referral chain's names). */
export async function referralRowsOf(db: DataSource | EntityManager, ids: readonly string[]): Promise<ReferralRow[]> {
  if (ids.length === 0) return [];
  return db.getRepository(Contact).find({
    select: { id: true, agentId: true, referredByContactId: true, remarkName: true, realName: true, displayName: true, referralClass: true }, where: { id: In([...ids]) },
  });
}
