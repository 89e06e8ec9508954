import type { Order, OrderDetail } from '@jointduty/shared';

// Fixtures for the orders feature's specs. Times: 2026-07-20 (a Monday) in Shanghai.
let n = 0;

/** An ISO time given as Shanghai wall time `YYYY-MM-DDTHH:mm`. */
export const cityTime = (local: string) => new Date(`${local}:00+08:00`).toISOString();
/** The end of a Shanghai day, as the server sets a working-day deadline. */
export const endOfCityDay = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

export function orderFixture(over: Partial<Order> = {}): Order {
  n++;
  return {
    id: `o${n}`,
    incidentId: `i${n}`,
    eventId: null,
    channel: '12345',
    externalId: `GD2026072000${n}`,
    kind: '投诉',
    title: `工单 ${n}`,
    district: '市南区',
    category: '市场监管/价格',
    departmentId: 'market-shinan',
    departmentName: '市南区市场监管局',
    status: 'new',
    urgent: false,
    createdAt: cityTime('2026-07-20T09:00'),
    updatedAt: cityTime('2026-07-20T09:00'),
    firstCheckBy: endOfCityDay('2026-07-21'),
    dueBy: endOfCityDay('2026-08-10'),
    signedAt: null,
    contactedAt: null,
    repliedAt: null,
    closedAt: null,
    returnedAt: null,
    result: null,
    overdue: { firstCheck: false, due: false },
    reminders: [],
    followups: [],
    ledger: false,
    ledgerReason: null,
    ledgerOf: null,
    reopened: 0,
    ...over,
  };
}

export function orderDetailFixture(over: Partial<OrderDetail> = {}): OrderDetail {
  const order = orderFixture(over);
  return {
    ...order,
    steps: [{ at: order.createdAt, by: null, action: 'create', note: null, data: null }],
    incident: {
      id: order.incidentId,
      channel: order.channel,
      occurredAt: order.createdAt,
      kind: order.kind,
      title: '某超市销售过期食品',
      content: '市民反映某超市销售过期酸奶，要求核查处理。',
      address: '市南区香港中路 10 号',
      district: order.district,
      category: order.category,
      citizen: { name: '张三', phone: '13812345678' },
    },
    related: [],
    ...over,
  };
}

/** The order of a detail, as lists and pushes carry it (no record, no history). */
export function orderOf(detail: OrderDetail): Order {
  const copy: Partial<OrderDetail> = { ...detail };
  delete copy.steps;
  delete copy.incident;
  delete copy.related;
  return copy as Order;
}
