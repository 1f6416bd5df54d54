import type { DataSource, EntityManager } from 'typeorm';
import { StaffMember } from '../staff-member.entity';

/** What other modules read of a staff member: who they are, their role, their place in the org tree and whether they left. */
export type StaffRow = Pick<StaffMember, 'id' | 'userId' | 'role' | 'orgUnitId' | 'name' | 'deactivatedAtMs'>;

/** What a card shows of its agent. */
export type CardStaffRow = Pick<StaffMember, 'id' | 'name' | 'photoUrl' | 'licenceNo' | 'intro' | 'personaTemplate'>;

/** The staff member a WeChat user is bound to, or null. */
export function staffMemberOfUser(db: DataSource | EntityManager, userId: string): Promise<StaffRow | null> {
  return db.getRepository(StaffMember).findOneBy({ userId });
}

/** Whether any admin has bound WeChat (which retires the bootstrap token). */
export function anyAdminBound(db: DataSource | EntityManager): Promise<boolean> {
  return db.getRepository(StaffMember).createQueryBuilder('staff').where("staff.role = 'admin' AND staff.user_id IS NOT NULL").getExists();
}

export function staffMemberById(db: DataSource | EntityManager, id: string): Promise<StaffRow | null> {
  return db.getRepository(StaffMember).findOneBy({ id });
}

/**
 * Holds a staff member's row until the transaction ends (SELECT … FOR UPDATE), so a per-person
 * daily limit counted inside it cannot be passed by two requests racing: the second waits, then
 * counts what the first committed. SQLite serialises writers itself.
 */
export async function lockStaffMember(manager: EntityManager, id: string): Promise<void> {
  if (manager.connection.options.type === 'better-sqlite3') return;
  await manager.getRepository(StaffMember).findOne({ where: { id }, select: { id: true }, lock: { mode: 'pessimistic_write' } });
}

/** Serving staff of these roles who can log in (bound WeChat), by name: e.g. who may review content. */
export function servingStaffWithRoles(db: DataSource | EntityManager, roles: readonly StaffRow['role'][]): Promise<Pick<StaffRow, 'id' | 'name'>[]> {
  return db.getRepository(StaffMember).createQueryBuilder('s')
    .select(['s.id', 's.name'])
    .where('s.role IN (:...roles)', { roles })
    .andWhere('s.deactivated_at_ms IS NULL AND s.user_id IS NOT NULL')
    .orderBy('s.name', 'ASC').addOrderBy('s.id', 'ASC')
    .getMany();
}
