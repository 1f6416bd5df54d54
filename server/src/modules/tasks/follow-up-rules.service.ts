import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_FOLLOW_UP_RULES, FollowUpRule, validateFollowUpRules } from '@kejing/shared';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import type { AuditService } from '../audit/audit.service';
import type { ComplianceService, CustomerText } from '../content/compliance.service';
import { FollowUpRuleSet } from './follow-up-rule-set.entity';

/**
 * How long a process uses the rule set it read before reading the newest again. An operator
 * publishes through one API process; the scorers in every other process (worker processes, other
 * machines) follow within this long, not at their next restart.
 */
export const RULE_SET_RECHECK_MS = 5_000;

/** The follow-up rules in force: the newest published set, or the default Chinese set. */
export class FollowUpRulesService {
  private cached: { rules: readonly FollowUpRule[]; version: string } | null = null;
  private cachedAtMs = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly compliance: ComplianceService,
  ) {}

  async current(): Promise<readonly FollowUpRule[]> {
    return (await this.currentSet()).rules;
  }

  async currentSet(): Promise<{ rules: readonly FollowUpRule[]; version: string }> {
    const nowMs = this.clock.nowMs();
    if (this.cached && nowMs >= this.cachedAtMs && nowMs - this.cachedAtMs < RULE_SET_RECHECK_MS) return this.cached;
    const newest = await this.dataSource.getRepository(FollowUpRuleSet).findOne({ where: {}, order: { createdAtMs: 'DESC', id: 'DESC' } });
    this.cached = newest ? { rules: newest.rules, version: newest.id } : { rules: DEFAULT_FOLLOW_UP_RULES, version: 'default' };
    this.cachedAtMs = nowMs;
    return this.cached;
  }

  /**
   * Replaces the rule set after validating every rule; a bad set is refused whole with field and
   * reason. The suggested messages go to customers and the actions shape what agents say, so both
   * pass the one compliance check (422 naming the rule and the words).
   */
  async publish(rules: unknown, actor: StaffActor): Promise<{ rules: readonly FollowUpRule[]; version: string }> {
    const actorId = actor.bootstrap ? null : actor.staffId;
    if (!Array.isArray(rules)) throw new AppError(400, 'invalid_rules', '跟进规则应为一组规则，规则没有改动', [{ field: 'rules', reason: '应为一组规则（列表）' }]);
    const errors = validateFollowUpRules(rules);
    if (errors.length > 0) {
      throw new AppError(400, 'invalid_rules', undefined, errors.map((e) => ({ index: e.index, field: e.field, reason: e.reason })));
    }
    const valid = rules as FollowUpRule[];
    const current = await this.currentSet();
    const { traceIds } = await this.compliance.assertPublishable(ruleTexts(valid), {
      actor, subjectType: 'follow_up_rule_set', subjectId: current.version, scene: 2, passedBefore: new Set(ruleTexts(current.rules).map((t) => t.text)),
    });
    const set = { id: randomUUID(), rules: valid, createdBy: actorId, createdAtMs: this.clock.nowMs() };
    await this.dataSource.getRepository(FollowUpRuleSet).insert(set);
    await this.audit.record({
      actorId, action: 'follow_up_rules.publish', subjectType: 'follow_up_rule_set', subjectId: set.id, detail: { rules: rules.length, wechatTraceId: traceIds[0] ?? null },
    });
    this.cached = { rules: set.rules, version: set.id };
    this.cachedAtMs = this.clock.nowMs();
    return this.cached;
  }
}

/** The texts of a rule set that people read: each rule's action and its suggested message. */
function ruleTexts(rules: readonly FollowUpRule[]): CustomerText[] {
  return rules.flatMap((rule, index) => [
    { field: 'task.action', label: `规则“${rule.name}”的行动`, text: rule.task.action, index },
    { field: 'task.messageTemplate', label: `规则“${rule.name}”的建议话术`, text: rule.task.messageTemplate, index },
  ]);
}
