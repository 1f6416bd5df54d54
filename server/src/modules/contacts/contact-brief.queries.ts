import type { DataSource, EntityManager } from 'typeorm';
import type { DealOutcome, GridCellCode, Stage } from '@kejing/shared';

/** What another module needs to plan or show a follow-up: who the contact is to their agent, and whether they may be followed up. */
export interface ContactBrief {
  id: string;
  agentId: string;
  agentName: string;
  remarkName: string | null;
  realName: string | null;
  displayName: string;
  cell: GridCellCode;
  stage: Stage;
  outcome: DealOutcome;
  optedOut: boolean;
}

interface BriefRaw {
  id: string; agent_id: string; agent_name: string | null; remark_name: string | null; real_name: string | null; display_name: string;
  cell: GridCellCode; stage: number | string; outcome: DealOutcome; opted_out: number | boolean | string;
}

/**
 * The briefs of the contacts an agent works now, with their agent's name, for planning and telling:
 * unknown ids, contacts merged into another (their history is the survivor's; a merge leaves a
 * stage step-back behind that is no silence) and contacts in a pool (nobody's) are left out.
 */
export async function contactBriefs(db: DataSource | EntityManager, contactIds: readonly string[]): Promise<Map<string, ContactBrief>> {
  const ids = [...new Set(contactIds)];
  const out = new Map<string, ContactBrief>();
  // `+c.merged_into_contact_id`: without it SQLite walks idx_contact_merged_into (nearly every
  // contact is unmerged) instead of looking the ids up; 500 briefs took 80 ms at 100,000 contacts, 7 ms so.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows: BriefRaw[] = await db.query(
      `SELECT c.id, c.agent_id, s.name AS agent_name, c.remark_name, c.real_name, c.display_name, c.cell, c.stage, c.outcome, c.opted_out
         FROM contact c LEFT JOIN staff_member s ON s.id = c.agent_id WHERE c.id IN (${chunk.map(() => '?').join(',')})
          AND +c.merged_into_contact_id IS NULL AND c.agent_id IS NOT NULL`,
      chunk,
    );
    for (const r of rows) {
      out.set(r.id, {
        id: r.id, agentId: r.agent_id, agentName: r.agent_name ?? '', remarkName: r.remark_name, realName: r.real_name, displayName: r.display_name,
        cell: r.cell, stage: Number(r.stage) as Stage, outcome: r.outcome, optedOut: r.opted_out === true || Number(r.opted_out) === 1,
      });
    }
  }
  return out;
}
