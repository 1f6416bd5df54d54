/** Builders for KYB134 tests (not exported from the package). */
import type { AgentDayActivity } from './activity';
import { addDays } from './day';

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
