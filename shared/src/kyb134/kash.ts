/**
 * KASH (KYB134 "4"): four indices, each 0..100, that describe an agent's ability.
 * Knowledge — what they study and share (kash-knowledge.ts); Attitude — consistency
 * (kash-attitude.ts); Skill — stage conversion and speed (kash-skill.ts); Habit — the morning
 * list and sharing rhythm (kash-habit.ts). Each index is 100 × a weighted mean of components
 * that each say how much of a target was reached; the components are kept so a plan can
 * say why. Percentiles in team and company: percentile.ts.
 */
import type { ActivitySummary } from './activity';
import { DEFAULT_ATTITUDE_CONFIG, scoreAttitude, type AttitudeConfig } from './kash-attitude';
import { DEFAULT_HABIT_CONFIG, scoreHabit, type HabitConfig } from './kash-habit';
import {
  type ContentStudyRecord,
  DEFAULT_KNOWLEDGE_CONFIG,
  type KnowledgeConfig,
  type KnowledgeProfile,
  profileKnowledge,
  scoreKnowledge,
} from './kash-knowledge';
import { DEFAULT_SKILL_CONFIG, scoreSkill, type SkillConfig } from './kash-skill';
import type { KashDimension, KashIndex, KashScores } from './kash-types';
import type { ContactStageHistory } from './stage-history';

/** Everything the four indices need for one agent and one window. */
export interface KashInput {
  agentId: string;
  /** From layerAgent over the window. */
  activity: ActivitySummary;
  /** Content the agent studied or shared in the window, with its tags. */
  content: ContentStudyRecord[];
  /** The agent's contacts' stage histories. */
  contacts: ContactStageHistory[];
  /** The window in epoch ms, matching activity.window (the caller knows the time zone). */
  fromMs: number;
  toMs: number;
}

export interface KashConfig {
  knowledge: KnowledgeConfig;
  attitude: AttitudeConfig;
  skill: SkillConfig;
  habit: HabitConfig;
}

export const DEFAULT_KASH_CONFIG: KashConfig = {
  knowledge: DEFAULT_KNOWLEDGE_CONFIG,
  attitude: DEFAULT_ATTITUDE_CONFIG,
  skill: DEFAULT_SKILL_CONFIG,
  habit: DEFAULT_HABIT_CONFIG,
};

export interface KashResult {
  agentId: string;
  scores: KashScores;
  indices: Record<KashDimension, KashIndex>;
  /** Studied items and shares per need family, for choosing content to study. */
  knowledgeProfile: KnowledgeProfile;
}

/** The four KASH indices of one agent over one window. */
export function scoreKash(input: KashInput, config: KashConfig = DEFAULT_KASH_CONFIG): KashResult {
  const indices: Record<KashDimension, KashIndex> = {
    knowledge: scoreKnowledge(input.content, config.knowledge),
    attitude: scoreAttitude(input.activity, config.attitude),
    skill: scoreSkill(input.contacts, input.fromMs, input.toMs, config.skill),
    habit: scoreHabit(input.activity, config.habit),
  };
  return {
    agentId: input.agentId,
    scores: {
      knowledge: indices.knowledge.score,
      attitude: indices.attitude.score,
      skill: indices.skill.score,
      habit: indices.habit.score,
    },
    indices,
    knowledgeProfile: profileKnowledge(input.content, config.knowledge),
  };
}
