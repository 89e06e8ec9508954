import type { OrderDeadline, OrderReminder, ReminderLevel } from '@jointduty/shared';
import type { NewReminder } from './orders.repository';
import { firstCheckPending, isOpen, type OrderRow } from './order.types';

// When an order's reminders (催办) fall due, decided without the database. Each deadline still
// owed has three levels, by working days left to it: `group` (3 or fewer: the unit's work group),
// `platform` (2 or fewer: the unit's inbox and `order:reminder`), `phone` (due today: the
// liaison's phone and duty's board). A level fires once per deadline, at the office's reminder
// time on the first day it applies, or at once when that time has passed (on intake, or after the
// server was down); a deadline moved by an extension is a new deadline with levels of its own.
// A deadline that passes without its step marks the order overdue on it; its unfired levels then
// fire no more (the overdue mark and the board take over).

export type AutoLevel = Exclude<ReminderLevel, 'manual'>;
export const AUTO_LEVELS: readonly AutoLevel[] = ['group', 'platform', 'phone'];

/** Where each level goes (CONTRACT §7, §9): the work group, the platform, the phone and duty's board. */
export const LEVEL_VIA: Record<AutoLevel, string[]> = {
  group: ['work-group'],
  platform: ['inbox', 'socket'],
  phone: ['sms', 'board', 'inbox', 'socket'],
};

/** A reminder as stored, as the API and the sockets carry it. */
export function reminderView(n: NewReminder): OrderReminder {
  return {
    deadline: n.deadline as OrderDeadline,
    deadlineAt: new Date(n.deadlineAt).toISOString(),
    level: n.level as ReminderLevel,
    at: new Date(n.at).toISOString(),
    via: n.via,
    by: n.by,
    note: n.note,
  };
}

export interface ReminderCalendar {
  /** the city date from which at most `k` working days are left to the deadline */
  levelStart(deadlineMs: number, k: number): string;
  startOfDay(date: string): number;
}

export interface ReminderSettings {
  /** working days left at which each level applies */
  levels: Record<AutoLevel, number>;
  /** minutes after midnight (city time) at which a day's reminders go out */
  minuteOfDay: number;
}

export interface DueReminder {
  deadline: OrderDeadline;
  deadlineAt: number;
  level: AutoLevel;
}

export interface ReminderPlan {
  /** levels to fire now */
  fire: DueReminder[];
  /** deadlines passed now without their step, not marked yet */
  overdue: OrderDeadline[];
  /** when to look at the order again; null when nothing more can fall due */
  nextAt: number | null;
}

/** The key of one automatic level of one deadline: fired at most once (unique in order_reminders). */
export function onceKey(orderId: string, r: DueReminder): string {
  return `${orderId}:${r.deadline}:${r.deadlineAt}:${r.level}`;
}

/** The deadlines an order still owes, with their times. */
export function pendingDeadlines(o: OrderRow): Array<{ deadline: OrderDeadline; at: number }> {
  if (!isOpen(o.status)) return [];
  const out: Array<{ deadline: OrderDeadline; at: number }> = [];
  if (firstCheckPending(o)) out.push({ deadline: 'firstCheck', at: o.firstCheckBy! });
  out.push({ deadline: 'due', at: o.dueBy });
  return out;
}

export function planReminders(
  o: OrderRow,
  /** onceKey()s fired already */
  fired: ReadonlySet<string>,
  now: number,
  cal: ReminderCalendar,
  settings: ReminderSettings,
): ReminderPlan {
  const plan: ReminderPlan = { fire: [], overdue: [], nextAt: null };
  const later = (t: number) => (plan.nextAt = plan.nextAt === null ? t : Math.min(plan.nextAt, t));
  for (const { deadline, at } of pendingDeadlines(o)) {
    const marked = deadline === 'firstCheck' ? o.firstCheckOverdue : o.dueOverdue;
    if (at < now) {
      if (!marked) plan.overdue.push(deadline);
      continue;
    }
    // the moment after the deadline, to mark it overdue if its step has not come
    if (!marked) later(at + 1);
    for (const level of AUTO_LEVELS) {
      const r: DueReminder = { deadline, deadlineAt: at, level };
      if (fired.has(onceKey(o.id, r))) continue;
      const k = settings.levels[level];
      let fireAt = cal.startOfDay(cal.levelStart(at, k)) + settings.minuteOfDay * 60_000;
      // a level whose morning would come after the deadline (a 2-hour limit at night, a hotline
      // dueAt early in the day) fires at the reminder time of the working day before: at once for
      // an order received since, never days ahead of the deadline
      if (fireAt >= at) fireAt = cal.startOfDay(cal.levelStart(at, k + 1)) + settings.minuteOfDay * 60_000;
      if (fireAt <= now) plan.fire.push(r);
      else later(fireAt);
    }
  }
  return plan;
}
