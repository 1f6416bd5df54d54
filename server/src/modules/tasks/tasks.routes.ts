import type { RouteDef } from '../../http/route';
import { actorOf } from '../../middleware/auth';
import { validated } from '../../middleware/validate';
import type { Services } from '../../services';
import { SnoozeTaskDto } from './task.dto';

export function tasksRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'get', path: '/api/tasks/today',
      handler: async (ctx) => {
        const actor = actorOf(ctx);
        ctx.body = await s.tasks.today(actor);
        // KYB134 Habit counts the days the morning list was opened.
        await s.kyb134Inputs.recordMorningListOpen(actor.staffId);
      },
    },
    { method: 'post', path: '/api/tasks/:taskId/done', handler: async (ctx) => void (ctx.body = await s.tasks.complete(actorOf(ctx), String(ctx.params.taskId))) },
    { method: 'post', path: '/api/tasks/:taskId/dismiss', handler: async (ctx) => void (ctx.body = await s.tasks.dismiss(actorOf(ctx), String(ctx.params.taskId))) },
    {
      method: 'post', path: '/api/tasks/:taskId/snooze',
      handler: async (ctx) => {
        const { until } = await validated(SnoozeTaskDto, ctx.request.body);
        ctx.body = await s.tasks.snooze(actorOf(ctx), String(ctx.params.taskId), until);
      },
    },
    { method: 'get', path: '/api/follow-up-rules', handler: async (ctx) => void (ctx.body = await s.followUpRules.currentSet()) },
    {
      method: 'put', path: '/api/follow-up-rules',
      handler: async (ctx) => {
        const body = ctx.request.body as { rules?: unknown } | undefined;
        const actor = actorOf(ctx);
        ctx.body = await s.followUpRules.publish(body?.rules, actor);
      },
    },
  ];
}
