/**
 * When a changed contact is scored: `first` ahead of the rest (an act that may start a follow-up),
 * or `in_turn` (only progress reports of a read in progress). See shared's scoresFirst.
 */
export type ScoringTurn = 'first' | 'in_turn';

/**
 * Tells whoever listens (the scorer) which contacts have new committed touchpoints. In-process
 * and best-effort by design: the scorer also catches up from the event table, so a missed
 * notice only delays a score, it never loses one.
 */
export class ContactChanges {
  private readonly listeners: ((contactIds: string[], turn: ScoringTurn) => void)[] = [];

  subscribe(listener: (contactIds: string[], turn: ScoringTurn) => void): void {
    this.listeners.push(listener);
  }

  publish(contactIds: Iterable<string>, turn: ScoringTurn = 'first'): void {
    const ids = [...new Set(contactIds)];
    if (ids.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(ids, turn);
      } catch {
        // A failing listener must never fail the ingestion that already committed.
      }
    }
  }
}
