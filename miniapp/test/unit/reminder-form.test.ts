import type { TaskView } from '@kejing/shared'
import { checkReminder, newReminderDraft, quickTimes, reminderDateRange, reminderRequest, reminderWhen } from '../../src/tasks/reminder-form'
import { snoozeDateRange, snoozeDateUntil } from '../../src/tasks/snooze'

/** An instant given as China wall-clock time. */
const cn = (iso: string) => Date.parse(`${iso}+08:00`)

describe('the reminder sheet', () => {
  it('offers 今晚 only while it is an hour or more ahead, then 明天, 后天 and 下周一 (a Monday\'s is the Monday after)', () => {
    expect(quickTimes(cn('2026-11-02T10:00:00')).map((q) => `${q.label}=${q.day} ${q.time}`)).toEqual([
      '今晚 20:00=2026-11-02 20:00', '明天 09:00=2026-11-03 09:00', '后天 09:00=2026-11-04 09:00', '下周一 09:00=2026-11-09 09:00',
    ])
    expect(quickTimes(cn('2026-11-02T19:30:00')).map((q) => q.label)).toEqual(['明天 09:00', '后天 09:00', '下周一 09:00'])
    // Just after midnight China time (still the day before in UTC), 明天 is the day after this one.
    expect(quickTimes(cn('2026-11-08T00:30:00'))[1]).toEqual({ label: '明天 09:00', day: '2026-11-09', time: '09:00' })
  })

  it('starts at tomorrow 09:00 as a call, and offers dates from today to a year ahead', () => {
    expect(newReminderDraft(cn('2026-11-02T23:50:00'))).toEqual({ day: '2026-11-03', time: '09:00', note: '', channel: 'call', repeat: null })
    expect(reminderDateRange(cn('2026-11-02T10:00:00'))).toEqual({ start: '2026-11-02', end: '2027-11-02' })
  })

  it.each([
    ['no note', { note: '  ' }, 'note'],
    ['a note too long', { note: '字'.repeat(201) }, 'note'],
    ['a time already past', { day: '2026-11-02', time: '09:59' }, 'dueAt'],
    ['no time', { time: '' }, 'dueAt'],
  ] as const)('refuses %s before sending, by field', (_name, change, field) => {
    const draft = { ...newReminderDraft(cn('2026-11-02T10:00:00')), note: '问问体检报告', ...change }
    expect(checkReminder(draft, cn('2026-11-02T10:00:00'))?.field).toBe(field)
  })

  it('sends the picked China time as an instant, the note trimmed, and the repeat only when chosen', () => {
    const draft = { ...newReminderDraft(cn('2026-11-02T10:00:00')), note: ' 问问体检报告 ', time: '10:30' }
    expect(checkReminder(draft, cn('2026-11-02T10:00:00'))).toBeNull()
    expect(reminderRequest('c1', draft)).toEqual({ contactId: 'c1', dueAt: '2026-11-03T02:30:00.000Z', note: '问问体检报告', channel: 'call' })
    expect(reminderRequest('c1', { ...draft, repeat: 'weekly' }).repeat).toBe('weekly')
  })

  it.each([
    ['2026-11-02T15:00:00', null, '今天 15:00'],
    ['2026-11-03T09:00:00', null, '明天 09:00'],
    ['2026-11-04T09:00:00', 'monthly', '后天 09:00 · 每月'],
    ['2026-12-02T09:00:00', 'weekly', '12月2日 09:00 · 每周'],
  ] as const)('reads %s (%s) as "%s"', (due, repeat, expected) => {
    const task = { dueAt: new Date(cn(due)).toISOString(), repeat } as Pick<TaskView, 'dueAt' | 'repeat'>
    expect(reminderWhen(task, cn('2026-11-02T10:00:00'))).toBe(expected)
  })
})

describe('the snooze sheet', () => {
  it('offers dates from tomorrow within the server\'s 30 days, each landing at 09:00 China time', () => {
    expect(snoozeDateRange(cn('2026-11-02T23:30:00'))).toEqual({ start: '2026-11-03', end: '2026-12-01' })
    expect(snoozeDateUntil('2026-11-20')).toBe('2026-11-20T01:00:00.000Z')
  })
})
