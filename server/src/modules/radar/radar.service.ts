import type { DataSource } from 'typeorm';
import type { CustomerTouchpointType, RadarItemView, ShareChannel } from '@kejing/shared';
import type { StaffActor } from '../../permissions/actor';

const RADAR_LIMIT = 100;
const FOLLOW_ON: CustomerTouchpointType[] = ['read_complete', 'video_progress', 'card_view', 'consult_tap', 'forward', 'lead_submit', 'nps_answer', 'live_join'];

interface VisitRow {
  contact_id: string;
  display_name: string;
  share_id: string;
  channel: ShareChannel;
  parent_share_id: string | null;
  title: string | null;
  opened_at_ms: number | string;
  max_depth: number | string | null;
  dwell_ms: number | string | null;
}

/** 谁看了我: who opened which share of the agent's, when, how far they read, what they did next. */
export class RadarService {
  constructor(private readonly dataSource: DataSource) {}

  /** One line per (contact, share), newest open first; `sinceMs` returns only newer activity. */
  async radar(actor: StaffActor, sinceMs: number | null): Promise<RadarItemView[]> {
    const params: unknown[] = [actor.staffId];
    const since = sinceMs === null ? '' : 'HAVING MAX(e.occurred_at_ms) > ?';
    if (sinceMs !== null) params.push(sinceMs);
    const rows: VisitRow[] = await this.dataSource.query(
      `SELECT e.contact_id, COALESCE(c.remark_name, c.real_name, c.display_name) AS display_name, e.share_id, s.channel, s.parent_share_id, v.title,
              MAX(CASE WHEN e.type = 'open' THEN e.occurred_at_ms END) AS opened_at_ms,
              MAX(e.depth_pct) AS max_depth, MAX(e.dwell_ms) AS dwell_ms
         FROM touchpoint_event e
         JOIN contact c ON c.id = e.contact_id
         JOIN share s ON s.id = e.share_id
         LEFT JOIN content_version v ON v.id = e.content_version_id
        WHERE c.agent_id = ? AND e.share_id IS NOT NULL AND c.opted_out = 0
        GROUP BY e.contact_id, c.remark_name, c.real_name, c.display_name, e.share_id, s.channel, s.parent_share_id, v.title
        ${since}
        ORDER BY MAX(e.occurred_at_ms) DESC
        LIMIT ${RADAR_LIMIT}`,
      params,
    );
    if (rows.length === 0) return [];
    const next: { contact_id: string; share_id: string; type: CustomerTouchpointType }[] = await this.dataSource.query(
      `SELECT DISTINCT contact_id, share_id, type FROM touchpoint_event
        WHERE type IN (${FOLLOW_ON.map(() => '?').join(',')}) AND contact_id IN (${rows.map(() => '?').join(',')})`,
      [...FOLLOW_ON, ...rows.map((r) => r.contact_id)],
    );
    return rows
      .filter((r) => r.opened_at_ms !== null)
      .map((r) => ({
        contactId: r.contact_id,
        contactName: r.display_name,
        shareId: r.share_id,
        channel: r.channel,
        forwarded: r.parent_share_id !== null,
        contentTitle: r.title ?? '',
        openedAt: new Date(Number(r.opened_at_ms)).toISOString(),
        maxDepthPct: Number(r.max_depth ?? 0),
        dwellMs: Number(r.dwell_ms ?? 0),
        nextActions: next.filter((n) => n.contact_id === r.contact_id && n.share_id === r.share_id).map((n) => n.type),
      }));
  }
}
