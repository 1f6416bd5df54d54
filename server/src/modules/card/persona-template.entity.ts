import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EpochMsColumn } from '../../db/columns';

/** A persona template for the agent card (千星计划): a style and an intro to start from, kept by operators. */
@Entity('persona_template')
export class PersonaTemplateRow {
  @PrimaryColumn({ type: 'varchar', length: 32 }) code!: string;
  @Column({ type: 'varchar', length: 20 }) name!: string;
  /** The intro with {姓名} and {公司} where the agent's name and company go. */
  @Column({ name: 'intro_template', type: 'varchar', length: 300 }) introTemplate!: string;
  @Column({ type: 'integer' }) position!: number;
  @EpochMsColumn({ name: 'updated_at_ms' }) updatedAtMs!: number;
}
