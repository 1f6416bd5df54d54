import type { StaffActor } from './actor';

/**
 * Plain predicate: may this actor see figures of a whole org unit (a team's ranking, a branch's
 * funnel)? An admin everything; a leader or manager their own unit and below; an agent none
 * (an agent sees their own figures through the agent endpoints). Out of scope reads as 404.
 */
export function canSeeOrgUnit(actor: StaffActor, unitPath: string): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'leader' || actor.role === 'manager') return unitPath.startsWith(actor.orgPath);
  return false;
}
