import type { Band, Stage } from '../contracts';
import { MS_PER_HOUR } from './config';
import type { FollowUpCondition, FollowUpPriority, FollowUpRule, FollowUpTransition } from './follow-up-rules';
import { DEFAULT_FOLLOW_UP_RULES } from './default-rules.zh';
import { greetingFallback, planFollowUp, renderMessage, transitionsOf, type FollowUpInput } from './plan-follow-up';
import { buildEvent, CRITICAL_ILLNESS } from './test-factories';
import type { ContactScore, ScoringEvent } from './types';

function contact(overrides: Partial<ContactScore> = {}): ContactScore {
  const trustBand: Band = overrides.trustBand ?? 'low';
  const intentBand: Band = overrides.intentBand ?? 'low';
  return {
    trust: 0, intent: 0, trustBand, intentBand, cell: `${trustBand}-${intentBand}`, stage: 1, outcome: 'open',
    referralClass: 'indifferent', centreOfInfluence: false, optedOut: false, interestTags: [], contributions: [],
    stageEvidence: [], lastTouchAtMs: null, ...overrides,
  };
}

function rule(id: string, when: FollowUpCondition, priority: FollowUpPriority = 3, ruleOrder = 0, messageTemplate = id): FollowUpRule {
  return { id, name: id, when, task: { action: `do ${id}`, messageTemplate, dueInHours: 2, priority }, ruleOrder };
}

const input = (event: ScoringEvent, before: ContactScore | null, after: ContactScore, extra: Partial<FollowUpInput> = {}): FollowUpInput => ({
  event, before, after, contactName: '王姐', agentName: '李明', ...extra,
});

describe('choosing the one rule for a touchpoint', () => {
  const read = buildEvent('read_progress', { contentTags: CRITICAL_ILLNESS, depthPct: 90 });
  const before = contact();
  const after = contact({ intentBand: 'mid', stage: 3 });

  it.each<[string, FollowUpRule[], string]>([
    ['a transition rule beats a more specific plain rule', [
      rule('plain', { touchpointTypes: ['read_progress'], anyContentTags: ['need:*'], stages: [3] }, 1),
      rule('moved', { transition: 'intent_band_up' }, 5),
    ], 'moved'],
    ['a more specific rule beats a more urgent one', [
      rule('broad', { touchpointTypes: ['read_progress'] }, 1),
      rule('narrow', { touchpointTypes: ['read_progress'], anyContentTags: ['need:critical_illness'] }, 5),
    ], 'narrow'],
    ['a more urgent priority breaks a specificity tie', [
      rule('p3', { touchpointTypes: ['read_progress'] }, 3),
      rule('p2', { stages: [3] }, 2),
    ], 'p2'],
    ['ruleOrder breaks a priority tie', [
      rule('late', { touchpointTypes: ['read_progress'] }, 3, 20),
      rule('early', { touchpointTypes: ['read_progress'] }, 3, 10),
    ], 'early'],
    ['the id breaks a full tie, whatever the list order', [
      rule('b', { touchpointTypes: ['read_progress'] }),
      rule('a', { touchpointTypes: ['read_progress'] }),
    ], 'a'],
    ['a rule that does not match is never chosen', [
      rule('other-type', { touchpointTypes: ['open'] }, 1),
      rule('other-tag', { anyContentTags: ['need:medical'] }, 1),
      rule('other-cell', { cells: ['high-high'] }, 1),
      rule('other-stage', { stages: [7] }, 1),
      rule('other-change', { transition: 'stage_up' }, 1),
      rule('fallback', { touchpointTypes: ['read_progress'] }, 5),
    ], 'fallback'],
  ])('%s', (_name, rules, expected) => {
    expect(planFollowUp(input(read, { ...before, stage: 3 }, after), rules, 0)?.ruleId).toBe(expected);
    expect(planFollowUp(input(read, { ...before, stage: 3 }, after), [...rules].reverse(), 0)?.ruleId).toBe(expected);
  });

  it('plans nothing for an opted-out contact', () => {
    expect(planFollowUp(input(read, before, { ...after, optedOut: true }), [rule('any', { touchpointTypes: ['read_progress'] })], 0)).toBeNull();
  });

  it('plans nothing when no rule matches', () => {
    expect(planFollowUp(input(read, before, after), [rule('open', { touchpointTypes: ['open'] })], 0)).toBeNull();
  });

  it('returns the task with its due time, priority, rule and trigger', () => {
    const nowMs = 1_700_000_000_000;
    const plan = planFollowUp(input(read, before, after), [rule('moved', { transition: 'intent_band_up' }, 2)], nowMs);
    expect(plan).toEqual({
      ruleId: 'moved', ruleName: 'moved', action: 'do moved', channel: 'message', message: 'moved', dueAtMs: nowMs + 2 * MS_PER_HOUR,
      priority: 2, triggerEventId: read.id, transition: 'intent_band_up',
    });
  });

  it("carries the rule's channel, so a call task offers a call", () => {
    const call = rule('lead', { touchpointTypes: ['read_progress'] });
    const plan = planFollowUp(input(read, before, after), [{ ...call, task: { ...call.task, channel: 'call' } }], 0);
    expect(plan?.channel).toBe('call');
  });
});

describe('rendering the suggested message', () => {
  const template = '{contactName}|{agentName}|{contentTitle}|{need}';
  const render = (event: ScoringEvent, extra: Partial<FollowUpInput> = {}, after = contact()) =>
    planFollowUp(input(event, null, after, extra), [rule('r', { touchpointTypes: [event.type] }, 3, 0, template)], 0)?.message;

  it.each<[string, () => string | undefined, string]>([
    ['fills every placeholder, the title in 《》 and the need in Chinese', () => render(buildEvent('open', { contentTags: CRITICAL_ILLNESS }), { contentTitle: '重疾险怎么选' }), '王姐|李明|《重疾险怎么选》|重疾'],
    ['falls back when title and need are unknown', () => render(buildEvent('call')), '王姐|李明|我分享的内容|保障'],
    ['takes the need from the lead form', () => render(buildEvent('lead_submit', { lead: { needs: ['education'] } })), '王姐|李明|我分享的内容|教育金'],
    ['takes the need from the top interest last', () => render(buildEvent('call'), {}, contact({ interestTags: [{ tag: 'need:annuity', weight: 1 }] })), '王姐|李明|我分享的内容|年金'],
  ])('%s', (_name, rendered, expected) => {
    expect(rendered()).toBe(expected);
  });
});

describe('greeting a contact with no name known', () => {
  const render = (template: string, contactName: string) =>
    planFollowUp(input(buildEvent('call'), null, contact(), { contactName }), [rule('r', { touchpointTypes: ['call'] }, 3, 0, template)], 0)?.message;

  it.each<[string, string, string, string]>([
    ['"{contactName}您好" becomes a plain 您好', '{contactName}您好，我是{agentName}。', '', '您好，我是李明。'],
    ['"{contactName}，" opens with 您好', '{contactName}，最近还好吗？', '', '您好，最近还好吗？'],
    ['a blank name counts as none', '{contactName}，最近还好吗？', '  ', '您好，最近还好吗？'],
    ['a known name is used as written', '{contactName}您好，我是{agentName}。', '张姐', '张姐您好，我是李明。'],
  ])('%s', (_name, template, contactName, expected) => {
    expect(render(template, contactName)).toBe(expected);
  });

  it('no default rule ever greets with a bare 您 or a viewer id when the name is unknown', () => {
    for (const r of DEFAULT_FOLLOW_UP_RULES) {
      const message = renderMessage(greetingFallback(r.task.messageTemplate, ''), { contactName: '', agentName: '李明', contentTitle: '《x》', need: '重疾' });
      expect(message).not.toMatch(/^您，|微信访客/);
      if (r.task.messageTemplate.startsWith('{contactName}')) expect(message.startsWith('您好')).toBe(true);
    }
  });
});

describe('transitions between two scores', () => {
  it.each<[string, ContactScore | null, ContactScore, FollowUpTransition[]]>([
    ['none for a new contact still low/low at stage 1', null, contact(), []],
    ['intent band up', contact(), contact({ intentBand: 'mid' }), ['intent_band_up']],
    ['trust band up', contact({ trustBand: 'mid' }), contact({ trustBand: 'high' }), ['trust_band_up']],
    ['nothing for a band going down', contact({ trustBand: 'high' }), contact({ trustBand: 'mid' }), []],
    ['stage up', contact({ stage: 2 }), contact({ stage: 5 as Stage }), ['stage_up']],
    ['became active promoter', contact(), contact({ referralClass: 'active_promoter' }), ['became_active_promoter']],
    ['became negative', contact({ referralClass: 'passive_promoter' }), contact({ referralClass: 'negative' }), ['became_negative']],
    ['deal won (and the stage up to 8)', contact({ stage: 7 }), contact({ stage: 8, outcome: 'won' }), ['stage_up', 'deal_won']],
    ['deal lost', contact({ stage: 8 }), contact({ stage: 8, outcome: 'lost' }), ['deal_lost']],
  ])('%s', (_name, before, after, expected) => {
    expect([...transitionsOf(before, after)].sort()).toEqual([...expected].sort());
  });
});
