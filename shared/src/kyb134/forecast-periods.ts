/**
 * The premium forecast by period (本周 / 本月 / 本季度) beside the premium actually signed. Periods
 * are China calendar days (the caller passes today's China day): weeks start on Monday, quarters
 * in January, April, July and October.
 *
 * Expected close date: an open contact at stage s is expected to close EXPECTED_DAYS_TO_CLOSE[s]
 * days after today (further along the eight stages, sooner). A period's expected premium is
 * Σ P(close) × expected premium over the open contacts expected to close from today to the
 * period's last day; what was signed from its first day to today is the actual.
 */
import type { Stage } from '../contracts';
import { addDays, dayNumber, type DayString } from './day';

export const FORECAST_PERIODS = ['week', 'month', 'quarter'] as const;
export type ForecastPeriod = (typeof FORECAST_PERIODS)[number];

export const FORECAST_PERIOD_NAMES_ZH: Record<ForecastPeriod, string> = { week: '本周', month: '本月', quarter: '本季度' };

/** Days from today to the expected close of an open contact at each stage. */
export const EXPECTED_DAYS_TO_CLOSE: Record<Stage, number> = { 1: 120, 2: 90, 3: 75, 4: 60, 5: 45, 6: 30, 7: 14, 8: 3 };

/** The rule above, as the forecast card says it. */
export const EXPECTED_CLOSE_RULE_ZH = `按销售阶段估计成交日：${([8, 7, 6, 5, 4, 3, 2, 1] as const).map((s) => `阶段${s}约${EXPECTED_DAYS_TO_CLOSE[s]}天`).join('、')}`;

export interface PeriodBounds {
  fromDate: DayString;
  toDate: DayString;
}

const pad = (n: number) => String(n).padStart(2, '0');
const firstOfMonth = (year: number, month: number): DayString =>
  month > 12 ? `${year + 1}-${pad(month - 12)}-01` : `${year}-${pad(month)}-01`;

/** The week (Monday–Sunday), month or quarter holding `day`, both ends included. */
export function periodBounds(day: DayString, period: ForecastPeriod): PeriodBounds {
  const n = dayNumber(day);
  if (period === 'week') {
    // 1970-01-01 was a Thursday: (n + 3) % 7 is 0 on Mondays.
    const fromDate = addDays(day, -((n + 3) % 7));
    return { fromDate, toDate: addDays(fromDate, 6) };
  }
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const startMonth = period === 'month' ? month : month - ((month - 1) % 3);
  const months = period === 'month' ? 1 : 3;
  return { fromDate: firstOfMonth(year, startMonth), toDate: addDays(firstOfMonth(year, startMonth + months), -1) };
}

/** The day an open contact at `stage` is expected to close, by the rule above. */
export function expectedCloseDay(stage: Stage, today: DayString): DayString {
  return addDays(today, EXPECTED_DAYS_TO_CLOSE[stage]);
}

/** One open contact as the period forecast reads it. */
export interface OpenContactForecast {
  stage: Stage;
  /** P(close), 0..1: the deal model's where one is active, else the stage prior. */
  closeProbability: number;
  /** The budget from the lead form, else the agent's average premium, in fen. */
  expectedPremiumFen: number;
}

export interface PeriodExpectation extends PeriodBounds {
  period: ForecastPeriod;
  /** Σ P(close) × expected premium of the contacts expected to close by toDate, whole fen. */
  expectedFen: number;
  /** How many open contacts are expected to close by toDate. */
  contacts: number;
}

/** The expected premium of each period holding `today`, from the open contacts. */
export function forecastByPeriod(contacts: readonly OpenContactForecast[], today: DayString): PeriodExpectation[] {
  return FORECAST_PERIODS.map((period) => {
    const bounds = periodBounds(today, period);
    let total = 0;
    let count = 0;
    for (const c of contacts) {
      if (expectedCloseDay(c.stage, today) > bounds.toDate) continue;
      count += 1;
      total += Math.min(1, Math.max(0, c.closeProbability)) * c.expectedPremiumFen;
    }
    return { period, ...bounds, expectedFen: Math.round(total), contacts: count };
  });
}
