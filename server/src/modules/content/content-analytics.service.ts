import type { DataSource } from 'typeorm';
import type { ContentKind, ContentMetric, ContentMetricsView, ContentRankingRowView, TagCode, TagFamily, TagRankingRowView } from '@kejing/shared';
import { notFound } from '../../lib/app-error';
import { orgUnitById } from '../org/queries/org-units';
import type { TagsService } from '../tags/tags.service';
import { EMPTY_COUNTS, metricsOf, rankBy, VersionCounts, ViewerRow } from './content-analytics';
import { ContentItem } from './content-item.entity';
import { ContentVersion } from './content-version.entity';

export interface AnalyticsFilter {
  /** Only what agents under this org unit did (their shares, their contacts' touchpoints). */
  orgUnitId?: string;
  fromMs?: number;
  toMs?: number;
}

export interface RankingQuery extends AnalyticsFilter {
  tag?: string;
  kind?: ContentKind;
  sort: ContentMetric;
  /** Leave out items seen by fewer people, so one reader's 100 % does not top the list. */
  minViewers: number;
  limit: number;
}

const CONSUMPTION_TYPES = ['open', 'read_progress', 'read_complete', 'video_progress', 'live_join'];

interface Snapshot {
  items: Map<string, ContentItem>;
  versions: ContentVersion[];
  itemOf: (versionId: string) => string;
  viewers: Map<string, ViewerRow[]>;
  counts: Map<string, VersionCounts>;
}

/** Shares, opens, depth, completion, forwards, leads and stage moves, per item and per tag. */
export class ContentAnalyticsService {
  constructor(private readonly dataSource: DataSource, private readonly tags: TagsService) {}

  async item(itemId: string, filter: AnalyticsFilter): Promise<ContentRankingRowView & { versions: { versionId: string; versionNo: number; metrics: ContentMetricsView }[] }> {
    const snapshot = await this.snapshot(filter, itemId);
    const item = snapshot.items.get(itemId);
    if (!item) throw notFound('content');
    const versions = snapshot.versions.filter((v) => v.itemId === itemId).sort((a, b) => b.versionNo - a.versionNo);
    const current = versions.find((v) => v.id === item.publishedVersionId) ?? (versions[0] as ContentVersion);
    return {
      rank: 1, itemId, kind: item.kind, status: item.status, title: current.title, tags: current.tags,
      metrics: metricsOf(versions.map((v) => v.id), snapshot.itemOf, snapshot.viewers, snapshot.counts),
      versions: versions.map((v) => ({ versionId: v.id, versionNo: v.versionNo, metrics: metricsOf([v.id], snapshot.itemOf, snapshot.viewers, snapshot.counts) })),
    };
  }

  /**
   * Items ranked by a metric: "what works for stage 3 in this branch" is tag=stage:3,
   * orgUnitId=<branch>. An item has a tag when its current version (the published one, else
   * the latest) carries it; its figures cover all its versions.
   */
  async rankItems(query: RankingQuery): Promise<ContentRankingRowView[]> {
    const snapshot = await this.snapshot(query);
    const byItem = new Map<string, ContentVersion[]>();
    for (const v of snapshot.versions) byItem.set(v.itemId, [...(byItem.get(v.itemId) ?? []), v]);
    const rows = [...byItem.entries()].flatMap(([itemId, versions]) => {
      const item = snapshot.items.get(itemId) as ContentItem;
      const current = versions.find((v) => v.id === item.publishedVersionId) ?? versions.reduce((a, b) => (b.versionNo > a.versionNo ? b : a));
      if (query.kind && item.kind !== query.kind) return [];
      if (query.tag && !current.tags.includes(query.tag as TagCode)) return [];
      const metrics = metricsOf(versions.map((v) => v.id), snapshot.itemOf, snapshot.viewers, snapshot.counts);
      if (metrics.uniqueViewers < query.minViewers) return [];
      return [{ key: itemId, itemId, kind: item.kind, status: item.status, title: current.title, tags: current.tags, metrics }];
    });
    return rankBy(rows, query.sort).slice(0, query.limit).map(({ key: _key, ...row }) => row);
  }

  /** Tags ranked by a metric, over every version that carried the tag. */
  async rankTags(query: AnalyticsFilter & { family?: TagFamily; sort: ContentMetric; limit: number }): Promise<TagRankingRowView[]> {
    const snapshot = await this.snapshot(query);
    const names = await this.tags.names();
    const byTag = new Map<string, ContentVersion[]>();
    for (const v of snapshot.versions) for (const tag of v.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), v]);
    for (const code of names.keys()) if (!byTag.has(code)) byTag.set(code, []);
    const rows = [...byTag.entries()]
      .filter(([tag]) => !query.family || tag.startsWith(`${query.family}:`))
      .map(([tag, versions]) => ({
        key: tag, tag: tag as TagCode, name: names.get(tag) ?? tag, items: new Set(versions.map((v) => v.itemId)).size,
        metrics: metricsOf(versions.map((v) => v.id), snapshot.itemOf, snapshot.viewers, snapshot.counts),
      }));
    return rankBy(rows, query.sort).slice(0, query.limit).map(({ key: _key, ...row }) => row);
  }

  /** Everything the figures need, read with one grouped query per source. */
  private async snapshot(filter: AnalyticsFilter, itemId?: string): Promise<Snapshot> {
    const items = await this.dataSource.getRepository(ContentItem).find(itemId ? { where: { id: itemId } } : {});
    const versions = await this.dataSource.getRepository(ContentVersion).find({
      select: { id: true, itemId: true, versionNo: true, title: true, tags: true },
      ...(itemId ? { where: { itemId } } : {}),
    });
    const itemIdOf = new Map(versions.map((v) => [v.id, v.itemId]));
    const scope = await this.scope(filter);
    const window = (column: string) => {
      const parts: string[] = [];
      const params: unknown[] = [];
      if (filter.fromMs !== undefined) {
        parts.push(`${column} >= ?`);
        params.push(filter.fromMs);
      }
      if (filter.toMs !== undefined) {
        parts.push(`${column} < ?`);
        params.push(filter.toMs);
      }
      return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
    };
    const agentIn = (column: string) => (scope === null ? { sql: '', params: [] as unknown[] } : {
      sql: ` AND ${column} IN (SELECT st.id FROM staff_member st INNER JOIN org_unit u ON u.id = st.org_unit_id WHERE u.path LIKE ?)`, params: [`${scope}%`],
    });
    const versionIn = (column: string) => (itemId ? { sql: ` AND ${column} IN (SELECT id FROM content_version WHERE item_id = ?)`, params: [itemId] } : { sql: '', params: [] as unknown[] });
    const where = (...parts: { sql: string; params: unknown[] }[]) => ({ sql: parts.map((p) => p.sql).join(''), params: parts.flatMap((p) => p.params) });

    const ev = where(window('e.occurred_at_ms'), agentIn('e.agent_id'), versionIn('e.content_version_id'));
    const viewerRows = await this.dataSource.query(
      `SELECT e.content_version_id AS version_id, COALESCE(c.viewer_user_id, c.id) AS viewer,
         SUM(CASE WHEN e.type = 'open' THEN 1 ELSE 0 END) AS opens,
         MAX(CASE WHEN e.type = 'read_complete' THEN 100 WHEN e.type = 'read_progress' THEN e.depth_pct WHEN e.type = 'video_progress' THEN e.video_pct ELSE NULL END) AS depth,
         MAX(CASE WHEN e.type = 'read_complete' THEN 1 ELSE 0 END) AS completed
       FROM touchpoint_event e INNER JOIN contact c ON c.id = e.contact_id
       WHERE e.content_version_id IS NOT NULL AND e.type IN (${CONSUMPTION_TYPES.map(() => '?').join(', ')})${ev.sql}
       GROUP BY e.content_version_id, COALESCE(c.viewer_user_id, c.id)`,
      [...CONSUMPTION_TYPES, ...ev.params],
    ) as { version_id: string; viewer: string; opens: number | string; depth: number | string | null; completed: number | string }[];
    const viewers = new Map<string, ViewerRow[]>();
    for (const r of viewerRows) {
      const row: ViewerRow = { versionId: r.version_id, viewer: r.viewer, opens: Number(r.opens), depthPct: r.depth === null ? null : Number(r.depth), completed: Number(r.completed) === 1 };
      viewers.set(r.version_id, [...(viewers.get(r.version_id) ?? []), row]);
    }

    const counts = new Map<string, VersionCounts>();
    const add = (versionId: string, key: keyof VersionCounts, n: number | string) => {
      const c = counts.get(versionId) ?? { ...EMPTY_COUNTS };
      c[key] += Number(n);
      counts.set(versionId, c);
    };
    // `share` and `lead` are quoted: LEAD is a reserved word in MySQL 8 (a window function).
    const sh = where(window('s.created_at_ms'), agentIn('s.agent_id'), versionIn('s.content_version_id'));
    const shareRows = await this.dataSource.query(
      `SELECT s.content_version_id AS version_id,
         SUM(CASE WHEN s.parent_share_id IS NULL THEN 1 ELSE 0 END) AS shares, SUM(CASE WHEN s.parent_share_id IS NULL THEN 0 ELSE 1 END) AS forwards
       FROM \`share\` s WHERE 1 = 1${sh.sql} GROUP BY s.content_version_id`,
      sh.params,
    ) as { version_id: string; shares: number | string; forwards: number | string }[];
    for (const r of shareRows) {
      add(r.version_id, 'shares', r.shares);
      add(r.version_id, 'forwards', r.forwards);
    }

    const ld = where(window('l.created_at_ms'), agentIn('l.agent_id'), versionIn('s.content_version_id'));
    const leadRows = await this.dataSource.query(
      `SELECT s.content_version_id AS version_id, COUNT(*) AS n FROM \`lead\` l INNER JOIN \`share\` s ON s.id = l.share_id WHERE 1 = 1${ld.sql} GROUP BY s.content_version_id`,
      ld.params,
    ) as { version_id: string; n: number | string }[];
    for (const r of leadRows) add(r.version_id, 'leads', r.n);

    const st = where(window('m.at_ms'), agentIn('m.agent_id'), versionIn('m.content_version_id'));
    const moveRows = await this.dataSource.query(
      `SELECT m.content_version_id AS version_id, COUNT(*) AS n FROM contact_stage_change m
       WHERE m.content_version_id IS NOT NULL AND m.to_stage > COALESCE(m.from_stage, 1)${st.sql} GROUP BY m.content_version_id`,
      st.params,
    ) as { version_id: string; n: number | string }[];
    for (const r of moveRows) add(r.version_id, 'stageMoves', r.n);

    return {
      items: new Map(items.map((i) => [i.id, i])),
      versions,
      itemOf: (versionId) => itemIdOf.get(versionId) ?? versionId,
      viewers,
      counts,
    };
  }

  /** The org path prefix to restrict to, or null for the whole company. */
  private async scope(filter: AnalyticsFilter): Promise<string | null> {
    if (!filter.orgUnitId) return null;
    const unit = await orgUnitById(this.dataSource, filter.orgUnitId);
    if (!unit) throw notFound('org_unit');
    return unit.path;
  }
}
