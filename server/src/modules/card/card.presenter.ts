import type { AgentCardView } from '@kejing/shared';
import type { CardStaffRow } from '../staff/queries/staff-members';

/** The agent's card as customers and the agent see it (千星计划 persona templates). */
export function presentCard(staff: CardStaffRow, companyName: string): AgentCardView {
  return {
    agentId: staff.id,
    name: staff.name,
    photoUrl: staff.photoUrl,
    licenceNo: staff.licenceNo,
    companyName,
    intro: staff.intro,
    personaTemplate: staff.personaTemplate,
  };
}
