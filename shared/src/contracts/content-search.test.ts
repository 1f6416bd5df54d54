import { defaultMomentsCopy, matchesContentSearch, MOMENTS_COPY_MAX_CHARS, searchWords } from './content-search';

describe('content search', () => {
  const ci = { title: '保额怎么定？一张表算清楚', summary: null, tags: ['need:critical_illness'] };

  it('finds an item through a tag name when its title does not say the word', () => {
    expect(matchesContentSearch('重疾', ci)).toBe(true);
    expect(matchesContentSearch('养老', ci)).toBe(false);
  });

  it('treats the words people use for one need as the same search', () => {
    for (const q of ['重大疾病', '重疾险', '大病']) expect(matchesContentSearch(q, ci)).toBe(true);
    expect(matchesContentSearch('百万医疗', { title: '住院费用怎么报销', summary: null, tags: [] })).toBe(true);
    expect(searchWords('重疾险')[0]).toEqual(expect.arrayContaining(['重疾', '重大疾病']));
  });

  it('needs every word to match, and ignores case, width and extra spaces', () => {
    expect(matchesContentSearch('重疾  宝妈', ci)).toBe(false);
    expect(matchesContentSearch('重疾 宝妈', { ...ci, tags: ['need:critical_illness', 'audience:young_mothers'] })).toBe(true);
    expect(matchesContentSearch('ＡＢＣ', { title: 'abc 课堂', summary: null, tags: [] })).toBe(true);
    expect(matchesContentSearch('   ', ci)).toBe(true);
  });

  it('names operator-made tags by the names it is given', () => {
    const item = { title: '标题', summary: null, tags: ['need:pet'] };
    expect(matchesContentSearch('宠物', item)).toBe(false);
    expect(matchesContentSearch('宠物', item, { 'need:pet': '宠物险' })).toBe(true);
  });
});

describe('the default 朋友圈文案', () => {
  it('puts the title in brackets before the summary, and invites questions', () => {
    expect(defaultMomentsCopy('重疾险的三个常见误区', '买重疾险之前，先把这三件事想清楚。')).toBe(
      '【重疾险的三个常见误区】买重疾险之前，先把这三件事想清楚。\n分享一篇我觉得有用的文章，有疑问随时问我。',
    );
  });

  it('uses the title alone when there is no summary, ending it with a full stop', () => {
    expect(defaultMomentsCopy('定期寿险', null)).toBe('定期寿险。\n分享一篇我觉得有用的文章，有疑问随时问我。');
  });

  it('never exceeds the length WeChat shows before folding', () => {
    expect(defaultMomentsCopy('题', '长'.repeat(1000)).length).toBeLessThanOrEqual(MOMENTS_COPY_MAX_CHARS);
  });
});
