import { moveContactRowsStep } from '../contacts/contact-merge-step';
import { Share } from './share.entity';

/** Forwards the merged contact made keep crediting the person who made them (referral chain). */
export const forwardedShareMergeStep = moveContactRowsStep('forwards', Share, 'forwardedByContactId');
