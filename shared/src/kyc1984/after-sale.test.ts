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

  it('plans no anniversary for a policy taking effect within the week: its effective day is no anniversary', () => {
    expect(kinds(client({ policies: [policy({ effectiveDate: '2026-06-10', signedDate: '2026-05-01', nextPremiumDate: null })] }), '2026-06-05')).toEqual([]);
  });

  it('reminds on the premium\'s due day itself, and not once it has passed', () => {
    expect(kinds(client(), '2026-06-10')).toEqual(['premium_due_7', 'anniversary']);
    expect(kinds(client(), '2026-06-11')).toEqual([]);
  });

  it('opens no 养老 for a client holding a retirement policy among others', () => {
    const c = client({ birthday: '1971-12-31', policies: [policy({ nextPremiumDate: null }), policy({ policyId: 'p2', need: 'retirement', nextPremiumDate: null })] });
    expect(kinds(c, '2026-11-01')).toEqual([]);
  });

  it('wishes a family member only near their birthday, and takes no one for insured by the client\'s own policy', () => {
    const child = { name: '小宝', relation: 'child' as const, birthday: '2015-09-20', gender: 'male' as const };
    const insured = client({ familyMembers: [child], policies: [policy({ nextPremiumDate: null }), policy({ policyId: 'p2', insuredRelation: 'child', insuredName: '小宝', nextPremiumDate: null })] });
    expect(kinds(insured, '2026-09-10')).toEqual([]);
    const namesake = { name: '王丽', relation: 'sibling' as const, birthday: '1985-09-20', gender: 'female' as const };
    expect(kinds(client({ familyMembers: [namesake], policies: [policy({ nextPremiumDate: null })] }), '2026-09-18')).toEqual([]);
  });

  it('opens 新生儿加保 for a child only, not for another family member born recently', () => {
    const c = client({ policies: [policy({ nextPremiumDate: null })], familyMembers: [{ name: '小王', relation: 'parent', birthday: '2026-08-01', gender: null }] });
    expect(kinds(c, '2026-11-02')).toEqual([]);
  });

  it('opens 安家 for a client who read new-home content at the minimum weight, and not for other reading', () => {
    const reader = (tag: string, weight: number) => client({ policies: [policy({ nextPremiumDate: null })], interestTags: [{ tag: tag as 'life_event:new_home', weight }] });
    expect(kinds(reader('life_event:new_home', 0.2), '2026-11-02')).toEqual(['new_home']);
    expect(kinds(reader('life_event:new_home', 0.1), '2026-11-02')).toEqual([]);
    expect(kinds(reader('need:critical_illness', 0.5), '2026-11-02')).toEqual([]);
  });

  it('opens 加保 for a need read at exactly the minimum weight, and never for a tag that is not a need', () => {
    const reader = (tag: string, weight: number) => client({ policies: [policy({ nextPremiumDate: null })], interestTags: [{ tag: tag as 'need:medical', weight }] });
    expect(planAfterSaleMoments(reader('need:medical', 0.2), '2026-11-02').map((m) => m.key)).toEqual(['as:gap:c1:medical:2026']);
    expect(kinds(reader('topic:family', 0.9), '2026-11-02')).toEqual([]);
  });

  it('counts age in whole years', () => {
    expect([ageOn('1980-03-08', '2026-03-07'), ageOn('1980-03-08', '2026-03-08')]).toEqual([45, 46]);
  });
});

describe('what the agent is told to do and say for each moment, word for word', () => {
  // One client on 2026-06-03 with every client moment open at once: signed 安心寿 two days ago, 小宝医疗
  // (insuring the child 小宝) due in 5 days and 2 years old in 5, 守护重疾 due in 28 days, his own
  // birthday in 2 days, 小宝's tomorrow, a baby born a month ago, a move, a read-about need not held,
  // and a 9 after a service.
  const family = [
    { name: '小宝', relation: 'child' as const, birthday: '2015-06-04', gender: 'male' as const },
    { name: '二宝', relation: 'child' as const, birthday: '2026-05-01', gender: null },
  ];
  const everything = client({
    contactId: 'c7', name: '陈先生', gender: 'male', birthday: '1980-06-05', familyMembers: family, agentTags: ['刚搬家'],
    interestTags: [{ tag: 'need:accident', weight: 0.4 }],
    policies: [
      policy({ policyId: 'p1', productName: '安心寿', need: 'life', insuredName: '陈先生', effectiveDate: '2026-06-02', nextPremiumDate: null, signedDate: '2026-06-01' }),
      policy({ policyId: 'p2', productName: '小宝医疗', need: 'medical', insuredRelation: 'child', insuredName: '小宝', effectiveDate: '2024-06-08', nextPremiumDate: '2026-06-08', signedDate: '2024-06-01' }),
      policy({ policyId: 'p3', productName: '守护重疾', insuredName: '陈先生', effectiveDate: '2025-07-01', nextPremiumDate: '2026-07-01', signedDate: '2025-06-20' }),
    ],
    latestNps: { eventId: 'n5', score: 9, day: '2026-06-01', serviceDayBefore: '2026-05-28' },
  });

  it('names the product, the insured, the figures and the day in each action and message, most urgent first', () => {
    expect(planAfterSaleMoments(everything, '2026-06-03')).toEqual([
      {
        kind: 'premium_due_7', key: 'as:due7:p2:2026-06-08', dueDate: '2026-06-03', priority: 1, channel: 'call',
        action: '续期提醒：《小宝医疗》2026-06-08 缴费（还有 5 天）',
        message: '陈先生您好，温馨提醒：您的《小宝医疗》（被保险人：小宝）下次缴费日是 2026-06-08，请确认扣款账户余额充足，以免影响保障。',
        contentTags: ['need:medical'],
      },
      {
        kind: 'thanks', key: 'as:thanks:p1', dueDate: '2026-06-03', priority: 2, channel: 'call',
        action: '答谢：感谢签约《安心寿》',
        message: '陈先生您好，感谢您对我的信任，《安心寿》已经生效办理中。保单有任何问题随时找我，我会一直为您和家人做好服务。',
        contentTags: ['need:life'],
      },
      {
        kind: 'referral_ask', key: 'as:refer:n5', dueDate: '2026-06-03', priority: 2, channel: 'call',
        action: '转介绍：客户给了 9 分推荐评分',
        message: '陈先生您好，谢谢您给我的好评！如果身边有朋友也在考虑保障，欢迎把我推荐给他们，我一定像服务您一样用心。',
        contentTags: [],
      },
      {
        kind: 'birthday', key: 'as:bday:c7:2026', dueDate: '2026-06-05', priority: 2, channel: 'message',
        action: '生日祝福：06-05 是客户生日',
        message: '陈先生您好，祝您生日快乐！愿您和家人健康平安，新的一岁一切顺意。',
        contentTags: [],
      },
      {
        kind: 'family_birthday', key: 'as:fbday:c7:小宝:2026', dueDate: '2026-06-04', priority: 3, channel: 'message',
        action: '生日祝福：子女小宝 06-04 生日',
        message: '陈先生您好，06-04 是小宝的生日，提前祝小宝生日快乐、健健康康！',
        contentTags: [],
      },
      {
        kind: 'anniversary', key: 'as:anniv:p2:2026', dueDate: '2026-06-08', priority: 3, channel: 'meet',
        action: '周年访：《小宝医疗》生效满 2 年',
        message: '陈先生您好，您的《小宝医疗》（被保险人：小宝）生效满 2 年了。我想约您聊聊这一年家里的变化，一起检视保障是否还合适。',
        contentTags: ['need:medical'],
      },
      {
        kind: 'premium_due_30', key: 'as:due30:p3:2026-07-01', dueDate: '2026-06-03', priority: 3, channel: 'message',
        action: '续期提醒：《守护重疾》2026-07-01 缴费（还有 28 天）',
        message: '陈先生您好，温馨提醒：您的《守护重疾》下次缴费日是 2026-07-01，请确认扣款账户余额充足，以免影响保障。',
        contentTags: ['need:critical_illness'],
      },
      {
        kind: 'newborn', key: 'as:newborn:c7:二宝', dueDate: '2026-06-03', priority: 3, channel: 'meet',
        action: '加保：家里添了宝宝 二宝',
        message: '陈先生您好，恭喜家里添了二宝！宝宝的医疗、重疾和教育金可以早做准备，我整理了一份新生儿保障清单，发您参考。',
        contentTags: ['life_event:newborn', 'need:education', 'need:medical'],
      },
      {
        kind: 'new_home', key: 'as:home:c7:2026', dueDate: '2026-06-03', priority: 4, channel: 'message',
        action: '保全 / 加保：客户安家置业',
        message: '陈先生您好，恭喜乔迁！房贷期间家庭责任更重了，保单的通讯地址也记得更新。我帮您看看寿险和意外保障够不够？',
        contentTags: ['life_event:new_home', 'need:life', 'need:accident'],
      },
      {
        kind: 'need_gap', key: 'as:gap:c7:accident:2026', dueDate: '2026-06-03', priority: 4, channel: 'message',
        action: '加保：客户在关注意外，尚无意外保单',
        message: '陈先生您好，看到您最近在了解意外方面的内容，这块您目前还没有配置。我可以结合您已有的保单，帮您看看怎么补齐。',
        contentTags: ['need:accident'],
      },
    ]);
  });

  it('tells the agent the month and the age of a coming retirement, with the retirement content', () => {
    const nearing = client({ contactId: 'c8', name: '刘姐', birthday: '1971-07-15', policies: [policy({ effectiveDate: '2025-09-01', nextPremiumDate: null })] });
    expect(planAfterSaleMoments(nearing, '2026-06-03')).toEqual([
      {
        kind: 'retirement', key: 'as:retire:c8', dueDate: '2026-07-15', priority: 4, channel: 'meet',
        action: '加保：客户 2026-07 将满 55 岁，养老规划',
        message: '刘姐您好，您快到退休的年纪了，退休后的现金流和医疗保障值得提前安排。我整理了一份养老规划的思路，方便时给您讲讲？',
        contentTags: ['life_event:retirement', 'need:retirement', 'need:annuity'],
      },
    ]);
  });
});
