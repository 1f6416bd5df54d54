import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEFAULT_FOLLOW_UP_RULES, FollowUpRule, validateFollowUpRules } from '@kejing/shared';
import { AppError } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { AuditService } from '../audit/audit.service';
import { FollowUpRuleSet } from './follow-up-rule-set.entity';

/** The follow-up rules in force: the newest published set, or the default Chinese set. */
export class FollowUpRulesService {
  private cached: { rules: readonly FollowUpRule[]; version: string } | null = null;

  constructor(private readonly dataSource: DataSource, private readonly clock: Clock, private readonly audit: AuditService) {}

  async current(): Promise<readonly FollowUpRule[]> {
    return (await this.currentSet()).rules;
  }

  async currentSet(): Promise<{ rules: readonly FollowUpRule[]; version: string }> {
    if (this.cached) return this.cached;
    const newest = await this.dataSource.getRepository(FollowUpRuleSet).findOne({ where: {}, order: { createdAtMs: 'DESC', id: 'DESC' } });
    this.cached = newest ? { rules: newest.rules, version: newest.id } : { rules: DEFAULT_FOLLOW_UP_RULES, version: 'default' };
    return this.cached;
  }

  /** Replaces the rule set after validating every rule; a bad set is refused whole with field and reason. */
  async publish(rules: unknown, actorId: string | null): Promise<{ rules: readonly FollowUpRule[]; version: string }> {
    if (!Array.isArray(rules)) throw new AppError(400, 'invalid_rules', 'rules must be an array', [{ field: 'rules', reason: 'must be an array' }]);
    const errors = validateFollowUpRules(rules);
    if (errors.length > 0) {
      throw new AppError(400, 'invalid_rules', 'the rule set has errors; nothing was changed', errors.map((e) => ({ index: e.index, field: e.field, reason: e.reason })));
    }
    const set = { id: randomUUID(), rules: rules as FollowUpRule[], createdBy: actorId, createdAtMs: this.clock.nowMs() };
    await this.dataSource.getRepository(FollowUpRuleSet).insert(set);
    await this.audit.record({ actorId, action: 'follow_up_rules.publish', subjectType: 'follow_up_rule_set', subjectId: set.id, detail: { rules: rules.length } });
    this.cached = { rules: set.rules, version: set.id };
    return this.cached;
  }
}
