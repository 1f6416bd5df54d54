import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn, FenColumn, UuidColumn } from '../../db/columns';

/**
 * An outcome a company imported for one of its contacts, from before Kejing (the deal index learns
 * from it alongside the outcomes recorded here). One per contact: importing it again replaces it.
 */
@Entity('deal_past_outcome')
export class DealPastOutcome {
  @PrimaryColumn({ name: 'contact_id', type: 'varchar', length: 36 }) contactId!: string;
  @Column({ type: 'boolean' }) won!: boolean;
  /** The China day the outcome was settled; the training example's history is cut at its start. */
  @Column({ name: 'outcome_date', type: 'varchar', length: 10 }) outcomeDate!: string;
  @FenColumn({ name: 'premium_fen', nullable: true })
  premiumFen!: number | null;
  @UuidColumn({ name: 'imported_by_staff_id' }) importedByStaffId!: string;
  @EpochMsColumn({ name: 'imported_at_ms' }) importedAtMs!: number;
}
