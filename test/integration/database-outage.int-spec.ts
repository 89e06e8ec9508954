// The database goes away under a running server (a TCP proxy in front of the real PostgreSQL
// drops every connection and refuses new ones), then comes back: intake answers 503 with
// Retry-After and writes nothing partial meanwhile, and everything recovers with no restart.
import { Client } from 'pg';
import type { Alert, IncidentSummary } from '@jointduty/shared';
import { collect, connectLive, login, postFeed, resetPostgres, startServer, waitFor, type TestServer } from '../support/harness';
import { PG_URL, tcpProxy, waitSettled, type TcpProxy } from '../support/processes';
import { hotline, police } from '../support/records';

jest.setTimeout(90_000);

let pg: Client;
let proxy: TcpProxy;
let server: TestServer;
const query = async (sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows as Array<Record<string, unknown>>;

beforeAll(async () => {
  await resetPostgres(PG_URL);
  pg = new Client({ connectionString: PG_URL });
  await pg.connect();
  const target = new URL(PG_URL);
  proxy = await tcpProxy(Number(target.port || 5432), target.hostname);
  const viaProxy = new URL(PG_URL);
  viaProxy.port = String(proxy.port);
  server = await startServer({ restart: true, env: { DATABASE_URL: viaProxy.toString() } });
});
afterAll(async () => {
  proxy.restore();
  await server?.close();
  await proxy?.close();
  await pg?.end();
});

it('answers 503 with Retry-After while the database is away, stores nothing of those requests, and recovers by itself', async () => {
  const token = await login(server, 'duty');
  const socket = await connectLive(server, token);
  try {
    const incidents = collect<IncidentSummary[]>(socket, 'incidents');
    const alerts = collect<Alert>(socket, 'alert:new');
    const before = hotline();
    expect((await postFeed(server, '12345', before)).status).toBe(202);

    proxy.cut();
    const during = [hotline(), hotline(), hotline()];
    const refused = await postFeed(server, '12345', during);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(String(refused.body.error)).toMatch(/database/);
    // health says so too
    const health = await fetch(server.url + '/api/health');
    expect(health.status).toBe(503);
    expect(((await health.json()) as { database: string }).database).toBe('down');

    proxy.restore();
    // the pool and the correlation lease reconnect on their own; the sender retries
    let res = await postFeed(server, '12345', during);
    const deadline = Date.now() + 20_000;
    while (res.status !== 202 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 250));
      res = await postFeed(server, '12345', during);
    }
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 3, duplicates: 0 });
    const mass = police({ alarmType: '群体性事件', level: 1, summary: '恢复后 五四广场附近约40人聚集。', address: '市南区五四广场' });
    expect((await postFeed(server, '110', mass)).status).toBe(202);

    await waitSettled(query, 30_000);
    // each record once, none from the refused attempt twice, every one in an event
    const ids = [before, ...during].map((r) => r.orderNo);
    const rows = await query(`SELECT external_id, event_id FROM incidents WHERE channel = '12345' AND external_id = ANY($1)`, [ids]);
    expect(rows.map((r) => r.external_id).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => r.event_id !== null)).toBe(true);
    // the live path is back: the new records are pushed and the alert raised
    await waitFor(() => during.every((d) => incidents.flat().some((i) => i.externalId === d.orderNo)), 20_000, 'pushes after recovery');
    await waitFor(() => alerts.some((a) => a.rule === 'police-mass-incident'), 20_000, 'an alert after recovery');
    expect((await fetch(server.url + '/api/health')).status).toBe(200);
  } finally {
    socket.close();
  }
});
