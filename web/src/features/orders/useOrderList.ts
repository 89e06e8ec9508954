import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { Order, OrderReminderNotice, Role } from '@jointduty/shared';
import { errorMessage } from '../../app/errors';
import type { LiveConnection } from '../../realtime/useConnection';
import { fetchOrders } from './api';
import { defaultFilters, matchesFilters, sameDepartment, tabsFor, type DepartmentTest, type OrderFilters, type OrderTab } from './filters';
import { appendPage, mergeOrder } from './merge';

// a search waits for the typing to pause
const TYPING_MS = 350;

export interface OrderListOptions {
  role: Role | null;
  /** the tab to open on (a link's query), else the role's first */
  tab?: OrderTab | null;
  /** the department filter's test (a department takes in its units) */
  inDepartment?: DepartmentTest;
  /** a 催办 arrived (its order is merged already) */
  onReminder?: (notice: OrderReminderNotice) => void;
  now?: () => number;
  fetch?: typeof fetchOrders;
}

const isOrder = (o: unknown): o is Order =>
  o !== null && typeof o === 'object' && typeof (o as Order).id === 'string' && typeof (o as Order).updatedAt === 'string';

/**
 * The orders list of /orders: the tab's first page, 加载更多 with the cursor of the page before,
 * and the live events merged in place (`order:update` replaces its row; an order new to the tab
 * goes on top). A fresh first page after each reconnect, since order events are not replayed.
 */
export function useOrderList(live: LiveConnection, options: OrderListOptions) {
  const now = options.now ?? Date.now;
  const read = options.fetch ?? fetchOrders;
  const inDepartment: DepartmentTest = (a, b) => (options.inDepartment ?? sameDepartment)(a, b);
  const tabs = tabsFor(options.role);
  const filters = ref<OrderFilters>({ ...defaultFilters(options.role), ...(options.tab ? { tab: options.tab } : {}) });
  const items = shallowRef<readonly Order[]>([]);
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = ref<string | null>(null);
  const next = ref<string | null>(null);
  const hasMore = computed(() => next.value !== null);
  // the filters of the list shown: further pages and pushes keep to them
  let applied: OrderFilters = { ...filters.value };
  let request = 0;

  async function reload(): Promise<void> {
    const mine = ++request;
    const wanted = { ...filters.value };
    loading.value = true;
    try {
      const page = await read(wanted);
      if (mine !== request) return;
      applied = wanted;
      items.value = appendPage([], page.items);
      next.value = page.next;
      error.value = null;
    } catch (err) {
      if (mine === request) error.value = errorMessage(err);
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    const cursor = next.value;
    if (loadingMore.value || loading.value || cursor === null) return;
    const mine = request;
    loadingMore.value = true;
    try {
      const page = await read(applied, cursor);
      // a reload in between: this page belongs to other filters
      if (mine !== request) return;
      items.value = appendPage(items.value, page.items);
      next.value = page.next;
      error.value = null;
    } catch (err) {
      if (mine === request) error.value = errorMessage(err);
    } finally {
      loadingMore.value = false;
    }
  }

  /** An order as the server now has it (a push, or the answer to a step taken here). */
  function apply(order: Order): void {
    if (!isOrder(order)) return;
    items.value = mergeOrder(items.value, order, matchesFilters(order, applied, now(), inDepartment));
  }

  function setFilters(patch: Partial<OrderFilters>): void {
    filters.value = { ...filters.value, ...patch };
  }

  live.on('order:new', apply);
  live.on('order:update', apply);
  live.on('order:reminder', (notice) => {
    if (!notice || !isOrder(notice.order)) return;
    apply(notice.order);
    options.onReminder?.(notice);
  });
  live.onConnect(({ first }) => {
    if (!first) void reload();
  });

  let timer: ReturnType<typeof setTimeout> | null = null;
  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  watch(filters, (after, before) => {
    clearTimer();
    if (after.tab === before.tab && after.department === before.department) timer = setTimeout(() => void reload(), TYPING_MS);
    else void reload();
  });
  if (getCurrentScope()) onScopeDispose(clearTimer);
  void reload();

  return { tabs, filters, items, loading, loadingMore, error, hasMore, reload, loadMore, apply, setFilters };
}

export type OrderList = ReturnType<typeof useOrderList>;
