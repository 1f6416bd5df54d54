import type { DataSource, EntityManager } from 'typeorm';
import { StaffMember } from './staff-member.entity';

/** What other modules read of a staff member: who they are, their role and their place in the org tree. */
export type StaffRow = Pick<StaffMember, 'id' | 'userId' | 'role' | 'orgUnitId' | 'name'>;

/** What a card shows of its agent. */
export type CardStaffRow = Pick<StaffMember, 'id' | 'name' | 'photoUrl' | 'licenceNo' | 'intro' | 'personaTemplate'>;

export function staffMemberById(db: DataSource | EntityManager, id: string): Promise<StaffRow | null> {
  return db.getRepository(StaffMember).findOneBy({ id });
}
