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

/**
 * The staff member a WeChat user is bound to with their unit's path, in one read: every staff
 * request authenticates by it (two reads were a tenth of a MariaDB morning list's round trips).
 */
export async function staffWithUnitPathOfUser(db: DataSource | EntityManager, userId: string): Promise<{ staff: StaffRow; orgPath: string | null } | null> {
  const rows: {
    id: string; user_id: string; role: StaffRow['role']; org_unit_id: string; name: string; deactivated_at_ms: number | string | null; org_path: string | null;
  }[] = await db.query(
    `SELECT s.id, s.user_id, s.role, s.org_unit_id, s.name, s.deactivated_at_ms, u.path AS org_path
       FROM staff_member s LEFT JOIN org_unit u ON u.id = s.org_unit_id WHERE s.user_id = ?`,
    [userId],
  );
  const row = rows[0];
  if (!row) return null;
  const staff: StaffRow = {
    id: row.id, userId: row.user_id, role: row.role, orgUnitId: row.org_unit_id, name: row.name,
    deactivatedAtMs: row.deactivated_at_ms === null ? null : Number(row.deactivated_at_ms),
  };
  return { staff, orgPath: row.org_path };
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
