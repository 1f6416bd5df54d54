import { canSeeAgentRecord } from './scope';
import type { StaffActor } from './actor';

const actor = (role: StaffActor['role'], orgPath: string, staffId = 'me'): StaffActor => ({
  kind: 'staff', userId: 'u', staffId, role, orgUnitId: 'x', orgPath, bootstrap: false,
});
const teamX = '/co/b1/tx/';
const teamY = '/co/b1/ty/';
const branch2Team = '/co/b2/tz/';

describe('who may see an agent-owned record', () => {
  it.each([
    ['the owning agent', actor('agent', teamX, 'a1'), { agentId: 'a1', orgPath: teamX }, true],
    ['another agent of the same team', actor('agent', teamX, 'a2'), { agentId: 'a1', orgPath: teamX }, false],
    ['the leader of the team', actor('leader', teamX), { agentId: 'a1', orgPath: teamX }, true],
    ['the leader of another team', actor('leader', teamY), { agentId: 'a1', orgPath: teamX }, false],
    ['the manager of the branch', actor('manager', '/co/b1/'), { agentId: 'a1', orgPath: teamX }, true],
    ['the manager of another branch', actor('manager', '/co/b1/'), { agentId: 'a9', orgPath: branch2Team }, false],
    ['a content operator', actor('operator', '/co/'), { agentId: 'a1', orgPath: teamX }, false],
    ['an admin', actor('admin', '/co/'), { agentId: 'a1', orgPath: teamX }, true],
  ])('%s: %s', (_who, who, owner, expected) => {
    expect(canSeeAgentRecord(who, owner)).toBe(expected);
  });
});
