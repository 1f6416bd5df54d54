import { moveContactRowsStep } from '../contacts/contact-merge-step';
import { AgentNotice } from './agent-notice.entity';

/** Notices about the merged contact open the person they are about. */
export const noticeMergeStep = moveContactRowsStep('notices', AgentNotice);
