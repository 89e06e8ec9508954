import type { DeadlineHint, Order, OrderDeadline } from '@jointduty/shared';
import { CITY_TIME_ZONE, timeOf } from '../../app/format';

// The countdown chips of an order: one per deadline it still owes (初查, 办理), coloured green /
// yellow (≤ 3 working days) / red (≤ 1, or overdue). The web has no working-day calendar: it takes
// the server's hint and only ever makes a chip more urgent as time passes, never less.

export type ChipColour = DeadlineHint;

export interface DeadlineChip {
  deadline: OrderDeadline;
  /** the deadline, ISO */
  at: string;
  colour: ChipColour;
  overdue: boolean;
  /** ms left until the deadline; negative once past */
  left: number;
}

const RANK: Record<ChipColour, number> = { green: 0, yellow: 1, red: 2 };
const DAY_MS = 86_400_000;

const dayParts = new Intl.DateTimeFormat('en-GB', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric' });

// the city date of a moment, as a count of days (comparable, not a real epoch day)
function cityDay(ms: number): number {
  const parts = dayParts.formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day')) / DAY_MS;
}

/** Calendar days from today's city date to the deadline's (0: due today, negative: past). */
export function calendarDaysLeft(now: number, at: number): number {
  return cityDay(at) - cityDay(now);
}

/**
 * The least urgent colour the calendar allows by itself: working days never outnumber calendar
 * days, so a deadline one calendar day away is at most one working day away (red), three away at
 * most three (yellow).
 */
export function calendarFloor(now: number, at: number): ChipColour {
  const days = calendarDaysLeft(now, at);
  if (days <= 1) return 'red';
  if (days <= 3) return 'yellow';
  return 'green';
}

const worse = (a: ChipColour, b: ChipColour): ChipColour => (RANK[a] >= RANK[b] ? a : b);

/** A deadline's colour: red once overdue, else the server's hint raised to the calendar's floor. */
export function chipColour(at: number, now: number, overdue: boolean, hint?: DeadlineHint): ChipColour {
  if (overdue || now > at) return 'red';
  return worse(hint ?? 'green', calendarFloor(now, at));
}

const OPEN: ReadonlySet<Order['status']> = new Set(['new', 'signed', 'returned']);

/** The deadlines an order still owes: 初查 until the first contact, 办理 until the reply. */
export function pendingDeadlines(order: Order): Array<{ deadline: OrderDeadline; at: string }> {
  if (!OPEN.has(order.status)) return [];
  const out: Array<{ deadline: OrderDeadline; at: string }> = [];
  if (order.firstCheckBy && !order.contactedAt) out.push({ deadline: 'firstCheck', at: order.firstCheckBy });
  if (order.dueBy) out.push({ deadline: 'due', at: order.dueBy });
  return out;
}

export function deadlineChips(order: Order, now: number): DeadlineChip[] {
  return pendingDeadlines(order).map(({ deadline, at }) => {
    const atMs = timeOf(at);
    const overdue = order.overdue[deadline] || now > atMs;
    return { deadline, at, overdue, colour: chipColour(atMs, now, overdue, order.hints?.[deadline]), left: atMs - now };
  });
}

/** Deadlines already done (or no longer owed) that were missed: marked for good (CONTRACT §7). */
export function pastOverdueMarks(order: Order): OrderDeadline[] {
  const pending = new Set(pendingDeadlines(order).map((d) => d.deadline));
  return (['firstCheck', 'due'] as const).filter((d) => order.overdue[d] && !pending.has(d));
}

/** The parts of a duration for the chip's text: whole days and hours, or hours and minutes, or minutes. */
export function durationParts(ms: number): { unit: 'days' | 'hours' | 'minutes'; d: number; h: number; m: number } {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  return { unit: d > 0 ? 'days' : h > 0 ? 'hours' : 'minutes', d, h, m };
}
