import { In, type DataSource, type EntityManager } from 'typeorm';
import { StaffMember } from '../staff-member.entity';

/** Staff names by id (unknown ids are absent), inside the caller's transaction when given one. */
export async function staffNamesOf(db: DataSource | EntityManager, staffIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(staffIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.getRepository(StaffMember).find({ select: { id: true, name: true }, where: { id: In(ids) } });
  return new Map(rows.map((s) => [s.id, s.name]));
}
