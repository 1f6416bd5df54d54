/**
 * How agents find content, and what they post with it: one rule for the server's library search
 * and anything that explains it. A search word finds an item through its title, its summary or
 * the Chinese name of one of its tags, and through the words people use for the same need
 * ("重疾" = 重大疾病 = 重疾险), so typing what a chip says finds at least what the chip finds.
 */
import { DEFAULT_TAG_NAMES_ZH } from './domain';

/** Words that mean the same to a customer, each group one need or life situation. */
export const SEARCH_SYNONYMS: readonly (readonly string[])[] = [
  ['重疾', '重大疾病', '重疾险', '大病', '癌症'],
  ['医疗', '医疗险', '百万医疗', '住院', '报销'],
  ['意外', '意外险', '意外伤害', '出行'],
  ['寿险', '定期寿险', '定寿', '终身寿险', '身故'],
  ['年金', '年金险', '现金流'],
  ['养老', '养老金', '退休', '养老规划'],
  ['教育金', '教育', '学费'],
  ['财富传承', '传承', '资产隔离'],
  ['宝妈', '妈妈', '孩子', '少儿', '儿童', '子女'],
  ['银发', '老人', '父母', '长辈'],
  ['企业主', '老板', '企业'],
  ['结婚', '新婚', '婚姻'],
  ['购房安家', '买房', '购房', '房贷'],
];

/** A search of more words than this is cut: each word must match, so more only narrows to nothing. */
const MAX_WORDS = 5;

const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * The words a search stands for: each space-separated word with the synonyms of every group it
 * names (the word is one of the group, or contains one of its words of two characters or more).
 */
export function searchWords(query: string): string[][] {
  return normalise(query)
    .split(/\s+/)
    .filter((w) => w !== '')
    .slice(0, MAX_WORDS)
    .map((word) => {
      const found = new Set([word]);
      for (const group of SEARCH_SYNONYMS) {
        if (group.some((g) => g === word || (g.length >= 2 && word.includes(g)))) for (const g of group) found.add(normalise(g));
      }
      return [...found];
    });
}

export interface SearchableContent {
  title: string;
  summary: string | null;
  tags: readonly string[];
}

/**
 * Whether an item answers a search: every word (or one of its synonyms) appears in the title, the
 * summary or a tag's Chinese name. `tagNames` names operator-made tags; the seeded ones are known.
 */
export function matchesContentSearch(query: string, item: SearchableContent, tagNames: Readonly<Record<string, string>> = {}): boolean {
  const words = searchWords(query);
  if (words.length === 0) return true;
  const haystack = normalise([item.title, item.summary ?? '', ...item.tags.map((t) => tagNames[t] ?? DEFAULT_TAG_NAMES_ZH[t] ?? '')].join('\n'));
  return words.every((alternatives) => alternatives.some((w) => haystack.includes(w)));
}

/** The longest 朋友圈文案: WeChat folds a Moments post after about six lines. */
export const MOMENTS_COPY_MAX_CHARS = 300;

/**
 * The 朋友圈文案 an item offers when its operator wrote none: the summary (or the title) in the
 * agent's voice, with an invitation to ask. Written to be posted as is, without the title twice.
 */
export function defaultMomentsCopy(title: string, summary: string | null): string {
  const lead = summary && summary.trim() !== '' ? summary.trim() : title.trim();
  const ending = /[。！？!?…]$/.test(lead) ? '' : '。';
  const body = lead === title.trim() ? `${lead}${ending}` : `【${title.trim()}】${lead}${ending}`;
  return `${body}\n分享一篇我觉得有用的文章，有疑问随时问我。`.slice(0, MOMENTS_COPY_MAX_CHARS);
}
