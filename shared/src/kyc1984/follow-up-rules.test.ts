import type { TagCode } from '../contracts';
import { DEFAULT_FOLLOW_UP_RULES } from './default-rules.zh';
import { specificityOf, tagMatches, type FollowUpRule } from './follow-up-rules';

describe('matching a rule tag against a content tag', () => {
  it.each([
    ['need:*', 'need:medical', true],
    ['need:*', 'need:critical_illness', true],
    ['need:*', 'audience:young_parents', false],
    ['need:*', 'needs:medical', false],
    ['need:*', 'need', false],
    ['need:medical', 'need:medical', true],
    ['need:medical', 'need:medical_plus', false],
    ['need:medical', 'need:*', false],
    ['need:med*', 'need:medical', false],
  ])('%s against %s: %p', (ruleTag, contentTag, expected) => {
    // Malformed tags ('need', 'needs:…') are part of the point: cast past the template type.
    expect(tagMatches(ruleTag as TagCode, contentTag as TagCode)).toBe(expected);
  });

  it('the seeded default read-need rule relies on the need:* wildcard', () => {
    const wildcard = DEFAULT_FOLLOW_UP_RULES.filter((r) => r.when.anyContentTags?.includes('need:*'));
    expect(wildcard.length).toBeGreaterThan(0);
  });
});

describe('specificity of a rule', () => {
  const rule = (when: FollowUpRule['when']): FollowUpRule => ({
    id: 'r', name: 'r', when, task: { action: 'a', messageTemplate: 'm', dueInHours: 1, priority: 3 }, ruleOrder: 0,
  });

  it('counts the conditions a rule states, each field once', () => {
    expect(specificityOf(rule({}))).toBe(0);
    expect(specificityOf(rule({ touchpointTypes: ['open', 'forward'] }))).toBe(1);
    expect(
      specificityOf(rule({ touchpointTypes: ['open'], anyContentTags: ['need:*'], cells: ['low-low'], stages: [1], transition: 'stage_up' })),
    ).toBe(5);
  });

  it('counts an empty list as a stated condition (it matches nothing)', () => {
    expect(specificityOf(rule({ cells: [] }))).toBe(1);
  });
});
