import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { matchesContentSearch, type ContentKind, type ContentSummaryView, type ContentVersionView, type Page } from '@kejing/shared';
import { AppError, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { ComplianceService } from './compliance.service';
import { tagNamesByCode } from '../tags/queries/tag-names';
import { ContentItem } from './content-item.entity';
import { ContentVersionTag } from './content-tag.entity';
import { ContentVersion } from './content-version.entity';
import type { DraftInput } from './content-draft';
import { presentContentSummary, presentContentVersion } from './content.presenter';
import { htmlToText } from './forbidden-words';

/** A whole item as an admin or the demo creates it: its kind, visibility and first version's text. */
export interface NewContent extends DraftInput {
  kind: ContentKind;
  visibleOrgUnitIds?: string[];
}

export interface ContentQuery {
  q?: string;
  tag?: string;
  kind?: ContentKind;
  page: number;
  pageSize: number;
}

/** Is the item visible at this org path and time? Empty visibility means the whole company. */
export function isVisibleTo(item: ContentItem, orgPath: string, nowMs: number): boolean {
  if (item.visibleFromMs !== null && nowMs < item.visibleFromMs) return false;
  if (item.visibleUntilMs !== null && nowMs >= item.visibleUntilMs) return false;
  if (item.visibleOrgUnitIds.length === 0) return true;
  return item.visibleOrgUnitIds.some((unitId) => orgPath.includes(`/${unitId}/`));
}

/** Approved content as agents see it; operators author it through ContentAuthoringService. */
export class ContentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly compliance: ComplianceService,
    private readonly audit: AuditService,
  ) {}

  /**
   * An admin's item with one approved version, shareable at once: it skips review, not compliance.
   * Its text passes the one check (forbidden words, then WeChat on the admin's behalf) first.
   */
  async publishApproved(actor: StaffActor, content: NewContent): Promise<{ item: ContentItem; version: ContentVersion }> {
    const { traceIds } = await this.compliance.assertPublishable(
      [
        { field: 'title', label: '标题', text: content.title },
        { field: 'summary', label: '摘要', text: content.summary ?? '' },
        { field: 'bodyHtml', label: '正文', text: content.bodyHtml ? htmlToText(content.bodyHtml) : '' },
        { field: 'momentsCopy', label: '朋友圈文案', text: content.momentsCopy ?? '' },
      ],
      { actor, subjectType: 'content_item', subjectId: 'new', scene: 3 },
    );
    const createdBy = actor.bootstrap ? null : actor.staffId;
    return this.createApproved(content, createdBy, async (manager, item) => {
      await this.audit.record({
        actorId: createdBy, action: 'content.created_approved', subjectType: 'content_item', subjectId: item.id, detail: { wechatTraceId: traceIds[0] ?? null },
      }, manager);
    });
  }

  private async createApproved(
    content: NewContent, createdBy: string | null, alsoInTransaction: (manager: EntityManager, item: ContentItem) => Promise<void>,
  ): Promise<{ item: ContentItem; version: ContentVersion }> {
    const now = this.clock.nowMs();
    return this.dataSource.transaction(async (manager) => {
      const itemId = randomUUID();
      const versionId = randomUUID();
      const version = manager.create(ContentVersion, {
        id: versionId, itemId, versionNo: 1, title: content.title, summary: content.summary ?? null, coverUrl: content.coverUrl ?? null,
        bodyHtml: content.bodyHtml ?? null, videoUrl: content.videoUrl ?? null, durationSec: content.durationSec ?? null,
        liveStartsAtMs: content.liveStartsAtMs ?? null, liveEndsAtMs: content.liveEndsAtMs ?? null, replayUrl: content.replayUrl ?? null, channelsFinderId: content.channelsFinderId ?? null, momentsCopy: content.momentsCopy ?? null,
        tags: content.tags, status: 'approved', approvedAtMs: now, createdBy, createdAtMs: now,
      });
      const item = manager.create(ContentItem, {
        id: itemId, kind: content.kind, status: 'approved', publishedVersionId: versionId,
        visibleOrgUnitIds: content.visibleOrgUnitIds ?? [], visibleFromMs: null, visibleUntilMs: null, createdAtMs: now,
      });
      await manager.save(item);
      await manager.save(version);
      if (content.tags.length > 0) await manager.insert(ContentVersionTag, content.tags.map((tag) => ({ versionId, tag })));
      await alsoInTransaction(manager, item);
      return { item, version };
    });
  }

  async listForAgent(actor: StaffActor, query: ContentQuery): Promise<Page<ContentSummaryView>> {
    const qb = this.dataSource
      .getRepository(ContentItem)
      .createQueryBuilder('item')
      .innerJoinAndMapOne('item.version', ContentVersion, 'version', 'version.id = item.published_version_id')
      // Published and not retired: a newer draft in review does not hide the approved version.
      .where('item.status <> :retired', { retired: 'retired' });
    if (query.kind) qb.andWhere('item.kind = :kind', { kind: query.kind });
    if (query.tag) {
      qb.andWhere('EXISTS (SELECT 1 FROM content_version_tag t WHERE t.version_id = version.id AND t.tag = :tag)', { tag: query.tag });
    }
    const rows = (await qb.orderBy('version.approved_at_ms', 'DESC').addOrderBy('item.id', 'ASC').getMany()) as (ContentItem & { version: ContentVersion })[];
    // Visibility is per org path and time window: filtered here, content counts are small.
    let visible = rows.filter((item) => isVisibleTo(item, actor.orgPath, this.clock.nowMs()) || actor.role === 'admin' || actor.role === 'operator');
    // Search over titles, summaries, tag names and synonyms (shared's rule), in memory like the
    // visibility filter: a library is hundreds of items, and tag names live in their own table.
    const q = query.q?.trim();
    if (q) {
      const tagNames = await tagNamesByCode(this.dataSource);
      visible = visible.filter((item) => matchesContentSearch(q, item.version, tagNames));
    }
    const start = (query.page - 1) * query.pageSize;
    return {
      items: visible.slice(start, start + query.pageSize).map((item) => presentContentSummary(item, item.version)),
      total: visible.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** A version with its item; 404 when either is missing. */
  async findVersion(versionId: string): Promise<{ item: ContentItem; version: ContentVersion }> {
    const version = await this.dataSource.getRepository(ContentVersion).findOneBy({ id: versionId });
    if (!version) throw notFound('content');
    const item = await this.dataSource.getRepository(ContentItem).findOneByOrFail({ id: version.itemId });
    return { item, version };
  }

  /**
   * Of these versions, the ones a customer may still be sent to: the item not retired and visible
   * at this org path now. By version id; the retired-share page lists them as 顾问的其他内容.
   */
  async liveSummaries(versionIds: readonly string[], orgPath: string): Promise<Map<string, ContentSummaryView>> {
    if (versionIds.length === 0) return new Map();
    const versions = await this.dataSource.getRepository(ContentVersion).findBy({ id: In([...versionIds]) });
    const items = await this.dataSource.getRepository(ContentItem).findBy({ id: In([...new Set(versions.map((v) => v.itemId))]) });
    const itemById = new Map(items.map((item) => [item.id, item]));
    const now = this.clock.nowMs();
    const live = new Map<string, ContentSummaryView>();
    for (const version of versions) {
      const item = itemById.get(version.itemId);
      if (item && item.status !== 'retired' && isVisibleTo(item, orgPath, now)) live.set(version.id, presentContentSummary(item, version));
    }
    return live;
  }

  /** What an agent previews: the version, if it is approved and visible to them. */
  async versionForAgent(actor: StaffActor, versionId: string): Promise<ContentVersionView> {
    const { item, version } = await this.shareableVersion(actor, versionId);
    return presentContentVersion(item, version, this.clock.nowMs());
  }

  /** Only an approved version of a visible, unretired item may be shared (403 otherwise). */
  async shareableVersion(actor: StaffActor, versionId: string): Promise<{ item: ContentItem; version: ContentVersion }> {
    const found = await this.findVersion(versionId);
    if (!isVisibleTo(found.item, actor.orgPath, this.clock.nowMs()) && actor.role !== 'admin') throw notFound('content');
    if (found.version.status !== 'approved' || found.item.status === 'retired') {
      throw new AppError(403, 'content_not_approved');
    }
    // Shares made before stay pinned to this version, but new ones take the current approved text.
    if (found.item.publishedVersionId !== found.version.id) {
      throw new AppError(403, 'content_version_superseded');
    }
    return found;
  }
}
