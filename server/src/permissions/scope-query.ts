import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import type { StaffActor } from './actor';
import { agentScopeOf } from './scope';

/**
 * Restricts a query over agent-owned rows to what the actor may see. `agentColumn` is the
 * owning agent's column, e.g. "contact.agent_id". Out-of-scope rows simply do not exist (404).
 */
export function whereAgentInScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: StaffActor, agentColumn: string): SelectQueryBuilder<T> {
  const scope = agentScopeOf(actor);
  if (scope.all) return qb;
  if (scope.agentId) return qb.andWhere(`${agentColumn} = :scopeAgentId`, { scopeAgentId: scope.agentId });
  if (scope.orgPathPrefix) {
    return qb.andWhere(
      `${agentColumn} IN (SELECT scope_staff.id FROM staff_member scope_staff INNER JOIN org_unit scope_unit ON scope_unit.id = scope_staff.org_unit_id WHERE scope_unit.path LIKE :scopePath)`,
      { scopePath: `${scope.orgPathPrefix}%` },
    );
  }
  return qb.andWhere('1 = 0');
}
