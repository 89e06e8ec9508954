import type { Channel, LedgerReason, OrderExtension, OrderStatus, ReplyResult, Satisfaction } from '@jointduty/shared';

/** An order as stored (times in epoch ms). */
export interface OrderRow {
  id: string;
  incidentId: string;
  channel: Channel;
  externalId: string;
  kind: string;
  title: string;
  district: string | null;
  category: string | null;
  departmentId: string;
  status: OrderStatus;
  urgent: boolean;
  createdAt: number;
  updatedAt: number;
  firstCheckBy: number | null;
  dueBy: number;
  signedAt: number | null;
  contactedAt: number | null;
  repliedAt: number | null;
  closedAt: number | null;
  returnedAt: number | null;
  result: ReplyResult | null;
  /** the latest follow-up's satisfaction and whether the citizen said it was resolved; null before any */
  satisfaction: Satisfaction | null;
  followupResolved: boolean | null;
  firstCheckOverdue: boolean;
  dueOverdue: boolean;
  signLate: boolean;
  ledger: boolean;
  ledgerAt: number | null;
  ledgerReason: LedgerReason | null;
  ledgerOf: string | null;
  ledgerClosedAt: number | null;
  reopened: number;
  extension: OrderExtension | null;
  nextReminderAt: number | null;
  version: number;
}

/** A new order's fields for the steps not taken yet: none signed, replied, marked, reminded. */
export const NOTHING_DONE_YET = {
  signedAt: null,
  contactedAt: null,
  repliedAt: null,
  closedAt: null,
  returnedAt: null,
  result: null,
  satisfaction: null,
  followupResolved: null,
  firstCheckOverdue: false,
  dueOverdue: false,
  signLate: false,
  ledger: false,
  ledgerAt: null,
  ledgerReason: null,
  ledgerOf: null,
  ledgerClosedAt: null,
  reopened: 0,
  extension: null,
  nextReminderAt: null,
} as const satisfies Partial<OrderRow>;

/** What an action changes: the new row (the step machine's answer) and the step to record. */
export interface StepRecord {
  action: string;
  note: string | null;
  data: Record<string, unknown> | null;
}

/** Whether the first check (初查) is still owed: it has a deadline and neither contact nor reply came. */
export function firstCheckPending(o: Pick<OrderRow, 'firstCheckBy' | 'contactedAt' | 'repliedAt' | 'status' | 'reopened'>): boolean {
  return o.firstCheckBy !== null && o.contactedAt === null && o.repliedAt === null && o.reopened === 0 && isOpen(o.status);
}

/** The unit (or duty, after a return) still owes the order its handling. */
export function isOpen(status: OrderStatus): boolean {
  return status === 'new' || status === 'signed' || status === 'returned';
}

/** The earliest deadline still owed, or null when nothing is owed. */
export function nextDeadline(o: OrderRow): number | null {
  if (!isOpen(o.status)) return null;
  return firstCheckPending(o) ? Math.min(o.firstCheckBy!, o.dueBy) : o.dueBy;
}
