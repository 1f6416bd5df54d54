import { GRID_CELLS, STAGES, TOUCHPOINT_TYPES, type GridCellCode, type Stage, type TouchpointType } from '../contracts';
import { DEFAULT_FOLLOW_UP_RULES } from './default-rules.zh';
import { planFollowUp } from './plan-follow-up';
import { buildEvent } from './test-factories';
import type { ContactScore } from './types';

function scoreIn(cell: GridCellCode, stage: Stage): ContactScore {
  const [trustBand, intentBand] = cell.split('-') as ContactScore['trustBand'][];
  return {
    trust: 0, intent: 0, trustBand, intentBand, cell, stage, outcome: 'open', referralClass: 'indifferent',
    centreOfInfluence: false, optedOut: false, interestTags: [], contributions: [], stageEvidence: [], lastTouchAtMs: null,
  };
}

describe('the default follow-up rules (zh)', () => {
  it.each(TOUCHPOINT_TYPES.map((t) => [t]))('has a plain rule for the %s touchpoint, so it always gets a task', (type) => {
    expect(
      DEFAULT_FOLLOW_UP_RULES.some((r) => r.when.touchpointTypes?.includes(type) && !r.when.transition && !r.when.stages && !r.when.cells && !r.when.anyContentTags),
    ).toBe(true);
  });

  it.each(STAGES.map((s) => [s]))('has a rule written for stage %i', (stage) => {
    expect(DEFAULT_FOLLOW_UP_RULES.some((r) => r.when.stages?.includes(stage))).toBe(true);
  });

  it('plans exactly one task for every touchpoint type in every cell and stage', () => {
    const missing: string[] = [];
    for (const type of TOUCHPOINT_TYPES as readonly TouchpointType[]) {
      for (const cell of GRID_CELLS) {
        for (const stage of STAGES) {
          const after = scoreIn(cell, stage);
          const plan = planFollowUp({ event: buildEvent(type), before: after, after, contactName: '王姐', agentName: '李明' }, DEFAULT_FOLLOW_UP_RULES, 0);
          if (plan === null || /\{|\}/.test(plan.message)) missing.push(`${type}/${cell}/${stage}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('says how each task is carried out, and a call is a call', () => {
    expect(DEFAULT_FOLLOW_UP_RULES.filter((r) => r.task.channel === undefined).map((r) => r.id)).toEqual([]);
    const byId = new Map(DEFAULT_FOLLOW_UP_RULES.map((r) => [r.id, r.task.channel]));
    expect(byId.get('lead-need-awakened')).toBe('call');
    expect(byId.get('intent-to-high')).toBe('meet');
    expect(byId.get('open')).toBe('observe');
    expect(byId.get('read-need')).toBe('message');
  });
});
