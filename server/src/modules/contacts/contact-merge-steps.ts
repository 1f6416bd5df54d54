import { moveContactRowsStep } from './contact-merge-step';
import { Contact } from './contact.entity';
import { ContactNote } from './contact-note.entity';
import { ContactPhone } from './contact-phone.entity';

/** The contacts module's own rows in a merge: notes, entered phones, and the people this contact referred (转介绍). */
export const contactNotesMergeStep = moveContactRowsStep('notes', ContactNote);
// An agent never holds one number on two contacts (uq_contact_phone_agent_hash), so phones move without collision.
export const contactPhonesMergeStep = moveContactRowsStep('phones', ContactPhone);
export const referredContactsMergeStep = moveContactRowsStep('referrals', Contact, 'referredByContactId');
