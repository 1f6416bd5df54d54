import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  ContentHistoryEntryView, ContentKind, ContentReviewPartiesView, ContentReviewStatus, OperatorContentDetailView, OperatorContentSummaryView, Page, TagCode,
} from '@kejing/shared';
import { AppError, badRequest, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { AuditDetail, AuditService } from '../audit/audit.service';
import { auditEntriesAbout } from '../audit/queries/audit-entries';
import { orgUnitsByIds } from '../org/queries/org-units';
import { staffNamesOf } from '../staff/queries/staff-names';
import { servingStaffWithRoles } from '../staff/queries/staff-members';
import type { TagsService } from '../tags/tags.service';
import type { ComplianceService } from './compliance.service';
import { DraftInput, PreparedDraft, prepareDraft } from './content-draft';
import { ContentItem, ContentStatus } from './content-item.entity';
import { presentHistory, presentOperatorDetail, presentOperatorSummary } from './content-operator.presenter';
import { ContentVersionTag } from './content-tag.entity';
import { ContentVersion } from './content-version.entity';
import { requireTransition, WorkflowAction } from './content-workflow';

export interface VisibilityInput {
  orgUnitIds: string[];
  visibleFromMs: number | null;
  visibleUntilMs: number | null;
}

export interface OperatorContentQuery {
  status?: ContentReviewStatus;
  kind?: ContentKind;
  q?: string;
  tag?: string;
  page: number;
  pageSize: number;
}

/** How a transition came about, for the audit trail (the import CLI says so). */
export interface TransitionOptions {
  via?: 'api' | 'import';
  reason?: string;
}

const AUDIT_ACTION: Record<WorkflowAction, string> = {
  edit: 'content.edited', submit: 'content.submitted', approve: 'content.approved', reject: 'content.rejected', retire: 'content.retired',
};
const actorIdOf = (actor: StaffActor) => (actor.bootstrap ? null : actor.staffId);
const conflict = () => new AppError(409, 'content_changed');

/**
 * Operators' side of content (issue 5): drafts, immutable versions, the compliance workflow,
 * visibility. Every change is appended to the audit log in the same transaction.
 */
export class ContentAuthoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly tags: TagsService,
    private readonly compliance: ComplianceService,
    private readonly review: { fourEyes: boolean } = { fourEyes: true },
  ) {}

  // ---- reading ----------------------------------------------------------------------------

  async list(query: OperatorContentQuery): Promise<Page<OperatorContentSummaryView>> {
    const qb = this.latestQuery();
    if (query.status) qb.andWhere('item.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('item.kind = :kind', { kind: query.kind });
    if (query.q) qb.andWhere('version.title LIKE :q', { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.tag) qb.andWhere('EXISTS (SELECT 1 FROM content_version_tag t WHERE t.version_id = version.id AND t.tag = :tag)', { tag: query.tag });
    const total = await qb.getCount();
    const rows = (await qb
      .orderBy('version.created_at_ms', 'DESC')
      .addOrderBy('item.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .getMany()) as (ContentItem & { version: ContentVersion })[];
    return { items: rows.map((row) => presentOperatorSummary(row, row.version)), total, page: query.page, pageSize: query.pageSize };
  }

  /** The item as `viewer` sees it on the operator page: whether they may approve is theirs alone. */
  async detail(itemId: string, viewer: StaffActor | null = null): Promise<OperatorContentDetailView> {
    const { item, latest } = await this.load(this.dataSource.manager, itemId);
    const versions = await this.dataSource.getRepository(ContentVersion).find({ where: { itemId }, order: { versionNo: 'DESC' } });
    return presentOperatorDetail(item, latest, versions, await this.history(itemId), await this.reviewParties(latest, viewer), this.clock.nowMs());
  }

  /**
   * Who wrote and submitted the latest version, whether `viewer` may approve it, and who else may:
   * serving operators and admins with a bound WeChat (they can log in) who did neither.
   */
  async reviewParties(latest: ContentVersion, viewer: StaffActor | null): Promise<ContentReviewPartiesView> {
    const names = await staffNamesOf(this.dataSource, [latest.createdBy, latest.submittedBy].filter((id): id is string => id !== null));
    const reviewers = await servingStaffWithRoles(this.dataSource, ['operator', 'admin']);
    return {
      authorName: latest.createdBy === null ? null : names.get(latest.createdBy) ?? null,
      submitterName: latest.submittedBy === null ? null : names.get(latest.submittedBy) ?? null,
      callerMayApprove: viewer !== null && !this.barredFromApproving(latest, actorIdOf(viewer)),
      reviewerNames: reviewers.filter((s) => !this.barredFromApproving(latest, s.id)).map((s) => s.name).slice(0, 20),
    };
  }

  /** Any version of an item, as a reader would see it (preview before and after review). */
  async version(itemId: string, versionId: string): Promise<{ item: ContentItem; version: ContentVersion }> {
    const version = await this.dataSource.getRepository(ContentVersion).findOneBy({ id: versionId, itemId });
    if (!version) throw notFound('content');
    return { item: await this.dataSource.getRepository(ContentItem).findOneByOrFail({ id: itemId }), version };
  }

  /** The item's audit trail, oldest first, with the names of the people who acted. */
  async history(itemId: string): Promise<ContentHistoryEntryView[]> {
    const entries = await auditEntriesAbout(this.dataSource, 'content_item', itemId);
    const names = await staffNamesOf(this.dataSource, entries.map((e) => e.actorId).filter((id): id is string => id !== null));
    return presentHistory(entries, names);
  }

  // ---- writing ----------------------------------------------------------------------------

  /** A new item with version 1 as a draft. */
  async create(actor: StaffActor, kind: ContentKind, input: DraftInput, visibility?: VisibilityInput, sourceKey?: string): Promise<ContentItem> {
    const draft = prepareDraft(kind, input);
    await this.tags.assertKnown(draft.tags);
    if (visibility) await this.checkVisibility(visibility);
    const now = this.clock.nowMs();
    const itemId = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const item = manager.create(ContentItem, {
        id: itemId, kind, status: 'draft', publishedVersionId: null, visibleOrgUnitIds: visibility?.orgUnitIds ?? [],
        visibleFromMs: visibility?.visibleFromMs ?? null, visibleUntilMs: visibility?.visibleUntilMs ?? null,
        sourceKey: sourceKey ?? null, retiredAtMs: null, createdAtMs: now,
      });
      await manager.insert(ContentItem, item);
      const version = await this.insertVersion(manager, actor, itemId, 1, draft);
      await this.record(manager, actor, 'content.created', itemId, { versionId: version.id, versionNo: 1, kind, to: 'draft', ...(sourceKey ? { sourceKey } : {}) });
      return item;
    });
  }

  /** Editing makes a new immutable version (a draft); the published version stays shared until another is approved. */
  async edit(actor: StaffActor, itemId: string, input: DraftInput, options: TransitionOptions = {}): Promise<ContentVersion> {
    const { item } = await this.load(this.dataSource.manager, itemId);
    const draft = prepareDraft(item.kind, input);
    await this.tags.assertKnown(draft.tags);
    return this.dataSource.transaction(async (manager) => {
      const { item: current, latest } = await this.load(manager, itemId);
      const from = current.status;
      const to = requireTransition('edit', from, current.publishedVersionId !== null);
      const version = await this.insertVersion(manager, actor, itemId, latest.versionNo + 1, draft);
      await this.moveItem(manager, current, from, { status: to });
      await this.record(manager, actor, 'content.edited', itemId, { versionId: version.id, versionNo: version.versionNo, from, to, ...(options.via ? { via: options.via } : {}) });
      return version;
    });
  }

  /**
   * draft → in review. The latest version must carry tags and pass the forbidden-word list and
   * WeChat's security check; a blocked submission is itself written to the audit log.
   */
  async submit(actor: StaffActor, itemId: string, options: TransitionOptions = {}): Promise<void> {
    const { item, latest } = await this.load(this.dataSource.manager, itemId);
    requireTransition('submit', item.status, item.publishedVersionId !== null);
    if (latest.tags.length === 0) throw badRequest([{ field: 'tags', reason: '提交审核前请至少选一个标签' }]);
    let traceIds: string[];
    try {
      await this.compliance.assertNoForbiddenWords(latest);
      ({ traceIds } = await this.compliance.assertWeChatPasses(latest, actor.userId));
    } catch (error) {
      if (error instanceof AppError && error.status === 422) {
        await this.record(this.dataSource.manager, actor, 'content.submission_blocked', itemId, {
          versionId: latest.id, versionNo: latest.versionNo, code: error.code, reason: error.message.slice(0, 300),
        });
      }
      throw error;
    }
    await this.transition(actor, itemId, 'submit', latest.id, async (manager, version, now) => {
      await manager.update(ContentVersion, { id: version.id }, { status: 'in_review', submittedBy: actorIdOf(actor), submittedAtMs: now });
      return {};
    }, { ...options, detail: { wechatTraceId: traceIds[0] ?? null } });
  }

  /** in review → approved: this version becomes the one agents share. */
  /**
   * in review → approved. Under the four-eyes rule the approver did not write or submit the
   * version; an import with approval is exempt, its review having happened where the files live.
   */
  async approve(actor: StaffActor, itemId: string, options: TransitionOptions = {}): Promise<void> {
    await this.transition(actor, itemId, 'approve', null, async (manager, version, now) => {
      if (options.via !== 'import' && this.barredFromApproving(version, actorIdOf(actor))) {
        throw new AppError(409, 'four_eyes_self_approval');
      }
      await manager.update(ContentVersion, { id: version.id }, { status: 'approved', approvedAtMs: now, reviewedBy: actorIdOf(actor), reviewedAtMs: now });
      return { publishedVersionId: version.id };
    }, options);
  }

  /** in review → rejected, with the reason the author will read. */
  async reject(actor: StaffActor, itemId: string, reason: string): Promise<void> {
    const trimmed = reason.trim();
    if (trimmed === '') throw badRequest([{ field: 'reason', reason: '请写明驳回原因，方便作者修改' }]);
    await this.transition(actor, itemId, 'reject', null, async (manager, version, now) => {
      await manager.update(ContentVersion, { id: version.id }, { status: 'rejected', rejectionReason: trimmed, reviewedBy: actorIdOf(actor), reviewedAtMs: now });
      return {};
    }, { reason: trimmed });
  }

  /** → retired, for good: agents can no longer share it and every old share answers 410. */
  async retire(actor: StaffActor, itemId: string, reason?: string): Promise<void> {
    await this.transition(actor, itemId, 'retire', null, async (_manager, _version, now) => ({ retiredAtMs: now }), reason ? { reason } : {});
  }

  /** Who sees the item (no units: the whole company) and when; audited, no new version. */
  async setVisibility(actor: StaffActor, itemId: string, visibility: VisibilityInput): Promise<void> {
    await this.checkVisibility(visibility);
    await this.dataSource.transaction(async (manager) => {
      const { item } = await this.load(manager, itemId);
      if (item.status === 'retired') throw new AppError(409, 'illegal_transition', '已下架的内容不能再改可见范围');
      await manager.update(ContentItem, { id: itemId }, {
        visibleOrgUnitIds: visibility.orgUnitIds, visibleFromMs: visibility.visibleFromMs, visibleUntilMs: visibility.visibleUntilMs,
      });
      await this.record(manager, actor, 'content.visibility_changed', itemId, {
        orgUnitIds: visibility.orgUnitIds.join(',') || 'company',
        visibleFromMs: visibility.visibleFromMs, visibleUntilMs: visibility.visibleUntilMs,
      });
    });
  }

  /** The item behind a source key (imports), with its latest version. */
  async findBySourceKey(sourceKey: string): Promise<{ item: ContentItem; latest: ContentVersion } | null> {
    const item = await this.dataSource.getRepository(ContentItem).findOneBy({ sourceKey });
    return item ? this.load(this.dataSource.manager, item.id) : null;
  }

  // ---- inside -----------------------------------------------------------------------------

  /** The four-eyes rule: whoever wrote or submitted a version does not approve it (the bootstrap admin, null, is not barred). */
  private barredFromApproving(version: ContentVersion, staffId: string | null): boolean {
    return this.review.fourEyes && staffId !== null && (staffId === version.createdBy || staffId === version.submittedBy);
  }

  private latestQuery() {
    return this.dataSource
      .getRepository(ContentItem)
      .createQueryBuilder('item')
      .innerJoinAndMapOne(
        'item.version', ContentVersion, 'version',
        'version.item_id = item.id AND version.version_no = (SELECT MAX(v2.version_no) FROM content_version v2 WHERE v2.item_id = item.id)',
      );
  }

  private async load(manager: EntityManager, itemId: string): Promise<{ item: ContentItem; latest: ContentVersion }> {
    const item = await manager.findOneBy(ContentItem, { id: itemId });
    if (!item) throw notFound('content');
    const latest = await manager.findOne(ContentVersion, { where: { itemId }, order: { versionNo: 'DESC' } });
    if (!latest) throw notFound('content');
    return { item, latest };
  }

  /**
   * One workflow step in one transaction: check the state machine, let `apply` change the latest
   * version, move the item only if nobody moved it meanwhile, and append to the audit log.
   */
  private async transition(
    actor: StaffActor,
    itemId: string,
    action: WorkflowAction,
    expectedVersionId: string | null,
    apply: (manager: EntityManager, latest: ContentVersion, now: number) => Promise<Partial<ContentItem>>,
    options: TransitionOptions & { detail?: AuditDetail } = {},
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { item, latest } = await this.load(manager, itemId);
      const from = item.status;
      const to = requireTransition(action, from, item.publishedVersionId !== null);
      if (expectedVersionId !== null && latest.id !== expectedVersionId) throw conflict();
      const now = this.clock.nowMs();
      const changes = await apply(manager, latest, now);
      await this.moveItem(manager, item, from, { ...changes, status: to });
      await this.record(manager, actor, AUDIT_ACTION[action], itemId, {
        versionId: latest.id, versionNo: latest.versionNo, from, to,
        ...(options.reason ? { reason: options.reason } : {}), ...(options.via ? { via: options.via } : {}), ...(options.detail ?? {}),
      });
    });
  }

  /** Compare-and-set on the item's status: a concurrent reviewer's change is never overwritten. */
  private async moveItem(manager: EntityManager, item: ContentItem, from: ContentStatus, changes: Partial<ContentItem>): Promise<void> {
    const result = await manager
      .createQueryBuilder()
      .update(ContentItem)
      .set(changes)
      .where('id = :id AND status = :from', { id: item.id, from })
      .execute();
    if (result.affected !== 1) throw conflict();
  }

  private async insertVersion(manager: EntityManager, actor: StaffActor, itemId: string, versionNo: number, draft: PreparedDraft): Promise<ContentVersion> {
    const version = manager.create(ContentVersion, {
      id: randomUUID(), itemId, versionNo, ...draft, status: 'draft', approvedAtMs: null, submittedBy: null, submittedAtMs: null,
      reviewedBy: null, reviewedAtMs: null, rejectionReason: null, createdBy: actorIdOf(actor), createdAtMs: this.clock.nowMs(),
    });
    await manager.insert(ContentVersion, version);
    if (draft.tags.length > 0) await manager.insert(ContentVersionTag, draft.tags.map((tag: TagCode) => ({ versionId: version.id, tag })));
    return version;
  }

  private async checkVisibility(visibility: VisibilityInput): Promise<void> {
    const ids = [...new Set(visibility.orgUnitIds)];
    if (ids.length > 0) {
      const found = await orgUnitsByIds(this.dataSource, ids);
      const missing = ids.filter((id) => !found.some((u) => u.id === id));
      if (missing.length > 0) throw badRequest(missing.map((id) => ({ field: 'orgUnitIds', reason: `没有这个组织（${id}），请重新选择` })));
    }
    if (visibility.visibleFromMs !== null && visibility.visibleUntilMs !== null && visibility.visibleUntilMs <= visibility.visibleFromMs) {
      throw badRequest([{ field: 'visibleUntil', reason: '下架时间应晚于上架时间' }]);
    }
  }

  private record(manager: EntityManager, actor: StaffActor, action: string, itemId: string, detail: AuditDetail): Promise<void> {
    return this.audit.record({
      actorId: actorIdOf(actor), action, subjectType: 'content_item', subjectId: itemId,
      detail: { ...detail, actorRole: actor.bootstrap ? 'bootstrap_admin' : actor.role },
    }, manager);
  }
}
