/** Builders for KYB134 tests (not exported from the package). */
import type { DealOutcome, Stage } from '../contracts';
import type { AgentDayActivity } from './activity';
import { addDays, DAY_MS } from './day';
import type { ContactStageHistory } from './stage-history';

/** One agent's days from `firstDay`, one object of overrides per day. */
export function buildDays(firstDay: string, rows: Partial<AgentDayActivity>[], agentId = 'a1'): AgentDayActivity[] {
  return rows.map((row, i) => ({
    agentId,
    day: addDays(firstDay, i),
    shares: 0,
    touchpointsProduced: 0,
    tasksDone: 0,
    tasksDue: 0,
    tasksDoneOnTime: 0,
    morningListOpened: false,
    ...row,
  }));
}

/** A contact from [stage, day] pairs. */
export const history = (contactId: string, path: [Stage, number][], outcome: DealOutcome = 'open'): ContactStageHistory => ({
  contactId,
  stageEnteredAt: path.map(([stage, day]) => ({ stage, atMs: day * DAY_MS })),
  currentStage: path[path.length - 1][0],
  outcome,
});
