// The instance holding the correlation lease stores its own records with their events in the
// transaction that answers 202 (fast path): a record never waits in the queue there, a
// duplicate is never understood, and a record another instance stored meanwhile sends the group
// back through the queue with memory rebuilt, so no event counts a record twice.
import type { EventDetail, IncidentSummary } from '@jointduty/shared';
import { EventsRepository } from '@jointduty/server/events/events.repository';
import { UnderstandingService } from '@jointduty/server/correlation/understanding.service';
import { IncidentsRepository } from '@jointduty/server/incidents/incidents.repository';
import { collect, connectLive, login, postFeed, request, startServer, waitFor, type TestServer } from '../support/harness';
import { consumer, hotline } from '../support/records';

let server: TestServer;
let duty: string;
beforeAll(async () => {
  server = await startServer();
  duty = await login(server, 'duty');
  await server.settled(); // warm: the lease is held and memory is loaded
});
afterAll(async () => {
  await server.close();
});

const metric = async (series: string): Promise<number> => {
  const text = (await request<string>(server, 'GET', '/metrics')).body;
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

const byExternal = async (channel: string, externalId: string): Promise<IncidentSummary | undefined> => {
  const list = await request<IncidentSummary[]>(server, 'GET', `/api/incidents?channel=${channel}&limit=200`, { token: duty });
  return list.body.find((i) => i.externalId === externalId);
};

const eventOf = async (id: string) => (await request<EventDetail>(server, 'GET', `/api/events/${id}`, { token: duty })).body;

it('answers 202 with the record already in its event, pushed at once, without waiting for a queue', async () => {
  const socket = await connectLive(server, duty);
  try {
    const pushed = collect<IncidentSummary[]>(socket, 'incidents');
    const record = hotline();
    const res = await postFeed(server, '12345', record);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: 0 });
    // no settled(): the answer itself means the record has its event
    const stored = await byExternal('12345', record.orderNo);
    expect(stored?.eventId).toEqual(expect.any(String));
    await waitFor(() => pushed.flat().some((i) => i.externalId === record.orderNo), 2000, 'the push');
    expect(await metric('jointduty_correlation_records_total{path="direct"}')).toBeGreaterThanOrEqual(1);
    expect(await metric('jointduty_correlation_records_total{path="queue"}')).toBe(0);
  } finally {
    socket.close();
  }
});

it('counts a record sent twice, in one request or two, once', async () => {
  const a = consumer();
  const b = consumer({ merchant: { name: '力美健身(台东店)', address: '市北区台东三路88号' } });
  expect((await postFeed(server, '12315', a)).body).toMatchObject({ accepted: 1, duplicates: 0 });
  const again = await postFeed(server, '12315', [a, b, b]);
  expect(again.status).toBe(202);
  expect(again.body).toMatchObject({ accepted: 1, duplicates: 2 });
  const first = await byExternal('12315', a.regNo);
  const second = await byExternal('12315', b.regNo);
  // the same merchant: one event of two records, not three
  expect(second?.eventId).toBe(first?.eventId);
  expect((await eventOf(first!.eventId!)).incidentCount).toBe(2);
});

it('sends the group through the queue when another instance stored a record meanwhile, and counts it once', async () => {
  const repo = server.app.get(IncidentsRepository);
  const fallbacks = await metric('jointduty_correlation_direct_fallback_total{why="stored-meanwhile"}');
  const merchant = { name: '悦来海鲜酒家', address: '市南区中山路100号' };
  const first = consumer({ merchant, industry: '餐饮服务', content: '在悦来海鲜酒家吃饭，海鲜按斤称重缺斤短两。', amount: 680 });
  expect((await postFeed(server, '12315', first)).body).toMatchObject({ accepted: 1 });
  const stored = await byExternal('12315', first.regNo);
  const eventId = stored!.eventId!;
  expect((await eventOf(eventId)).incidentCount).toBe(1);

  // the check for stored records runs before the other instance's commit: it sees nothing
  const spy = jest.spyOn(repo, 'storedKeys').mockResolvedValueOnce(new Set());
  try {
    const res = await postFeed(server, '12315', first);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 0, duplicates: 1 });
  } finally {
    spy.mockRestore();
  }
  expect(await metric('jointduty_correlation_direct_fallback_total{why="stored-meanwhile"}')).toBe(fallbacks + 1);
  // memory was rebuilt from the database: the event did not count the record it understood again
  expect((await eventOf(eventId)).incidentCount).toBe(1);
  const next = consumer({ merchant, industry: '餐饮服务', content: '悦来海鲜酒家菜价与菜单不符，多收费。', amount: 300 });
  expect((await postFeed(server, '12315', next)).body).toMatchObject({ accepted: 1 });
  await server.settled();
  const joined = await byExternal('12315', next.regNo);
  expect(joined?.eventId).toBe(eventId);
  expect((await eventOf(eventId)).incidentCount).toBe(2);
});

it('does not call a record a duplicate of one still committing when that commit fails: it is stored', async () => {
  const events = server.app.get(EventsRepository);
  let entered!: () => void;
  const inCommit = new Promise<void>((r) => (entered = r));
  let fail!: () => void;
  const failing = new Promise<void>((r) => (fail = r));
  const spy = jest.spyOn(events, 'saveRows').mockImplementationOnce(async () => {
    entered();
    await failing;
    throw new Error('disk full');
  });
  try {
    const record = hotline({ address: '青岛市崂山区松岭路238号', content: '松岭路238号小区门口井盖破损，夜间行人容易踩空。' });
    // the first request's group is committing (and will fail) when the same record comes again
    const first = postFeed(server, '12345', record);
    await inCommit;
    const again = postFeed(server, '12345', record);
    await new Promise((r) => setTimeout(r, 100));
    fail();
    const [a, b] = await Promise.all([first, again]);
    expect(a.status).toBe(503);
    expect(a.headers.get('retry-after')).toBe('2');
    // the second request is not told "already stored": it stored the record
    expect(b.status).toBe(202);
    expect(b.body).toMatchObject({ accepted: 1, duplicates: 0 });
    await server.settled();
    const stored = await byExternal('12345', record.orderNo);
    expect(stored?.eventId).toEqual(expect.any(String));
    expect((await eventOf(stored!.eventId!)).incidentCount).toBe(1);
  } finally {
    spy.mockRestore();
  }
});

it('stores a group whose understanding fails, and correlates it from the queue', async () => {
  const understanding = server.app.get(UnderstandingService);
  const spy = jest.spyOn(understanding, 'understand').mockImplementationOnce(() => {
    throw new Error('a record the segmenter chokes on');
  });
  try {
    const record = hotline({ address: '青岛市李沧区书院路100号', content: '书院路100号菜市场门口占道经营严重，车辆无法通行。' });
    const res = await postFeed(server, '12345', record);
    // intake is not held up by correlation: the record is stored and waits in the queue
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 1 });
    await server.settled();
    expect((await byExternal('12345', record.orderNo))?.eventId).toEqual(expect.any(String));
    expect(await metric('jointduty_correlation_direct_fallback_total{why="error"}')).toBe(1);
  } finally {
    spy.mockRestore();
  }
});
