// A busy event's alert follows its growth without flooding every screen: a new alert and a higher
// severity go out at once, the count at most every 2 s, and the last count always arrives.
import type { Alert } from '@jointduty/shared';
import { GROWTH_EVERY_MS } from '@jointduty/server/correlation/pipeline/growth-throttle';
import { collect, connectLive, login, postFeed, sleep, startServer, waitFor, type TestServer } from '../support/harness';
import { police } from '../support/records';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

it('sends a growing alert at most every 2 s, and its final count within the interval after the last record', async () => {
  const token = await login(server, 'duty');
  const socket = await connectLive(server, token);
  try {
    const raised = collect<Alert>(socket, 'alert:new');
    const updates = collect<Alert>(socket, 'alert:update');
    const report = (n: number) =>
      police({
        alarmType: '群体性事件',
        level: 1,
        summary: `五四广场东侧约${40 + n}人聚集，情绪激动，堵塞道路。`,
        address: '市南区五四广场',
        callerPhone: `1390000${String(1000 + n)}`,
      });
    expect((await postFeed(server, '110', report(0))).status).toBe(202);
    await waitFor(() => raised.some((a) => a.rule === 'police-mass-incident'), 5000, 'the alert');
    const alert = raised.find((a) => a.rule === 'police-mass-incident')!;
    const started = Date.now();
    // 30 more reports of the same gathering over about 1.5 s, one request each
    for (let n = 1; n <= 30; n++) {
      expect((await postFeed(server, '110', report(n))).status).toBe(202);
      await sleep(50);
    }
    const mine = () => updates.filter((u) => u.id === alert.id);
    await waitFor(() => mine().some((u) => u.incidentCount === 31), GROWTH_EVERY_MS * 3, 'the final count');
    const elapsed = Date.now() - started;
    // one update per interval at most (plus the last), where one per record was sent before
    expect(mine().length).toBeLessThanOrEqual(Math.ceil(elapsed / GROWTH_EVERY_MS) + 1);
    expect(mine().length).toBeGreaterThanOrEqual(1);
    // in seq order, counts never going back
    const seqs = mine().map((u) => u.seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    const counts = mine().map((u) => u.incidentCount);
    expect([...counts].sort((x, y) => x - y)).toEqual(counts);
  } finally {
    socket.close();
  }
});
