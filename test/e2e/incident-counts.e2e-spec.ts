// The overview every screen gets every few seconds and the wall's per-minute chart read running
// counts kept with each insert (their cost no longer grows with the day's incidents).
// They must say exactly what counting the incidents would: duplicates not counted, a
// reclassification moving one incident between categories, records stored by the direct way and
// the plain way alike, and the migration filling them from incidents stored before it.
import type { IncidentSummary, StatsOverview, StatsSeries } from '@jointduty/shared';
import { Db } from '@jointduty/server/infra/database/db';
import { IncidentCounts1764600000000 } from '@jointduty/server/infra/database/migrations/1764600000000-incident-counts';
import { CorrelationPipeline } from '@jointduty/server/correlation/pipeline/correlation.pipeline';
import { DAY_COUNTS_DRIFT_SQL, MINUTE_COUNTS_DRIFT_SQL } from '../support/counts';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { consumer, hotline, police, post } from '../support/records';

let server: TestServer;
let duty: string;
beforeAll(async () => {
  server = await startServer();
  duty = await login(server, 'duty');
  await server.settled();
});
afterAll(async () => {
  await server.close();
});

const overview = async () => (await request<StatsOverview>(server, 'GET', '/api/stats/overview', { token: duty })).body;
const drift = async () => {
  const db = server.app.get(Db);
  return [...(await db.query(DAY_COUNTS_DRIFT_SQL)), ...(await db.query(MINUTE_COUNTS_DRIFT_SQL))];
};
const incidents = async () => (await request<IncidentSummary[]>(server, 'GET', '/api/incidents?limit=1000', { token: duty })).body;
const tally = (xs: Array<string | null>) => {
  const out: Record<string, number> = {};
  for (const x of xs) out[x ?? '未知'] = (out[x ?? '未知'] ?? 0) + 1;
  return out;
};

it('count every stored incident once, by channel, district and category, whichever way it was stored', async () => {
  const first = hotline({ address: '青岛市市南区中山路108号' });
  expect((await postFeed(server, '12345', [first, hotline({ address: '青岛市崂山区香港东路195号' }), hotline()])).body).toMatchObject({
    accepted: 3,
  });
  // a duplicate, in a request of its own and inside another
  expect((await postFeed(server, '12345', first)).body).toMatchObject({ accepted: 0, duplicates: 1 });
  expect(
    (await postFeed(server, '12315', [consumer(), consumer({ merchant: { name: '浪花渔家大排档' } }), consumer()])).body,
  ).toMatchObject({
    accepted: 3,
  });
  // the plain way: the holder declines the direct store (as when another instance posts)
  const pipeline = server.app.get(CorrelationPipeline);
  const direct = jest.spyOn(pipeline, 'store').mockReturnValue({ prepared: Promise.resolve(), result: Promise.resolve(null) });
  try {
    expect((await postFeed(server, '110', [police(), police({ address: '青岛市黄岛区长江中路' })])).status).toBe(202);
    expect((await postFeed(server, 'sentiment', [post(), post()])).status).toBe(202);
  } finally {
    direct.mockRestore();
  }
  await server.settled();

  const stored = await incidents();
  expect(stored).toHaveLength(10);
  const o = await overview();
  expect(o.total).toBe(10);
  expect(o.byChannel).toEqual({ '12345': 3, '12315': 3, '110': 2, sentiment: 2 });
  expect(o.byDistrict).toEqual(tally(stored.map((i) => i.district)));
  expect(o.byCategory).toEqual(tally(stored.map((i) => i.category)));
  expect(await drift()).toEqual([]);

  const s = (await request<StatsSeries>(server, 'GET', '/api/stats/series?minutes=10', { token: duty })).body;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect(Object.fromEntries(Object.entries(s.byChannel).map(([c, xs]) => [c, sum(xs)]))).toEqual(o.byChannel);
});

it('move one incident between categories when it is reclassified', async () => {
  const before = await overview();
  const target = (await incidents()).find((i) => i.channel === '12345')!;
  const to = '城市管理>违法建设';
  const old = target.category ?? '未知';
  const res = await request(server, 'POST', `/api/incidents/${target.id}/reclassify`, { token: duty, body: { category: to } });
  expect(res.status).toBe(200);
  const after = await overview();
  expect(after.total).toBe(before.total);
  expect(after.byCategory[to]).toBe((before.byCategory[to] ?? 0) + 1);
  // a category left with none is not listed at 0
  if (before.byCategory[old] === 1) expect(after.byCategory[old]).toBeUndefined();
  else expect(after.byCategory[old]).toBe(before.byCategory[old]! - 1);
  expect(after.byChannel).toEqual(before.byChannel);
  expect(await drift()).toEqual([]);
});

it('are filled by the migration from what was stored before it', async () => {
  const before = await overview();
  const runner = server.app.get(Db).dataSource.createQueryRunner();
  try {
    const migration = new IncidentCounts1764600000000();
    await migration.down(runner);
    await migration.up(runner);
  } finally {
    await runner.release();
  }
  expect(await drift()).toEqual([]);
  const after = await overview();
  expect({ ...after, generatedAt: '' }).toEqual({ ...before, generatedAt: '' });
});

it('stay exact with many groups committing at once, and never hold one group up behind the next', async () => {
  // 24 requests of 40 records in flight: the direct store overlaps the commits of up to three
  // groups, and each group's counts touch the same rows (this minute, these channels)
  const before = (await overview()).total;
  const answers = await Promise.all(
    Array.from({ length: 24 }, (_, r) =>
      postFeed(
        server,
        r % 2 ? '12345' : '110',
        Array.from({ length: 40 }, () => (r % 2 ? hotline() : police())),
      ),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual(Array(24).fill(202));
  expect(answers.reduce((n, a) => n + (a.body as { accepted: number }).accepted, 0)).toBe(960);
  await server.settled();
  expect((await overview()).total).toBe(before + 960);
  expect(await drift()).toEqual([]);
}, 20_000);
