/**
 * Where a task stands on the morning list, and the page cursor that names a place on it.
 *
 * The list is ranked in memory (the rank mixes the contact's deal likelihood, the lead's budget and
 * the time), so a page cannot be an OFFSET: the agent works the list while scrolling, and every task
 * done would shift the rest by one. The cursor instead carries the last place shown and the instant
 * the list was drawn up; the next page is drawn up as of the same instant and starts after that place.
 */
import { MORNING_LIST_SECTIONS, type MorningListSection } from '@kejing/shared';
import { badRequest } from '../../lib/app-error';

export interface MorningListPlace {
  section: MorningListSection;
  /** Higher first. */
  rank: number;
  dueAtMs: number;
  taskId: string;
}

const SECTION_ORDER: Record<MorningListSection, number> = { overdue: 0, today: 1, later: 2 };

/** Overdue, today, later; then the higher rank, the earlier due time, and the task id so that no two places tie. */
export function compareMorningListPlaces(a: MorningListPlace, b: MorningListPlace): number {
  return SECTION_ORDER[a.section] - SECTION_ORDER[b.section] || b.rank - a.rank || a.dueAtMs - b.dueAtMs || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0);
}

export interface MorningListCursor {
  /** The instant the list was drawn up for its first page. */
  asOfMs: number;
  after: MorningListPlace;
}

const CURSOR_VERSION = 1;

export function encodeMorningListCursor(cursor: MorningListCursor): string {
  const { asOfMs, after } = cursor;
  // A rank is a float: JSON keeps every bit of it, so the next page compares exactly.
  return Buffer.from(JSON.stringify([CURSOR_VERSION, asOfMs, after.section, after.rank, after.dueAtMs, after.taskId])).toString('base64url');
}

const refused = () => badRequest([{ field: 'after', reason: '翻页位置无效，请下拉刷新今日列表' }]);

/** The cursor a page handed out, or a 400 naming `after` for anything else. */
export function decodeMorningListCursor(text: string): MorningListCursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refused();
  }
  if (!Array.isArray(parts) || parts.length !== 6) throw refused();
  const [version, asOfMs, section, rank, dueAtMs, taskId] = parts as unknown[];
  const isInstant = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
  if (
    version !== CURSOR_VERSION || !isInstant(asOfMs) || !isInstant(dueAtMs) || typeof rank !== 'number' || !Number.isFinite(rank)
    || !(MORNING_LIST_SECTIONS as readonly unknown[]).includes(section) || typeof taskId !== 'string' || taskId.length === 0 || taskId.length > 64
  ) throw refused();
  return { asOfMs, after: { section: section as MorningListSection, rank, dueAtMs, taskId } };
}
