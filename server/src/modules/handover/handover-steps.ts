import { contactsHandoverStep } from '../contacts/contact-handover.step';
import { policiesHandoverStep } from '../policies/policy-handover.step';
import { tasksHandoverStep } from '../tasks/task-handover.step';
import type { HandoverStep } from './handover-step';

/**
 * Everything that moves when contacts change hands, one step per module that records a contact's
 * agent, in order. A module that starts keeping such records (policies) adds its step here.
 */
export const HANDOVER_STEPS: readonly HandoverStep[] = [
  contactsHandoverStep,
  tasksHandoverStep,
  policiesHandoverStep,
];
