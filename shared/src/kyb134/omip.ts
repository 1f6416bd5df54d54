/**
 * OMIP (组织能力提升计划): for a team, which members need which coaching first.
 * Each member's coaching is their weakest KASH index (ties as in MCIP). Members whose weakest
 * index is below `targetScore` are listed by gap (target − score), largest first; equal gaps
 * go to the lower mean KASH first, then by agent id. Members at or above target on every index
 * are on track. byDimension lists everyone below target on each index, for group coaching;
 * teamFocus is the index with the lowest team mean.
 */
import { KASH_DIMENSIONS, KASH_NAMES_ZH, type KashDimension, type KashScores } from './kash-types';
import { DEFAULT_MCIP_CONFIG, weakestDimension } from './mcip';
import { mean } from './stats';

export interface OmipMember {
  agentId: string;
  name: string;
  scores: KashScores;
}

export interface OmipConfig {
  targetScore: number;
  tieOrder: readonly KashDimension[];
}

export const DEFAULT_OMIP_CONFIG: OmipConfig = { targetScore: 60, tieOrder: DEFAULT_MCIP_CONFIG.tieOrder };

export interface OmipCoaching {
  /** 1 = coach first. */
  rank: number;
  agentId: string;
  name: string;
  dimension: KashDimension;
  score: number;
  gap: number;
  reasonZh: string;
}

export interface OmipPlan {
  coaching: OmipCoaching[];
  onTrack: string[];
  byDimension: Record<KashDimension, string[]>;
  teamFocus: { dimension: KashDimension; meanScore: number } | null;
}

/** The team's coaching order, group-coaching lists and team focus from members' KASH. */
export function planOmip(members: readonly OmipMember[], config: OmipConfig = DEFAULT_OMIP_CONFIG): OmipPlan {
  const rows = members.map((m) => {
    const dimension = weakestDimension(m.scores, config.tieOrder);
    const score = m.scores[dimension];
    return { m, dimension, score, gap: config.targetScore - score, meanScore: mean(KASH_DIMENSIONS.map((d) => m.scores[d])) };
  });
  const coaching = rows
    .filter((r) => r.gap > 0)
    .sort((a, b) => b.gap - a.gap || a.meanScore - b.meanScore || a.m.agentId.localeCompare(b.m.agentId))
    .map((r, i) => ({
      rank: i + 1,
      agentId: r.m.agentId,
      name: r.m.name,
      dimension: r.dimension,
      score: r.score,
      gap: Math.round(10 * r.gap) / 10,
      // "低于目标60分60分" read as a stutter when the score was 0: say how far it is to go.
      reasonZh: `${r.m.name}的${KASH_NAMES_ZH[r.dimension]}指数${Math.round(10 * r.score) / 10}分，距目标${config.targetScore}分还差${Math.round(10 * r.gap) / 10}分`,
    }));
  const byDimension = Object.fromEntries(
    KASH_DIMENSIONS.map((d) => [d, members.filter((m) => m.scores[d] < config.targetScore).map((m) => m.agentId)]),
  ) as Record<KashDimension, string[]>;
  // Stryker disable next-line MethodExpression,ArrowFunction,BooleanLiteral: a repeated (or missing-later) index never wins the strict < of the reduce
  const order = [...config.tieOrder, ...KASH_DIMENSIONS.filter((d) => !config.tieOrder.includes(d))];
  const means = order.map((d) => ({ dimension: d, meanScore: Math.round(10 * mean(members.map((m) => m.scores[d]))) / 10 }));
  const teamFocus = members.length === 0 ? null : means.reduce((best, x) => (x.meanScore < best.meanScore ? x : best));
  return { coaching, onTrack: rows.filter((r) => r.gap <= 0).map((r) => r.m.agentId), byDimension, teamFocus };
}
