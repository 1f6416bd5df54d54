import type { DealOutcome, Stage } from '../contracts';

/** The moment a contact entered a stage (forward on evidence, or back after silence). */
export interface StageEntry {
  stage: Stage;
  atMs: number;
}

/** One contact's path through the eight stages, as KYC1984 recorded it. */
export interface ContactStageHistory {
  contactId: string;
  /** Every stage entry, oldest first; a step back after silence is an entry too. */
  stageEnteredAt: StageEntry[];
  currentStage: Stage;
  outcome: DealOutcome;
}

/** Entries at or before `asOfMs`, oldest first (input order is not trusted). */
export function entriesUpTo(history: ContactStageHistory, asOfMs: number): StageEntry[] {
  return history.stageEnteredAt.filter((e) => e.atMs <= asOfMs).sort((a, b) => a.atMs - b.atMs);
}

/** The stage a contact was in at `asOfMs`, or null if it did not exist yet. */
export function stageAt(history: ContactStageHistory, asOfMs: number): Stage | null {
  const entries = entriesUpTo(history, asOfMs);
  return entries.length === 0 ? null : entries[entries.length - 1].stage;
}
