/**
 * The premium forecast by 本周 / 本月 / 本季度 beside the premium signed, for the caller's scope.
 * Read live (not from the daily snapshot) because the actuals change through the day; P(close) is
 * the active deal model's where there is one, else the company's stage prior, as in the snapshot.
 */
import type { DataSource } from 'typeorm';
import {
  DEFAULT_STAGE_PRIOR_CONFIG, type DealOutcome, EXPECTED_CLOSE_RULE_ZH, FORECAST_PERIOD_NAMES_ZH, forecastByPeriod, type OpenContactForecast,
  type PeriodForecastView, type PremiumActualsView, type Stage, stagePrior,
} from '@kejing/shared';
import { chinaDayOf } from '../../lib/china-day';
import type { Clock } from '../../lib/clock';
import type { StaffActor } from '../../permissions/actor';
import { whereAgentInScope } from '../../permissions/scope-query';
import { DEFAULT_EXPECTED_PREMIUM_FEN } from '../leads/queries/latest-budgets';
import type { ModelProbabilitySource, StagePriorSource } from './snapshot.service';

/** The premium signed by the actor's scope in a period (the policies module's actuals). */
export type ActualsSource = (actor: StaffActor, period: { from: string; to: string }) => Promise<PremiumActualsView>;

export class PeriodForecastService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly stagePriors: StagePriorSource,
    private readonly modelProbabilities: ModelProbabilitySource,
    private readonly actuals: ActualsSource,
  ) {}

  /** GET /api/dashboards/forecast */
  async forecast(actor: StaffActor): Promise<PeriodForecastView> {
    const nowMs = this.clock.nowMs();
    const today = chinaDayOf(nowMs);
    const qb = this.dataSource.createQueryBuilder().select(['c.id AS id', 'c.agent_id AS agent_id', 'c.stage AS stage', 'c.outcome AS outcome', 'c.budget_fen AS budget_fen'])
      .from('contact', 'c').where('c.merged_into_contact_id IS NULL');
    const rows = await whereAgentInScope(qb, actor, 'c.agent_id').getRawMany<{ id: string; agent_id: string; stage: number | string; outcome: DealOutcome; budget_fen: number | string | null }>();
    // The budget the latest lead form named, kept on the contact (leads/queries/contact-budgets.ts).
    const budgets = new Map(rows.flatMap((r) => (r.budget_fen === null ? [] : [[r.id, Number(r.budget_fen)] as const])));
    const open = rows.filter((r) => r.outcome === 'open');
    const modelled = await this.modelProbabilities(open.map((r) => r.id), nowMs);
    const priors = { ...DEFAULT_STAGE_PRIOR_CONFIG, byStage: await this.stagePriors() };
    const averageOf = agentAverages(rows.map((r) => ({ agentId: r.agent_id, budgetFen: budgets.get(r.id) })));
    const contacts: OpenContactForecast[] = open.map((r) => {
      const stage = Number(r.stage) as Stage;
      return {
        stage,
        closeProbability: modelled?.byContact.get(r.id) ?? stagePrior(stage, 'open', priors).probability,
        expectedPremiumFen: budgets.get(r.id) ?? averageOf(r.agent_id),
      };
    });
    const periods = [];
    for (const p of forecastByPeriod(contacts, today)) {
      const signed = await this.actuals(actor, { from: p.fromDate, to: today });
      periods.push({
        period: p.period, nameZh: FORECAST_PERIOD_NAMES_ZH[p.period], fromDate: p.fromDate, toDate: p.toDate,
        expectedFen: p.expectedFen, expectedContacts: p.contacts, actualFen: signed.premiumFen, actualPolicies: signed.policies,
      });
    }
    return {
      today,
      probabilitySource: modelled ? 'model' : 'stage_prior',
      modelVersion: modelled?.version ?? null,
      sourceZh: modelled ? `成交概率来自成交指数模型（${modelled.version}）` : '成交概率按销售阶段估算（还没有可用的成交指数模型）',
      expectedCloseRuleZh: EXPECTED_CLOSE_RULE_ZH,
      openContacts: open.length,
      periods,
    };
  }
}

/** Each agent's average budget over their contacts that gave one, else the default premium (as the daily snapshot prices them). */
function agentAverages(contacts: readonly { agentId: string; budgetFen: number | undefined }[]): (agentId: string) => number {
  const sums = new Map<string, { total: number; n: number }>();
  for (const c of contacts) {
    if (c.budgetFen === undefined || c.budgetFen <= 0) continue;
    const s = sums.get(c.agentId) ?? { total: 0, n: 0 };
    s.total += c.budgetFen;
    s.n += 1;
    sums.set(c.agentId, s);
  }
  return (agentId) => {
    const s = sums.get(agentId);
    return s ? Math.round(s.total / s.n) : DEFAULT_EXPECTED_PREMIUM_FEN;
  };
}
