import type { EntityManager } from 'typeorm';

/** One move of some contacts: from an agent or a pool, to an agent or a pool, at an instant. */
export interface HandoverMove {
  contactIds: string[];
  /** Null when the contacts come from a pool. */
  fromAgentId: string | null;
  /** Null when they go to the pool of poolOrgUnitId. */
  toAgentId: string | null;
  poolOrgUnitId: string | null;
  /** Claimed or allocated from a pool: the take-back clock starts. */
  fromPool: boolean;
  atMs: number;
}

/**
 * What one module moves when contacts change hands: its own rows, in the caller's transaction.
 * Each module that keeps records of a contact's agent owns one step; the list is handover-steps.ts.
 */
export interface HandoverStep {
  /** Names what was moved in the result ("contacts", "tasks" …). */
  name: string;
  /** Contacts this step cannot move to the receiver, with the reason in Chinese; they stay where they are. */
  blocked?(manager: EntityManager, move: HandoverMove): Promise<Map<string, string>>;
  /** Moves the step's rows; returns how many. */
  move(manager: EntityManager, move: HandoverMove): Promise<number>;
}
