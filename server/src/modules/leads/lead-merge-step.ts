import { moveContactRowsStep } from '../contacts/contact-merge-step';
import { Consent } from './consent.entity';
import { Lead } from './lead.entity';

/** Leads and the consents they were given under go with the person. */
export const leadMergeStep = moveContactRowsStep('leads', Lead);
export const consentMergeStep = moveContactRowsStep('consents', Consent);
