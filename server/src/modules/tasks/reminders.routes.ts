import { route, RouteDef } from '../../http/route';
import { SHARERS } from '../../permissions/access';
import type { Services } from '../../services';
import { CreateReminderDto } from './task.dto';

/** The agent's own reminders (提醒): set from the contact page or from 今日; done, snoozed and dismissed as any task. */
export function remindersRoutes(s: Pick<Services, 'reminders'>): RouteDef[] {
  const tag = 'tasks';
  return [
    route({
      method: 'post', path: '/api/reminders', access: SHARERS, tag, body: CreateReminderDto, responds: 'TaskView', status: 201,
      summary: 'Set a reminder for one of my contacts (a time, optionally repeating); due today it takes the contact\'s place on the morning list at once',
      errors: { 404: 'no such contact of mine', 409: 'the contact opted out of follow-ups' },
      handler: ({ body, actor }) => s.reminders.create(actor, body),
    }),
    route({
      method: 'get', path: '/api/contacts/:contactId/reminders', access: SHARERS, tag, responds: 'TaskView[]',
      summary: 'The contact\'s reminders not yet done, soonest first', errors: { 404: 'no such contact of mine' },
      handler: ({ params, actor }) => s.reminders.ofContact(actor, params.contactId),
    }),
    route({
      method: 'delete', path: '/api/reminders/:taskId', access: SHARERS, tag, responds: 'nothing', status: 204,
      summary: 'Cancel a reminder and its repeats; what waited for the place takes it', errors: { 404: 'no such reminder of mine', 409: 'already closed' },
      handler: async ({ params, actor }) => {
        await s.reminders.cancel(actor, params.taskId);
      },
    }),
  ];
}
