import type { Channel } from './channels';

// Work orders (工单, CONTRACT §7): what a unit must handle for one incident, on the working-day
// calendar. Types and constants only (the web takes them without zod); the request schemas are
// in ./order-schemas.

/** new 待签收 → signed 办理中 → replied 已答复 → closed 办结; returned 退回 waits for duty to reassign. */
export const ORDER_STATUSES = ['new', 'signed', 'replied', 'returned', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** the statuses in which the unit still owes the order something */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['new', 'signed', 'returned'];

/** A department user's steps (签收 联系/初查 答复 申请延期 退回). */
export const ORDER_UNIT_ACTIONS = ['sign', 'contact', 'reply', 'extend', 'return'] as const;
export type OrderUnitAction = (typeof ORDER_UNIT_ACTIONS)[number];
/** Duty's steps (重新派单 催办 审核延期 回访 销号). */
export const ORDER_DUTY_ACTIONS = ['assign', 'remind', 'extension', 'followup', 'close'] as const;
export type OrderDutyAction = (typeof ORDER_DUTY_ACTIONS)[number];
export type OrderAction = OrderUnitAction | OrderDutyAction;

/** 答复 results. */
export const REPLY_RESULTS = ['已解决', '部分解决', '未解决', '不属实', '终止调解'] as const;
export type ReplyResult = (typeof REPLY_RESULTS)[number];
/** 回访 satisfaction. */
export const SATISFACTIONS = ['满意', '基本满意', '不满意'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

/** The two deadlines of an order: 初查 (first contact / acceptance decision / verification) and 办理期限. */
export const ORDER_DEADLINES = ['firstCheck', 'due'] as const;
export type OrderDeadline = (typeof ORDER_DEADLINES)[number];
/**
 * Reminder levels (催办): `group` 3 working days or fewer left (the unit's work group), `platform`
 * 2 or fewer (inbox and `order:reminder`), `phone` due today (SMS to the liaison, duty's board);
 * `manual` is a duty officer's own 催办.
 */
export const REMINDER_LEVELS = ['group', 'platform', 'phone', 'manual'] as const;
export type ReminderLevel = (typeof REMINDER_LEVELS)[number];

/** Why an order is on the ledger (台账). */
export const LEDGER_REASONS = ['unsatisfied', 'unresolved', 'repeat'] as const;
export type LedgerReason = (typeof LEDGER_REASONS)[number];

export const ORDER_NOTE_MAX = 2000;
export const ORDER_REASON_MAX = 500;

export interface OrderReminder {
  deadline: OrderDeadline;
  level: ReminderLevel;
  at: string;
  /** where it went: `inbox`, `socket`, `work-group`, `sms`, `board` (the last ones through §9 once it exists) */
  via: string[];
  /** the deadline reminded of, ISO */
  deadlineAt: string;
  by: string | null;
  note: string | null;
}

export interface OrderExtension {
  workingDays: number;
  reason: string;
  requestedAt: string;
  requestedBy: string;
  decision: 'pending' | 'approved' | 'refused';
  decidedAt: string | null;
  decidedBy: string | null;
  /** the handling deadline before the request, and after it if approved */
  dueBefore: string;
  dueAfter: string | null;
}

export interface OrderFollowup {
  at: string;
  by: string;
  satisfaction: Satisfaction;
  resolved: boolean;
  note: string | null;
}

/** One recorded step of an order, oldest first: who did what when, with its note. */
export interface OrderStep {
  at: string;
  by: string | null;
  action: OrderAction | 'create' | 'reopen' | 'ledger' | 'overdue';
  note: string | null;
  /** the step's particulars: result, satisfaction, department moved from and to … */
  data: Record<string, unknown> | null;
}

/** An order as lists and sockets carry it (masked). */
export interface Order {
  id: string;
  incidentId: string;
  eventId: string | null;
  channel: Channel;
  externalId: string;
  /** the incident's kind: 咨询 投诉 举报 … */
  kind: string;
  title: string;
  district: string | null;
  category: string | null;
  /** the unit (承办单位): a department, or its district unit */
  departmentId: string;
  departmentName: string;
  status: OrderStatus;
  /** 12345 `urgency: 紧急` */
  urgent: boolean;
  createdAt: string;
  updatedAt: string;
  /** null where the order has no first check (12315 咨询) */
  firstCheckBy: string | null;
  dueBy: string;
  signedAt: string | null;
  contactedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  returnedAt: string | null;
  /** the latest reply's result */
  result: ReplyResult | null;
  /** past a deadline without its step, now or ever (marks never disappear) */
  overdue: { firstCheck: boolean; due: boolean };
  reminders: OrderReminder[];
  extension?: OrderExtension;
  followups: OrderFollowup[];
  ledger: boolean;
  ledgerReason: LedgerReason | null;
  /** the ledger entry a repeat complaint joined */
  ledgerOf: string | null;
  /** times reopened to the unit from the ledger */
  reopened: number;
  /**
   * The colour of each deadline still owed, on the working-day calendar at the time of the answer:
   * `red` 1 working day or fewer left (or overdue), `yellow` 3 or fewer, else `green`. The web has
   * no calendar: it shows these and turns a chip red itself once its deadline passes.
   */
  hints?: { firstCheck?: DeadlineHint; due?: DeadlineHint };
}

/** A deadline's colour in `Order.hints`. */
export type DeadlineHint = 'green' | 'yellow' | 'red';

/** `GET /api/orders/{id}`: the order with its record and history (the one audited view of the citizen). */
export interface OrderDetail extends Order {
  steps: OrderStep[];
  incident: {
    id: string;
    channel: Channel;
    occurredAt: string;
    kind: string;
    title: string;
    content: string;
    address: string | null;
    district: string | null;
    category: string | null;
    citizen: { name: string | null; phone: string | null };
  };
  /** the other orders on the same ledger entry */
  related: Array<{ id: string; externalId: string; status: OrderStatus; createdAt: string }>;
}

/** `GET /api/orders` answers an array; the next page's cursor comes in this header (absent at the end). */
export const NEXT_CURSOR_HEADER = 'x-next-cursor';

/** The orders' figures on the wall and the console (`orders` in the stats overview). */
export interface OrderFigures {
  /** open orders whose next deadline is today */
  dueToday: number;
  /** of them, still not done */
  dueTodayLeft: number;
  /** open orders past a deadline now */
  overdue: number;
  returned: number;
  extensionRequests: number;
  /** on the ledger and not closed off */
  ledgerOpen: number;
  /** ledger entries closed off this month, and still open from this month */
  ledgerClosedThisMonth: number;
  /** today's orders received */
  receivedToday: number;
  /** of orders whose deadline fell in the last 30 days: share met (null when none) */
  onTimeSignRate: number | null;
  onTimeFirstCheckRate: number | null;
  onTimeRate: number | null;
  /** after 17:00 city time every order due today should be cleared (日结日清) */
  clearingHour: number;
}

/** `order:new`, `order:update`: the order (masked). `order:reminder`: the reminder with its order. */
export interface OrderReminderNotice {
  order: Order;
  reminder: OrderReminder;
}
