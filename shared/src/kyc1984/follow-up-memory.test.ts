import { DEFAULT_SCORING_CONFIG } from './config';
import {
  DEFAULT_SILENCE_FOLLOW_UP_CONFIG, nextReminderOccurrenceMs, REMINDER_REPEAT_NAMES_ZH, planSilenceFollowUps, reminderMessageOpening, SILENCE_FOLLOW_UP_TEXTS, SilenceFacts,
  snoozePresetUntilMs,
} from './follow-up-memory';

const DAY = 86_400_000;
/** An instant given as China wall-clock time. */
const cn = (iso: string) => Date.parse(`${iso}+08:00`);

describe('snooze presets (China time)', () => {
  it.each([
    ['明天 from a Monday morning', 'tomorrow', '2026-11-02T09:00:00', '2026-11-03T09:00:00'],
    ['明天 from just before midnight', 'tomorrow', '2026-11-02T23:59:00', '2026-11-03T09:00:00'],
    ['明天 from just after midnight (UTC still the day before)', 'tomorrow', '2026-11-03T00:30:00', '2026-11-04T09:00:00'],
    ['下周 from a Monday is the Monday after', 'next_week', '2026-11-02T09:00:00', '2026-11-09T09:00:00'],
    ['下周 from a Saturday', 'next_week', '2026-11-07T10:00:00', '2026-11-09T09:00:00'],
    ['下周 from a Sunday night', 'next_week', '2026-11-08T23:30:00', '2026-11-09T09:00:00'],
  ] as const)('%s', (_name, preset, now, expected) => {
    expect(snoozePresetUntilMs(preset, cn(now))).toBe(cn(expected));
  });
});

describe('a repeating reminder comes again', () => {
  it.each([
    ['daily, the next morning', 'daily', '2026-11-02T09:00:00', '2026-11-02T09:30:00', '2026-11-03T09:00:00'],
    ['weekly, a week on', 'weekly', '2026-11-02T09:00:00', '2026-11-02T10:00:00', '2026-11-09T09:00:00'],
    ['monthly on the 31st keeps to the month\'s last day', 'monthly', '2027-01-31T10:00:00', '2027-02-01T00:00:00', '2027-02-28T10:00:00'],
    ['monthly on the 31st returns to the 31st in March', 'monthly', '2027-01-31T10:00:00', '2027-02-28T10:00:00', '2027-03-31T10:00:00'],
    ['yearly from 29 February lands on 28 February', 'yearly', '2028-02-29T08:00:00', '2028-03-01T00:00:00', '2029-02-28T08:00:00'],
    ['missed occurrences are skipped, not stacked', 'daily', '2026-11-02T09:00:00', '2026-11-12T12:00:00', '2026-11-13T09:00:00'],
    ['weekly after a month away: the next one only', 'weekly', '2026-11-02T09:00:00', '2026-12-01T09:00:00', '2026-12-07T09:00:00'],
    ['yearly after two years away: the next one only', 'yearly', '2028-02-29T08:00:00', '2030-03-01T00:00:00', '2031-02-28T08:00:00'],
  ] as const)('%s', (_name, repeat, first, after, expected) => {
    expect(nextReminderOccurrenceMs(cn(first), repeat, cn(after))).toBe(cn(expected));
  });
});

describe('a repeating reminder asked about before it began', () => {
  it('comes next at its first repeat, never at a time before the series', () => {
    const first = cn('2026-11-10T09:00:00');
    expect(nextReminderOccurrenceMs(first, 'daily', first - 3 * DAY)).toBe(first + DAY);
    expect(nextReminderOccurrenceMs(first, 'weekly', first - 20 * DAY)).toBe(first + 7 * DAY);
  });
});

describe('rule-made follow-ups on silence and dates', () => {
  const now = cn('2026-11-10T05:00:00');
  const base: SilenceFacts = {
    contactId: 'c-1', contactName: '张姐', agentName: '王晓梅', optedOut: false, outcome: 'open', quietLead: null, lost: null, stepBack: null,
  };
  const kinds = (facts: Partial<SilenceFacts>, at = now) => planSilenceFollowUps({ ...base, ...facts }, at).map((p) => p.kind);

  it.each([
    ['a lead quiet for exactly 3 days', { quietLead: { touchpointId: 'e1', atMs: now - 3 * DAY } }, ['lead_quiet']],
    ['a lead quiet for 2 days 23 hours is not yet', { quietLead: { touchpointId: 'e1', atMs: now - 3 * DAY + 3_600_000 } }, []],
    ['a lead quiet for 9 days (caught up within the window)', { quietLead: { touchpointId: 'e1', atMs: now - 9 * DAY } }, ['lead_quiet']],
    ['a lead quiet for 10 days is past the window', { quietLead: { touchpointId: 'e1', atMs: now - 10 * DAY } }, []],
    ['a quiet lead on a won deal is not chased', { outcome: 'won', quietLead: { touchpointId: 'e1', atMs: now - 4 * DAY } }, []],
    ['lost 90 days ago: 三个月后再关心', { outcome: 'lost', lost: { atMs: now - 90 * DAY } }, ['lost_recare']],
    ['lost 89 days ago: not yet', { outcome: 'lost', lost: { atMs: now - 89 * DAY } }, []],
    ['lost, but since reopened: no re-care', { outcome: 'open', lost: { atMs: now - 91 * DAY } }, []],
    ['a step back recorded this morning', { stepBack: { changeId: 's1', fromStage: 3, toStage: 2, atMs: now - 60_000 } }, ['stage_step_back']],
    ['a move forward is no step back', { stepBack: { changeId: 's1', fromStage: 2, toStage: 3, atMs: now - 60_000 } }, []],
    ['staying in the same stage is no step back', { stepBack: { changeId: 's1', fromStage: 3, toStage: 3, atMs: now - 60_000 } }, []],
    ['an opted-out contact gets nothing', { optedOut: true, quietLead: { touchpointId: 'e1', atMs: now - 4 * DAY } }, []],
    ['two at once: the more urgent first', {
      quietLead: { touchpointId: 'e1', atMs: now - 4 * DAY }, stepBack: { changeId: 's1', fromStage: 5, toStage: 4, atMs: now - 60_000 },
    }, ['lead_quiet', 'stage_step_back']],
  ] as const)('%s', (_name, facts, expected) => {
    expect(kinds(facts as Partial<SilenceFacts>)).toEqual(expected);
  });

  it('keys each plan by its occasion, so the same lead, loss or step-back plans once', () => {
    const plans = planSilenceFollowUps({
      ...base, outcome: 'open', quietLead: { touchpointId: 'evt-9', atMs: now - 3 * DAY }, stepBack: { changeId: 'chg-4', fromStage: 4, toStage: 3, atMs: now },
    }, now);
    expect(plans.map((p) => p.triggerKey)).toEqual(['quiet-lead:evt-9', 'step-back:chg-4']);
    const lost = planSilenceFollowUps({ ...base, outcome: 'lost', lost: { atMs: 1234 } }, 1234 + 90 * DAY);
    expect(lost[0]?.triggerKey).toBe('lost-recare:c-1:1234');
  });

  it('speaks to the contact by name, names the stage it fell back to, and is due the same day', () => {
    const [plan] = planSilenceFollowUps({ ...base, stepBack: { changeId: 's', fromStage: 3, toStage: 2, atMs: now } }, now);
    expect(plan?.action).toBe('客户沉默30天，阶段退回“约访名单”：分享一篇用得上的内容，重新联系');
    expect(plan?.message.startsWith('张姐，')).toBe(true);
    expect(plan?.dueAtMs).toBe(now + 24 * 3_600_000);
    const [quiet] = planSilenceFollowUps({ ...base, contactName: '', quietLead: { touchpointId: 'e', atMs: now - 3 * DAY } }, now);
    expect(quiet?.message.startsWith('您好，我是王晓梅。')).toBe(true);
    expect(quiet).toMatchObject({ channel: 'call', priority: 2, dueAtMs: now + 4 * 3_600_000 });
  });

  it('takes its thresholds from configuration', () => {
    const facts = { ...base, quietLead: { touchpointId: 'e', atMs: now - 2 * DAY } };
    expect(planSilenceFollowUps(facts, now)).toEqual([]);
    expect(planSilenceFollowUps(facts, now, { ...DEFAULT_SILENCE_FOLLOW_UP_CONFIG, leadQuietDays: 2 })).toHaveLength(1);
  });
});

describe('the words of the silence follow-ups, as sent', () => {
  const now = cn('2026-11-10T05:00:00');
  const HOUR = 3_600_000;
  const facts: SilenceFacts = {
    contactId: 'c-3', contactName: ' 李哥 ', agentName: ' 周敏 ', optedOut: false, outcome: 'open',
    quietLead: { touchpointId: 'e7', atMs: now - 5 * DAY }, lost: null, stepBack: { changeId: 'k2', fromStage: 5, toStage: 4, atMs: now - HOUR },
  };

  it('a quiet lead and a step back: the contact and the agent named without stray spaces, the stage it fell to named', () => {
    expect(planSilenceFollowUps(facts, now)).toEqual([
      {
        kind: 'lead_quiet', ruleId: 'silence-lead-quiet', triggerKey: 'quiet-lead:e7', channel: 'call', priority: 2, dueAtMs: now + 4 * HOUR,
        action: '留资后3天没有动静：打个电话问问还有什么顾虑',
        message: '李哥您好，我是周敏。前几天您留了信息，一直惦记着给您回个话。您看这两天哪个时间方便，我打个电话跟您简单聊聊？不方便也没关系，回我一句就好。',
      },
      {
        kind: 'stage_step_back', ruleId: 'silence-stage-step-back', triggerKey: 'step-back:k2', channel: 'message', priority: 3, dueAtMs: now + 24 * HOUR,
        action: '客户沉默30天，阶段退回“开启保险话题”：分享一篇用得上的内容，重新联系',
        message: '李哥，最近在忙什么呢？看到一篇挺实用的文章，想到您可能用得上，分享给您看看。',
      },
    ]);
  });

  it('name the thresholds the rules act on: a default changed without its words fails here', () => {
    expect(SILENCE_FOLLOW_UP_TEXTS.lead_quiet.action).toContain(`留资后${DEFAULT_SILENCE_FOLLOW_UP_CONFIG.leadQuietDays}天`);
    expect(SILENCE_FOLLOW_UP_TEXTS.stage_step_back.action).toContain(`沉默${DEFAULT_SCORING_CONFIG.stages.silenceStepBackDays}天`);
    // 三个月 in the words is the method's 90 days.
    expect(SILENCE_FOLLOW_UP_TEXTS.lost_recare.action).toContain('三个月');
    expect(DEFAULT_SILENCE_FOLLOW_UP_CONFIG.lostRecareDays).toBe(90);
  });

  it('a lost deal re-cared for greets a contact without a name plainly', () => {
    const lostAt = now - 95 * DAY;
    expect(planSilenceFollowUps({ ...facts, contactName: '', outcome: 'lost', lost: { atMs: lostAt } }, now)).toEqual([
      {
        kind: 'lost_recare', ruleId: 'silence-lost-recare', triggerKey: `lost-recare:c-3:${lostAt}`, channel: 'message', priority: 4, dueAtMs: now + 24 * HOUR,
        action: '未成交已三个月：不施压地问候一下近况',
        message: '您好，好久没联系了，最近一切都好吧？我整理了一些家庭保障的实用小知识，需要的话随时找我。',
      },
    ]);
  });
});

describe('the opening of a reminder\'s message', () => {
  it.each([['张姐', '张姐您好，'], [' 张姐 ', '张姐您好，'], ['', '您好，'], ['  ', '您好，']])('for "%s"', (name, expected) => {
    expect(reminderMessageOpening(name)).toBe(expected);
  });
});

describe('reminder repeat names', () => {
  it('says each repeat as the reminder card and sheet show it', () => {
    expect(REMINDER_REPEAT_NAMES_ZH).toStrictEqual({ daily: '每天', weekly: '每周', monthly: '每月', yearly: '每年' });
  });
});
