import { REPORT_FORMATS, type Period, type ReportFormat } from '@jointduty/shared';
import { AppException } from '../common/app.exception';

// The reports' periods (CONTRACT §8), read from their query parameters: a city day `date=2026-12-05`,
// an ISO week `week=2026-W49` (Monday first; week 1 holds the year's first Thursday), a month
// `month=2026-11` and a quarter `quarter=2026-Q4`. Pure: the city's day arithmetic comes in as a
// DayClock (the orders' WorkingCalendar is one), so the bounds are the city's midnights.

export interface DayClock {
  /** the city date of an instant, 'YYYY-MM-DD' */
  dayOf(ms: number): string;
  /** the first instant of a city date */
  startOfDay(date: string): number;
}

const DAY_MS = 86_400_000;
/** the longest range a report covers: a year, leap day included */
export const MAX_RANGE_DAYS = 366;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q(\d)$/;
const QUARTER_WORDS = ['一', '二', '三', '四'];

const invalid = (param: string, why: string) => new AppException('report.invalid_period', `${param}: ${why}`);
const pad = (n: number) => String(n).padStart(2, '0');
// calendar arithmetic on dates alone, in UTC (no time zone involved)
const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utcOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
export const addDays = (date: string, n: number) => utcDate(utcOf(date) + n * DAY_MS);

/** A query parameter as one trimmed string: absent → undefined; repeated or not text → invalid. */
function single(query: Record<string, unknown>, param: string): string | undefined {
  const v = query[param];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalid(param, 'give it once');
  return v.trim();
}

function required(query: Record<string, unknown>, param: string, example: string): string {
  const v = single(query, param);
  if (v === undefined || v === '') throw invalid(param, `missing; write it like ${example}`);
  return v;
}

/** Whether 'YYYY-MM-DD' is a real calendar date. */
export function isDate(text: string): boolean {
  return DATE.test(text) && !Number.isNaN(utcOf(text)) && utcDate(utcOf(text)) === text;
}

function period(clock: DayClock, kind: Period['kind'], key: string, from: string, to: string, label: string): Period {
  return {
    kind,
    key,
    from,
    to,
    start: new Date(clock.startOfDay(from)).toISOString(),
    end: new Date(clock.startOfDay(addDays(to, 1))).toISOString(),
    label,
  };
}

const md = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const ymd = (date: string) => `${date.slice(0, 4)}年${md(date)}`;

export function dayPeriod(clock: DayClock, date: string, param = 'date'): Period {
  if (!isDate(date)) throw invalid(param, `${date.slice(0, 40)} is not a date (YYYY-MM-DD, e.g. 2026-12-05)`);
  return period(clock, 'day', date, date, date, ymd(date));
}

/** The Monday of ISO week 1 of a year: the week holding January 4th. */
function isoWeekOne(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return jan4 - weekday * DAY_MS;
}

/** How many ISO weeks a year has: 53 when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export function isoWeeksIn(year: number): number {
  return (isoWeekOne(year + 1) - isoWeekOne(year)) / (7 * DAY_MS);
}

export function weekPeriod(clock: DayClock, week: string, param = 'week'): Period {
  const m = WEEK.exec(week);
  if (!m) throw invalid(param, `${week.slice(0, 40)} is not an ISO week (YYYY-Www, e.g. 2026-W49)`);
  const year = Number(m[1]);
  const n = Number(m[2]);
  const weeks = isoWeeksIn(year);
  if (n < 1 || n > weeks) throw invalid(param, `${year} has weeks 1 to ${weeks}, not ${n}`);
  const from = utcDate(isoWeekOne(year) + (n - 1) * 7 * DAY_MS);
  const to = addDays(from, 6);
  return period(clock, 'week', `${year}-W${pad(n)}`, from, to, `${year}年第${n}周 (${md(from)}—${md(to)})`);
}

/** The ISO week ('2026-W49') a date falls in. */
export function isoWeekOf(date: string): string {
  const t = utcOf(date);
  const weekday = (new Date(t).getUTCDay() + 6) % 7;
  // the week's Thursday decides its year
  const thursday = t + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const n = Math.floor((thursday - isoWeekOne(year)) / (7 * DAY_MS)) + 1;
  return `${year}-W${pad(n)}`;
}

const lastDayOfMonth = (year: number, month: number) => utcDate(Date.UTC(year, month, 0));

export function monthPeriod(clock: DayClock, month: string, param = 'month'): Period {
  const m = MONTH.exec(month);
  const mm = m ? Number(m[2]) : 0;
  if (!m || mm < 1 || mm > 12) throw invalid(param, `${month.slice(0, 40)} is not a month (YYYY-MM, e.g. 2026-11)`);
  const year = Number(m[1]);
  return period(clock, 'month', `${year}-${pad(mm)}`, `${year}-${pad(mm)}-01`, lastDayOfMonth(year, mm), `${year}年${mm}月`);
}

export function quarterPeriod(clock: DayClock, quarter: string, param = 'quarter'): Period {
  const m = QUARTER.exec(quarter);
  const q = m ? Number(m[2]) : 0;
  if (!m || q < 1 || q > 4) throw invalid(param, `${quarter.slice(0, 40)} is not a quarter (YYYY-Qn, n 1 to 4, e.g. 2026-Q4)`);
  const year = Number(m[1]);
  const first = (q - 1) * 3 + 1;
  return period(
    clock,
    'quarter',
    `${year}-Q${q}`,
    `${year}-${pad(first)}-01`,
    lastDayOfMonth(year, first + 2),
    `${year}年第${QUARTER_WORDS[q - 1]}季度`,
  );
}

/** The month keys ('2026-11') of a period, oldest first. */
export function monthsOf(p: Pick<Period, 'from' | 'to'>): string[] {
  const out: string[] = [];
  for (let m = p.from.slice(0, 7); m <= p.to.slice(0, 7); m = shiftMonth(m, 1)) out.push(m);
  return out;
}

/** A month key moved by n months. */
export function shiftMonth(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}`;
}

/** A range of city days, both included; longer than a year is refused. */
export function rangePeriod(clock: DayClock, from: string, to: string): Period {
  const a = dayPeriod(clock, from, 'from');
  const b = dayPeriod(clock, to, 'to');
  if (b.from < a.from) throw invalid('to', `${to} is before from ${from}`);
  const days = (utcOf(to) - utcOf(from)) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) throw new AppException('report.range_too_long', `to: ${days} days from ${from}; at most ${MAX_RANGE_DAYS}`);
  return period(clock, 'day', `${from}..${to}`, from, to, from === to ? ymd(from) : `${ymd(from)}—${ymd(to)}`);
}

// ---- the reports' query parameters

/** GET /api/reports/daily: `date`, today (city) when absent. */
export function dailyPeriodOf(clock: DayClock, query: Record<string, unknown>, now: number): Period {
  const date = single(query, 'date');
  return dayPeriod(clock, date === undefined || date === '' ? clock.dayOf(now) : date);
}

/**
 * GET /api/reports/weekly: `week`; or, for a bulletin over other days (a holiday week such as
 * 10-01 to 10-08), `from` and `to`, city dates, at most a year apart.
 */
export function weeklyPeriodOf(clock: DayClock, query: Record<string, unknown>): Period {
  const from = single(query, 'from');
  const to = single(query, 'to');
  if ((from !== undefined && from !== '') || (to !== undefined && to !== '')) {
    const week = single(query, 'week');
    if (week !== undefined && week !== '') throw invalid('week', 'give week, or from and to, not both');
    return rangePeriod(clock, required(query, 'from', '2026-10-01'), required(query, 'to', '2026-10-08'));
  }
  return weekPeriod(clock, required(query, 'week', '2026-W49'));
}

/** GET /api/reports/monthly: exactly one of `month` and `quarter`. */
export function rankingPeriodOf(clock: DayClock, query: Record<string, unknown>): Period {
  const month = single(query, 'month');
  const quarter = single(query, 'quarter');
  const hasMonth = month !== undefined && month !== '';
  const hasQuarter = quarter !== undefined && quarter !== '';
  if (hasMonth && hasQuarter) throw invalid('quarter', 'give month or quarter, not both');
  if (hasQuarter) return quarterPeriod(clock, quarter);
  if (!hasMonth) throw invalid('month', 'missing; give month=2026-11 or quarter=2026-Q4');
  return monthPeriod(clock, month);
}

/** `format`: json (the default), or one of those the report has as a file. */
export function formatOf(query: Record<string, unknown>, files: readonly ReportFormat[] = ['xlsx', 'docx']): ReportFormat {
  const v = query.format;
  if (v === undefined || v === '' || v === 'json') return 'json';
  const known = typeof v === 'string' && (REPORT_FORMATS as readonly string[]).includes(v) && files.includes(v as ReportFormat);
  if (!known) {
    const text = typeof v === 'string' ? v.slice(0, 20) : 'given more than once';
    throw new AppException('report.unknown_format', `format: ${text} is not one of json, ${files.join(', ')}`);
  }
  return v as ReportFormat;
}
