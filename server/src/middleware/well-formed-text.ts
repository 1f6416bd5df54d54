import type { Context, Next } from 'koa';
import { AppError, badRequest } from '../lib/app-error';

const MAX_DEPTH = 32;
// With the u flag, a surrogate pair is one code point: only unpaired halves match.
const LONE_SURROGATE = /\p{Cs}/u;

type Problem = { field: string; reason: string };

/** What is wrong with one string, if anything. */
function stringProblem(value: string): string | null {
  if (LONE_SURROGATE.test(value)) return 'contains a lone surrogate (not valid Unicode text)';
  if (value.includes('\u0000')) return 'contains a NUL character';
  return null;
}

const fieldOf = (path: string[]) => path.join('.') || '(body)';

/**
 * The first problem in a parsed JSON value: a lone surrogate (not storable as UTF-8), NUL, or
 * absurd nesting; with checkText false, only the nesting. `path` holds the keys leading here; the
 * field name is only joined from it when something is wrong, because every request body is walked
 * and nearly all are fine.
 */
function problemIn(value: unknown, path: string[], checkText: boolean): Problem | null {
  if (path.length > MAX_DEPTH) return { field: fieldOf(path), reason: `嵌套超过 ${MAX_DEPTH} 层` };
  if (typeof value === 'string') {
    const reason = checkText ? stringProblem(value) : null;
    return reason ? { field: fieldOf(path), reason } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    const keyReason = checkText ? stringProblem(key) : null;
    if (keyReason) return { field: fieldOf(path), reason: keyReason };
    path.push(key);
    const found = problemIn(object[key], path, checkText);
    path.pop();
    if (found) return found;
  }
  return null;
}

/**
 * A percent-escaped control character (NUL, newline, DEL …) in the path. No id, code or asset
 * name holds one, so such a path names nothing; MariaDB, though, compares 'id\0' equal to 'id'
 * (and a lookup elsewhere in memory then does not), so it must never reach a query.
 */
const CONTROL_IN_PATH = /%(?:[01][0-9a-f]|7f)/i;

/**
 * Refuses, with the field, text that the databases cannot store as sent: lone UTF-16 surrogates
 * (MySQL's utf8mb4 rejects them, SQLite would store mojibake) and NUL. Everything else, 4-byte
 * emoji included, goes through to validation and is stored intact.
 */
export function requireWellFormedText(ctx: Context, next: Next): Promise<void> {
  if (CONTROL_IN_PATH.test(ctx.path)) throw new AppError(404, 'not_found');
  // The body parser decodes UTF-8 (invalid bytes become U+FFFD) and JSON forbids raw control
  // characters in strings, so a lone surrogate or a NUL can only arrive through a \u escape:
  // a body whose text has none needs only its nesting checked.
  const raw = ctx.request.rawBody;
  const bodyMayHoldBadText = typeof raw !== 'string' || raw.includes('\\u');
  const problem = problemIn(ctx.request.body, [], bodyMayHoldBadText) ?? (ctx.querystring === '' ? null : problemIn(ctx.query, [], true));
  if (problem) throw badRequest([problem], '提交的文字里有无法识别的字符，请删除后重新输入');
  // Not async: one promise fewer on every request (koa-compose turns a synchronous throw into a rejection).
  return next();
}
