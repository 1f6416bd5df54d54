import type { DataSource, EntityManager } from 'typeorm';
import { advanceState, type ContactScore, DEFAULT_SCORING_CONFIG, type ScoringConfig, scoreFromState, stateFromHistory } from '@kejing/shared';
import { STAGE_EVIDENCE_SHOWN } from '../contacts/store-contact-score';
import { loadScoreStates } from './score-states';
import { loadContactContexts, loadScoringEvents } from './scoring-inputs';

/** Contributions the contact page lists: the newest, leaving out those the daily cap made worth nothing. */
const CONTRIBUTIONS_SHOWN = 250;

/** What the contact page is told of a score: the contributions that moved it (none worth zero) and the newest stage entries. */
export function shownExplanation(score: ContactScore): ContactScore {
  const contributions = score.contributions.filter((c) => c.points !== 0);
  return { ...score, contributions: contributions.slice(-CONTRIBUTIONS_SHOWN), stageEvidence: score.stageEvidence.slice(-STAGE_EVIDENCE_SHOWN) };
}

/**
 * Why a contact's stored figures are what they are, worked out when the contact page is read rather
 * than stored by every scoring (issue 15: the stored explanations were most of what a night's
 * scoring wrote). The stored state read as of the scoring that stored the figures gives the same
 * score; a contact without a usable state (too large to store, or dropped by a merge not yet
 * rescored) has the touchpoints it was scored on replayed instead. Null for a contact never scored.
 */
export async function explainStoredScore(
  db: DataSource | EntityManager,
  contact: { id: string; optedOut: boolean; wechatFriend: boolean; policiesHeld: number; scoredAtMs: number | null },
  config: ScoringConfig = DEFAULT_SCORING_CONFIG,
): Promise<ContactScore | null> {
  const asOfMs = contact.scoredAtMs;
  if (asOfMs === null) return null;
  const context = (await loadContactContexts(db, [contact])).get(contact.id) ?? { optedOut: contact.optedOut, engagedReferrals: 0 };
  const stored = (await loadScoreStates(db, [contact.id])).get(contact.id)?.state ?? null;
  const state = advanceState(stored, [], asOfMs, config, { inPlace: true })
    ?? stateFromHistory((await loadScoringEvents(db, [contact.id])).get(contact.id)?.filter((e) => e.scored) ?? [], asOfMs, config);
  return shownExplanation(scoreFromState(state, context, asOfMs, config));
}
