// The orders' rates read running counts (order_rollups_day), kept by every write of an order row
// in its own transaction: intake, steps, reassignment, the sweep's overdue marks. They must say
// exactly what counting the orders would, and the migration's fill (a rebuild from the orders)
// must give the same table as the running counts. docs/rates.md.
import type { Order, OrderCounts, OrderFigures, RankingReport } from '@jointduty/shared';
import { Db } from '@jointduty/server/infra/database/db';
import { backfillFollowups, fillOrderRollups } from '@jointduty/server/infra/database/migrations/1764800000000-rollups';
import { OrderFiguresService } from '@jointduty/server/orders/order-figures.service';
import { dayKey } from '@jointduty/server/orders/order-rollups';
import { OrderReminderSweep } from '@jointduty/server/orders/order-reminders.service';
import { OrdersRepository } from '@jointduty/server/orders/orders.repository';
import { addCounts, countsOf, ratesOf, zeroCounts } from '@jointduty/server/orders/rates';
import { localDayOf } from '@jointduty/server/incidents/incident-counts';
import { realClock, setClock } from '../support/clock';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { consumer, hotline } from '../support/records';

const DAY = 86_400_000;
// a Monday, working days around it
const START = '2026-03-02T09:00:00+08:00';

let server: TestServer;
const tokens: Record<string, string> = {};
const relogin = async () => {
  for (const u of ['duty', 'dept-market', 'dept-city']) tokens[u] = await login(server, u);
};
const as = <T = any>(who: string, method: string, path: string, body?: unknown) =>
  request<T>(server, method, path, { token: tokens[who], body: body ?? (method === 'POST' ? {} : undefined) });
const step = async (who: string, id: string, action: string, body: Record<string, unknown> = {}) => {
  const r = await as<Order>(who, 'POST', `/api/orders/${id}/${action}`, body);
  expect([r.status, action]).toEqual([200, action]);
  return r.body;
};

beforeAll(async () => {
  setClock(START);
  server = await startServer();
  await relogin();
});
afterAll(async () => {
  await server.close();
  realClock();
});

/** What counting the orders the API lists gives, per unit (the sign-late mark, which the API does not carry, from the row). */
async function recount(): Promise<Map<string, OrderCounts>> {
  const list = await as<Order[]>('duty', 'GET', '/api/orders?limit=500');
  expect(list.status).toBe(200);
  const repo = server.app.get(OrdersRepository);
  const db = server.app.get(Db);
  const out = new Map<string, OrderCounts>();
  for (const o of list.body) {
    const row = (await repo.get(db, o.id))!;
    const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
    const latest = o.followups[o.followups.length - 1] ?? null;
    const c = countsOf({
      status: o.status,
      signedAt: ms(o.signedAt),
      signLate: row.signLate,
      firstCheckBy: ms(o.firstCheckBy),
      contactedAt: ms(o.contactedAt),
      repliedAt: ms(o.repliedAt),
      firstCheckOverdue: o.overdue.firstCheck,
      dueOverdue: o.overdue.due,
      result: o.result,
      satisfaction: latest?.satisfaction ?? null,
      followupResolved: latest?.resolved ?? null,
    });
    const key = `${dayKey(localDayOf(Date.parse(o.createdAt)))} ${o.departmentId}`;
    out.set(key, addCounts(out.get(key) ?? zeroCounts(), c));
  }
  return out;
}

/** The running counts, per day and unit, rows with nothing counted left out. */
async function rollups(): Promise<Map<string, OrderCounts>> {
  const day = dayKey(localDayOf(Date.parse(START)));
  const groups = await server.app.get(OrdersRepository).sumCounts(day, day, 'unit');
  return new Map(groups.filter((g) => Object.values(g.counts).some((n) => n !== 0)).map((g) => [`${day} ${g.departmentId}`, g.counts]));
}

async function tables(): Promise<unknown[]> {
  const db = server.app.get(Db);
  const rows = await db.query(`SELECT * FROM order_rollups_day ORDER BY day, department_id`);
  const cats = await db.query(`SELECT day, category, n FROM order_categories_day ORDER BY day, category`);
  const norm = (r: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && k !== 'department_id' && k !== 'category' ? Number(v) : v]),
    );
  // a unit every order of a day left (reassigned away) keeps a row of zeros; the fill writes none
  const counted = (r: Record<string, unknown>) =>
    Object.entries(r).some(([k, v]) => k !== 'day' && k !== 'department_id' && k !== 'category' && Number(v) !== 0);
  return [...rows.filter(counted).map(norm), ...cats.filter(counted).map(norm)];
}

it('running counts equal a recount through intake, steps, a reassignment and the sweep, and equal a rebuild', async () => {
  const records = [1, 2, 3, 4, 5].map(() => hotline({ category: '市场监管>计量监管', district: '市北区' }));
  const ask = consumer({
    kind: '咨询',
    content: '请问预付卡退费的规定是什么？',
    merchant: { name: '力美健身(台东店)', address: '市北区台东三路88号' },
  });
  expect((await postFeed(server, '12345', records)).status).toBe(202);
  expect((await postFeed(server, '12315', ask)).status).toBe(202);
  await server.settled();
  const all = (await as<Order[]>('duty', 'GET', '/api/orders?limit=500')).body;
  const byNo = (no: string) => all.find((o) => o.externalId === no)!;
  const [a, b, c, d, e] = records.map((r) => byNo(r.orderNo));
  const f = byNo(ask.regNo);
  expect(f.firstCheckBy).toBeNull();
  expect(await rollups()).toEqual(await recount());
  expect([...(await rollups()).values()].reduce((n, x) => n + x.received, 0)).toBe(6);

  // A: signed, contacted and replied in time; followed up 不满意: on the ledger, reopened
  await step('dept-market', a!.id, 'sign');
  await step('dept-market', a!.id, 'contact', { note: '已电话联系' });
  await step('dept-market', a!.id, 'reply', { result: '已解决', note: '已处理' });
  const reopened = await step('duty', a!.id, 'followup', { satisfaction: '不满意', resolved: false });
  expect(reopened.status).toBe('signed');
  // D: replied 不属实, followed up satisfied, closed
  await step('dept-market', d!.id, 'sign');
  await step('dept-market', d!.id, 'reply', { result: '不属实', note: '经核实不属实' });
  await step('duty', d!.id, 'followup', { satisfaction: '满意', resolved: true });
  await step('duty', d!.id, 'close');
  // C: reassigned to the city management bureau, which signs it
  await step('duty', c!.id, 'assign', { departmentId: 'city-management' });
  await step('dept-city', c!.id, 'sign');
  expect(await rollups()).toEqual(await recount());

  // three days on, past the first check: B signed late, the sweep marks the rest
  setClock(Date.parse(START) + 3 * DAY);
  await relogin();
  await step('dept-market', b!.id, 'sign');
  await server.app.get(OrderReminderSweep).sweep();
  const eRow = (await server.app.get(OrdersRepository).get(server.app.get(Db), e!.id))!;
  expect(eRow).toMatchObject({ signedAt: null, signLate: true, firstCheckOverdue: true });
  const now = await recount();
  expect(await rollups()).toEqual(now);
  const market = now.get(`${dayKey(localDayOf(Date.parse(START)))} market`)!;
  // B signed late, E unsigned past its first check; A and D signed in time
  expect(market).toMatchObject({ received: 5, signDecided: 4, signOnTime: 2, followedUp: 2, satisfied: 1, resolved: 1, untrue: 1 });
  // the wall's on-time rates come from the same counts (last 30 city days)
  const figures: OrderFigures = await server.app.get(OrderFiguresService).figures(Date.now() + 60_000);
  const city = ratesOf([...now.values()].reduce(addCounts, zeroCounts()));
  expect(figures.onTimeSignRate).toBe(Math.round(city.sign.value! * 1000) / 1000);
  expect(figures.onTimeFirstCheckRate).toBe(city.firstCheck.value === null ? null : Math.round(city.firstCheck.value * 1000) / 1000);
  expect(figures.onTimeRate).toBe(city.onTime.value === null ? null : Math.round(city.onTime.value * 1000) / 1000);

  // two months on: every handling deadline passed; F, never signed, passed its sign limit (its handling deadline)
  setClock(Date.parse(START) + 60 * DAY);
  await relogin();
  await server.app.get(OrderReminderSweep).sweep();
  const late = await recount();
  expect(await rollups()).toEqual(late);
  const fRow = (await server.app.get(OrdersRepository).get(server.app.get(Db), f.id))!;
  expect(fRow).toMatchObject({ dueOverdue: true, signLate: true, signedAt: null });
  // A is replied again late, after its reopening
  await step('dept-market', a!.id, 'reply', { result: '已解决', note: '再次处理' });
  expect(await rollups()).toEqual(await recount());

  // the ranking of March: both units, the city pooled, categories by first level
  const ranking = (await as<RankingReport>('duty', 'GET', '/api/reports/monthly?month=2026-03')).body;
  expect(ranking.units.map((u) => u.departmentId).sort()).toEqual(['city-management', 'market']);
  expect(ranking.city.orders).toBe(6);
  expect(ranking.units.every((u) => u.rank !== null && u.departmentName.length > 0)).toBe(true);
  expect(ranking.categories).toEqual([{ key: '市场监管', label: '市场监管', count: 6 }]);
  // the six months ending with March: only March has orders
  expect(ranking.trend.map((t) => [t.key, t.orders])).toEqual([
    ['2025-10', 0],
    ['2025-11', 0],
    ['2025-12', 0],
    ['2026-01', 0],
    ['2026-02', 0],
    ['2026-03', 6],
  ]);
  // January and February hold nothing: no unit is below the city three months running
  expect(ranking.callIns).toEqual([]);

  // the migration, run on what is stored (the latest follow-ups taken from the steps, as for a
  // database from before it), rebuilds the same tables
  const incremental = await tables();
  expect(incremental.length).toBeGreaterThan(2);
  const db = server.app.get(Db);
  const query = (sql: string) => db.query(sql);
  await db.execute(`UPDATE orders SET satisfaction = NULL, followup_resolved = NULL`, []);
  await backfillFollowups(query, db.dialect === 'postgres');
  await fillOrderRollups(query, db.dialect === 'postgres');
  expect(await tables()).toEqual(incremental);
  expect(await rollups()).toEqual(await recount());
});
