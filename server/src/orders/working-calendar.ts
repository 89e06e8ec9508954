import type { CalendarConfig } from '../config/config.schema';

// The city's working days (工作日) and the deadlines counted on them (CONTRACT §7). Pure: the
// calendar of config/calendar.yaml and the city's time zone in, city dates and instants out.
//
// A day is a working day when it is a make-up working day (调休上班) of its year, or a Monday to
// Friday that is not a holiday; a year missing from the calendar counts Monday to Friday. City
// dates are 'YYYY-MM-DD'. Inside, a date is its day number (days since 1970-01-01), and each day's
// first instant is looked up once through Intl and kept, so that the per-order calls (thousands a
// second at intake) cost a few map lookups.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
// beyond this many entries a cache starts again: dates in use are a few years' worth
const CACHE_LIMIT = 50_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

// 0 Sunday … 6 Saturday; 1970-01-01 was a Thursday
const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

function checkCount(n: number, what: string, min?: number): void {
  if (!Number.isInteger(n) || (min !== undefined && n < min)) {
    throw new RangeError(`${what} must be a whole number${min === undefined ? '' : ` ≥ ${min}`}, got ${n}`);
  }
}

export class WorkingCalendar {
  private readonly off = new Set<number>();
  private readonly worked = new Set<number>();
  private readonly wallClock: Intl.DateTimeFormat;
  // day number → the day's first instant (ms)
  private readonly starts = new Map<number, number>();
  private readonly dayNumbers = new Map<string, number>();
  private readonly dates = new Map<number, string>();
  // day number × working days → deadline (ms)
  private readonly deadlines = new Map<number, number>();
  // the city's offset from UTC last seen at a midnight: where dayOf starts looking
  private guessOffset = 0;

  constructor(
    calendar: CalendarConfig,
    readonly timeZone: string,
  ) {
    // throws a RangeError for a zone Intl does not know
    this.wallClock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    for (const year of calendar.years) {
      for (const h of year.holidays) {
        for (let d = this.dayNumber(h.from); d <= this.dayNumber(h.to); d += 1) this.off.add(d);
      }
      for (const w of year.workdays) this.worked.add(this.dayNumber(w));
    }
  }

  /** The city date of an instant. */
  dayOf(ms: number): string {
    return this.dateString(this.dayAt(ms));
  }

  isWorkingDay(date: string): boolean {
    return this.working(this.dayNumber(date));
  }

  /** The first instant of a city date (its midnight, city time). */
  startOfDay(date: string): number {
    return this.start(this.dayNumber(date));
  }

  /** The last millisecond of a city date (23:59:59.999 city time). */
  endOfDay(date: string): number {
    return this.start(this.dayNumber(date) + 1) - 1;
  }

  /** "n working days": the end of the n-th working day after the city day of fromMs (n = 0: that day's end). */
  deadline(fromMs: number, n: number): number {
    checkCount(n, 'working days', 0);
    const from = this.dayAt(fromMs);
    const key = n < 1024 ? from * 1024 + n : NaN;
    const known = this.deadlines.get(key);
    if (known !== undefined) return known;
    const end = this.start(this.step(from, n) + 1) - 1;
    return Number.isNaN(key) ? end : remember(this.deadlines, key, end);
  }

  /** The date n working days after date (n < 0: before it; 0: date itself). */
  addWorkingDays(date: string, n: number): string {
    checkCount(n, 'working days');
    return this.dateString(this.step(this.dayNumber(date), n));
  }

  /**
   * The working days d with today < d ≤ the deadline's date, city time: 0 when the deadline is
   * today (or falls on the days off before the next working day). For a deadline on an earlier
   * day, minus the working days after the deadline's date up to today.
   */
  workingDaysLeft(nowMs: number, deadlineMs: number): number {
    const today = this.dayAt(nowMs);
    const last = this.dayAt(deadlineMs);
    return last >= today ? this.countBetween(today, last) : -this.countBetween(last, today);
  }

  /**
   * The city date from which workingDaysLeft(now, deadlineMs) ≤ k: the (k+1)-th working day
   * counting back from the deadline's date, that date included when it is a working day.
   */
  levelStart(deadlineMs: number, k: number): string {
    checkCount(k, 'working days left', 0);
    let last = this.dayAt(deadlineMs);
    if (!this.working(last)) last = this.step(last, -1);
    return this.dateString(this.step(last, -k));
  }

  /** h hours after fromMs (limits in hours run on the clock, not the calendar). */
  hoursLater(fromMs: number, h: number): number {
    return fromMs + h * HOUR_MS;
  }

  // ---- day numbers

  private working(day: number): boolean {
    if (this.worked.has(day)) return true;
    if (this.off.has(day)) return false;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  // the day n working days after (n < 0: before) day
  private step(day: number, n: number): number {
    const dir = n < 0 ? -1 : 1;
    let d = day;
    for (let left = Math.abs(n); left > 0;) {
      d += dir;
      if (this.working(d)) left -= 1;
    }
    return d;
  }

  // working days d with from < d ≤ to
  private countBetween(from: number, to: number): number {
    let count = 0;
    for (let d = from + 1; d <= to; d += 1) if (this.working(d)) count += 1;
    return count;
  }

  private dayNumber(date: string): number {
    const known = this.dayNumbers.get(date);
    if (known !== undefined) return known;
    const m = DATE.exec(date);
    const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
    if (!m || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a date YYYY-MM-DD: ${date}`);
    return remember(this.dayNumbers, date, ms / DAY_MS);
  }

  private dateString(day: number): string {
    return this.dates.get(day) ?? remember(this.dates, day, new Date(day * DAY_MS).toISOString().slice(0, 10));
  }

  // ---- the time zone

  // the city day of an instant: a guess from the last offset seen, settled on the kept day starts
  private dayAt(ms: number): number {
    if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${ms}`);
    let day = Math.floor((ms + this.guessOffset) / DAY_MS);
    while (ms < this.start(day)) day -= 1;
    while (ms >= this.start(day + 1)) day += 1;
    return day;
  }

  private start(day: number): number {
    const known = this.starts.get(day);
    if (known !== undefined) return known;
    const t = this.computeStart(day);
    this.guessOffset = day * DAY_MS - t;
    return remember(this.starts, day, t);
  }

  // The first instant whose city date is the day. Midnight at the offset found there; where the
  // offset changes near midnight (summer time), the earliest candidate that begins the day; failing
  // both, a search over the instants around it.
  private computeStart(day: number): number {
    const wall = day * DAY_MS;
    const first = wall - this.offsetAt(wall);
    const second = wall - this.offsetAt(first);
    for (const t of first === second ? [first] : [Math.min(first, second), Math.max(first, second)]) {
      if (this.cityDay(t) === day && this.cityDay(t - 1) < day) return t;
    }
    // zones are within 15 hours of UTC: the day starts between these
    let before = wall - 15 * HOUR_MS;
    let from = wall + 15 * HOUR_MS;
    while (from - before > 1) {
      const mid = Math.floor((before + from) / 2);
      if (this.cityDay(mid) >= day) from = mid;
      else before = mid;
    }
    return from;
  }

  // the city's wall clock at an instant, read as if it were UTC (to the second)
  private wallAt(ms: number): number {
    const p: Record<string, number> = {};
    for (const part of this.wallClock.formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
  }

  private offsetAt(ms: number): number {
    return this.wallAt(ms) - Math.floor(ms / 1000) * 1000;
  }

  private cityDay(ms: number): number {
    return Math.floor(this.wallAt(ms) / DAY_MS);
  }
}
