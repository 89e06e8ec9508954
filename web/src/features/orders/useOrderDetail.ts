import type { Order, OrderAction, OrderBodies, OrderDetail } from '@jointduty/shared';
import { errorMessage } from '../../app/errors';
import { useDetail } from '../../app/useDetail';
import { ApiError } from '../../app/http';
import { appI18n } from '../../app/i18n';
import { timeOf } from '../../app/format';
import type { LiveConnection } from '../../realtime/useConnection';
import { fetchOrder, postOrderAction } from './api';

export interface OrderDetailOptions {
  /** the order as a step's answer left it, for the list's row */
  onAnswer?: (order: Order) => void;
  read?: typeof fetchOrder;
  post?: typeof postOrderAction;
}

const isDetail = (o: Order | OrderDetail): o is OrderDetail => Array.isArray((o as OrderDetail).steps) && !!(o as OrderDetail).incident;

/**
 * The order open on /orders: its record and history (GET /api/orders/{id}, the audited view), the
 * pushes for it merged in, and the steps taken on it. After a step the panel shows the answer at
 * once, then reads the order again for the new step's line in the history.
 */
export function useOrderDetail(live: LiveConnection, options: OrderDetailOptions = {}) {
  const read = options.read ?? fetchOrder;
  const post = options.post ?? postOrderAction;
  const { id, detail, loading, error, load, open, close } = useDetail(read);

  /** A newer state of the open order (a push): its fields over the detail's, the history kept. */
  function merge(order: Order): void {
    const shown = detail.value;
    if (!shown || !order || order.id !== shown.id || timeOf(order.updatedAt) < timeOf(shown.updatedAt)) return;
    detail.value = { ...shown, ...order };
  }

  /** Takes a step; a refusal is thrown with its text (409 names the step that is out of order). */
  async function act<A extends OrderAction>(action: A, body: OrderBodies[A]): Promise<void> {
    const target = id.value;
    if (target === null) return;
    let answer: Order | OrderDetail;
    try {
      answer = await post(target, action, body);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // the order moved on meanwhile: show it as it is now
        if (id.value === target) void load();
        const { t } = appI18n().global;
        throw new Error(t('orders.outOfOrder', { action: t(`orders.actions.${action}`), message: errorMessage(err) }));
      }
      throw err;
    }
    if (!answer || typeof answer.id !== 'string') return;
    options.onAnswer?.(answer);
    if (id.value !== target) return;
    if (isDetail(answer)) {
      detail.value = answer;
    } else {
      merge(answer);
      void load();
    }
  }

  live.on('order:update', merge);
  live.on('order:reminder', (notice) => notice && merge(notice.order));

  return { id, detail, loading, error, open, close, reload: load, act };
}

export type OrderDetailState = ReturnType<typeof useOrderDetail>;
