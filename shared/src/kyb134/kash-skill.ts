/**
 * Skill (技能): how many of the agent's contacts move forward through the eight stages, and
 * how fast, within the window [fromMs, toMs].
 *   eligible   = contacts that existed by toMs and were below stage 8 at fromMs (a contact
 *                created inside the window starts from its first stage)
 *   conversion = min(1, (eligible contacts that entered a higher stage inside the window /
 *                eligible) / `conversionTarget`)
 *   speed      = for forward steps inside the window, the median days from entering a stage
 *                to entering the next; scored 1 at `fastDays` or less, 0 at `slowDays` or
 *                more, straight line between (0 when there was no step)
 *   Skill = 100 × (0.6 conversion + 0.4 speed)   (weights in config)
 */
import { DAY_MS } from './day';
import { combineComponents, type KashIndex } from './kash-types';
import { type ContactStageHistory, entriesUpTo, stageAt } from './stage-history';
import { clamp, median, ratio } from './stats';

export interface SkillConfig {
  conversionTarget: number;
  fastDays: number;
  slowDays: number;
  weights: { conversion: number; speed: number };
}

export const DEFAULT_SKILL_CONFIG: SkillConfig = {
  conversionTarget: 0.3,
  fastDays: 3,
  slowDays: 30,
  weights: { conversion: 0.6, speed: 0.4 },
};

/** The Skill index from the agent's contacts' stage histories over [fromMs, toMs]. */
export function scoreSkill(
  contacts: readonly ContactStageHistory[],
  fromMs: number,
  toMs: number,
  config: SkillConfig = DEFAULT_SKILL_CONFIG,
): KashIndex {
  let eligible = 0;
  let moved = 0;
  const stepDays: number[] = [];
  for (const contact of contacts) {
    const entries = entriesUpTo(contact, toMs);
    if (entries.length === 0) continue;
    const base = stageAt(contact, fromMs) ?? entries[0].stage;
    if (base === 8) continue;
    eligible += 1;
    const inWindow = entries.filter((e) => e.atMs > fromMs);
    if (inWindow.some((e) => e.stage > base)) moved += 1;
    for (let i = 1; i < entries.length; i += 1) {
      const [prev, next] = [entries[i - 1], entries[i]];
      if (next.stage > prev.stage && next.atMs > fromMs) stepDays.push((next.atMs - prev.atMs) / DAY_MS);
    }
  }
  const conversion = ratio(moved, eligible);
  const medianDays = median(stepDays);
  const speed =
    medianDays === null ? 0 : clamp((config.slowDays - medianDays) / (config.slowDays - config.fastDays), 0, 1);
  return combineComponents([
    {
      key: 'conversion',
      value: Math.min(1, conversion / config.conversionTarget),
      weight: config.weights.conversion,
      detail: { moved, eligible, conversionPct: Math.round(1000 * conversion) / 10, targetPct: 100 * config.conversionTarget },
    },
    {
      key: 'speed',
      value: speed,
      weight: config.weights.speed,
      detail: { forwardSteps: stepDays.length, medianDays: medianDays ?? -1, fastDays: config.fastDays, slowDays: config.slowDays },
    },
  ]);
}
