import { route, RouteDef } from '../../http/route';
import { LEADERS, SHARERS, STAFF_MANAGERS, STAFF_READERS } from '../../permissions/access';
import type { Services } from '../../services';
import { overdueFollowUpsByMember } from '../tasks/overdue-follow-ups';
import { AllocateFromPoolDto, DeactivateStaffDto, HandoverDto, UpdateStaffDto } from './handover.dto';

const MOVE_ERRORS = { 409: 'a contact was moved or claimed meanwhile, or the receiver already holds the person' } as const;

/** The staff lifecycle (list, move, change role, deactivate), handover of contacts, and the team pool (公海). */
export function staffLifecycleRoutes(s: Pick<Services, 'staff' | 'handover' | 'pool' | 'dataSource' | 'clock'>): RouteDef[] {
  const tag = 'staff';
  return [
    route({
      method: 'get', path: '/api/admin/staff', access: STAFF_MANAGERS, summary: 'Staff of the caller\'s subtree (everyone for an admin), leavers included', tag,
      responds: 'StaffMemberView[]', handler: ({ actor }) => s.staff.list(actor),
    }),
    route({
      method: 'patch', path: '/api/admin/staff/:staffId', access: STAFF_MANAGERS, tag, body: UpdateStaffDto, responds: 'StaffMemberView',
      summary: 'Move a staff member to another org unit and/or change their role (their contacts go with them; scope follows)',
      errors: { 409: 'a role that holds no contacts while they hold some, or the person left' },
      handler: ({ actor, params, body }) => s.staff.update(actor, params.staffId, body),
    }),
    route({
      method: 'post', path: '/api/admin/staff/:staffId/deactivate', access: STAFF_MANAGERS, tag, body: DeactivateStaffDto, responds: 'DeactivatedStaffView',
      summary: 'An agent leaves: sessions end at once, login and binding refused from now on, every contact (with its open follow-ups) handed to receiverAgentId or the team pool',
      errors: { 409: 'already deactivated, or a contact was moved meanwhile' },
      handler: ({ actor, params, body }) => s.handover.deactivate(actor, params.staffId, body.receiverAgentId),
    }),
    route({
      method: 'get', path: '/api/admin/staff/:staffId/contacts', access: STAFF_MANAGERS, summary: 'The contacts a staff member serves, to choose some for a handover', tag,
      responds: 'ContactSummaryView[]', handler: ({ actor, params }) => s.handover.contactsOf(actor, params.staffId),
    }),
    route({
      method: 'post', path: '/api/admin/handovers', access: STAFF_MANAGERS, tag, body: HandoverDto, responds: 'HandoverResultView',
      errors: { ...MOVE_ERRORS, 404: 'fromAgentId is no staff member in the caller\'s subtree' },
      summary: 'Hand over all (no contactIds) or some of an agent\'s contacts, with their history and open follow-ups, to another agent or (no receiverAgentId) the team pool',
      handler: ({ actor, body }) => s.handover.handOver(actor, body),
    }),
    route({
      method: 'get', path: '/api/pool', access: STAFF_READERS, summary: 'Contacts waiting in the pool (公海): an agent\'s or leader\'s team, a manager\'s subtree, an admin\'s all', tag,
      responds: 'PoolContactView[]', handler: ({ actor }) => s.pool.list(actor),
    }),
    route({
      method: 'post', path: '/api/pool/:contactId/claim', access: SHARERS, summary: 'Claim a contact from the own team\'s pool (a daily limit per agent)', tag,
      responds: 'PoolMoveView', errors: { 409: 'the daily claim limit is reached (claim_limit_reached), the contact was taken, or the agent already holds the person' },
      handler: ({ actor, params }) => s.pool.claim(actor, params.contactId),
    }),
    route({
      method: 'post', path: '/api/pool/:contactId/allocate', access: LEADERS, summary: 'Give a pooled contact to a serving agent of the pool\'s team', tag,
      body: AllocateFromPoolDto, responds: 'PoolMoveView', errors: MOVE_ERRORS,
      handler: ({ actor, params, body }) => s.pool.allocate(actor, params.contactId, body.agentId),
    }),
    route({
      method: 'get', path: '/api/admin/overdue-follow-ups', access: LEADERS, summary: 'Members of the caller\'s team or subtree with overdue follow-ups, the most overdue first', tag,
      responds: 'OverdueFollowUpsView[]', handler: ({ actor }) => overdueFollowUpsByMember(s.dataSource, actor, s.clock.nowMs()),
    }),
  ];
}
