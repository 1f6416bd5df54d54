/** Checks operator-edited follow-up rules; each problem names the rule, the field and why (in Chinese). */
import { FOLLOW_UP_CHANNELS, GRID_CELLS, STAGES, TAG_FAMILIES, TOUCHPOINT_TYPES } from '../contracts';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from './config';
import {
  FOLLOW_UP_CONDITION_FIELDS,
  FOLLOW_UP_TRANSITIONS,
  MESSAGE_PLACEHOLDERS,
} from './follow-up-rules';

/** One problem with one rule. */
export type RuleValidationError = {
  /** Position of the rule in the submitted list. */
  index: number;
  /** Path of the field, e.g. "task.dueInHours" or "when.stages[1]". */
  field: string;
  /** Why it is refused. */
  reason: string;
};

const RULE_FIELDS = ['id', 'name', 'when', 'task', 'ruleOrder'];
const TASK_FIELDS = ['action', 'channel', 'messageTemplate', 'dueInHours', 'priority'];

/**
 * Every problem of a rule set (empty when it is valid). Input is unknown because it comes from an
 * operator's JSON: types are checked here, not assumed.
 */
export function validateFollowUpRules(
  rules: readonly unknown[],
  config: ScoringConfig = DEFAULT_SCORING_CONFIG,
): RuleValidationError[] {
  const errors: RuleValidationError[] = [];
  const firstIndexOfId = new Map<string, number>();
  rules.forEach((rule, index) => {
    const fail = (field: string, reason: string) => errors.push({ index, field, reason });
    if (!isRecord(rule)) {
      fail('', '规则必须是一个对象');
      return;
    }
    for (const key of Object.keys(rule)) if (!RULE_FIELDS.includes(key)) fail(key, `未知字段“${key}”`);

    if (!isNonEmptyString(rule.id)) fail('id', 'id 不能为空');
    else if (firstIndexOfId.has(rule.id)) fail('id', `id“${rule.id}”与第${(firstIndexOfId.get(rule.id) ?? 0) + 1}条规则重复`);
    else firstIndexOfId.set(rule.id, index);

    if (!isNonEmptyString(rule.name)) fail('name', '名称不能为空');
    // Number.isInteger is false for anything that is not a number, so it is the whole check.
    if (!Number.isInteger(rule.ruleOrder)) fail('ruleOrder', 'ruleOrder 必须是整数');

    validateWhen(rule.when, fail);
    validateTask(rule.task, config, fail);
  });
  return errors;
}

type Fail = (field: string, reason: string) => void;

function validateWhen(when: unknown, fail: Fail): void {
  if (!isRecord(when)) {
    fail('when', '触发条件必须是一个对象');
    return;
  }
  const present = Object.keys(when).filter((key) => when[key] !== undefined);
  for (const key of present) {
    if (!(FOLLOW_UP_CONDITION_FIELDS as readonly string[]).includes(key)) fail(`when.${key}`, `未知条件“${key}”`);
  }
  // A rule without conditions would answer every touchpoint and hide all others.
  if (present.length === 0) fail('when', '至少需要一个触发条件');

  checkList(when.touchpointTypes, 'when.touchpointTypes', fail, (v) =>
    typeof v === 'string' && (TOUCHPOINT_TYPES as readonly string[]).includes(v) ? null : `未知的触点类型 ${JSON.stringify(v)}`,
  );
  checkList(when.anyContentTags, 'when.anyContentTags', fail, tagProblem);
  checkList(when.cells, 'when.cells', fail, (v) =>
    typeof v === 'string' && (GRID_CELLS as readonly string[]).includes(v) ? null : `未知的九宫格 ${JSON.stringify(v)}（应为如 "high-mid"）`,
  );
  checkList(when.stages, 'when.stages', fail, (v) =>
    typeof v === 'number' && (STAGES as readonly number[]).includes(v) ? null : `阶段必须是 1 到 8 的整数，收到 ${JSON.stringify(v)}`,
  );
  if (
    when.transition !== undefined &&
    !(typeof when.transition === 'string' && (FOLLOW_UP_TRANSITIONS as readonly string[]).includes(when.transition))
  ) {
    fail('when.transition', `未知的变化类型 ${JSON.stringify(when.transition)}，可选：${FOLLOW_UP_TRANSITIONS.join('、')}`);
  }
}

function tagProblem(value: unknown): string | null {
  if (typeof value !== 'string') return `标签必须是字符串，收到 ${JSON.stringify(value)}`;
  const [family, code, ...rest] = value.split(':');
  if (rest.length > 0 || code === undefined || code.trim() === '') return `标签“${value}”应写成“类别:代码”，如 need:critical_illness`;
  if (!(TAG_FAMILIES as readonly string[]).includes(family)) return `标签“${value}”的类别未知，可选：${TAG_FAMILIES.join('、')}`;
  return null;
}

function checkList(value: unknown, field: string, fail: Fail, problemOf: (v: unknown) => string | null): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    fail(field, '必须是数组');
    return;
  }
  if (value.length === 0) fail(field, '不能是空数组（不限制请删除该条件）');
  value.forEach((item, i) => {
    const problem = problemOf(item);
    if (problem !== null) fail(`${field}[${i}]`, problem);
  });
}

function validateTask(task: unknown, config: ScoringConfig, fail: Fail): void {
  if (!isRecord(task)) {
    fail('task', '任务必须是一个对象');
    return;
  }
  for (const key of Object.keys(task)) if (!TASK_FIELDS.includes(key)) fail(`task.${key}`, `未知字段“${key}”`);
  if (!isNonEmptyString(task.action)) fail('task.action', '行动不能为空');
  // Compliance (forbidden words, WeChat's check) is the server's one check for every text a
  // customer may read, with the operators' list: it needs I/O, so it is not a rule here.

  if (task.channel !== undefined && !(FOLLOW_UP_CHANNELS as readonly unknown[]).includes(task.channel)) {
    fail('task.channel', `跟进方式必须是 ${FOLLOW_UP_CHANNELS.join('、')} 之一，收到 ${JSON.stringify(task.channel)}`);
  }
  if (!isNonEmptyString(task.messageTemplate)) fail('task.messageTemplate', '建议话术不能为空');
  else checkPlaceholders(task.messageTemplate, fail);

  const maxHours = config.followUp.maxDueInHours;
  if (typeof task.dueInHours !== 'number' || !Number.isFinite(task.dueInHours)) {
    fail('task.dueInHours', 'dueInHours 必须是数字');
  } else if (task.dueInHours < 0 || task.dueInHours > maxHours) {
    fail('task.dueInHours', `dueInHours 必须在 0 到 ${maxHours} 小时之间，收到 ${task.dueInHours}`);
  }
  if (typeof task.priority !== 'number' || !Number.isInteger(task.priority) || task.priority < 1 || task.priority > 5) {
    fail('task.priority', `优先级必须是 1（最急）到 5 的整数，收到 ${JSON.stringify(task.priority)}`);
  }
}

function checkPlaceholders(template: string, fail: Fail): void {
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1];
    if (!(MESSAGE_PLACEHOLDERS as readonly string[]).includes(name)) {
      fail('task.messageTemplate', `未知占位符 {${name}}，可用：${MESSAGE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`);
    }
  }
  // What is left after removing well-formed placeholders must not contain a brace.
  // Stryker disable next-line StringLiteral: only braces matter here, and any brace-free stand-in for a placeholder leaves the same braces
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) fail('task.messageTemplate', '花括号不成对');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
