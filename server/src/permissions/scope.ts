import type { StaffActor } from './actor';

/**
 * Which agents' records an actor may see: an agent their own, a leader their team, a manager
 * their subtree, an admin everything. Operators manage content and see no customer records.
 */
export type AgentScope = { all: true } | { all: false; orgPathPrefix: string | null; agentId: string | null };

export function agentScopeOf(actor: StaffActor): AgentScope {
  switch (actor.role) {
    case 'admin':
      return { all: true };
    case 'agent':
      return { all: false, orgPathPrefix: null, agentId: actor.staffId };
    case 'leader':
    case 'manager':
      return { all: false, orgPathPrefix: actor.orgPath, agentId: null };
    case 'operator':
      return { all: false, orgPathPrefix: null, agentId: null };
  }
}

/** Plain predicate: may this actor see a record owned by an agent at this org path? */
export function canSeeAgentRecord(actor: StaffActor, owner: { agentId: string; orgPath: string }): boolean {
  const scope = agentScopeOf(actor);
  if (scope.all) return true;
  if (scope.agentId) return scope.agentId === owner.agentId;
  if (scope.orgPathPrefix) return owner.orgPath.startsWith(scope.orgPathPrefix);
  return false;
}
