import type { DataSource, EntityManager } from 'typeorm';

/** Expected premium when the contact named no budget (the agent's average, once KYB134 knows it). */
export const DEFAULT_EXPECTED_PREMIUM_FEN = 5_000_00;

type Num = number | string;
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Whose budgets: every contact of some agents as of an instant (the daily snapshot). */
export interface BudgetScope {
  agentIds: readonly string[];
  asOfMs: number;
}

/**
 * Each contact's budget as its latest lead form up to `asOfMs` that named one gave it (an earlier
 * form's budget is superseded, a later form without one leaves it standing). Contacts without any
 * are absent. Today's budget is on the contact row (contact-budgets.ts); this one is as of a past instant.
 */
export async function latestLeadBudgets(db: DataSource | EntityManager, scope: BudgetScope): Promise<Map<string, number>> {
  const ids = scope.agentIds;
  if (ids.length === 0) return new Map();
  const rows: { contact_id: string; budget_fen: Num; created_at_ms: Num }[] = await db.query(
    `SELECT contact_id, budget_fen, created_at_ms FROM lead WHERE agent_id IN (${placeholders(ids.length)}) AND budget_fen IS NOT NULL AND created_at_ms <= ?`,
    [...ids, scope.asOfMs],
  );
  const latest = new Map<string, { at: number; budget: number }>();
  for (const r of rows) {
    const at = Number(r.created_at_ms);
    const seen = latest.get(r.contact_id);
    if (!seen || seen.at < at) latest.set(r.contact_id, { at, budget: Number(r.budget_fen) });
  }
  return new Map([...latest].map(([id, v]) => [id, v.budget]));
}
