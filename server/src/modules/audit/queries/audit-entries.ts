import type { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from '../audit-entry.entity';

/** An audit entry as others read it (the audit module alone writes them). */
export type AuditEntryRow = Pick<AuditEntry, 'action' | 'actorId' | 'detail' | 'atMs'>;

/** Everything recorded about one subject (a content item's history), in no particular order. */
export function auditEntriesAbout(db: DataSource | EntityManager, subjectType: string, subjectId: string): Promise<AuditEntryRow[]> {
  return db.getRepository(AuditEntry).find({ where: { subjectType, subjectId } });
}
