import { moveContactRowsStep } from '../contacts/contact-merge-step';
import { CustomerMessage } from './customer-message.entity';

/** What the person left as 留言 stays with them. */
export const customerMessageMergeStep = moveContactRowsStep('customer_messages', CustomerMessage);
