import { In, type EntityManager } from 'typeorm';
import type { HandoverMove, HandoverStep } from '../handover/handover-step';
import { Policy } from './policy.entity';
import { movePoliciesOfContacts } from './policy.queries';

/**
 * The policies module's part of a handover: the contacts' policies go to the receiving agent (who
 * now serves them: 续期, 周年访). In a pool they stay with the agent who had them until someone
 * takes the contact. The seller keeps the sale in the premium actuals either way.
 */
export const policiesHandoverStep: HandoverStep = {
  name: 'policies',
  async move(manager: EntityManager, move: HandoverMove): Promise<number> {
    if (move.contactIds.length === 0) return 0;
    if (!move.toAgentId) return manager.count(Policy, { where: { contactId: In(move.contactIds) } });
    return movePoliciesOfContacts(manager, move.contactIds, move.toAgentId, move.atMs);
  },
};
