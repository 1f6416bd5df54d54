import type { DataSource, EntityManager } from 'typeorm';
import { In, LessThan } from 'typeorm';
import { AgentNotice } from './agent-notice.entity';

/** Erases the agent's notices about these contacts (they repeat names and 留言 text); how many went. */
export async function eraseNoticesAbout(manager: EntityManager, contactIds: string[]): Promise<number> {
  if (contactIds.length === 0) return 0;
  return (await manager.delete(AgentNotice, { contactId: In(contactIds) })).affected ?? 0;
}

/**
 * Retention: deletes notices created before `beforeMs`, one agent at a time on
 * idx_agent_notice_agent (agent, created): each statement ranges over one agent's old notices
 * instead of scanning the whole table for old ones. Returns how many went.
 */
export async function deleteNoticesCreatedBefore(dataSource: DataSource, beforeMs: number): Promise<number> {
  const agents: { agent_id: string }[] = await dataSource.query('SELECT DISTINCT agent_id FROM agent_notice');
  let deleted = 0;
  for (const { agent_id: agentId } of agents) {
    deleted += (await dataSource.getRepository(AgentNotice).delete({ agentId, createdAtMs: LessThan(beforeMs) })).affected ?? 0;
  }
  return deleted;
}
