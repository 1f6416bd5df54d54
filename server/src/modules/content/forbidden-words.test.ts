import { findForbiddenWords, foldForMatching, htmlToText } from './forbidden-words';

const WORDS = [
  { word: '稳赚', category: 'guaranteed_returns' },
  { word: '保本高收益', category: 'guaranteed_returns' },
  { word: '100%理赔', category: 'misleading' },
  { word: 'guaranteed return', category: 'guaranteed_returns' },
  { word: '别家都是坑', category: 'disparaging' },
];

describe('the forbidden-word check', () => {
  it.each([
    ['plain', '这款产品稳赚', ['稳赚']],
    ['spaced out', '这款产品稳 赚', ['稳赚']],
    ['split by punctuation', '稳·赚，保本-高收益', ['稳赚', '保本高收益']],
    ['split by a zero-width space', '稳\u200b赚', ['稳赚']],
    ['in full-width digits', '１００％理赔', ['100%理赔']],
    ['in English, any case', 'A Guaranteed  Return of 5%', ['guaranteed return']],
    ['disparaging other insurers', '买保险要擦亮眼睛，别家都是坑', ['别家都是坑']],
    ['not present', '重疾险的保额应覆盖三到五年收入', []],
  ])('finds words written %s', (_how, text, expected) => {
    expect(findForbiddenWords([{ field: 'bodyHtml', text }], WORDS).map((h) => h.word)).toEqual(expected);
  });

  it('names the field each word was found in', () => {
    const hits = findForbiddenWords([{ field: 'title', text: '稳赚的年金' }, { field: 'summary', text: '保本高收益' }], WORDS);
    expect(hits).toEqual([
      { field: 'title', word: '稳赚', category: 'guaranteed_returns' },
      { field: 'summary', word: '保本高收益', category: 'guaranteed_returns' },
    ]);
  });

  it('reads HTML as the reader sees it: across tags, through entities, in alt texts', () => {
    const text = htmlToText('<p>稳<strong>赚</strong></p><p>&#20445;&#26412;高收益</p><img src="https://x/a.png" alt="别家都是坑">');
    expect(findForbiddenWords([{ field: 'bodyHtml', text }], WORDS).map((h) => h.word)).toEqual(['稳赚', '保本高收益', '别家都是坑']);
  });

  it('folds text before matching', () => {
    expect(foldForMatching(' Ａ－Ｂ c ')).toBe('abc');
  });

  it('leaves references that name nothing as they are: no code point past U+10FFFF, nothing from Object.prototype', () => {
    expect(htmlToText('<p>&#99999999;&#x110000;&constructor;&valueOf;&amp;</p>').trim()).toBe('&#99999999;&#x110000;&constructor;&valueOf;&');
  });
});
