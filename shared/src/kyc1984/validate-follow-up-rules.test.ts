import { DEFAULT_SCORING_CONFIG } from './config';
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

describe('validateFollowUpRules edges and exact reasons', () => {
  const errorsOf = (rule: unknown) => validateFollowUpRules([rule]);

  it.each<[string, unknown, { field: string; reason: string }[]]>([
    ['null', null, [{ field: '', reason: '规则必须是一个对象' }]],
    ['a list', [good], [{ field: '', reason: '规则必须是一个对象' }]],
    ['an unknown rule field', bad({ colour: 'red' }), [{ field: 'colour', reason: '未知字段“colour”' }]],
    ['an id that is not text', bad({ id: 7 }), [{ field: 'id', reason: 'id 不能为空' }]],
    ['a blank name', bad({ name: '  ' }), [{ field: 'name', reason: '名称不能为空' }]],
    ['a ruleOrder given as text', bad({ ruleOrder: '1' }), [{ field: 'ruleOrder', reason: 'ruleOrder 必须是整数' }]],
    ['conditions that are not an object', bad({ when: ['open'] }), [{ field: 'when', reason: '触发条件必须是一个对象' }]],
    ['only undefined conditions', bad({ when: { stages: undefined } }), [{ field: 'when', reason: '至少需要一个触发条件' }]],
    ['an unknown condition', bad({ when: { stages: [1], weekday: [1] } }), [{ field: 'when.weekday', reason: '未知条件“weekday”' }]],
    ['a touchpoint type that is not text', bad({ when: { touchpointTypes: [3] } }), [{ field: 'when.touchpointTypes[0]', reason: '未知的触点类型 3' }]],
    ['an empty list', bad({ when: { cells: [] } }), [{ field: 'when.cells', reason: '不能是空数组（不限制请删除该条件）' }]],
    ['cells that are not a list', bad({ when: { cells: 'low-low' } }), [{ field: 'when.cells', reason: '必须是数组' }]],
    ['a cell that is not text', bad({ when: { cells: [1] } }), [{ field: 'when.cells[0]', reason: '未知的九宫格 1（应为如 "high-mid"）' }]],
    ['a stage out of range', bad({ when: { stages: [0] } }), [{ field: 'when.stages[0]', reason: '阶段必须是 1 到 8 的整数，收到 0' }]],
    ['a tag that is not text', bad({ when: { anyContentTags: [5] } }), [{ field: 'when.anyContentTags[0]', reason: '标签必须是字符串，收到 5' }]],
    ['a tag with two colons', bad({ when: { anyContentTags: ['need:a:b'] } }), [{ field: 'when.anyContentTags[0]', reason: '标签“need:a:b”应写成“类别:代码”，如 need:critical_illness' }]],
    ['a tag with an empty code', bad({ when: { anyContentTags: ['need: '] } }), [{ field: 'when.anyContentTags[0]', reason: '标签“need: ”应写成“类别:代码”，如 need:critical_illness' }]],
    ['a tag of an unknown family', bad({ when: { anyContentTags: ['mood:x'] } }), [{ field: 'when.anyContentTags[0]', reason: '标签“mood:x”的类别未知，可选：need、audience、life_event、stage' }]],
    ['a transition that is not text', bad({ when: { transition: 1 } }), [{ field: 'when.transition', reason: '未知的变化类型 1，可选：intent_band_up、trust_band_up、stage_up、became_active_promoter、became_negative、deal_won、deal_lost' }]],
    ['a task that is not an object', { ...good, task: 'call' }, [{ field: 'task', reason: '任务必须是一个对象' }]],
    ['an unknown task field', bad({}, { colour: 'red' }), [{ field: 'task.colour', reason: '未知字段“colour”' }]],
    ['an action that is not text', bad({}, { action: 1 }), [{ field: 'task.action', reason: '行动不能为空' }]],
    ['a message that is not text', bad({}, { messageTemplate: 1 }), [{ field: 'task.messageTemplate', reason: '建议话术不能为空' }]],
    ['an unknown placeholder', bad({}, { messageTemplate: '{x}' }), [{ field: 'task.messageTemplate', reason: '未知占位符 {x}，可用：{contactName} {agentName} {contentTitle} {need}' }]],
    ['a lone closing brace', bad({}, { messageTemplate: '您好}' }), [{ field: 'task.messageTemplate', reason: '花括号不成对' }]],
    ['an infinite due time', bad({}, { dueInHours: Infinity }), [{ field: 'task.dueInHours', reason: 'dueInHours 必须是数字' }]],
    ['a due time past the limit', bad({}, { dueInHours: 720.5 }), [{ field: 'task.dueInHours', reason: 'dueInHours 必须在 0 到 720 小时之间，收到 720.5' }]],
    ['a fractional priority', bad({}, { priority: 1.5 }), [{ field: 'task.priority', reason: '优先级必须是 1（最急）到 5 的整数，收到 1.5' }]],
    ['a priority given as text', bad({}, { priority: '1' }), [{ field: 'task.priority', reason: '优先级必须是 1（最急）到 5 的整数，收到 "1"' }]],
  ])('%s', (_name, rule, expected) => {
    expect(errorsOf(rule)).toEqual(expected.map((e) => ({ index: 0, ...e })));
  });

  it.each<[string, Record<string, unknown>]>([
    ['a due time of 0 and of exactly the limit', { dueInHours: 0 }],
    ['the limit itself', { dueInHours: 720 }],
    ['priority 5', { priority: 5 }],
    ['a message with every placeholder', { messageTemplate: '{contactName}{agentName}{contentTitle}{need}' }],
  ])('accepts %s', (_name, task) => {
    expect(errorsOf(bad({}, task))).toEqual([]);
  });

  it('accepts a tag wildcard and every condition kind together', () => {
    expect(errorsOf(bad({ when: { touchpointTypes: ['open'], anyContentTags: ['need:*'], cells: ['high-mid'], stages: [8], transition: 'deal_won' } }))).toEqual([]);
  });

  it('names the first rule with an id when a third one repeats it', () => {
    expect(validateFollowUpRules([good, { ...good, id: 'r2' }, { ...good }])).toEqual([{ index: 2, field: 'id', reason: 'id“r1”与第1条规则重复' }]);
    expect(validateFollowUpRules([{ ...good, id: 'r0' }, good, { ...good }])).toEqual([{ index: 2, field: 'id', reason: 'id“r1”与第2条规则重复' }]);
  });

  // Forbidden phrases are the server's one compliance check (operators' words, then WeChat's), not a rule of shared.
  it('reads the due-time limit from the config', () => {
    const config = { ...DEFAULT_SCORING_CONFIG, followUp: { maxDueInHours: 2 } };
    expect(validateFollowUpRules([bad({}, { dueInHours: 3, action: '马上回电' })], config)).toEqual([
      { index: 0, field: 'task.dueInHours', reason: 'dueInHours 必须在 0 到 2 小时之间，收到 3' },
    ]);
  });
});
