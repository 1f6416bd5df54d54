/**
 * The two KYB134 inputs no other table holds: the agent's own study of content (Knowledge) and
 * the days the morning list was opened (Habit).
 */
import type { DataSource } from 'typeorm';
import type { RecordStudyView } from '@kejing/shared';
import { notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import { AgentContentStudy } from './agent-content-study.entity';
import { chinaDayOf } from '../../lib/china-day';
import { MorningListOpen } from './morning-list-open.entity';

/** Another request inserted the same key first: fine; anything else is a real error. */
function ignoreDuplicate(error: unknown): void {
  const e = error as { code?: string; message?: string };
  if (e.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed|SQLITE_CONSTRAINT/.test(e.message ?? '')) return;
  throw error;
}

export class Kyb134InputsService {
  constructor(private readonly dataSource: DataSource, private readonly clock: Clock) {}

  /** Keeps the deepest read of the item on today's China day. */
  async recordStudy(actor: StaffActor, contentVersionId: string, depthPct: number): Promise<RecordStudyView> {
    const rows: { item_id: string }[] = await this.dataSource.query(
      "SELECT item_id FROM content_version WHERE id = ? AND status = 'approved'", [contentVersionId],
    );
    const itemId = rows[0]?.item_id;
    if (!itemId) throw notFound('content');
    const nowMs = this.clock.nowMs();
    const day = chinaDayOf(nowMs);
    const repo = this.dataSource.getRepository(AgentContentStudy);
    const seen = await repo.findOneBy({ agentId: actor.staffId, itemId, day });
    const deepest = Math.max(seen?.depthPct ?? 0, depthPct);
    if (!seen) {
      // Two reports in the same instant race to insert; the loser keeps the deeper value below.
      await repo.insert({ agentId: actor.staffId, itemId, day, depthPct: deepest, updatedAtMs: nowMs }).catch(ignoreDuplicate);
    }
    await repo.createQueryBuilder().update().set({ depthPct: deepest, updatedAtMs: nowMs })
      .where('agent_id = :agentId AND item_id = :itemId AND day = :day AND depth_pct < :deepest', { agentId: actor.staffId, itemId, day, deepest })
      .execute();
    return { itemId, day, depthPct: deepest };
  }

  /** Notes that the agent opened today's morning list (once per day; later opens change nothing). */
  async recordMorningListOpen(agentId: string): Promise<void> {
    const nowMs = this.clock.nowMs();
    const day = chinaDayOf(nowMs);
    const repo = this.dataSource.getRepository(MorningListOpen);
    if (await repo.existsBy({ agentId, day })) return;
    await repo.insert({ agentId, day, openedAtMs: nowMs }).catch(ignoreDuplicate);
  }
}
