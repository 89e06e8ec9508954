// What an operator scrapes from /metrics: records by channel, intake→push latency,
// queue depths, sockets by role, alerts by severity.
import { collect, connectLive, login, postFeed, request, sleep, startServer, waitFor, type TestServer } from '../support/harness';
import { hotline, police } from '../support/records';
import type { IncidentSummary } from '@jointduty/shared';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const value = (text: string, series: string): number | null => {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : null;
};

it('counts records, pushes, queues, sockets and alerts in the Prometheus text format', async () => {
  const token = await login(server, 'duty');
  const socket = await connectLive(server, token);
  try {
    const pushed = collect<IncidentSummary[]>(socket, 'incidents');
    const records = [hotline(), hotline()];
    expect((await postFeed(server, '12345', records)).status).toBe(202);
    expect((await postFeed(server, '110', police({ alarmType: '群体性事件', level: 1, address: '市南区五四广场' }))).status).toBe(202);
    await server.settled();
    await waitFor(() => pushed.flat().length >= 3, 5000, 'pushes');
    await sleep(300); // the alert push follows the commit

    const res = await request<string>(server, 'GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(value(text, 'jointduty_records_in_total{channel="12345"}')).toBe(2);
    expect(value(text, 'jointduty_records_in_total{channel="110"}')).toBe(1);
    expect(text).toContain('# TYPE jointduty_push_latency_seconds histogram');
    expect(value(text, 'jointduty_push_latency_seconds_count{event="incidents"}')).toBe(3);
    // cumulative buckets: +Inf holds every observation
    expect(value(text, 'jointduty_push_latency_seconds_bucket{event="incidents",le="+Inf"}')).toBe(3);
    expect(value(text, 'jointduty_intake_to_event_seconds_count{channel="12345"}')).toBe(2);
    expect(value(text, 'jointduty_intake_queue')).toBe(0);
    expect(value(text, 'jointduty_correlation_queue{where="memory"}')).toBe(0);
    expect(value(text, 'jointduty_correlation_lease')).toBe(1);
    expect(value(text, 'jointduty_sockets_connected{role="duty"}')).toBe(1);
    expect(value(text, 'jointduty_alerts_raised_total{rule="police-mass-incident",severity="major"}')).toBe(1);
    expect(value(text, 'jointduty_push_latency_seconds_count{event="alert:new"}')).toBeGreaterThanOrEqual(1);
    // each metric is described once
    const types = text.split('\n').filter((l) => l.startsWith('# TYPE '));
    expect(new Set(types).size).toBe(types.length);
  } finally {
    socket.close();
  }
});
