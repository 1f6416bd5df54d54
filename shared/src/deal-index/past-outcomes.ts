/**
 * Past outcomes a company brings in so the deal index can learn from day one: CSV text with a
 * header row, one contact a line, named by 客户编号 (contact id) or 手机号 (phone). Pure: the
 * server resolves the contacts and stores the rows; this reads and checks the lines.
 *
 * Columns (header names, English or Chinese; order free): contact_id / 客户编号, phone / 手机号,
 * outcome / 结果 (won, lost, 成交, 未成交), date / 日期 (YYYY-MM-DD, not after today),
 * premium / 保费 (yuan, up to two decimals; optional). Fields are plain: no quoting, no commas inside.
 */
import { MAINLAND_MOBILE_PATTERN } from '../contracts/limits';
import { dayNumber, type DayString } from '../kyb134/day';

export interface PastOutcomeRow {
  /** 1 = the header; the first data row is line 2, as a spreadsheet numbers it. */
  line: number;
  contactId: string | null;
  phone: string | null;
  won: boolean;
  date: DayString;
  premiumFen: number | null;
}

export interface PastOutcomeProblem {
  line: number;
  field: string;
  reasonZh: string;
}

const COLUMN_NAMES: Record<string, 'contactId' | 'phone' | 'outcome' | 'date' | 'premium'> = {
  contact_id: 'contactId', 客户编号: 'contactId', phone: 'phone', 手机号: 'phone', outcome: 'outcome', 结果: 'outcome',
  date: 'date', 日期: 'date', premium: 'premium', 保费: 'premium',
};
const OUTCOMES: Record<string, boolean> = { won: true, 成交: true, lost: false, 未成交: false };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const YUAN = /^\d{1,9}(\.\d{1,2})?$/;

/** The rows that read well and the problems of the others, by line; a header problem is line 1. */
export function parsePastOutcomes(csv: string, today: DayString): { rows: PastOutcomeRow[]; problems: PastOutcomeProblem[] } {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => COLUMN_NAMES[h.trim().toLowerCase()] ?? COLUMN_NAMES[h.trim()]);
  const problems: PastOutcomeProblem[] = [];
  if (!header.includes('outcome')) problems.push({ line: 1, field: 'outcome', reasonZh: '表头缺少“结果”列' });
  if (!header.includes('date')) problems.push({ line: 1, field: 'date', reasonZh: '表头缺少“日期”列' });
  if (!header.includes('contactId') && !header.includes('phone')) problems.push({ line: 1, field: 'contactId', reasonZh: '表头须有“客户编号”或“手机号”列' });
  if (problems.length > 0) return { rows: [], problems };
  const rows: PastOutcomeRow[] = [];
  const seen = new Map<string, number>();
  for (const [i, text] of lines.entries()) {
    if (i === 0 || text.trim() === '') continue;
    const line = i + 1;
    const cells = text.split(',').map((c) => c.trim());
    const cell = (name: string) => { const at = header.indexOf(name as (typeof header)[number]); return at < 0 ? '' : (cells[at] ?? ''); };
    const bad = (field: string, reasonZh: string) => problems.push({ line, field, reasonZh });
    const contactId = cell('contactId') || null;
    const phone = cell('phone') || null;
    const outcome = OUTCOMES[cell('outcome').toLowerCase()];
    const date = cell('date');
    const premium = cell('premium');
    const before = problems.length;
    if (!contactId && !phone) bad('contactId', '缺少客户编号或手机号');
    else if (contactId && !UUID.test(contactId)) bad('contactId', '客户编号格式不对');
    else if (!contactId && phone && !MAINLAND_MOBILE_PATTERN.test(phone)) bad('phone', '手机号须是11位大陆手机号');
    if (outcome === undefined) bad('outcome', '结果须是“成交”或“未成交”（won / lost）');
    if (!isDay(date)) bad('date', '日期须是YYYY-MM-DD格式的真实日期');
    else if (date > today) bad('date', '日期不能晚于今天');
    if (premium !== '' && !YUAN.test(premium)) bad('premium', '保费须是不小于0的金额（元，最多两位小数）');
    if (problems.length > before) continue;
    const key = contactId ?? `phone:${phone}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      bad(contactId ? 'contactId' : 'phone', `与第${earlier}行是同一位客户`);
      continue;
    }
    seen.set(key, line);
    rows.push({ line, contactId, phone: contactId ? null : phone, won: outcome as boolean, date, premiumFen: premium === '' ? null : Math.round(Number(premium) * 100) });
  }
  return { rows, problems };
}

function isDay(day: string): boolean {
  try {
    dayNumber(day);
    return true;
  } catch {
    return false;
  }
}
