import { premiumActuals } from './premium-actuals';

describe('premium actuals, 件均保费 and 举绩率', () => {
  const policies = [
    { agentId: 'a', annualPremiumFen: 400_000, signedDate: '2026-10-31' }, // the month before
    { agentId: 'a', annualPremiumFen: 500_000, signedDate: '2026-11-01' },
    { agentId: 'a', annualPremiumFen: 300_000, signedDate: '2026-11-15' },
    { agentId: 'b', annualPremiumFen: 1_000_001, signedDate: '2026-11-30' },
    { agentId: 'b', annualPremiumFen: 900_000, signedDate: '2026-12-01' }, // next month
    { agentId: 'x', annualPremiumFen: 700_000, signedDate: '2026-11-10' }, // not in the group
  ];

  it('sums the period\'s premium of the group, averages per policy and counts agents who signed', () => {
    // 500,000 + 300,000 + 1,000,001 = 1,800,001 over 3 policies = 600,000.33 → 600,000; 2 of 4 agents signed = 50 %.
    expect(premiumActuals(policies, ['a', 'b', 'c', 'd'], '2026-11-01', '2026-11-30')).toEqual({
      premiumFen: 1_800_001, policies: 3, averagePremiumFen: 600_000, agents: 4, agentsWithPolicy: 2, performanceRatePct: 50,
    });
  });

  it('gives zeros, not NaN, for a period without policies and a group without agents', () => {
    expect(premiumActuals(policies, ['c'], '2026-11-01', '2026-11-30')).toEqual({ premiumFen: 0, policies: 0, averagePremiumFen: 0, agents: 1, agentsWithPolicy: 0, performanceRatePct: 0 });
    expect(premiumActuals(policies, [], '2026-11-01', '2026-11-30').performanceRatePct).toBe(0);
  });

  it('rounds 举绩率 to one decimal: 1 of 3 agents is 33.3 %', () => {
    expect(premiumActuals(policies, ['a', 'c', 'd'], '2026-11-01', '2026-11-30').performanceRatePct).toBe(33.3);
  });
});
