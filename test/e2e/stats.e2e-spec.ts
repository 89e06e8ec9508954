import type { OrderFigures, StatsOverview, StatsSeries } from '@jointduty/shared';
import { login, postFeed, request, sleep, startServer, type TestServer } from '../support/harness';
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

  it('names who is on duty now from config/roster.yaml, and the active profile takes over its units', async () => {
    const duty = await login(server, 'duty');
    const off = await request(server, 'PUT', '/api/profiles/active', { token: duty, body: { id: null } });
    expect(off.status).toBe(200);
    const base = (await request<StatsOverview>(server, 'GET', '/api/stats/overview', { token: leader })).body;
    // these units have a day and a night shift: exactly one person each, whatever the hour
    for (const unit of ['联席办', '公安局', '12345热线办']) {
      expect(base.roster.filter((e) => e.unit === unit)).toEqual([
        expect.objectContaining({
          unit,
          person: expect.any(String),
          shift: expect.stringMatching(/^\d\d:\d\d-\d\d:\d\d$/),
          source: 'base',
        }),
      ]);
    }
    expect(base.roster.every((e) => e.source === 'base')).toBe(true);

    // 青岛国际啤酒节 by hand: its all-day 联席办 and 12345 people replace the base ones
    expect((await request(server, 'PUT', '/api/profiles/active', { token: duty, body: { id: 'beer-festival' } })).status).toBe(200);
    const festival = (await request<StatsOverview>(server, 'GET', '/api/stats/overview', { token: leader })).body;
    expect(festival.profile?.id).toBe('beer-festival');
    expect(festival.roster.filter((e) => e.unit === '联席办')).toEqual([
      { unit: '联席办', person: '值班长 王建国', phone: '0532-8000-0001', shift: '全天', source: 'profile' },
    ]);
    expect(festival.roster.filter((e) => e.unit === '12345热线办').map((e) => e.person)).toEqual(['班长 郑华']);
    // the profile's roster itself is still there as written
    expect(festival.profile?.roster).toHaveLength(7);
    expect((await request(server, 'PUT', '/api/profiles/active', { token: duty, body: { id: 'auto' } })).status).toBe(200);
  });

  it('carries the work orders’ figures for the wall and the console, and its on-time rate is the orders’', async () => {
    // a complaint accepted long ago and never handled: overdue now
    await postFeed(server, '12345', [hotline({ acceptedAt: '2026-02-12T10:00:00+08:00' })]);
    await server.settled();
    const overview = async () => (await request<StatsOverview>(server, 'GET', '/api/stats/overview', { token: leader })).body;
    // the figures are cached for a moment: ask until the new order is counted
    let o = await overview();
    for (const until = Date.now() + 10_000; o.orders.overdue < 1 && Date.now() < until; o = await overview()) await sleep(250);

    const counts: Array<keyof OrderFigures> = [
      'dueToday',
      'dueTodayLeft',
      'overdue',
      'returned',
      'extensionRequests',
      'ledgerOpen',
      'ledgerClosedThisMonth',
      'receivedToday',
    ];
    const rates: Array<keyof OrderFigures> = ['onTimeSignRate', 'onTimeFirstCheckRate', 'onTimeRate'];
    expect(Object.keys(o.orders).sort()).toEqual([...counts, ...rates, 'clearingHour'].sort());
    for (const k of counts) expect(Number.isInteger(o.orders[k]) && (o.orders[k] as number) >= 0).toBe(true);
    for (const k of rates) {
      const r = o.orders[k];
      expect(r === null || (typeof r === 'number' && r >= 0 && r <= 1)).toBe(true);
    }
    expect(o.orders.overdue).toBeGreaterThanOrEqual(1);
    expect(o.orders.dueTodayLeft).toBeLessThanOrEqual(o.orders.dueToday);
    // 日结日清 at 17:00 city time (config/orders.yaml)
    expect(o.orders.clearingHour).toBe(17);
    expect(o.onTimeRate).toBe(o.orders.onTimeRate);
    // the same figures on their own, for the leader too
    const own = await request<OrderFigures>(server, 'GET', '/api/orders/figures', { token: leader });
    expect(own.status).toBe(200);
    expect(Object.keys(own.body).sort()).toEqual(Object.keys(o.orders).sort());
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
