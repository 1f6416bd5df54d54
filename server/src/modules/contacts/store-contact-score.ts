import type { EntityManager } from 'typeorm';
import type { ContactScore } from '@kejing/shared';
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
 * Stores the scorer's result on the contact, in the scorer's transaction: the figures, how many stage
 * entries they came with and the newest one's time (the explanation itself is not stored: it is worked
 * out from the stored state when read); `nextRecheckAtMs` when the figures next change by time alone (null: never).
 */
export async function storeContactScore(manager: EntityManager, contactId: string, score: ContactScore, scoredAtMs: number, nextRecheckAtMs: number | null): Promise<void> {
  const { stageEvidenceCount, lastStageEvidenceAtMs } = storedFiguresOf(score);
  // Raw UPDATE: this runs for every contact every night, and the ORM's per-call overhead showed in the profile.
  await manager.query(
    `UPDATE contact SET trust = ?, intent = ?, cell = ?, stage = ?, outcome = ?, referral_class = ?, centre_of_influence = ?,
            interest_tags = ?, stage_evidence_count = ?, last_stage_evidence_at_ms = ?, last_touch_at_ms = ?, scored_at_ms = ?, next_recheck_at_ms = ? WHERE id = ?`,
    [score.trust, score.intent, score.cell, score.stage, score.outcome, score.referralClass, score.centreOfInfluence ? 1 : 0,
      JSON.stringify(score.interestTags), stageEvidenceCount, lastStageEvidenceAtMs, score.lastTouchAtMs, scoredAtMs, nextRecheckAtMs, contactId],
  );
}
