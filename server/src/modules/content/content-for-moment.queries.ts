import type { DataSource, EntityManager } from 'typeorm';

/** An approved item to share for a moment: its published version and title. */
export interface MomentContent {
  versionId: string;
  title: string;
}

/**
 * The newest approved, unretired item tagged `tag` that the whole company may see now (a planner
 * working for every agent at once does not pick an item some of them could not share); null if none.
 */
export async function companyContentTagged(db: DataSource | EntityManager, tag: string, nowMs: number): Promise<MomentContent | null> {
  const rows: { id: string; title: string; visible_org_unit_ids: string | null; visible_from_ms: number | string | null; visible_until_ms: number | string | null }[] = await db.query(
    `SELECT v.id, v.title, i.visible_org_unit_ids, i.visible_from_ms, i.visible_until_ms
       FROM content_item i JOIN content_version v ON v.id = i.published_version_id
      WHERE i.status <> 'retired' AND EXISTS (SELECT 1 FROM content_version_tag t WHERE t.version_id = v.id AND t.tag = ?)
      ORDER BY v.approved_at_ms DESC, v.id ASC LIMIT 20`,
    [tag],
  );
  for (const row of rows) {
    const units = row.visible_org_unit_ids ? (JSON.parse(row.visible_org_unit_ids) as string[]) : [];
    const started = row.visible_from_ms === null || nowMs >= Number(row.visible_from_ms);
    const ended = row.visible_until_ms !== null && nowMs >= Number(row.visible_until_ms);
    if (units.length === 0 && started && !ended) return { versionId: row.id, title: row.title };
  }
  return null;
}
