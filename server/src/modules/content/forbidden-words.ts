import type { ForbiddenWordHit } from '@kejing/shared';

// Spaces, punctuation, symbols and zero-width characters are dropped before matching, so
// "稳 赚", "稳-赚" and "稳\u200b赚" are caught; NFKC folds full-width letters and digits.
const IGNORED = /[\s\p{P}\p{S}\u200b-\u200f\u2060\ufeff]/gu;

/** Text folded for matching: NFKC, lower case, no spacing or punctuation. */
export function foldForMatching(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(IGNORED, '');
}

// A Map: "&constructor;" must not find Object.prototype's constructor.
const ENTITIES = new Map<string, string>([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', ' ']]);

/** A numeric character reference's character, or the reference itself when it names no code point. */
const codePoint = (whole: string, value: number) => (Number.isInteger(value) && value >= 0 && value <= 0x10ffff ? String.fromCodePoint(value) : whole);

/** The text a reader sees in (already sanitised) HTML, plus image alt texts and link titles. */
export function htmlToText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:alt|title)="([^"]*)"/g)].map((m) => m[1]).join(' ');
  return `${html.replace(/<[^>]*>/g, ' ')} ${attributes}`
    .replace(/&#(\d+);/g, (whole, n: string) => codePoint(whole, Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (whole, n: string) => codePoint(whole, parseInt(n, 16)))
    .replace(/&([a-z]+);/gi, (whole, name: string) => ENTITIES.get(name.toLowerCase()) ?? whole);
}

/** Every forbidden word found in each field, in field order, each word once per field. */
export function findForbiddenWords<F extends string = ForbiddenWordHit['field']>(
  fields: { field: F; text: string }[],
  words: { word: string; category: string }[],
): { field: F; word: string; category: string }[] {
  const folded = words.map((w) => ({ ...w, folded: foldForMatching(w.word) })).filter((w) => w.folded.length > 0);
  return fields.flatMap(({ field, text }) => {
    const haystack = foldForMatching(text);
    return folded.filter((w) => haystack.includes(w.folded)).map((w) => ({ field, word: w.word, category: w.category }));
  });
}
