import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../db/columns';

/** One training attempt: whether enough outcomes existed, and the model it produced if any. */
@Entity('deal_training_run')
@Index('idx_deal_training_run_ran', ['ranAtMs'])
export class DealTrainingRun {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @EpochMsColumn({ name: 'ran_at_ms' }) ranAtMs!: number;
  @Column({ type: 'boolean', default: false }) ready!: boolean;
  @Column({ type: 'int' }) outcomes!: number;
  @Column({ type: 'int' }) won!: number;
  @Column({ type: 'int' }) lost!: number;
  @Column({ name: 'reason_zh', type: 'varchar', length: 200 }) reasonZh!: string;
  @Column({ name: 'model_version', type: 'varchar', length: 40, nullable: true }) modelVersion!: string | null;
}
