import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { AgentNotice } from './agent-notice.entity';

/** Erases the agent's notices about these contacts (they repeat names and 留言 text); how many went. */
export async function eraseNoticesAbout(manager: EntityManager, contactIds: string[]): Promise<number> {
  if (contactIds.length === 0) return 0;
  return (await manager.delete(AgentNotice, { contactId: In(contactIds) })).affected ?? 0;
}
