import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ContactSource, DealOutcome, FamilyMember, Gender, GridCellCode, ReferralClass, Stage, TagCode } from '@kejing/shared';
import { EpochMsColumn, FenColumn, UuidColumn } from '../../db/columns';

/** The agent's record of one customer; scores are written by the scorer, never by a request. */
@Entity('contact')
@Index('uq_contact_agent_viewer', ['agentId', 'viewerUserId'], { unique: true })
// The agent's count and grid (cells × stages, without merged-away or opted-out contacts) and the daily
// KYB134 snapshot of every agent's contacts, from the index alone (migration 1767400000000).
@Index('idx_contact_agent_grid', ['agentId', 'cell', 'stage', 'optedOut', 'mergedIntoContactId', 'id', 'outcome', 'referralClass', 'centreOfInfluence', 'createdAtMs'])
// The morning list finds each task's contact by (agent, id) with what it ranks by (migrations 1767300000000, 1767400000000).
@Index('idx_contact_agent_rank', ['agentId', 'id', 'stage', 'outcome', 'optedOut', 'budgetFen'])
// The contact book lists an agent's contacts by last touch, all or of a stage: the page is found in
// these indexes, in order, and only its rows are read; search filters within the agent's rows.
@Index('idx_contact_agent_stage', ['agentId', 'stage', 'mergedIntoContactId', 'lastTouchAtMs', 'id'])
@Index('idx_contact_agent_touch', ['agentId', 'mergedIntoContactId', 'lastTouchAtMs', 'id'])
@Index('idx_contact_recheck', ['nextRecheckAtMs', 'id'])
export class Contact {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  /** The agent who serves the contact; null while it waits in a team's pool (公海, poolOrgUnitId). */
  @UuidColumn({ name: 'agent_id', nullable: true }) agentId!: string | null;
  /** The team whose pool holds the contact; set exactly when agentId is null. */
  @Index('idx_contact_pool') @UuidColumn({ name: 'pool_org_unit_id', nullable: true }) poolOrgUnitId!: string | null;
  /** 移交自: the agent the contact was last handed over from (the receiver sees whom). */
  @UuidColumn({ name: 'handed_over_from_agent_id', nullable: true }) handedOverFromAgentId!: string | null;
  @EpochMsColumn({ name: 'handed_over_at_ms', nullable: true }) handedOverAtMs!: number | null;
  /** When the agent took the contact from the pool: without follow-up for N days after, it goes back. */
  // The daily take-back reads only the claimed contacts, not the whole table (migration 1767400000000).
  @Index('idx_contact_claimed') @EpochMsColumn({ name: 'claimed_at_ms', nullable: true }) claimedAtMs!: number | null;
  /** The WeChat user behind the contact; null for contacts the agent entered by hand. */
  @UuidColumn({ name: 'viewer_user_id', nullable: true }) viewerUserId!: string | null;
  /** The name they gave (lead form), or 微信访客XXXX; what the agent calls them is remarkName. */
  @Column({ name: 'display_name', type: 'varchar', length: 100 }) displayName!: string;
  /** 备注名: the agent's name for them, shown and greeted by first. */
  @Column({ name: 'remark_name', type: 'varchar', length: 30, nullable: true }) remarkName!: string | null;
  @Column({ name: 'real_name', type: 'varchar', length: 30, nullable: true }) realName!: string | null;
  @Column({ type: 'varchar', length: 6, nullable: true }) gender!: Gender | null;
  /** YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10, nullable: true }) birthday!: string | null;
  @Column({ name: 'wechat_id', type: 'varchar', length: 40, nullable: true }) wechatId!: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) relationship!: string | null;
  @Column({ type: 'varchar', length: 8, default: 'share' }) source!: ContactSource;
  @Column({ name: 'family_members', type: 'simple-json', nullable: true }) familyMembers!: FamilyMember[] | null;
  @Column({ name: 'agent_tags', type: 'simple-json', nullable: true }) agentTags!: string[] | null;
  /** Set by the agent: a WeChat friend on record is reachable (stage 1) before any read. */
  @Column({ name: 'wechat_friend', type: 'boolean', default: false }) wechatFriend!: boolean;
  @Column({ name: 'policies_held', type: 'int', default: 0 }) policiesHeld!: number;
  @Index('idx_contact_referred_by') @UuidColumn({ name: 'referred_by_contact_id', nullable: true })
  referredByContactId!: string | null;
  @UuidColumn({ name: 'first_share_id', nullable: true }) firstShareId!: string | null;
  @Column({ type: 'int', default: 0 }) trust!: number;
  @Column({ type: 'int', default: 0 }) intent!: number;
  @Column({ type: 'varchar', length: 9, default: 'low-low' }) cell!: GridCellCode;
  @Column({ type: 'int', default: 1 }) stage!: Stage;
  // The deal index trains on the won and lost contacts, found here rather than by reading every contact.
  @Index('idx_contact_outcome') @Column({ type: 'varchar', length: 8, default: 'open' }) outcome!: DealOutcome;
  @Column({ name: 'referral_class', type: 'varchar', length: 20, default: 'indifferent' }) referralClass!: ReferralClass;
  @Column({ name: 'centre_of_influence', type: 'boolean', default: false }) centreOfInfluence!: boolean;
  @Column({ name: 'interest_tags', type: 'simple-json', nullable: true }) interestTags!: { tag: TagCode; weight: number }[] | null;
  /**
   * How many stage entries the last scoring showed and when the newest was: the next scoring's stage
   * moves are the entries after these. (The explanation itself is worked out from the stored state
   * when the contact page is read: score-explanation.ts.)
   */
  @Column({ name: 'stage_evidence_count', type: 'int', nullable: true }) stageEvidenceCount!: number | null;
  @EpochMsColumn({ name: 'last_stage_evidence_at_ms', nullable: true }) lastStageEvidenceAtMs!: number | null;
  @Column({ name: 'opted_out', type: 'boolean', default: false }) optedOut!: boolean;
  /** The budget (fen) the latest lead form that named one gave; null when none did. Kept from the leads (leads/queries/contact-budgets.ts). */
  @FenColumn({ name: 'budget_fen', nullable: true })
  budgetFen!: number | null;
  @EpochMsColumn({ name: 'last_touch_at_ms', nullable: true }) lastTouchAtMs!: number | null;
  @EpochMsColumn({ name: 'scored_at_ms', nullable: true }) scoredAtMs!: number | null;
  /**
   * When the stored figures next change by time alone (decay, a silence step-back), as the scorer
   * worked out; null: never without a new touchpoint. The daily job rescores contacts whose time has come.
   */
  @EpochMsColumn({ name: 'next_recheck_at_ms', nullable: true }) nextRecheckAtMs!: number | null;
  @EpochMsColumn({ name: 'created_at_ms' }) createdAtMs!: number;
  /** Set while this contact is merged into another (one person, one contact); lists leave it out, undo clears it. */
  @Index('idx_contact_merged_into') @UuidColumn({ name: 'merged_into_contact_id', nullable: true }) mergedIntoContactId!: string | null;
}
