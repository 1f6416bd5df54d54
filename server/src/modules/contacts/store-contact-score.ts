import type { EntityManager } from 'typeorm';
import type { ContactScore } from '@kejing/shared';

/**
 * Stores the scorer's result on the contact, in the scorer's transaction; `explanation` is what the
 * agent will see; `nextRecheckAtMs` when the figures next change by time alone (null: never).
 */
export async function storeContactScore(manager: EntityManager, contactId: string, score: ContactScore, explanation: ContactScore, scoredAtMs: number, nextRecheckAtMs: number | null): Promise<void> {
  // Raw UPDATE: this runs for every contact every night, and the ORM's per-call overhead showed in the profile.
  await manager.query(
    `UPDATE contact SET trust = ?, intent = ?, cell = ?, stage = ?, outcome = ?, referral_class = ?, centre_of_influence = ?,
            interest_tags = ?, score_explanation = ?, last_touch_at_ms = ?, scored_at_ms = ?, next_recheck_at_ms = ? WHERE id = ?`,
    [score.trust, score.intent, score.cell, score.stage, score.outcome, score.referralClass, score.centreOfInfluence ? 1 : 0,
      JSON.stringify(score.interestTags), JSON.stringify(explanation), score.lastTouchAtMs, scoredAtMs, nextRecheckAtMs, contactId],
  );
}
