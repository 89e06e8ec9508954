import { NEXT_CURSOR_HEADER, type Order, type OrderAction, type OrderBodies, type OrderDetail } from '@jointduty/shared';
import { api, apiWithHeaders } from '../../app/http';
import { queryOf, type OrderFilters } from './filters';

// The calls of /orders (CONTRACT §7).

export const ORDER_PAGE = 50;

/** `GET /api/orders/departments`: where duty may send an order; a unit names its department. */
export interface OrderDepartment {
  id: string;
  name: string;
  district?: string;
  parentId?: string;
}

/** One page of the list and the cursor of the next (null at the end). */
export async function fetchOrders(filters: OrderFilters, cursor?: string): Promise<{ items: Order[]; next: string | null }> {
  const { data, headers } = await apiWithHeaders<Order[]>('/orders', { query: queryOf(filters, ORDER_PAGE, cursor) });
  return { items: Array.isArray(data) ? data : [], next: headers?.get(NEXT_CURSOR_HEADER) || null };
}

/** The order with its record and history: the citizen unmasked, so every call is audited. */
export function fetchOrder(id: string): Promise<OrderDetail> {
  return api<OrderDetail>(`/orders/${encodeURIComponent(id)}`);
}

/** One step on an order; the answer is the order as it now is. */
export function postOrderAction<A extends OrderAction>(id: string, action: A, body: OrderBodies[A]): Promise<Order | OrderDetail> {
  return api<Order | OrderDetail>(`/orders/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });
}

export function fetchDepartments(): Promise<OrderDepartment[]> {
  return api<OrderDepartment[]>('/orders/departments');
}
