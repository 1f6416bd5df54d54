/**
 * Premium actually signed (实收保费 by signing day), 件均保费 and 举绩率 for a group of agents in a
 * period: the actuals beside the premium forecast. Pure: the caller passes the policies and agents.
 */
import type { DayString } from './day';

/** A signed policy as the actuals count it. */
export interface SignedPolicy {
  agentId: string;
  annualPremiumFen: number;
  signedDate: DayString;
}

export interface PremiumActuals {
  premiumFen: number;
  policies: number;
  /** 件均保费: premium per policy, whole fen; 0 without policies. */
  averagePremiumFen: number;
  agents: number;
  agentsWithPolicy: number;
  /** 举绩率: share of the agents who signed at least one policy, per cent with one decimal. */
  performanceRatePct: number;
}

/** The actuals of `agentIds` for the days fromDate..toDate (both included); policies of other agents or days are left out. */
export function premiumActuals(policies: readonly SignedPolicy[], agentIds: readonly string[], fromDate: DayString, toDate: DayString): PremiumActuals {
  const agents = new Set(agentIds);
  const inPeriod = policies.filter((p) => agents.has(p.agentId) && p.signedDate >= fromDate && p.signedDate <= toDate);
  const premiumFen = inPeriod.reduce((sum, p) => sum + p.annualPremiumFen, 0);
  const agentsWithPolicy = new Set(inPeriod.map((p) => p.agentId)).size;
  return {
    premiumFen,
    policies: inPeriod.length,
    averagePremiumFen: inPeriod.length === 0 ? 0 : Math.round(premiumFen / inPeriod.length),
    agents: agents.size,
    agentsWithPolicy,
    performanceRatePct: agents.size === 0 ? 0 : Math.round((agentsWithPolicy / agents.size) * 1000) / 10,
  };
}
