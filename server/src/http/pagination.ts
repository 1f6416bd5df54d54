import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '@kejing/shared';
import { badRequest } from '../lib/app-error';

/** The highest page number asked for: past it an OFFSET overflows what the databases take. */
export const PAGE_NUMBER_MAX = 1_000_000;

/** page/pageSize from a query string: integers, pageSize capped at PAGE_SIZE_MAX. */
export function pageOf(query: Record<string, unknown>): { page: number; pageSize: number } {
  const read = (name: string, fallback: number, max: number) => {
    const raw = query[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (typeof raw !== 'string' || !Number.isInteger(value) || value < 1 || value > max) {
      throw badRequest([{ field: name, reason: `must be an integer from 1 to ${max}` }]);
    }
    return value;
  };
  return { page: read('page', 1, PAGE_NUMBER_MAX), pageSize: read('pageSize', PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX) };
}
