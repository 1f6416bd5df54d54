import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '@kejing/shared';
import { Optional } from '../middleware/validate';

/** A time a query string names: anything Date.parse reads (ISO-8601 in practice). */
export function IsTime(description?: string): PropertyDecorator {
  const valid = ValidateBy({ name: 'isTime', validator: { validate: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)), defaultMessage: () => '应为时间，例如 2026-05-01T09:00:00+08:00' } });
  const documented = JSONSchema({ type: 'string', format: 'date-time', ...(description ? { description } : {}) });
  return (target, key) => {
    valid(target, key);
    documented(target, key as string); // class fields have string names
  };
}

/** A count in a query string: digits only (no sign, point or exponent), at most `max`; read it with Number(). */
export function IsCount(max: number, description?: string): PropertyDecorator {
  const valid = ValidateBy({ name: 'isCount', validator: { validate: (v) => typeof v === 'string' && /^\d+$/.test(v) && Number(v) <= max, defaultMessage: () => `应为 0 到 ${max} 的整数` } });
  const documented = JSONSchema({ type: 'string', pattern: '^\\d+$', description: [description, `an integer from 0 to ${max}`].filter(Boolean).join(': ') });
  return (target, key) => {
    valid(target, key);
    documented(target, key as string); // class fields have string names
  };
}

/** The highest page number asked for: past it an OFFSET overflows what the databases take. */
export const PAGE_NUMBER_MAX = 1_000_000;
const PAGE_NUMBER = { message: `应为 1 到 ${PAGE_NUMBER_MAX} 的整数` };

/** ?page=&pageSize= — integers from the query string, pageSize capped at PAGE_SIZE_MAX. */
export class PageQuery {
  @Optional() @Type(() => Number) @IsInt(PAGE_NUMBER) @Min(1, PAGE_NUMBER) @Max(PAGE_NUMBER_MAX, PAGE_NUMBER)
  page?: number;

  @Optional() @Type(() => Number) @IsInt({ message: `应为 1 到 ${PAGE_SIZE_MAX} 的整数` }) @Min(1, { message: `应为 1 到 ${PAGE_SIZE_MAX} 的整数` })
  @Max(PAGE_SIZE_MAX, { message: `应为 1 到 ${PAGE_SIZE_MAX} 的整数` })
  pageSize?: number;
}

/** The page a PageQuery asks for, with the defaults filled in. */
export const pageOf = (query: PageQuery) => ({ page: query.page ?? 1, pageSize: query.pageSize ?? PAGE_SIZE_DEFAULT });
