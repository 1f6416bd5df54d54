import type { DataSource } from 'typeorm';
import type { OverdueFollowUpsView } from '@kejing/shared';
import type { StaffActor } from '../../permissions/actor';

/**
 * For a leader (their team), a manager (their subtree) or an admin (everyone): each serving member
 * with open follow-ups due before now, the most overdue first. Coaching starts with who is behind.
 */
export async function overdueFollowUpsByMember(db: DataSource, actor: StaffActor, nowMs: number): Promise<OverdueFollowUpsView[]> {
  const inScope = actor.role === 'admin' ? '' : 'AND u.path LIKE ?';
  const rows: { agent_id: string; name: string; unit_name: string; overdue: number | string; oldest: number | string }[] = await db.query(
    `SELECT t.agent_id, s.name, u.name AS unit_name, COUNT(*) AS overdue, MIN(t.due_at_ms) AS oldest
       FROM follow_up_task t
       JOIN staff_member s ON s.id = t.agent_id
       JOIN org_unit u ON u.id = s.org_unit_id
      WHERE t.status = 'open' AND t.due_at_ms < ? AND s.deactivated_at_ms IS NULL ${inScope}
      GROUP BY t.agent_id, s.name, u.name
      ORDER BY oldest ASC, t.agent_id ASC`,
    actor.role === 'admin' ? [nowMs] : [nowMs, `${actor.orgPath}%`],
  );
  return rows.map((r) => ({
    agentId: r.agent_id, agentName: r.name, orgUnitName: r.unit_name, overdue: Number(r.overdue), oldestDueAt: new Date(Number(r.oldest)).toISOString(),
  }));
}
