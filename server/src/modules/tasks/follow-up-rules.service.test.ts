import { randomUUID } from 'node:crypto';
import { DEFAULT_FOLLOW_UP_RULES } from '@kejing/shared';
import { ManualClock } from '../../lib/clock';
import { openTestDatabase, TestDatabase } from '../../testing/test-database';
import type { AuditService } from '../audit/audit.service';
import type { ComplianceService } from '../content/compliance.service';
import { FollowUpRuleSet } from './follow-up-rule-set.entity';
import { FollowUpRulesService, RULE_SET_RECHECK_MS } from './follow-up-rules.service';

const NOW = Date.UTC(2026, 10, 2, 1, 0, 0);

describe('FollowUpRulesService across processes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('a rule set published by another process is in force here within RULE_SET_RECHECK_MS, not at the next restart', async () => {
    const clock = new ManualClock(NOW);
    // This process only reads the rules (as a worker process's scorer does).
    const here = new FollowUpRulesService(db.dataSource, clock, {} as AuditService, {} as ComplianceService);
    expect((await here.currentSet()).version).toBe('default');
    // Another process publishes: a new row in the shared database.
    const published = { id: randomUUID(), rules: DEFAULT_FOLLOW_UP_RULES.slice(0, 1), createdBy: null, createdAtMs: NOW + 1 };
    await db.dataSource.getRepository(FollowUpRuleSet).insert(published);
    clock.advance(RULE_SET_RECHECK_MS - 1);
    expect((await here.currentSet()).version).toBe('default');
    clock.advance(1);
    const now = await here.currentSet();
    expect(now.version).toBe(published.id);
    expect(now.rules).toHaveLength(1);
  });
});
