import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** A string a person would read in English: where it is, and the text. */
export interface EnglishFinding {
  file: string;
  line: number;
  text: string;
}

const CHINESE = /[\u4e00-\u9fff]/;
/** Letters a person reads as words: two words, or one word of three letters or more. */
const ENGLISH_WORDS = /[A-Za-z]{3,}|[A-Za-z]{2,}\s+[A-Za-z]{2,}/;
/** Calls whose text arguments are error messages people read. */
const ERROR_CALLS = new Set(['AppError', 'badRequest', 'forbidden', 'unauthorized']);
/** Object properties whose text is read by people: a field error's reason, a validation or error message. */
const READ_PROPERTIES = new Set(['reason', 'message']);
/** A code, an identifier or a closed set of words (e.g. `reason: 'refused'`): not a sentence. */
const CODE_LIKE = /^[a-z][a-z0-9_]*$/;

/** The literal text of a string or template (its fixed parts; `${…}` stands for a value). */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

/** English in a text meant for people: English words and no Chinese at all. */
export const readsAsEnglish = (text: string) => !CHINESE.test(text) && ENGLISH_WORDS.test(text) && !CODE_LIKE.test(text);

/**
 * English a person could read in one server source: the text arguments of AppError and its
 * helpers, and `reason:` / `message:` texts in object literals (field errors, validation messages).
 */
export function englishInSource(file: string, source: string): EnglishFinding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: EnglishFinding[] = [];
  const report = (node: ts.Node) => {
    const text = literalText(node);
    if (text !== null && readsAsEnglish(text)) found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression) && ERROR_CALLS.has(node.expression.text)) {
      for (const arg of node.arguments ?? []) report(arg);
    }
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && READ_PROPERTIES.has(node.name.text)) report(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Every non-test TypeScript file under a folder. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** English a person could read in the server's errors, over every source under `dir`. */
export function englishInServerErrors(dir: string): EnglishFinding[] {
  return sourceFiles(dir).flatMap((file) => englishInSource(relative(dir, file), readFileSync(file, 'utf8')));
}
