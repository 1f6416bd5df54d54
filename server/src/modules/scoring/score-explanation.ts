import type { DataSource, EntityManager } from 'typeorm';
import { type ContactScore, DEFAULT_SCORING_CONFIG, type ScoringConfig, scoreFromState, stateFromHistory } from '@kejing/shared';
import { STAGE_EVIDENCE_SHOWN } from '../contacts/store-contact-score';
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
 * than stored by every scoring (issue 15: the explanations were most of what a night's scoring
 * parsed and wrote): the touchpoints the contact was scored on, replayed as of the scoring that
 * stored the figures, give the same score (the stored state is the same fold: contact-state's
 * property test) with its contributions, which the stored state leaves out. Null for a contact never scored.
 */
export async function explainStoredScore(
  db: DataSource | EntityManager,
  contact: { id: string; optedOut: boolean; wechatFriend: boolean; policiesHeld: number; scoredAtMs: number | null },
  config: ScoringConfig = DEFAULT_SCORING_CONFIG,
): Promise<ContactScore | null> {
  const asOfMs = contact.scoredAtMs;
  if (asOfMs === null) return null;
  const context = (await loadContactContexts(db, [contact])).get(contact.id) ?? { optedOut: contact.optedOut, engagedReferrals: 0 };
  const scored = (await loadScoringEvents(db, [contact.id])).get(contact.id)?.filter((e) => e.scored) ?? [];
  return shownExplanation(scoreFromState(stateFromHistory(scored, asOfMs, config), context, asOfMs, config));
}
