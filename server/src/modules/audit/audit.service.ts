import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { AuditDetail, AuditEntry } from './audit-entry.entity';

/** What an entry's detail may hold; callers of record build it. */
export type { AuditDetail };

/** Appends to the audit log. There is deliberately no update or delete here. */
export class AuditService {
  constructor(private readonly dataSource: DataSource, private readonly clock: Clock) {}

  async record(
    entry: { actorId: string | null; action: string; subjectType: string; subjectId: string; detail?: AuditDetail },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.insert(AuditEntry, {
      id: randomUUID(), actorId: entry.actorId, action: entry.action, subjectType: entry.subjectType, subjectId: entry.subjectId,
      detail: entry.detail ?? null, atMs: this.clock.nowMs(),
    });
  }
}
