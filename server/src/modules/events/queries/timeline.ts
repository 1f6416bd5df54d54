import type { DataSource, EntityManager } from 'typeorm';
import type { TouchpointType } from '@kejing/shared';
import { TouchpointEvent } from '../touchpoint-event.entity';

/** A touchpoint as a contact's timeline shows it, with its content's title. */
export interface TimelineRow {
  id: string;
  type: TouchpointType;
  occurredAtMs: number;
  title: string | null;
  depthPct: number | null;
  dwellMs: number | null;
  note: string | null;
}

/** The contact's latest touchpoints, newest first. */
export async function timelineOf(db: DataSource | EntityManager, contactId: string, limit: number): Promise<TimelineRow[]> {
  type Num = number | string;
  const rows: (Omit<TimelineRow, 'occurredAtMs' | 'depthPct' | 'dwellMs'> & { occurredAtMs: Num; depthPct: Num | null; dwellMs: Num | null })[] = await db
    .getRepository(TouchpointEvent)
    .createQueryBuilder('event')
    .leftJoin('content_version', 'version', 'version.id = event.content_version_id')
    .select([
      'event.id AS id', 'event.type AS type', 'event.occurred_at_ms AS occurredAtMs', 'version.title AS title', 'event.depth_pct AS depthPct',
      'event.dwell_ms AS dwellMs', 'event.note AS note',
    ])
    .where('event.contact_id = :contactId', { contactId })
    .orderBy('event.occurred_at_ms', 'DESC')
    .limit(limit)
    .getRawMany();
  // MariaDB hands BIGINT columns back as strings.
  return rows.map((r) => ({
    ...r, occurredAtMs: Number(r.occurredAtMs), depthPct: r.depthPct === null ? null : Number(r.depthPct), dwellMs: r.dwellMs === null ? null : Number(r.dwellMs),
    note: r.note ?? null,
  }));
}
