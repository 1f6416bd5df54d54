import { moveContactRowsStep } from '../contacts/contact-merge-step';
import { TouchpointEvent } from './touchpoint-event.entity';

/** A merged contact's touchpoints become the surviving contact's history (the scorer then rescores it from all of them). */
export const touchpointMergeStep = moveContactRowsStep('touchpoints', TouchpointEvent);
