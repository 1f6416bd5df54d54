import type { EntityManager } from 'typeorm';
import type { ContactFigures, ContactScore } from '@kejing/shared';
import type { StoredFigures } from './queries/contacts-to-score';

/**
 * The stage entries the contact page's explanation keeps (and the next scoring counts its stage moves
 * after): the newest hundred, bounded so that a flood of events cannot grow the explanation without end.
 */
export const STAGE_EVIDENCE_SHOWN = 100;

/** What storeContactScore keeps of a score, as the next scoring reads it back. */
export function storedFiguresOf(score: ContactScore): StoredFigures {
  const { contributions: _contributions, stageEvidence, ...figures } = score;
  const shown = stageEvidence.slice(-STAGE_EVIDENCE_SHOWN);
  return { figures, stageEvidenceCount: shown.length, lastStageEvidenceAtMs: shown[shown.length - 1]?.atMs ?? null };
}

/**
 * The row's columns that indexes carry, with the value a score gives each. SQLite rewrites the entries
 * of every index holding a column an UPDATE sets, whether or not its value changed (six indexes of the
 * contact hold these), so a nightly recheck that only decays trust and intent set them all for nothing.
 */
const INDEXED_FIGURES: readonly { column: string; of: (figures: ContactFigures) => number | string | null }[] = [
  { column: 'cell', of: (f) => f.cell },
  { column: 'stage', of: (f) => f.stage },
  { column: 'outcome', of: (f) => f.outcome },
  { column: 'referral_class', of: (f) => f.referralClass },
  { column: 'centre_of_influence', of: (f) => (f.centreOfInfluence ? 1 : 0) },
  { column: 'last_touch_at_ms', of: (f) => f.lastTouchAtMs },
];

/**
 * Stores the scorer's result on the contact, in the scorer's transaction: the figures, how many stage
 * entries they came with and the newest one's time (the explanation itself is not stored: it is worked
 * out from the stored state when read); `nextRecheckAtMs` when the figures next change by time alone (null: never).
 * `stored`: what the row holds now (read under the scorer's lock; null sets every column), so that
 * indexed columns are set only when their value changes.
 */
export async function storeContactScore(
  manager: EntityManager, contactId: string, score: ContactScore, scoredAtMs: number, nextRecheckAtMs: number | null, stored: StoredFigures | null,
): Promise<void> {
  const { stageEvidenceCount, lastStageEvidenceAtMs } = storedFiguresOf(score);
  const changed = INDEXED_FIGURES.filter(({ of }) => stored === null || of(stored.figures) !== of(score));
  // Raw UPDATE: this runs for every contact every night, and the ORM's per-call overhead showed in the profile.
  await manager.query(
    `UPDATE contact SET trust = ?, intent = ?, interest_tags = ?, stage_evidence_count = ?, last_stage_evidence_at_ms = ?, scored_at_ms = ?, next_recheck_at_ms = ?${
      changed.map(({ column }) => `, ${column} = ?`).join('')} WHERE id = ?`,
    [score.trust, score.intent, JSON.stringify(score.interestTags), stageEvidenceCount, lastStageEvidenceAtMs, scoredAtMs, nextRecheckAtMs,
      ...changed.map(({ of }) => of(score)), contactId],
  );
}
