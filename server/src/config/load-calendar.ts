import { CONFIG_FILES } from './config.schema';
import type { CalendarConfig, CalendarFile, CalendarYear } from './orders.schema';
import { duplicates, type CheckContext } from './read-files';

// The working-day calendar (config/calendar.yaml): each year's holidays and make-up working days.

const DAY_MS = 86_400_000;

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
// 1970-01-01 was a Thursday: 0 is Sunday … 6 Saturday
const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

// The calendar with every holiday's `to` filled in, oldest year first; undefined after recording
// problems: a year twice, a date outside its year, a range backwards, a day off twice, a make-up
// working day that is also off, listed twice, or not a Saturday or Sunday.
export function calendarOf(ctx: CheckContext, file: CalendarFile | undefined): CalendarConfig | undefined {
  if (!file) return undefined;
  const label = ctx.files.label('calendar');
  const before = ctx.problems.length;
  const problem = (field: string, why: string) => ctx.problems.push(`${label}: ${field}: ${why}`);
  duplicates(file.years.map((y) => String(y.year))).forEach(([i, v]) => problem(`years[${i}].year`, `${v} appears twice`));

  const years: CalendarYear[] = file.years.map((y, i) => {
    const at = `years[${i}]`;
    const inYear = (date: string, field: string): boolean => {
      if (date.startsWith(`${y.year}-`)) return true;
      problem(field, `${date} is not in ${y.year}`);
      return false;
    };
    // the holiday each day off belongs to
    const off = new Map<string, string>();
    const holidays = y.holidays.map((h, j) => {
      const to = h.to ?? h.from;
      const field = `${at}.holidays[${j}]`;
      const fromOk = inYear(h.from, `${field}.from`);
      const toOk = h.to === undefined || inYear(h.to, `${field}.to`);
      if (to < h.from) problem(`${field}.to`, `${to} is before from ${h.from}`);
      else if (fromOk && toOk) {
        for (let d = dayNumber(h.from); d <= dayNumber(to); d += 1) {
          const date = dateOf(d);
          const prev = off.get(date);
          if (prev !== undefined) problem(field, `${date} is already off (${prev})`);
          else off.set(date, h.name);
        }
      }
      return { name: h.name, from: h.from, to };
    });
    duplicates(y.workdays).forEach(([j, v]) => problem(`${at}.workdays[${j}]`, `${v} appears twice`));
    y.workdays.forEach((date, j) => {
      const field = `${at}.workdays[${j}]`;
      if (!inYear(date, field)) return;
      const holiday = off.get(date);
      if (holiday !== undefined) problem(field, `${date} is a day off (${holiday}): a day is either off or worked`);
      const weekday = weekdayOf(dayNumber(date));
      if (weekday !== 0 && weekday !== 6) problem(field, `${date} is a Monday–Friday: a make-up working day is a Saturday or Sunday`);
    });
    return { year: y.year, source: y.source ?? null, holidays, workdays: [...y.workdays].sort() };
  });

  if (ctx.problems.length > before) return undefined;
  return { years: years.sort((a, b) => a.year - b.year) };
}

// Warnings for the log at start: this year and the next (in the city's time zone) should be in the
// calendar; until they are, their days count Monday to Friday and deadlines ignore the holidays.
export function calendarWarnings(
  calendar: CalendarConfig,
  timeZone: string,
  now: number | Date,
  fileLabel = `config/${CONFIG_FILES.calendar}`,
): string[] {
  const ms = typeof now === 'number' ? now : now.getTime();
  const thisYear = Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(ms));
  const known = new Set(calendar.years.map((y) => y.year));
  const out: string[] = [];
  for (const [year, which] of [
    [thisYear, 'this year'],
    [thisYear + 1, 'next year'],
  ] as const) {
    if (!known.has(year)) {
      out.push(
        `${fileLabel}: years: ${year} (${which}) is missing: its days count Monday to Friday, without holidays or ` +
          `make-up working days, until the State Council's notice for ${year} is entered`,
      );
    }
  }
  return out;
}
