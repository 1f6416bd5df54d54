import { DEFAULT_FOLLOW_UP_RULES } from './default-rules.zh';
import type { FollowUpRule } from './follow-up-rules';
import { validateFollowUpRules } from './validate-follow-up-rules';

const good: FollowUpRule = {
  id: 'r1',
  name: '咨询回复',
  when: { touchpointTypes: ['consult_tap'] },
  task: { action: '1小时内回复', messageTemplate: '{contactName}您好，我是{agentName}。', dueInHours: 1, priority: 1 },
  ruleOrder: 1,
};
/** The rule above with one part replaced, as an operator's JSON might arrive. */
const bad = (patch: Record<string, unknown>, task: Record<string, unknown> = {}): unknown => ({
  ...good,
  ...patch,
  task: { ...good.task, ...task },
});

describe('validateFollowUpRules', () => {
  it('accepts a good rule', () => {
    expect(validateFollowUpRules([good])).toEqual([]);
  });

  it.each<[string, unknown, string, RegExp]>([
    ['a rule that is not an object', 'r1', '', /对象/],
    ['an empty id', bad({ id: ' ' }), 'id', /不能为空/],
    ['an empty name', bad({ name: '' }), 'name', /不能为空/],
    ['a fractional ruleOrder', bad({ ruleOrder: 1.5 }), 'ruleOrder', /整数/],
    ['an unknown rule field', bad({ colour: 'red' }), 'colour', /未知字段/],
    ['no conditions at all', bad({ when: {} }), 'when', /至少需要一个触发条件/],
    ['an unknown condition', bad({ when: { weekday: [1] } }), 'when.weekday', /未知条件/],
    ['an unknown touchpoint type', bad({ when: { touchpointTypes: ['open', 'wink'] } }), 'when.touchpointTypes[1]', /未知的触点类型 "wink"/],
    ['touchpoint types that are not a list', bad({ when: { touchpointTypes: 'open' } }), 'when.touchpointTypes', /必须是数组/],
    ['an empty list', bad({ when: { stages: [] } }), 'when.stages', /不能是空数组/],
    ['a stage out of 1..8', bad({ when: { stages: [2, 9] } }), 'when.stages[1]', /1 到 8/],
    ['a stage given as text', bad({ when: { stages: ['3'] } }), 'when.stages[0]', /1 到 8/],
    ['an unknown cell', bad({ when: { cells: ['top-left'] } }), 'when.cells[0]', /未知的九宫格/],
    ['a tag without a family', bad({ when: { anyContentTags: ['critical_illness'] } }), 'when.anyContentTags[0]', /类别:代码/],
    ['a tag of an unknown family', bad({ when: { anyContentTags: ['mood:happy'] } }), 'when.anyContentTags[0]', /类别未知/],
    ['an unknown transition', bad({ when: { transition: 'moved_house' } }), 'when.transition', /未知的变化类型/],
    ['an empty action', bad({}, { action: '' }), 'task.action', /行动不能为空/],
    ['an empty message', bad({}, { messageTemplate: '  ' }), 'task.messageTemplate', /话术不能为空/],
    ['an unknown placeholder', bad({}, { messageTemplate: '{customerName}您好' }), 'task.messageTemplate', /未知占位符 \{customerName\}/],
    ['an unbalanced brace', bad({}, { messageTemplate: '{contactName您好' }), 'task.messageTemplate', /花括号不成对/],
    ['a negative due time', bad({}, { dueInHours: -1 }), 'task.dueInHours', /0 到 720/],
    ['a due time beyond 30 days', bad({}, { dueInHours: 721 }), 'task.dueInHours', /0 到 720/],
    ['a due time that is not a number', bad({}, { dueInHours: '2' }), 'task.dueInHours', /必须是数字/],
    ['priority 0', bad({}, { priority: 0 }), 'task.priority', /1（最急）到 5/],
    ['priority 6', bad({}, { priority: 6 }), 'task.priority', /1（最急）到 5/],
    ['a missing task', { ...good, task: undefined }, 'task', /任务必须是一个对象/],
    ['an unknown channel', bad({}, { channel: 'fax' }), 'task.channel', /跟进方式必须是 call、message、meet、observe 之一，收到 "fax"/],
  ])('rejects %s with the field and a reason', (_name, rule, field, reason) => {
    const errors = validateFollowUpRules([{ ...good, id: 'other' }, rule]);
    expect(errors).toContainEqual({ index: 1, field, reason: expect.stringMatching(reason) });
  });

  it('accepts each channel, and a rule without one (older rule sets read as messages)', () => {
    for (const channel of ['call', 'message', 'meet', 'observe']) expect(validateFollowUpRules([bad({}, { channel })])).toEqual([]);
    expect(validateFollowUpRules([good])).toEqual([]);
  });

  it('rejects a duplicate id, naming the rule it repeats', () => {
    expect(validateFollowUpRules([good, { ...good }])).toEqual([{ index: 1, field: 'id', reason: 'id“r1”与第1条规则重复' }]);
  });

  it('accepts the default rule set', () => {
    expect(validateFollowUpRules(DEFAULT_FOLLOW_UP_RULES)).toEqual([]);
  });
});
