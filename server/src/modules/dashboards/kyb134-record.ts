import type { ActivitySummary, AgentAssets, KashPercentiles, KashResult, McipPlan } from '@kejing/shared';

/** What the daily snapshot stores per agent and day (kyb134_agent_day.detail); presenters map it out. */
export interface AgentKyb134Record {
  agentId: string;
  teamId: string;
  day: string;
  activity: ActivitySummary;
  /** probabilitySource and modelVersion are absent from records stored before the forecast read the model. */
  assets: AgentAssets & { averagePremiumFen: number; probabilitySource?: 'stage_prior' | 'model'; modelVersion?: string | null };
  /** knowledgeProfile is kept for the plan; indices keep their components so a plan can say why. */
  kash: KashResult;
  percentiles: KashPercentiles;
  mcip: McipPlan;
}
