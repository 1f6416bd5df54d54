import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NoticeKind, NoticePushState } from '@kejing/shared';
import { EpochMsColumn, UuidColumn } from '../../db/columns';

/** One notice to an agent (消息): held in the app whatever becomes of its WeChat push. */
@Entity('agent_notice')
@Index('uq_agent_notice_source', ['agentId', 'sourceKey'], { unique: true })
@Index('idx_agent_notice_agent', ['agentId', 'createdAtMs'])
@Index('idx_agent_notice_push', ['pushState', 'pushAfterMs'])
export class AgentNotice {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @UuidColumn({ name: 'agent_id' }) agentId!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: NoticeKind;
  /** The event it tells of ("lead:<client event id>"): the same event never makes a second notice. */
  @Column({ name: 'source_key', type: 'varchar', length: 160 }) sourceKey!: string;
  @Column({ type: 'varchar', length: 40 }) title!: string;
  @Column({ type: 'varchar', length: 300 }) body!: string;
  @UuidColumn({ name: 'contact_id', nullable: true }) contactId!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) page!: string | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
  @EpochMsColumn({ name: 'read_at_ms', nullable: true }) readAtMs!: number | null;
  @Column({ name: 'push_state', type: 'varchar', length: 12 }) pushState!: NoticePushState;
  /** For a queued push: not before this instant (the end of the agent's quiet hours). */
  @EpochMsColumn({ name: 'push_after_ms', nullable: true }) pushAfterMs!: number | null;
  @EpochMsColumn({ name: 'pushed_at_ms', nullable: true }) pushedAtMs!: number | null;
  @Column({ name: 'push_error', type: 'varchar', length: 120, nullable: true }) pushError!: string | null;
}
