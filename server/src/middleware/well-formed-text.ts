import type { Context, Next } from 'koa';
import { badRequest } from '../lib/app-error';

const MAX_DEPTH = 32;
// With the u flag, a surrogate pair is one code point: only unpaired halves match.
const LONE_SURROGATE = /\p{Cs}/u;

/** The first string problem in a parsed JSON body: a lone surrogate (not storable as UTF-8), NUL, or absurd nesting. */
function problemIn(value: unknown, path: string, depth: number): { field: string; reason: string } | null {
  if (depth > MAX_DEPTH) return { field: path || '(body)', reason: `nests deeper than ${MAX_DEPTH} levels` };
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) return { field: path || '(body)', reason: 'contains a lone surrogate (not valid Unicode text)' };
    if (value.includes('\u0000')) return { field: path || '(body)', reason: 'contains a NUL character' };
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = problemIn(key, path, depth + 1);
    if (keyProblem) return keyProblem;
    const found = problemIn(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses, with the field, text that the databases cannot store as sent: lone UTF-16 surrogates
 * (MySQL's utf8mb4 rejects them, SQLite would store mojibake) and NUL. Everything else, 4-byte
 * emoji included, goes through to validation and is stored intact.
 */
export async function requireWellFormedText(ctx: Context, next: Next): Promise<void> {
  const problem = problemIn(ctx.request.body, '', 0) ?? problemIn(ctx.query, '', 0);
  if (problem) throw badRequest([problem], 'the request holds text that is not valid Unicode');
  await next();
}
