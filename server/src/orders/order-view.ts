import { maskText, type Order, type OrderFollowup, type OrderReminder, type OrderStep, type Satisfaction } from '@jointduty/shared';
import { firstCheckPending, isOpen, type OrderRow } from './order.types';
import type { UnitDirectory } from './units';

// An order as the API and the sockets carry it: times as ISO strings, the title masked, the
// overdue marks as they stand now (a deadline passed without its step is overdue even before the
// sweep marks it), and a colour hint per owed deadline reckoned on the working-day calendar.

export type Hint = 'green' | 'yellow' | 'red';

export interface ViewContext {
  now: number;
  units: UnitDirectory;
  /** working days left to a deadline: 0 on its day */
  workingDaysLeft(now: number, deadline: number): number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function followupOf(s: OrderStep): OrderFollowup {
  const d = s.data ?? {};
  return { at: s.at, by: s.by ?? '', satisfaction: d.satisfaction as Satisfaction, resolved: d.resolved === true, note: s.note };
}

function hint(ctx: ViewContext, deadline: number, overdue: boolean): Hint {
  if (overdue || deadline < ctx.now) return 'red';
  // a limit in hours (12345 紧急) is red within the day
  if (deadline - ctx.now <= 24 * 3_600_000) return 'red';
  const left = ctx.workingDaysLeft(ctx.now, deadline);
  return left <= 1 ? 'red' : left <= 3 ? 'yellow' : 'green';
}

export function toOrder(
  o: OrderRow,
  ctx: ViewContext,
  extra: { eventId?: string | null; reminders?: OrderReminder[]; followups?: OrderStep[] } = {},
): Order {
  const firstCheckOverdue = o.firstCheckOverdue || (firstCheckPending(o) && o.firstCheckBy! < ctx.now);
  const dueOverdue = o.dueOverdue || (isOpen(o.status) && o.dueBy < ctx.now);
  const hints: NonNullable<Order['hints']> = {};
  if (firstCheckPending(o)) hints.firstCheck = hint(ctx, o.firstCheckBy!, firstCheckOverdue);
  if (isOpen(o.status)) hints.due = hint(ctx, o.dueBy, dueOverdue);
  const order: Order = {
    id: o.id,
    incidentId: o.incidentId,
    eventId: extra.eventId ?? null,
    channel: o.channel,
    externalId: o.externalId,
    kind: o.kind,
    title: maskText(o.title),
    district: o.district,
    category: o.category,
    departmentId: o.departmentId,
    departmentName: ctx.units.get(o.departmentId)?.name ?? o.departmentId,
    status: o.status,
    urgent: o.urgent,
    createdAt: iso(o.createdAt)!,
    updatedAt: iso(o.updatedAt)!,
    firstCheckBy: iso(o.firstCheckBy),
    dueBy: iso(o.dueBy)!,
    signedAt: iso(o.signedAt),
    contactedAt: iso(o.contactedAt),
    repliedAt: iso(o.repliedAt),
    closedAt: iso(o.closedAt),
    returnedAt: iso(o.returnedAt),
    result: o.result,
    overdue: { firstCheck: firstCheckOverdue, due: dueOverdue },
    reminders: extra.reminders ?? [],
    followups: (extra.followups ?? []).map(followupOf),
    ledger: o.ledger,
    ledgerReason: o.ledgerReason,
    ledgerOf: o.ledgerOf,
    reopened: o.reopened,
    hints,
  };
  if (o.extension) order.extension = o.extension;
  return order;
}
