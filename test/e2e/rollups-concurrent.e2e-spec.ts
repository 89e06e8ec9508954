// Many intake requests at once, each a mix of units: every order is counted once in the rollups,
// and no two transactions wait on each other through a shared rollup row. On PostgreSQL the holder
// stores several groups at once, each waiting in memory for the one before it to commit; a group
// that took a rollup row's lock before that wait stopped intake for good (found by the latency
// bench, docs/benchmarks.md).
import { Db } from '@jointduty/server/infra/database/db';
import { OrdersRepository } from '@jointduty/server/orders/orders.repository';
import { dayKey } from '@jointduty/server/orders/order-rollups';
import { localDayOf } from '@jointduty/server/incidents/incident-counts';
import { FEED_KEY, startServer, type TestServer } from '../support/harness';
import { consumer, hotline } from '../support/records';

const REQUESTS = 16;
const PER_REQUEST = 25;
const DISTRICTS = ['市南区', '市北区', '黄岛区', '崂山区', '李沧区'];
const CATEGORIES = ['市场监管>计量监管', '城市管理>占道经营', '交通运输>出租车', '市场监管>食品安全'];

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

it('16 requests of mixed units at once are all accepted, and each order is counted once', async () => {
  const bodies = Array.from({ length: REQUESTS }, (_, r) =>
    Array.from({ length: PER_REQUEST }, (_, i) => {
      // each request walks the units in another order
      const k = r * 7 + i * (r % 2 === 0 ? 1 : 3);
      return {
        channel: i % 3 === 0 ? '12315' : '12345',
        district: DISTRICTS[k % DISTRICTS.length]!,
        category: CATEGORIES[k % CATEGORIES.length]!,
      };
    }),
  );
  const started = Date.now();
  const answers = await Promise.all(
    bodies.map(async (records) => {
      const byChannel = { '12345': [] as unknown[], '12315': [] as unknown[] };
      for (const r of records) {
        if (r.channel === '12345') byChannel['12345'].push(hotline({ district: r.district, category: r.category }));
        else byChannel['12315'].push(consumer({ district: r.district }));
      }
      const post = (channel: string, batch: unknown[]) =>
        fetch(`${server.url}/api/feeds/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-feed-key': FEED_KEY },
          body: JSON.stringify(batch),
          signal: AbortSignal.timeout(20_000),
        }).then(async (res) => (res.status === 202 ? 202 : `${res.status} ${(await res.text()).slice(0, 300)}`));
      return Promise.all([post('12345', byChannel['12345']), post('12315', byChannel['12315'])]);
    }),
  );
  expect(answers.flat().filter((s) => s !== 202)).toEqual([]);
  // far below the 20 s a stuck lock would take
  expect(Date.now() - started).toBeLessThan(20_000);
  await server.settled();

  const db = server.app.get(Db);
  const stored = await db.query<{ department_id: string; n: unknown }>(
    `SELECT department_id, COUNT(*) AS n FROM orders GROUP BY department_id`,
  );
  const want = new Map(stored.map((r) => [r.department_id, Number(r.n)]));
  expect([...want.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS * PER_REQUEST);
  expect(want.size).toBeGreaterThan(2);
  const day = dayKey(localDayOf(Date.now()));
  const groups = await server.app.get(OrdersRepository).sumCounts(day, day, 'unit');
  const got = new Map(groups.filter((g) => g.counts.received > 0).map((g) => [g.departmentId, g.counts.received]));
  expect(got).toEqual(want);
});
