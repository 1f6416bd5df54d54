import { ageOn, nextYearly, planAfterSaleMoments, type AfterSaleContact, type AfterSalePolicy } from './after-sale';

const policy = (over: Partial<AfterSalePolicy> = {}): AfterSalePolicy => ({
  policyId: 'p1', productName: '守护重疾', need: 'critical_illness', insuredRelation: 'self', insuredName: '王丽',
  effectiveDate: '2025-06-10', nextPremiumDate: '2026-06-10', signedDate: '2025-06-01', ...over,
});
const client = (over: Partial<AfterSaleContact> = {}): AfterSaleContact => ({
  contactId: 'c1', name: '王姐', gender: 'female', birthday: '1980-03-08', familyMembers: [], agentTags: [], interestTags: [],
  policies: [policy()], latestNps: null, ...over,
});
const kinds = (c: AfterSaleContact, today: string) => planAfterSaleMoments(c, today).map((m) => m.kind);

describe('after-sale moments (老客长存 / 新客开来)', () => {
  it.each<[string, string, string[]]>([
    ['the signing day opens 答谢', '2025-06-01', ['thanks']],
    ['three days after signing still thanks', '2025-06-04', ['thanks']],
    ['the fourth day after signing does not', '2025-06-05', []],
    ['seven days before the anniversary opens 周年访', '2026-06-03', ['premium_due_7', 'anniversary']],
    ['eight days before the anniversary is too early', '2026-06-02', ['premium_due_30']],
    ['thirty days before the premium is due', '2026-05-11', ['premium_due_30']],
    ['thirty-one days before is too early', '2026-05-10', []],
    ['three days before the client\'s birthday', '2026-03-05', ['birthday']],
    ['on the birthday', '2026-03-08', ['birthday']],
    ['the day after the birthday', '2026-03-09', []],
  ])('%s', (_name, today, expected) => {
    expect(kinds(client(), today)).toEqual(expected);
  });

  it('names the product, the days left and the due date in a premium reminder', () => {
    const [due] = planAfterSaleMoments(client(), '2026-05-11');
    expect(due).toEqual(expect.objectContaining({ key: 'as:due30:p1:2026-06-10', priority: 3, dueDate: '2026-05-11', contentTags: ['need:critical_illness'] }));
    expect(due?.action).toBe('续期提醒：《守护重疾》2026-06-10 缴费（还有 30 天）');
    expect(due?.message).toContain('王姐您好');
  });

  it('keys an anniversary by its year, so the next year plans it again', () => {
    const [a2026] = planAfterSaleMoments(client({ policies: [policy({ nextPremiumDate: null })] }), '2026-06-10');
    const [a2027] = planAfterSaleMoments(client({ policies: [policy({ nextPremiumDate: null })] }), '2027-06-10');
    expect([a2026?.key, a2027?.key]).toEqual(['as:anniv:p1:2026', 'as:anniv:p1:2027']);
    expect(a2027?.action).toContain('生效满 2 年');
  });

  it('wishes an insured family member a happy birthday, but not a family member the client has not insured', () => {
    const family = [
      { name: '小宝', relation: 'child' as const, birthday: '2015-09-20', gender: 'male' as const },
      { name: '老李', relation: 'spouse' as const, birthday: '1979-09-20', gender: 'male' as const },
    ];
    const c = client({ familyMembers: family, policies: [policy({ nextPremiumDate: null }), policy({ policyId: 'p2', insuredRelation: 'child', insuredName: '小宝', nextPremiumDate: null })] });
    const moments = planAfterSaleMoments(c, '2026-09-18');
    expect(moments.map((m) => m.key)).toEqual(['as:fbday:c1:小宝:2026']);
  });

  it('opens 加保 for a baby born in the last 180 days, with newborn and education content', () => {
    const c = client({ policies: [policy({ nextPremiumDate: null })], familyMembers: [{ name: '二宝', relation: 'child', birthday: '2026-08-01', gender: null }] });
    const [m] = planAfterSaleMoments(c, '2026-11-02');
    expect(m).toEqual(expect.objectContaining({ kind: 'newborn', contentTags: ['life_event:newborn', 'need:education', 'need:medical'] }));
    expect(kinds(c, '2027-02-01')).toEqual([]);
  });

  it('opens 养老 sixty days before a woman turns 55, unless she already holds a retirement or annuity policy', () => {
    const c = client({ birthday: '1971-12-31', policies: [policy({ nextPremiumDate: null })] });
    expect(kinds(c, '2026-11-01')).toEqual(['retirement']);
    expect(kinds(c, '2026-10-31')).toEqual([]);
    expect(kinds({ ...c, policies: [policy({ need: 'annuity', nextPremiumDate: null })] }, '2026-11-01')).toEqual([]);
  });

  it('opens 加保 for each need family read about (weight ≥ 0.2) and not held; a new home from reading or the agent\'s tag', () => {
    const c = client({
      policies: [policy({ nextPremiumDate: null })],
      interestTags: [{ tag: 'need:critical_illness', weight: 0.5 }, { tag: 'need:medical', weight: 0.3 }, { tag: 'need:education', weight: 0.1 }],
      agentTags: ['刚乔迁'],
    });
    expect(planAfterSaleMoments(c, '2026-11-02').map((m) => m.key)).toEqual(['as:home:c1:2026', 'as:gap:c1:medical:2026']);
  });

  it('asks a contact who gave 9–10 after a service for referrals, within 14 days of the answer', () => {
    const nps = { eventId: 'e9', score: 10, day: '2026-11-01', serviceDayBefore: '2026-10-25' };
    const c = client({ policies: [], latestNps: nps });
    expect(planAfterSaleMoments(c, '2026-11-02')).toEqual([expect.objectContaining({ kind: 'referral_ask', key: 'as:refer:e9', priority: 2, channel: 'call' })]);
    expect(kinds(c, '2026-11-16')).toEqual([]);
    expect(kinds({ ...c, latestNps: { ...nps, score: 8 } }, '2026-11-02')).toEqual([]);
    expect(kinds({ ...c, latestNps: { ...nps, serviceDayBefore: null } }, '2026-11-02')).toEqual([]);
    expect(kinds({ ...c, latestNps: { ...nps, serviceDayBefore: '2026-09-30' } }, '2026-11-02')).toEqual([]);
  });

  it('plans nothing but the referral ask for a contact without policies', () => {
    expect(kinds(client({ policies: [], interestTags: [{ tag: 'need:medical', weight: 0.9 }] }), '2026-03-08')).toEqual([]);
  });

  it('puts the most urgent first: a premium due in 7 days before a birthday', () => {
    const c = client({ birthday: '1980-06-05', policies: [policy({ effectiveDate: '2025-07-10' })] });
    expect(kinds(c, '2026-06-04')).toEqual(['premium_due_7', 'birthday']);
  });

  it('greets without a name when the agent has none on record', () => {
    expect(planAfterSaleMoments(client({ name: '' }), '2026-03-08')[0]?.message).toMatch(/^您好，祝您生日快乐/);
  });

  it.each<[string, string, string]>([
    ['2024-02-29', '2025-03-01', '2026-02-28'],
    ['2024-02-29', '2025-02-01', '2025-02-28'],
    ['1980-03-08', '2026-03-08', '2026-03-08'],
  ])('a yearly date %s seen on %s falls next on %s', (date, today, next) => {
    expect(nextYearly(date, today)).toBe(next);
  });

  it('counts age in whole years', () => {
    expect([ageOn('1980-03-08', '2026-03-07'), ageOn('1980-03-08', '2026-03-08')]).toEqual([45, 46]);
  });
});
