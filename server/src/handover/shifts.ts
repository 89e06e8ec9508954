import type { ShiftSpan } from '@jointduty/shared';
import type { RosterLine } from '../config/config.schema';
import type { ShiftConfig } from '../config/orders.schema';
import { shiftLength } from '../config/load-reports';
import { onShift, parseShift } from '../config/shift';
import { cityDay, cityInstant, cityMinute } from '../common/city-clock';

export { cityDay, cityInstant, cityMinute };

// The duty office's shifts (班次) as instants: which one holds a moment, the one after it, those
// that touch a city day. Pure: the shifts of config/reports.yaml (minutes of the city day, one after
// another around the clock) and the city's time zone in, ShiftSpans out. A shift belongs to the
// city day it starts on: '2026-12-05 20:00-08:00' ends on the 6th at 08:00.

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date moved by whole days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whether `text` is a real calendar date written 'YYYY-MM-DD'. */
export function isCityDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** The people of the office on a shift: roster lines of `officeUnit` whose shift overlaps it. */
export function peopleOn(shift: ShiftConfig, roster: readonly RosterLine[], officeUnit: string): string[] {
  const out: string[] = [];
  for (const line of roster) {
    if (line.unit !== officeUnit) continue;
    const theirs = parseShift(line.shift);
    // a shift the loader let through unparsed is taken as all day, as the wall does
    const overlaps =
      theirs === null || Array.from({ length: shiftLength(shift) }, (_, i) => (shift.start + i) % 1440).some((m) => onShift(theirs, m));
    if (overlaps && !out.includes(line.person)) out.push(line.person);
  }
  return out;
}

export interface ShiftContext {
  shifts: readonly ShiftConfig[];
  timeZone: string;
  roster: readonly RosterLine[];
  officeUnit: string;
}

/** A shift's span, when it starts on city day `day`. */
export function spanOf(ctx: ShiftContext, shift: ShiftConfig, day: string): ShiftSpan {
  const start = cityInstant(day, shift.start, ctx.timeZone);
  const end = cityInstant(day, shift.start + shiftLength(shift), ctx.timeZone);
  return {
    key: `${day} ${shift.text}`,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    people: peopleOn(shift, ctx.roster, ctx.officeUnit),
  };
}

/** Every shift starting on the city days from `from` to `to` (both included), in time order. */
function spansStarting(ctx: ShiftContext, from: string, to: string): ShiftSpan[] {
  const out: ShiftSpan[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) for (const s of ctx.shifts) out.push(spanOf(ctx, s, day));
  return out.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** The shift holding an instant (its start included, its end not). */
export function shiftAt(ctx: ShiftContext, now: number): ShiftSpan {
  const day = cityDay(now, ctx.timeZone);
  const found = spansStarting(ctx, addDays(day, -1), day).find((s) => Date.parse(s.start) <= now && now < Date.parse(s.end));
  // the loader makes the shifts cover the clock; a moment skipped by a change of offset falls here
  return (
    found ??
    spansStarting(ctx, addDays(day, -1), day)
      .filter((s) => Date.parse(s.start) <= now)
      .pop()!
  );
}

/** The shift after the one holding an instant. */
export function nextShift(ctx: ShiftContext, now: number): ShiftSpan {
  const current = shiftAt(ctx, now);
  const day = cityDay(now, ctx.timeZone);
  return spansStarting(ctx, day, addDays(day, 2)).find((s) => Date.parse(s.start) >= Date.parse(current.end))!;
}

/** The shifts that touch the city day `day` (the night shift from the day before included), in order. */
export function shiftsOfDay(ctx: ShiftContext, day: string): ShiftSpan[] {
  const from = cityInstant(day, 0, ctx.timeZone);
  const to = cityInstant(addDays(day, 1), 0, ctx.timeZone);
  return spansStarting(ctx, addDays(day, -1), day).filter((s) => Date.parse(s.start) < to && Date.parse(s.end) > from);
}

/** Whole minutes from an instant to a shift's end, rounded up (0 at the change). */
export function minutesToChange(span: ShiftSpan, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(span.end) - now) / 60_000));
}
