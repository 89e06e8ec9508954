import type { StatsSeries } from '@jointduty/shared';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { consumer, hotline, police } from '../support/records';

// What the wall's trend chart and merchant list read: incidents per minute per channel beside the
// same minutes last week, and the merchants with the biggest events of the last day.
describe('stats series', () => {
  let server: TestServer;
  let leader: string;

  beforeAll(async () => {
    server = await startServer();
    leader = await login(server, 'leader');
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts this minute per channel, keeps last week apart, and names the hottest merchant', async () => {
    await postFeed(server, '110', [police(), police({ address: '李沧区书院路' }), police({ address: '黄岛区长江中路' })]);
    await postFeed(server, '12345', [hotline(), hotline()]);
    const merchant = (i: number) =>
      consumer({ merchant: { name: '浪花渔家大排档' }, consumer: { name: `顾客${i}`, phone: `1393333000${i}` } });
    await postFeed(server, '12315', [merchant(1), merchant(2), merchant(3)]);
    await server.settled();

    const res = await request<StatsSeries>(server, 'GET', '/api/stats/series?minutes=30', { token: leader });
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.minutes).toBe(30);
    for (const list of [...Object.values(s.byChannel), ...Object.values(s.lastWeek)]) expect(list).toHaveLength(30);
    // everything was received this minute: the last bucket (or the one before, across a minute's edge)
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(s.byChannel['110'])).toBe(3);
    expect(sum(s.byChannel['12345'])).toBe(2);
    expect(sum(s.byChannel['12315'])).toBe(3);
    expect(sum(s.byChannel['12345'].slice(-2))).toBe(2);
    expect(Object.values(s.lastWeek).every((xs) => sum(xs) === 0)).toBe(true);
    expect(Date.parse(s.start)).toBeLessThanOrEqual(Date.now() - 29 * 60_000);
    expect(s.hotMerchants[0]).toMatchObject({ name: '浪花渔家大排档', incidents: 3 });
  });

  it('refuses a bad window, naming the parameter', async () => {
    for (const q of ['0', '1441', 'abc', '-5']) {
      const res = await request(server, 'GET', `/api/stats/series?minutes=${q}`, { token: leader });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/^minutes: /);
    }
    expect((await request(server, 'GET', '/api/stats/series')).status).toBe(401);
  });
});
