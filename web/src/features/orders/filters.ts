import type { Order, Role } from '@jointduty/shared';
import { timeOf } from '../../app/format';
import { calendarDaysLeft, deadlineChips, pendingDeadlines } from './countdown';

// The tabs of /orders: a unit's inbox, or duty's whole board, each a query of GET /api/orders
// and the same test for an order pushed while the tab is shown.

export const UNIT_TABS = ['new', 'signed', 'today', 'overdue', 'all'] as const;
export const BOARD_TABS = ['today', 'overdue', 'returned', 'extension', 'ledger', 'all'] as const;
export type OrderTab = (typeof UNIT_TABS)[number] | (typeof BOARD_TABS)[number];

export function tabsFor(role: Role | null): readonly OrderTab[] {
  return role === 'department' ? UNIT_TABS : BOARD_TABS;
}

export interface OrderFilters {
  tab: OrderTab;
  /** a department or unit id (the board only); '' for all */
  department: string;
  q: string;
}

export function defaultFilters(role: Role | null): OrderFilters {
  return { tab: tabsFor(role)[0]!, department: '', q: '' };
}

export type OrderQuery = Record<string, string | number | undefined>;

const TAB_QUERY: Record<OrderTab, OrderQuery> = {
  new: { status: 'new' },
  signed: { status: 'signed' },
  today: { due: 'today' },
  overdue: { due: 'overdue' },
  returned: { status: 'returned' },
  extension: { extension: 'pending' },
  ledger: { ledger: 'true' },
  all: {},
};

/**
 * The tab a link asks for (`/orders?due=overdue` from the console's counts): the first of the
 * role's tabs whose query the link's query holds; null when none does.
 */
export function tabFromQuery(query: Record<string, unknown>, role: Role | null): OrderTab | null {
  const given = (k: string) => {
    const v = query[k];
    return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
  };
  for (const tab of tabsFor(role)) {
    const wanted = Object.entries(TAB_QUERY[tab]);
    if (wanted.length > 0 && wanted.every(([k, v]) => given(k) === String(v))) return tab;
  }
  return null;
}

/** The list call's query for these filters. */
export function queryOf(f: OrderFilters, limit: number, cursor?: string): OrderQuery {
  const q = f.q.trim().slice(0, 100);
  return { ...TAB_QUERY[f.tab], department: f.department || undefined, q: q || undefined, limit, cursor };
}

/** Whether an order is inside a department filter: the department itself or one of its units. */
export type DepartmentTest = (orderDepartmentId: string, filterId: string) => boolean;
export const sameDepartment: DepartmentTest = (a, b) => a === b;

// the deadline still owed that comes first
function nextDeadline(order: Order): number | null {
  const times = pendingDeadlines(order).map((d) => timeOf(d.at));
  return times.length > 0 ? Math.min(...times) : null;
}

/** Whether an order belongs on the list these filters show, at `now` (a pushed order goes on top if so). */
export function matchesFilters(order: Order, f: OrderFilters, now: number, inDepartment: DepartmentTest = sameDepartment): boolean {
  if (f.department && !inDepartment(order.departmentId, f.department)) return false;
  const q = f.q.trim().toLowerCase();
  if (q && !order.title.toLowerCase().includes(q) && !order.externalId.toLowerCase().includes(q)) return false;
  switch (f.tab) {
    case 'new':
    case 'signed':
    case 'returned':
      return order.status === f.tab;
    case 'today': {
      const next = nextDeadline(order);
      return next !== null && calendarDaysLeft(now, next) === 0;
    }
    case 'overdue':
      return deadlineChips(order, now).some((c) => c.overdue);
    case 'extension':
      return order.extension?.decision === 'pending';
    case 'ledger':
      return order.ledger;
    case 'all':
      return true;
  }
}
