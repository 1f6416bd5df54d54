import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { In, IsNull, Not } from 'typeorm';
import { CONTACT_MERGE_UNDO_DAYS, ContactMergeReason, ContactMergeView, isAnonymousName, shownNameOf } from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { retryWhileBusy } from '../../lib/retry-while-busy';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { TouchpointTransactions } from '../events/touchpoint-transactions';
import { Contact } from './contact.entity';
import { ContactMerge, ContactMergeRow } from './contact-merge.entity';
import type { ContactMergeStep, MovedRow } from './contact-merge-step';
import { ContactPhone } from './contact-phone.entity';
import type { ContactResolver } from './contact-resolver';
import type { ContactsService } from './contacts.service';

const DAY_MS = 24 * 3600_000;
const UNDO_MS = CONTACT_MERGE_UNDO_DAYS * DAY_MS;

/** What the survivor knew before a merge filled its gaps from the merged contact: undo puts these back. */
const FILLED_FIELDS = [
  'displayName', 'remarkName', 'realName', 'gender', 'birthday', 'wechatId', 'relationship', 'familyMembers', 'agentTags', 'wechatFriend', 'policiesHeld',
  'referredByContactId', 'firstShareId', 'viewerUserId',
] as const satisfies readonly (keyof Contact)[];
type Filled = Pick<Contact, (typeof FILLED_FIELDS)[number]>;

const pick = (contact: Contact): Filled => Object.fromEntries(FILLED_FIELDS.map((f) => [f, contact[f]])) as Filled;
const empty = (value: unknown) => value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/** The survivor's fields after taking in `from`: its own where it has them, the merged contact's where it has not. */
function filledFields(into: Contact, from: Contact): Partial<Filled> {
  const patch: Partial<Filled> = {};
  for (const field of ['remarkName', 'realName', 'gender', 'birthday', 'wechatId', 'relationship', 'familyMembers', 'referredByContactId', 'firstShareId'] as const) {
    if (empty(into[field]) && !empty(from[field])) (patch as Record<string, unknown>)[field] = from[field];
  }
  // The reader's own name (lead form) beats a placeholder; the agent's remark name still comes first when shown.
  if (isAnonymousName(into.displayName) && !isAnonymousName(from.displayName)) patch.displayName = from.displayName;
  const tags = [...new Set([...(into.agentTags ?? []), ...(from.agentTags ?? [])])];
  if (tags.length !== (into.agentTags ?? []).length) patch.agentTags = tags;
  if (!into.wechatFriend && from.wechatFriend) patch.wechatFriend = true;
  if (from.policiesHeld > into.policiesHeld) patch.policiesHeld = from.policiesHeld;
  return patch;
}

/**
 * One person, one contact (issue 13.3): two contacts of one agent become one, with both
 * histories, by the agent's hand or when a reader proves (verified phone) a number the agent
 * already holds. Each module moves its own rows through its merge step; everything is audited
 * and undoable for CONTACT_MERGE_UNDO_DAYS, which restores both contacts as they were.
 */
export class ContactMergeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly audit: AuditService,
    private readonly contacts: ContactsService,
    private readonly resolver: ContactResolver,
    private readonly touchpoints: Pick<TouchpointTransactions, 'announce'>,
    private readonly steps: readonly ContactMergeStep[],
    /** Rescore now (the scorer); the worker is the fallback through the touchpoints' notice. */
    private readonly rescore: (contactIds: string[]) => Promise<unknown> = async () => undefined,
  ) {}

  /** The agent merges `fromContactId` into `intoContactId` (both theirs). */
  async merge(actor: StaffActor, intoContactId: string, fromContactId: string): Promise<ContactMergeView> {
    if (intoContactId === fromContactId) throw badRequest([{ field: 'fromContactId', reason: '不能把客户合并到自己' }], '不能把客户合并到自己');
    const into = await this.contacts.findInScope(actor, intoContactId);
    const from = await this.contacts.findInScope(actor, fromContactId).catch(() => {
      throw badRequest([{ field: 'fromContactId', reason: '不是您名下的客户' }], '要合并的客户不存在');
    });
    if (into.agentId !== actor.staffId || from.agentId !== actor.staffId) throw new AppError(403, 'not_owner', '只能合并自己名下的客户');
    const merge = await this.run(actor.staffId, into, from, 'manual');
    return this.present(merge, from);
  }

  /**
   * A reader of the agent's share proved a number (WeChat's phone flow) that the agent entered on
   * another contact: the reader's contact is merged into the one the agent named. Called after
   * the lead is stored; a failure leaves both contacts as they were and is only logged.
   */
  async mergeOnVerifiedPhone(found: { agentId: string; contactId: string; phoneHash: string }): Promise<void> {
    try {
      const entered = await this.dataSource.getRepository(ContactPhone).findOneBy({ agentId: found.agentId, phoneHash: found.phoneHash, contactId: Not(found.contactId) });
      if (!entered) return;
      const repo = this.dataSource.getRepository(Contact);
      const into = await repo.findOneBy({ id: entered.contactId, mergedIntoContactId: IsNull() });
      const from = await repo.findOneBy({ id: found.contactId, mergedIntoContactId: IsNull() });
      if (!into || !from) return;
      await this.run(found.agentId, into, from, 'verified_phone');
    } catch (error) {
      this.logger.warn('merge on verified phone failed; the contacts stay apart', { contactId: found.contactId, detail: (error as Error)?.message?.slice(0, 200) });
    }
  }

  /** Merges into this contact, newest first. */
  async mergesInto(actor: StaffActor, contactId: string): Promise<ContactMergeView[]> {
    const contact = await this.contacts.findInScope(actor, contactId);
    const merges = await this.dataSource.getRepository(ContactMerge).find({ where: { intoContactId: contact.id }, order: { createdAtMs: 'DESC' } });
    const merged = await this.dataSource.getRepository(Contact).findBy({ id: In(merges.map((m) => m.fromContactId)) });
    return merges.map((m) => this.present(m, merged.find((c) => c.id === m.fromContactId)));
  }

  /** 撤销合并: both contacts back as they were, within CONTACT_MERGE_UNDO_DAYS. */
  async undo(actor: StaffActor, mergeId: string): Promise<ContactMergeView> {
    const merge = await this.dataSource.getRepository(ContactMerge).findOneBy({ id: mergeId, agentId: actor.staffId });
    if (!merge) throw notFound('merge');
    if (merge.undoneAtMs !== null) throw new AppError(409, 'already_undone', '这次合并已经撤销过了');
    if (this.clock.nowMs() > merge.createdAtMs + UNDO_MS) throw new AppError(409, 'undo_expired', `合并超过${CONTACT_MERGE_UNDO_DAYS}天，不能撤销`);
    const repo = this.dataSource.getRepository(Contact);
    const into = await repo.findOneByOrFail({ id: merge.intoContactId });
    const from = await repo.findOneByOrFail({ id: merge.fromContactId });
    if (into.mergedIntoContactId !== null) throw new AppError(409, 'merged_since', '该客户之后又被合并到其他客户，请先撤销那次合并');
    const rows = await this.dataSource.getRepository(ContactMergeRow).findBy({ mergeId: merge.id });
    await retryWhileBusy(() => this.dataSource.transaction(async (manager) => {
      const claimed = await manager.createQueryBuilder().update(ContactMerge).set({ undoneAtMs: this.clock.nowMs() })
        .where({ id: merge.id, undoneAtMs: IsNull() }).execute();
      if (claimed.affected === 0) throw new AppError(409, 'already_undone', '这次合并已经撤销过了');
      for (const step of [...this.steps].reverse()) {
        const moved: MovedRow[] = rows.filter((r) => r.step === step.name).map((r) => ({ rowId: r.rowId, prior: r.prior }));
        if (moved.length > 0) await step.undo(manager, merge.fromContactId, merge.intoContactId, moved);
      }
      const before = merge.intoBefore as Partial<Filled> & { fromViewerUserId?: string | null };
      const { fromViewerUserId, ...intoFields } = before;
      // The viewer goes back before it is set on the merged contact again: (agent, viewer) is unique.
      await manager.update(Contact, { id: merge.intoContactId }, intoFields);
      await manager.update(Contact, { id: merge.fromContactId }, { mergedIntoContactId: null, ...(fromViewerUserId ? { viewerUserId: fromViewerUserId } : {}) });
      await this.audit.record({
        actorId: actor.staffId, action: 'contact.merge_undo', subjectType: 'contact', subjectId: merge.intoContactId, detail: { mergeId: merge.id, from: merge.fromContactId },
      }, manager);
    }));
    // Every viewer either contact answered for: the cache may send any of them to the survivor.
    const viewers = [into.viewerUserId, from.viewerUserId, (merge.intoBefore as { fromViewerUserId?: string | null }).fromViewerUserId ?? null];
    await this.afterChange(merge.agentId, viewers, [merge.intoContactId, merge.fromContactId]);
    const undone = await this.dataSource.getRepository(ContactMerge).findOneByOrFail({ id: merge.id });
    return this.present(undone, await repo.findOneBy({ id: merge.fromContactId }) ?? undefined);
  }

  private async run(actorId: string, into: Contact, from: Contact, reason: ContactMergeReason): Promise<ContactMerge> {
    // A pooled contact has no agent to merge for; whoever claims it can merge it then.
    const agentId = into.agentId;
    if (agentId === null || from.agentId !== agentId) throw new AppError(409, 'contact_in_pool', '公海中的客户不能合并，请先领取');
    const merge: ContactMerge = {
      id: randomUUID(), agentId, actorId, fromContactId: from.id, intoContactId: into.id, reason,
      intoBefore: { ...pick(into), fromViewerUserId: from.viewerUserId }, moved: {}, createdAtMs: this.clock.nowMs(), undoneAtMs: null,
    };
    await retryWhileBusy(() => this.dataSource.transaction(async (manager) => {
      // The viewer moves to a survivor that has none; otherwise the merged contact keeps it and the resolver follows merged_into.
      const moveViewer = into.viewerUserId === null && from.viewerUserId !== null;
      // The claim: a contact is merged once, and never into a contact that is itself merged away.
      const claimed = await manager.createQueryBuilder().update(Contact).set({ mergedIntoContactId: into.id, ...(moveViewer ? { viewerUserId: null } : {}) })
        .where({ id: from.id, mergedIntoContactId: IsNull() }).execute();
      const survivor = await manager.getRepository(Contact).findOneBy({ id: into.id, mergedIntoContactId: IsNull() });
      if (claimed.affected === 0 || !survivor) throw new AppError(409, 'already_merged', '其中一位客户已经被合并了');
      const patch: Partial<Filled> = filledFields(into, from);
      if (moveViewer) patch.viewerUserId = from.viewerUserId;
      else merge.intoBefore.fromViewerUserId = null;
      if (Object.keys(patch).length > 0) await manager.update(Contact, { id: into.id }, patch);
      for (const step of this.steps) {
        const moved = await step.move(manager, from.id, into.id);
        merge.moved[step.name] = moved.length;
        await this.saveRows(manager, merge.id, step.name, moved);
      }
      await manager.insert(ContactMerge, merge);
      await this.audit.record({ actorId, action: 'contact.merge', subjectType: 'contact', subjectId: into.id, detail: { mergeId: merge.id, from: from.id, reason } }, manager);
    }));
    await this.afterChange(agentId, [from.viewerUserId], [into.id, from.id]);
    return merge;
  }

  private async saveRows(manager: EntityManager, mergeId: string, step: string, moved: MovedRow[]): Promise<void> {
    for (let i = 0; i < moved.length; i += 500) {
      await manager.insert(ContactMergeRow, moved.slice(i, i + 500).map((m) => ({ mergeId, step, rowId: m.rowId, prior: m.prior ?? null })));
    }
  }

  /** The ingestion cache must stop sending the viewer's events to the contact they no longer belong to; both contacts are rescored. */
  private async afterChange(agentId: string, viewerUserIds: (string | null)[], contactIds: string[]): Promise<void> {
    for (const viewer of viewerUserIds) if (viewer) this.resolver.forget(agentId, viewer);
    try {
      await this.rescore(contactIds);
    } catch {
      // Committed; the worker rescores from the notice below.
    }
    this.touchpoints.announce(contactIds);
  }

  private present(merge: ContactMerge, from: Contact | undefined): ContactMergeView {
    return {
      mergeId: merge.id, intoContactId: merge.intoContactId, fromContactId: merge.fromContactId, fromName: from ? shownNameOf(from) : '', reason: merge.reason,
      moved: merge.moved, mergedAt: new Date(merge.createdAtMs).toISOString(),
      undoableUntil: merge.undoneAtMs === null ? new Date(merge.createdAtMs + UNDO_MS).toISOString() : null,
      undoneAt: merge.undoneAtMs === null ? null : new Date(merge.undoneAtMs).toISOString(),
    };
  }
}
