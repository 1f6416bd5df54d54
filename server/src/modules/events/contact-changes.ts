/**
 * Tells whoever listens (the scorer) which contacts have new committed touchpoints. In-process
 * and best-effort by design: the scorer also catches up from the event table, so a missed
 * notice only delays a score, it never loses one.
 */
export class ContactChanges {
  private readonly listeners: ((contactIds: string[]) => void)[] = [];

  subscribe(listener: (contactIds: string[]) => void): void {
    this.listeners.push(listener);
  }

  publish(contactIds: Iterable<string>): void {
    const ids = [...new Set(contactIds)];
    if (ids.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(ids);
      } catch {
        // A failing listener must never fail the ingestion that already committed.
      }
    }
  }
}
