// The simulator plays the units: the orders of simulated records are signed, contacted, replied,
// returned, extended, followed up and closed off through the orders' real steps, as sim-<unit>
// and sim-duty, each step audited and pushed like a person's. The units' clock is driven by hand
// (the server runs with SIMULATOR=off, so nothing ticks by itself), days in seconds.
import type { Channel, Order, OrderDetail, OrderFigures } from '@jointduty/shared';
import type { AppConfig } from '@jointduty/server/config/config.schema';
import { FeedsService } from '@jointduty/server/feeds/feeds.service';
import { CorrelationLease } from '@jointduty/server/infra/cluster/lease.service';
import { Db } from '@jointduty/server/infra/database/db';
import { OrdersRepository } from '@jointduty/server/orders/orders.repository';
import { OrdersService } from '@jointduty/server/orders/orders.service';
import { buildWorld, RecordGenerator } from '@jointduty/server/simulator/generator';
import { SimulatedUnits } from '@jointduty/server/simulator/units/simulated-units.service';
import { collect, connectLive, login, postFeed, request, startServer, type LiveSocket, type TestServer } from '../support/harness';
import { hotline } from '../support/records';

jest.setTimeout(180_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const UNIT_ACTIONS = new Set(['sign', 'contact', 'reply', 'extend', 'return']);
const DUTY_ACTIONS = new Set(['assign', 'extension', 'followup', 'close']);

describe('the simulated units', () => {
  let server: TestServer;
  let units: SimulatedUnits;
  let duty: string;
  let live: LiveSocket;
  let pushed: Order[];
  const simulated: string[] = [];
  let real = '';
  const t0 = Date.now();

  const as = <T = unknown>(method: string, path: string) => request<T>(server, method, path, { token: duty });
  const orders = async (): Promise<Order[]> => (await as<Order[]>('GET', '/api/orders?limit=500')).body;
  const mine = async () => (await orders()).filter((o) => simulated.includes(o.externalId));
  /** the units' clock from `from` to `to` in steps of `step` */
  const run = async (from: number, to: number, step: number) => {
    for (let t = from; t <= to; t += step) await units.tick(t);
  };

  beforeAll(async () => {
    server = await startServer();
    duty = await login(server, 'duty');
    live = await connectLive(server, duty);
    pushed = collect<Order>(live, 'order:update');
    const app = server.app;
    // the shipped pace, with more orders going the rarer ways so that a few dozen show each
    const shipped = server.config.simulator!.units!;
    const boosted = {
      ...shipped,
      returns: { ...shipped.returns, share: 0.25 },
      extension: { ...shipped.extension, share: 0.3 },
      followup: { ...shipped.followup, satisfaction: { 满意: 55, 基本满意: 10, 不满意: 35 } },
    };
    const config = { ...server.config, simulator: { ...server.config.simulator!, units: boosted } } as AppConfig;
    units = new SimulatedUnits(config, app.get(OrdersService), app.get(OrdersRepository), app.get(Db), app.get(CorrelationLease));

    // records as the simulator makes them, through the intake the simulator uses, flagged simulated
    const generator = new RecordGenerator(buildWorld(server.config.city, server.config.simulator!), { seed: 14, episodes: false });
    const feeds = app.get(FeedsService);
    const batch: Array<[Channel, number]> = [
      ['12345', 36],
      ['12315', 14],
    ];
    for (const [channel, n] of batch) {
      const records = Array.from({ length: n }, () => generator.next(channel, new Date(t0 - MIN)));
      simulated.push(...records.map((r) => String(Object.values(r)[0])));
      const result = await feeds.intake(channel, records, { simulated: true });
      expect(result.accepted).toBe(n);
    }
    // and one from a real feed, which the simulated units never touch
    const rec = hotline();
    real = rec.orderNo;
    expect((await postFeed(server, '12345', rec)).status).toBe(202);
  });

  afterAll(async () => {
    live.disconnect();
    await server.close();
  });

  it('does nothing before anything is due', async () => {
    expect(await units.tick(t0)).toBe(0);
    expect((await mine()).every((o) => o.status === 'new')).toBe(true);
    expect(await mine()).toHaveLength(simulated.length);
  });

  it('within the first minutes and hours orders are signed and contacted, some returned, and pushed as they go', async () => {
    await run(t0 + 10 * MIN, t0 + 10 * MIN, 1);
    const early = await mine();
    expect(early.filter((o) => o.signedAt !== null).length).toBeGreaterThan(0);
    await run(t0 + 20 * MIN, t0 + 3 * HOUR, 10 * MIN);
    const later = await mine();
    // a few of the boosted quarter returned and, after 10–30 minutes, reassigned
    expect(later.filter((o) => o.signedAt !== null).length).toBeGreaterThan(simulated.length / 2);
    expect(later.filter((o) => o.contactedAt !== null || o.repliedAt !== null).length).toBeGreaterThan(0);
    expect(pushed.some((o) => o.status === 'signed' && simulated.includes(o.externalId))).toBe(true);
  });

  it('over the following months every simulated order is replied, followed up and closed off by duty', async () => {
    // ten-minute steps through the first two days, then four-hour steps through a hundred days:
    // the late share replies past its deadline, which for a 12315 complaint is 45 working days
    // after its first check
    await run(t0 + 3 * HOUR, t0 + 2 * DAY, 10 * MIN);
    await run(t0 + 2 * DAY, t0 + 100 * DAY, 4 * HOUR);
    const all = await mine();
    expect(all.filter((o) => o.status !== 'closed').map((o) => `${o.externalId} ${o.status}`)).toEqual([]);
    expect(all.every((o) => o.repliedAt !== null && o.followups.length > 0)).toBe(true);
  });

  it('never touches an order of a real feed', async () => {
    const o = (await orders()).find((x) => x.externalId === real)!;
    expect(o.status).toBe('new');
    const detail = await as<OrderDetail>('GET', `/api/orders/${o.id}`);
    expect(detail.body.steps.map((s) => s.action)).toEqual(['create']);
  });

  it('records every step under the sim users: the unit its order was at, duty as sim-duty', async () => {
    const details: OrderDetail[] = [];
    for (const o of await mine()) details.push((await as<OrderDetail>('GET', `/api/orders/${o.id}`)).body);
    const ids = new Set(
      server.app
        .get(OrdersService)
        .units.all()
        .map((u) => u.id),
    );
    for (const d of details) {
      // a returned order: returned by the unit it first went to, handled by the one duty chose
      const assign = d.steps.find((s) => s.action === 'assign');
      for (const s of d.steps) {
        if (UNIT_ACTIONS.has(s.action)) {
          const unit = s.action === 'return' ? (assign!.data!.from as string) : d.departmentId;
          expect(s.by).toBe(`sim-${unit}`);
          expect(ids.has(unit)).toBe(true);
        } else if (DUTY_ACTIONS.has(s.action)) expect(s.by).toBe('sim-duty');
        else expect(s.by).toBeNull();
      }
      if (assign) expect(assign.data!.to).toBe(d.departmentId);
      expect(d.closedAt).not.toBeNull();
    }
    const did = (action: string) => details.filter((d) => d.steps.some((s) => s.action === action));
    // returned, then reassigned to another unit, which signed it
    expect(did('return').length).toBeGreaterThan(0);
    for (const d of did('return')) expect(d.steps.map((s) => s.action)).toEqual(expect.arrayContaining(['return', 'assign', 'sign']));
    // asked for more time, and duty decided
    expect(did('extend').length).toBeGreaterThan(0);
    for (const d of did('extend')) expect(d.extension?.decision).toMatch(/^(approved|refused)$/);
    // unsatisfied or unresolved: on the ledger, reopened, replied again, closed off after a satisfied call
    const reopened = details.filter((d) => d.reopened > 0);
    expect(reopened.length).toBeGreaterThan(0);
    for (const d of reopened) {
      expect(d.ledger).toBe(true);
      expect(d.steps.filter((s) => s.action === 'reply')).toHaveLength(d.reopened + 1);
      expect(d.followups[d.followups.length - 1]!.satisfaction).not.toBe('不满意');
    }
    expect(details.some((d) => d.steps.some((s) => s.action === 'contact'))).toBe(true);
  });

  it('audits every simulated step as the step it is, by the same user', async () => {
    const db = server.app.get(Db);
    const steps = await db.query<{ actor: string; action: string; order_id: string }>(
      `SELECT actor, action, order_id FROM order_steps WHERE actor LIKE 'sim-%'`,
    );
    const audit = await db.query<{ actor: string; action: string; target_id: string }>(
      `SELECT actor, action, target_id FROM audit_log WHERE actor LIKE 'sim-%'`,
    );
    expect(steps.length).toBeGreaterThan(simulated.length * 4);
    const key = (actor: string, action: string, id: string) => `${actor} ${action} ${id}`;
    expect(audit.map((a) => key(a.actor, a.action, a.target_id)).sort()).toEqual(
      steps.map((s) => key(s.actor, `order.${s.action}`, s.order_id)).sort(),
    );
  });

  it('gives the figures real on-time rates', async () => {
    const f = (await as<OrderFigures>('GET', '/api/orders/figures')).body;
    expect(f.onTimeSignRate).not.toBeNull();
    expect(f.onTimeRate).not.toBeNull();
    expect(f.ledgerClosedThisMonth + f.ledgerOpen).toBeGreaterThanOrEqual(0);
  });
});
