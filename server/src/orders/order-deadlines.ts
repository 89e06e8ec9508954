import type { Channel } from '@jointduty/shared';
import type { OrderLimit, OrderLimits, OrdersConfig } from '../config/config.schema';
import type { WorkingCalendar } from './working-calendar';

// An order's two deadlines (CONTRACT §7) from the limits of config/orders.yaml: the first check
// (初查) and the handling deadline (办理期限). Pure.

/** What the limits depend on: the incident's channel and kind, 12345 urgency. */
export interface OrderKind {
  channel: Channel;
  /** the incident's kind: the 12345 诉求类型, the 12315 kind … */
  kind: string;
  /** 12345 `urgency: 紧急` */
  urgent: boolean;
  /** a 12345 `dueAt` from the hotline (ms): it replaces the computed handling deadline */
  hotlineDueAt?: number | null;
}

export interface DeadlineInput extends OrderKind {
  /** when the record was received (12345 acceptedAt, 12315 receivedAt), ms */
  receivedAt: number;
}

export interface OrderDeadlines {
  /** null: the order has no first check (12315 咨询) */
  firstCheckBy: number | null;
  dueBy: number;
}

/** The limits of an order: its channel's urgent ones when urgent, else its kind's, else the channel's other, else the default. */
export function limitsFor(order: Pick<OrderKind, 'channel' | 'kind' | 'urgent'>, config: OrdersConfig): OrderLimits {
  const entry = config.limits.channels[order.channel];
  if (!entry) return config.limits.default;
  if (order.urgent && entry.urgent) return entry.urgent;
  if (Object.hasOwn(entry.kinds, order.kind)) return entry.kinds[order.kind]!;
  return entry.other ?? config.limits.default;
}

/** The end of a limit counted from an instant. */
export function limitEnd(fromMs: number, limit: OrderLimit, calendar: WorkingCalendar): number {
  return 'hours' in limit ? calendar.hoursLater(fromMs, limit.hours) : calendar.deadline(fromMs, limit.workingDays);
}

/**
 * An order's deadlines at receipt. A handling limit counted after the first check counts, until
 * the first check is done, from its deadline (see dueAfterFirstCheck). A hotline `dueAt` replaces
 * the handling deadline; the first check is never owed after the order is due.
 */
export function deadlinesFor(input: DeadlineInput, config: OrdersConfig, calendar: WorkingCalendar): OrderDeadlines {
  const limits = limitsFor(input, config);
  const firstCheckBy = limits.firstCheck ? limitEnd(input.receivedAt, limits.firstCheck, calendar) : null;
  const dueFrom = limits.due.after === 'firstCheck' && firstCheckBy !== null ? firstCheckBy : input.receivedAt;
  const dueBy = input.hotlineDueAt ?? limitEnd(dueFrom, limits.due, calendar);
  return { firstCheckBy: firstCheckBy === null ? null : Math.min(firstCheckBy, dueBy), dueBy };
}

/**
 * The handling deadline once the first check is done, for an order whose handling limit counts
 * from it (12315 投诉: 45 working days after the day of the first check); null when the handling
 * deadline does not depend on the first check (it stays as set at receipt).
 */
export function dueAfterFirstCheck(
  order: OrderKind,
  firstCheckDoneAt: number,
  config: OrdersConfig,
  calendar: WorkingCalendar,
): number | null {
  if (order.hotlineDueAt !== undefined && order.hotlineDueAt !== null) return null;
  const limits = limitsFor(order, config);
  if (limits.due.after !== 'firstCheck') return null;
  return limitEnd(firstCheckDoneAt, limits.due, calendar);
}
