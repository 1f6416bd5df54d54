import { In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import type { Band, ContactFigures, DealOutcome, GridCellCode, InterestTag, ReferralClass, Stage } from '@kejing/shared';
import { Contact } from '../contact.entity';

/** What the last scoring stored on the contact's row: its figures and how far the agent has seen its stage entries. */
export interface StoredFigures {
  figures: ContactFigures;
  /** How many stage entries that scoring showed, and the newest one's time: later entries are stage moves. */
  stageEvidenceCount: number;
  lastStageEvidenceAtMs: number | null;
}

/** What the scorer reads of a contact: who owns it, its names, what the agent recorded, and what it last stored. */
export interface ContactToScore {
  id: string;
  agentId: string | null;
  displayName: string;
  remarkName: string | null;
  realName: string | null;
  optedOut: boolean;
  wechatFriend: boolean;
  policiesHeld: number;
  scoredAtMs: number | null;
  /** Null for a contact never scored (or scored before the row kept its stage entries' count). */
  stored: StoredFigures | null;
}

interface ContactToScoreRow {
  id: string; agent_id: string | null; display_name: string; remark_name: string | null; real_name: string | null;
  opted_out: number | boolean; wechat_friend: number | boolean; policies_held: number | string; scored_at_ms: number | string | null;
  trust: number | string; intent: number | string; cell: string; stage: number | string; outcome: string; referral_class: string;
  centre_of_influence: number | boolean; interest_tags: string | null; last_touch_at_ms: number | string | null;
  stage_evidence_count: number | string | null; last_stage_evidence_at_ms: number | string | null;
}

const flag = (value: number | boolean) => value === true || Number(value) === 1;
const msOrNull = (value: number | string | null) => (value === null ? null : Number(value));

function figuresOfRow(row: ContactToScoreRow): StoredFigures | null {
  if (row.scored_at_ms === null || row.stage_evidence_count === null) return null;
  const [trustBand, intentBand] = row.cell.split('-') as [Band, Band];
  return {
    figures: {
      trust: Number(row.trust), intent: Number(row.intent), trustBand, intentBand, cell: row.cell as GridCellCode,
      stage: Number(row.stage) as Stage, outcome: row.outcome as DealOutcome, referralClass: row.referral_class as ReferralClass,
      centreOfInfluence: flag(row.centre_of_influence), optedOut: flag(row.opted_out),
      interestTags: row.interest_tags ? (JSON.parse(row.interest_tags) as InterestTag[]) : [], lastTouchAtMs: msOrNull(row.last_touch_at_ms),
    },
    stageEvidenceCount: Number(row.stage_evidence_count),
    lastStageEvidenceAtMs: msOrNull(row.last_stage_evidence_at_ms),
  };
}

/**
 * Reads the contacts to score and makes scoring them exclusive across processes: on MySQL/MariaDB
 * a row lock (SELECT … FOR UPDATE, in id order so two batches cannot deadlock on each other) held
 * to the end of the scoring transaction, so a second process scoring the same contact waits and
 * then sees the first one's stored score, stage moves and task; SQLite serialises writers itself.
 * This must be the transaction's first read: InnoDB takes the snapshot of later plain reads at the
 * first one, so they see what the previous holder of the lock committed.
 * A plain statement, not the ORM: it runs for every contact every night.
 */
export async function lockContactsToScore(manager: EntityManager, ids: string[]): Promise<ContactToScore[]> {
  const sqlite = manager.connection.options.type === 'better-sqlite3';
  const sorted = [...ids].sort();
  const out: ContactToScore[] = [];
  for (let i = 0; i < sorted.length; i += 500) {
    const chunk = sorted.slice(i, i + 500);
    const rows: ContactToScoreRow[] = await manager.query(
      `SELECT id, agent_id, display_name, remark_name, real_name, opted_out, wechat_friend, policies_held, scored_at_ms,
              trust, intent, cell, stage, outcome, referral_class, centre_of_influence, interest_tags, last_touch_at_ms,
              stage_evidence_count, last_stage_evidence_at_ms
         FROM contact WHERE id IN (${chunk.map(() => '?').join(',')}) ORDER BY id${sqlite ? '' : ' FOR UPDATE'}`,
      chunk,
    );
    for (const row of rows) {
      out.push({
        id: row.id, agentId: row.agent_id, displayName: row.display_name, remarkName: row.remark_name, realName: row.real_name,
        optedOut: flag(row.opted_out), wechatFriend: flag(row.wechat_friend), policiesHeld: Number(row.policies_held),
        scoredAtMs: msOrNull(row.scored_at_ms), stored: figuresOfRow(row),
      });
    }
  }
  return out;
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
