import { moveContactRowsStep } from '../contacts/contact-merge-step';
import { ContactStageChange } from './contact-stage-change.entity';

/** The stage moves recorded for the merged contact stay in the person's history. */
export const stageChangeMergeStep = moveContactRowsStep('stage_changes', ContactStageChange);
