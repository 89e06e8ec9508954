import type { PeriodKind } from '@jointduty/shared';
import { CITY_TIME_ZONE } from '../../app/format';

// The period /reports shows, as the API takes it and the address bar keeps it: one of
// `date=2026-12-05`, `week=2026-W49`, `month=2026-11`, `quarter=2026-Q4`. The server judges the
// value (an impossible one is its 400 report.invalid_period, shown as such); the picker only
// makes well-formed ones.

/** The query parameter of each kind, the same in the page's address and in the API call. */
export const PERIOD_PARAM: Record<PeriodKind, 'date' | 'week' | 'month' | 'quarter'> = {
  day: 'date',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
};

/** The report each kind is: 值班日报, 周通报, and the ranking for a month or a quarter. */
export const REPORT_PATH: Record<PeriodKind, 'daily' | 'weekly' | 'monthly'> = {
  day: 'daily',
  week: 'weekly',
  month: 'monthly',
  quarter: 'monthly',
};

export interface PeriodChoice {
  kind: PeriodKind;
  key: string;
}

const SHAPE: Record<PeriodKind, RegExp> = {
  day: /^\d{4}-\d{2}-\d{2}$/,
  week: /^\d{4}-W\d{2}$/,
  month: /^\d{4}-\d{2}$/,
  quarter: /^\d{4}-Q\d$/,
};

/** Whether a key has its kind's shape (not whether the date exists: the server says that). */
export function wellFormed(p: PeriodChoice): boolean {
  return SHAPE[p.kind].test(p.key);
}

const cityDay = new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The city's calendar day of an instant, 'YYYY-MM-DD'. */
export function cityDate(now: Date): string {
  return cityDay.format(now);
}

/** The ISO week (Monday first; week 1 holds the year's first Thursday) of a calendar day. */
export function isoWeekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  // the Thursday of this week decides the week's year
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const year = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period of each kind that holds `now` in the city: today, this week, this month, this quarter. */
export function currentKey(kind: PeriodKind, now: Date): string {
  const day = cityDate(now);
  switch (kind) {
    case 'day':
      return day;
    case 'week':
      return isoWeekOf(day);
    case 'month':
      return day.slice(0, 7);
    case 'quarter':
      return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
  }
}

const KINDS_IN_QUERY: PeriodKind[] = ['day', 'week', 'month', 'quarter'];
// a key is short; anything longer is not worth sending
const MAX_KEY = 20;

function single(v: unknown): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim().slice(0, MAX_KEY) : undefined;
}

/**
 * The period an address asks for: the first of date, week, month, quarter it holds, as given;
 * with none, the month now (the ranking is the page people come for).
 */
export function periodFromQuery(query: Record<string, unknown>, now: Date): PeriodChoice {
  for (const kind of KINDS_IN_QUERY) {
    const key = single(query[PERIOD_PARAM[kind]]);
    if (key) return { kind, key };
  }
  return { kind: 'month', key: currentKey('month', now) };
}

/** The address's query for a period: its one parameter. */
export function queryOfPeriod(p: PeriodChoice): Record<string, string> {
  return { [PERIOD_PARAM[p.kind]]: p.key };
}

/** The months a picker offers: this one and the ones before it, newest first. */
export function recentMonths(now: Date, count = 24): string[] {
  const [y, m] = currentKey('month', now).split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/** The Monday and Sunday of an ISO week, 'YYYY-MM-DD' each. */
export function weekDays(week: string): { from: string; to: string } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (Number(m[2]) - 1) * 7 * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
}

/** The weeks a picker offers: this one and the ones before it, newest first. */
export function recentWeeks(now: Date, count = 26): string[] {
  const today = Date.parse(`${cityDate(now)}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => isoWeekOf(new Date(today - i * 7 * 86_400_000).toISOString().slice(0, 10)));
}

/** The quarters a picker offers: this one and the seven before it, newest first. */
export function recentQuarters(now: Date, count = 8): string[] {
  const [y, q] = currentKey('quarter', now).split('-Q').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = y * 4 + (q - 1) - i;
    out.push(`${Math.floor(n / 4)}-Q${(n % 4) + 1}`);
  }
  return out;
}
