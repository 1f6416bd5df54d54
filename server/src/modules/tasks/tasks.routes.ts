import { route, RouteDef } from '../../http/route';
import { COMPLIANCE_ERRORS, OPERATORS, SHARERS } from '../../permissions/access';
import type { Services } from '../../services';
import { MorningListQueryDto, SnoozeTaskDto } from './task.dto';

/** A rule set is checked whole by the rules service (a bad rule is named by index, field and reason). */
const FOLLOW_UP_RULE_SET_REQUEST = { type: 'object', required: ['rules'], properties: { rules: { type: 'array', items: { type: 'object', description: 'FollowUpRule (shared/src/kyc1984/follow-up-rules.ts)' } } } };

export function tasksRoutes(s: Pick<Services, 'followUpRules' | 'tasks' | 'morningList'>): RouteDef[] {
  const tag = 'tasks';
  const closed = { 409: 'already closed' };
  return [
    route({
      method: 'get', path: '/api/tasks/today', access: SHARERS, summary: 'The morning list, a page at a time: overdue, today, later, each ranked by deal likelihood × expected value × urgency', tag,
      query: MorningListQueryDto, responds: 'MorningListPage',
      handler: ({ query, actor }) => s.morningList.open(actor, query),
    }),
    route({
      method: 'post', path: '/api/tasks/:taskId/done', access: SHARERS, summary: 'Mark a follow-up done', tag, responds: 'TaskView', errors: closed,
      handler: ({ params, actor }) => s.tasks.complete(actor, params.taskId),
    }),
    route({
      method: 'post', path: '/api/tasks/:taskId/dismiss', access: SHARERS, summary: 'Dismiss a follow-up', tag, responds: 'TaskView', errors: closed,
      handler: ({ params, actor }) => s.tasks.dismiss(actor, params.taskId),
    }),
    route({
      method: 'post', path: '/api/tasks/:taskId/snooze', access: SHARERS, summary: 'Snooze a follow-up until a time or to 明天 / 下周 (an agent\'s reminder is rescheduled and gives up its place)', tag, body: SnoozeTaskDto, responds: 'TaskView', errors: closed,
      handler: ({ body, params, actor }) => s.tasks.snooze(actor, params.taskId, body),
    }),
    route({
      method: 'get', path: '/api/follow-up-rules', access: ['agent', 'leader', 'manager', 'operator', 'admin'], summary: 'The follow-up rules in force', tag,
      responds: 'FollowUpRuleSetView',
      handler: () => s.followUpRules.currentSet(),
    }),
    route({
      method: 'put', path: '/api/follow-up-rules', access: OPERATORS, summary: 'Publish a new rule set (validated whole; a bad rule is refused with index, field and reason)', tag,
      body: { name: 'FollowUpRuleSetRequest', schema: FOLLOW_UP_RULE_SET_REQUEST }, responds: 'FollowUpRuleSetView', errors: COMPLIANCE_ERRORS,
      handler: ({ body, actor }) => s.followUpRules.publish((body as { rules?: unknown } | undefined)?.rules, actor),
    }),
  ];
}
