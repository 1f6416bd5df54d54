import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../db/columns';

/**
 * A contact's folded KYC1984 history (shared/src/kyc1984/contact-state.ts), so that the scorer takes
 * in a touchpoint without reading the contact's history (issue 15). Beside the contact, not on it:
 * the lists and the grid read contact rows and have no use for it. No row: the scorer replays the
 * history once and stores one.
 */
@Entity('contact_score_state')
export class ContactScoreState {
  @PrimaryColumn({ name: 'contact_id', type: 'varchar', length: 36 }) contactId!: string;
  /** The state as JSON. */
  @Column({ type: 'text' }) state!: string;
  /** Some touchpoint folded in so far is of an engaged kind (ENGAGED_TYPES): the referral credit it gives up its chain is given. */
  @Column({ type: 'boolean', default: false }) engaged!: boolean;
  @EpochMsColumn({ name: 'updated_at_ms' }) updatedAtMs!: number;
}
