import type { Alert, Dispatch, IncidentSummary, OrderFigures } from '@jointduty/shared';

let n = 0;

export function alertFixture(over: Partial<Alert> = {}): Alert {
  n++;
  return {
    id: `a${n}`,
    seq: n,
    eventId: `e${n}`,
    rule: 'group-complaint',
    severity: 'urgent',
    title: `预警 ${n}`,
    summary: '',
    channels: ['12315'],
    district: '市南区',
    category: null,
    incidentCount: 5,
    status: 'open',
    createdAt: new Date(Date.UTC(2026, 6, 20, 12, 0, n % 60)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 6, 20, 12, 0, n % 60)).toISOString(),
    ...over,
  };
}

export function incidentFixture(over: Partial<IncidentSummary> = {}): IncidentSummary {
  n++;
  const t = new Date(Date.UTC(2026, 6, 20, 12, 0, 0) + n * 1000).toISOString();
  return {
    id: `i${n}`,
    channel: '12345',
    externalId: `X${n}`,
    occurredAt: t,
    receivedAt: t,
    kind: '投诉',
    title: `来件 ${n}`,
    district: '市南区',
    category: null,
    department: null,
    eventId: null,
    flags: [],
    reporter: null,
    ...over,
  };
}

export function dispatchFixture(over: Partial<Dispatch> = {}): Dispatch & { alert: Alert } {
  n++;
  const alert = alertFixture({ status: 'dispatched' });
  return {
    id: `d${n}`,
    alertId: alert.id,
    teamId: 'shinan-1',
    status: 'dispatched',
    note: null,
    dispatchedBy: 'duty',
    createdAt: new Date(Date.UTC(2026, 6, 20, 12, 0, 0) + n * 1000).toISOString(),
    ackedAt: null,
    contactedAt: null,
    onsiteAt: null,
    resolvedAt: null,
    resultNote: null,
    alert,
    ...over,
  } as Dispatch & { alert: Alert };
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? '' : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function orderFiguresFixture(over: Partial<OrderFigures> = {}): OrderFigures {
  return {
    dueToday: 0,
    dueTodayLeft: 0,
    overdue: 0,
    returned: 0,
    extensionRequests: 0,
    ledgerOpen: 0,
    ledgerClosedThisMonth: 0,
    receivedToday: 0,
    onTimeSignRate: null,
    onTimeFirstCheckRate: null,
    onTimeRate: null,
    clearingHour: 17,
    ...over,
  };
}
