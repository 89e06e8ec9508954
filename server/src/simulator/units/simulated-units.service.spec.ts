import type { OrderStatus, SessionUser } from '@jointduty/shared';
import { AppException } from '../../common/app.exception';
import { loadConfig } from '../../config/config.loader';
import type { AppConfig } from '../../config/config.schema';
import type { CorrelationLease } from '../../infra/cluster/lease.service';
import type { Db } from '../../infra/database/db';
import { NOTHING_DONE_YET, type OrderRow } from '../../orders/order.types';
import type { OrdersRepository } from '../../orders/orders.repository';
import type { OrdersService } from '../../orders/orders.service';
import { UnitDirectory } from '../../orders/units';
import { WorkingCalendar } from '../../orders/working-calendar';
import { SimulatedUnits } from './simulated-units.service';

const shipped = loadConfig({ env: {} });
const T0 = Date.parse('2026-03-10T10:00:00+08:00');
const HOUR = 3_600_000;

function row(i: number, over: Partial<OrderRow> = {}): OrderRow {
  return {
    id: `order-${String(i).padStart(4, '0')}`,
    incidentId: `incident-${i}`,
    channel: '12345',
    externalId: `SIM-${i}`,
    kind: '投诉',
    title: '反映问题',
    district: '市北区',
    category: '市场监管>计量监管',
    departmentId: 'market',
    status: 'new',
    urgent: false,
    createdAt: T0 + i,
    updatedAt: T0 + i,
    firstCheckBy: T0 + 40 * HOUR,
    dueBy: T0 + 400 * HOUR,
    ...NOTHING_DONE_YET,
    version: 0,
    ...over,
  };
}

/** The units over a store of orders in memory, read the way the repository pages them. */
function setup(stored: Array<{ order: OrderRow; flags: string[] }>, opts: { held?: boolean; act?: (id: string) => void } = {}) {
  const acted: Array<{ user: SessionUser; id: string; action: string }> = [];
  const reads: Array<{ status: OrderStatus; after: string | null }> = [];
  const repo = {
    simulatedByStatus: async (status: OrderStatus, after: { createdAt: number; id: string } | null, limit: number) => {
      reads.push({ status, after: after?.id ?? null });
      return stored
        .filter((s) => s.order.status === status && (!after || s.order.createdAt > after.createdAt))
        .sort((a, b) => a.order.createdAt - b.order.createdAt)
        .slice(0, limit);
    },
    followupsOf: async () => new Map(),
  } as unknown as OrdersRepository;
  const orders = {
    calendar: new WorkingCalendar(shipped.calendar, shipped.city.timezone),
    units: new UnitDirectory(shipped.departments),
    act: async (user: SessionUser, id: string, action: string) => {
      opts.act?.(id);
      acted.push({ user, id, action });
      // done with, as far as these tests go
      const s = stored.find((x) => x.order.id === id)!;
      s.order = { ...s.order, status: 'closed' };
    },
  } as unknown as OrdersService;
  const lease = { held: opts.held ?? true } as CorrelationLease;
  const units = new SimulatedUnits(shipped as AppConfig, orders, repo, {} as Db, lease);
  return { units, acted, reads };
}

describe('SimulatedUnits', () => {
  it('takes nothing off the lease holder', async () => {
    const { units, acted } = setup([{ order: row(1), flags: ['simulated'] }], { held: false });
    expect(await units.tick(T0 + 10 * HOUR)).toBe(0);
    expect(acted).toEqual([]);
  });

  it('signs as the order’s unit, and passes over orders of incidents not flagged simulated', async () => {
    const { units, acted } = setup([
      { order: row(1), flags: ['simulated'] },
      { order: row(2, { departmentId: 'city-management' }), flags: [] },
    ]);
    await units.tick(T0 + 100 * HOUR);
    expect(acted.map((a) => a.id)).toEqual(['order-0001']);
    expect(acted[0]!.user).toEqual({ username: 'sim-market', role: 'department', departmentId: 'market' });
  });

  it('takes at most 40 steps a tick and comes back for the rest', async () => {
    const stored = Array.from({ length: 100 }, (_, i) => ({ order: row(i), flags: ['simulated'] }));
    const { units, acted } = setup(stored);
    expect(await units.tick(T0 + 100 * HOUR)).toBe(40);
    expect(await units.tick(T0 + 100 * HOUR)).toBe(40);
    expect(await units.tick(T0 + 100 * HOUR)).toBe(20);
    expect(new Set(acted.map((a) => a.id)).size).toBe(100);
  });

  it('pages through a status and starts over after its last order', async () => {
    const stored = Array.from({ length: 600 }, (_, i) => ({ order: row(i, { updatedAt: T0 + 1000 * HOUR }), flags: ['simulated'] }));
    const { units, reads } = setup(stored);
    // nothing is due yet: each tick reads the next page of new orders
    for (let i = 0; i < 4; i++) await units.tick(T0);
    expect(reads.filter((r) => r.status === 'new').map((r) => r.after)).toEqual([null, 'order-0249', 'order-0499', null]);
  });

  it('leaves an order alone after three failures; a refusal a human step explains is no failure', async () => {
    let calls = 0;
    const { units } = setup([{ order: row(1), flags: ['simulated'] }], {
      act: () => {
        calls++;
        throw new Error('database gone');
      },
    });
    for (let i = 0; i < 5; i++) await units.tick(T0 + 100 * HOUR);
    expect(calls).toBe(3);
    let raced = 0;
    const other = setup([{ order: row(1), flags: ['simulated'] }], {
      act: () => {
        raced++;
        throw new AppException('order.changed_meanwhile', 'sign: the order changed meanwhile');
      },
    });
    for (let i = 0; i < 5; i++) await other.units.tick(T0 + 100 * HOUR);
    expect(raced).toBe(5);
  });
});
