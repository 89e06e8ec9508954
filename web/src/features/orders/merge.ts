import type { Order } from '@jointduty/shared';
import { timeOf } from '../../app/format';

/** The most rows the list holds with its further pages and pushed orders. */
export const ORDER_LIST_CAP = 1000;

/**
 * An order pushed or answered by an action: it replaces its row where shown (unless older than
 * the row, a push overtaken by an answer or the other way round); else, when it belongs to the
 * list's filters, it goes on top. A row that no longer fits the filters stays until the next
 * reload, so the list does not shift under the reader.
 */
export function mergeOrder(list: readonly Order[], order: Order, belongs: boolean, cap = ORDER_LIST_CAP): readonly Order[] {
  const at = list.findIndex((o) => o.id === order.id);
  if (at >= 0) {
    if (timeOf(order.updatedAt) < timeOf(list[at]!.updatedAt)) return list;
    const next = list.slice();
    next[at] = order;
    return next;
  }
  if (!belongs) return list;
  const next = [order, ...list];
  if (next.length > cap) next.length = cap;
  return next;
}

/** A further page: the orders not already shown, after those that are. */
export function appendPage(list: readonly Order[], page: readonly Order[], cap = ORDER_LIST_CAP): readonly Order[] {
  const known = new Set(list.map((o) => o.id));
  const next = list.concat(page.filter((o) => o && typeof o.id === 'string' && !known.has(o.id)));
  if (next.length > cap) next.length = cap;
  return next;
}
