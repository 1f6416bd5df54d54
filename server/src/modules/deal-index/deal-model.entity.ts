import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DealModel } from '@kejing/shared';
import { EpochMsColumn } from '../../db/columns';

/** A trained deal model with its held-out evaluation; the newest active one scores contacts. */
@Entity('deal_model')
@Index('idx_deal_model_trained', ['trainedAtMs'])
export class DealModelRow {
  @PrimaryColumn({ type: 'varchar', length: 40 }) version!: string;
  @EpochMsColumn({ name: 'trained_at_ms' }) trainedAtMs!: number;
  /** False when the held-out AUC was below the bar: stored for the record, never used. */
  @Column({ type: 'boolean', default: false }) active!: boolean;
  @Column({ name: 'train_n', type: 'int' }) trainN!: number;
  @Column({ name: 'holdout_n', type: 'int' }) holdoutN!: number;
  @Column({ name: 'auc_permille', type: 'int', nullable: true }) aucPermille!: number | null;
  /** Weights, standardisation and evaluation (AUC, calibration, Brier). */
  @Column({ type: 'simple-json' }) model!: DealModel;
}
