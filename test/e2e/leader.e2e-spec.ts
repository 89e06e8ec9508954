import fs from 'node:fs';
import path from 'node:path';
import type { Alert, AlertHistoryEntry, EventNote, WatchedEvent } from '@jointduty/shared';
import {
  collect,
  connectLive,
  login,
  postFeed,
  request,
  sleep,
  startServer,
  tempDir,
  waitFor,
  type LiveSocket,
  type TestServer,
} from '../support/harness';
import { hotline, police, post } from '../support/records';
import { EscalationService } from '@jointduty/server/alerts/escalation.service';

// The leader view: the events a leader watches (sensitive, or carrying a major alert),
// one event's alerts, each alert's response timeline, and the escalation of a major alert nobody
// acknowledged within the configured minutes: recorded, pushed to leaders only, once, ever.
const ESCALATION_MINUTES = 0.1; // 6 s

// The repository's config with a short escalation wait, as an operator would set it.
function configWithEscalation(minutes: number): string {
  const dir = tempDir('jointduty-config-');
  fs.cpSync(path.join(__dirname, '../../config'), dir, { recursive: true });
  const rules = path.join(dir, 'rules.yaml');
  const text = fs.readFileSync(rules, 'utf8');
  const setting = /(- id: escalation\n(?:.*\n)*?\s+params: \{ minutes: )[\d.]+( \})/;
  expect(text).toMatch(setting);
  fs.writeFileSync(rules, text.replace(setting, `$1${minutes}$2`));
  return dir;
}

describe('the leader view', () => {
  let server: TestServer;
  const configDir = configWithEscalation(ESCALATION_MINUTES);
  const env = { CONFIG_DIR: configDir };
  const tokens: Record<string, string> = {};
  const sockets: LiveSocket[] = [];
  let escalatedAt: Record<string, number[]>;
  const byRole: Record<string, Alert[]> = {};
  let majorOpen: Alert; // left waiting: escalated
  let majorAcked: Alert; // acknowledged at once: never escalated
  let sensitive: Alert; // urgent, sensitive topic: its response is followed step by step
  let viral: Alert; // urgent, not sensitive: not watched
  let ordinary: string; // an event without alerts

  const alertsOf = async () => (await request<Alert[]>(server, 'GET', '/api/alerts?limit=100', { token: tokens.duty })).body;
  const watched = async (user = 'leader', qs = '') =>
    request<WatchedEvent[]>(server, 'GET', `/api/events?scope=leader${qs}`, { token: tokens[user] });

  beforeAll(async () => {
    server = await startServer({ env });
    for (const u of ['admin', 'duty', 'leader', 'field-shinan']) tokens[u] = await login(server, u);
    escalatedAt = {};
    for (const u of ['admin', 'duty', 'leader']) {
      const s = await connectLive(server, tokens[u]);
      sockets.push(s);
      byRole[u] = collect<Alert>(s, 'alert:escalated');
      s.on('alert:escalated', (a) => (escalatedAt[a.id] ??= []).push(Date.now()));
    }

    await postFeed(
      server,
      '110',
      police({ alarmType: '群体性事件', summary: '约三十名游客因船票售罄在码头滞留，情绪激动', address: '市南区新疆路码头' }),
    );
    await postFeed(
      server,
      '110',
      police({ alarmType: '刑事', summary: '城阳区正阳路一仓库发生持刀伤人，3人受伤', address: '城阳区正阳路', casualties: 3 }),
    );
    await server.settled();
    const majors = (await alertsOf()).filter((a) => a.severity === 'major');
    expect(majors).toHaveLength(2);
    majorOpen = majors.find((a) => a.title.includes('码头') || a.summary.includes('码头'))!;
    majorAcked = majors.find((a) => a.id !== majorOpen.id)!;
    expect((await request(server, 'POST', `/api/alerts/${majorAcked.id}/ack`, { token: tokens.duty })).status).toBe(200);

    await postFeed(
      server,
      '12345',
      hotline({
        appealType: '举报',
        content:
          '小区里有个投资公司天天给老人发鸡蛋，宣传高息理财，年化百分之二十，怀疑是非法集资，好多老人把养老钱都投进去了。联系电话13812345678',
        address: '李沧区书院路',
      }),
    );
    await postFeed(
      server,
      'sentiment',
      post({
        text: '青岛老船长海鲜酒家宰客！一盘大虾结账要了1800元，点菜时说38一份，结账变成按只算，太黑了，大家避雷！！',
        metrics: { reposts: 1500, comments: 320, likes: 8000 },
        topics: ['青岛旅游'],
      }),
    );
    // an ordinary complaint: no alert, not sensitive
    await postFeed(server, '12345', hotline());
    await server.settled();
    const all = await alertsOf();
    sensitive = all.find((a) => a.rule === 'sensitive-topic')!;
    viral = all.find((a) => a.rule === 'viral-post')!;
    expect(sensitive).toBeDefined();
    expect(viral).toBeDefined();
    expect(viral.severity).toBe('urgent');
    ordinary = (
      await request<Array<{ eventId: string; title: string }>>(server, 'GET', '/api/incidents?channel=12345&limit=10', {
        token: tokens.duty,
      })
    ).body.find((i) => i.title.includes('缺斤短两'))!.eventId;
    expect(all.some((a) => a.eventId === ordinary)).toBe(false);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  it('lists sensitive events and events with a major alert, and no others, newest activity first', async () => {
    const res = await watched();
    expect(res.status).toBe(200);
    const ids = res.body.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining([majorOpen.eventId, majorAcked.eventId, sensitive.eventId]));
    expect(ids).not.toContain(viral.eventId);
    expect(ids).not.toContain(ordinary);
    expect(res.body).toHaveLength(3);
    const times = res.body.map((e) => Date.parse(e.activityAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const s = res.body.find((e) => e.id === sensitive.eventId)!;
    expect(s).toMatchObject({
      severity: 'urgent',
      sensitive: true,
      read: false,
      latestInstruction: null,
      incidentCount: 1,
      channels: ['12345'],
    });
    expect(s.alerts.map((a) => [a.id, a.status])).toEqual([[sensitive.id, 'open']]);
    const m = res.body.find((e) => e.id === majorAcked.eventId)!;
    expect(m).toMatchObject({ severity: 'major', district: '城阳区' });
    expect(m.alerts.find((a) => a.id === majorAcked.id)).toMatchObject({ severity: 'major', status: 'acknowledged', escalatedAt: null });
    // no citizen's phone number travels in the list
    expect(JSON.stringify(res.body)).not.toContain('13812345678');
  });

  it('carries the requesting user’s read mark and the latest instruction; a note is activity', async () => {
    expect((await request(server, 'POST', `/api/events/${majorAcked.eventId}/read`, { token: tokens.leader })).status).toBe(200);
    await sleep(5);
    for (const text of ['先核实人数', '<b>立即</b>处置，注意舆情']) {
      const r = await request<EventNote>(server, 'POST', `/api/events/${majorAcked.eventId}/instructions`, {
        token: tokens.leader,
        body: { text },
      });
      expect(r.status).toBe(201);
      await sleep(5);
    }
    const leaderView = (await watched('leader')).body;
    expect(leaderView[0]!.id).toBe(majorAcked.eventId);
    expect(leaderView[0]!.read).toBe(true);
    expect(leaderView[0]!.latestInstruction).toMatchObject({ kind: 'instruction', actor: 'leader', text: '<b>立即</b>处置，注意舆情' });
    expect(leaderView.filter((e) => e.read).map((e) => e.id)).toEqual([majorAcked.eventId]);
    // read is per user: the admin has not read it
    const adminView = (await watched('admin')).body;
    expect(adminView.find((e) => e.id === majorAcked.eventId)!.read).toBe(false);
    // duty officers may look at the list
    expect((await watched('duty')).status).toBe(200);
  });

  it('since= keeps only events with activity from then on; limit= caps the list', async () => {
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await watched('leader', `&since=${encodeURIComponent(future)}`)).body).toEqual([]);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect((await watched('leader', `&since=${encodeURIComponent(past)}`)).body).toHaveLength(3);
    const one = (await watched('leader', '&limit=1')).body;
    expect(one.map((e) => e.id)).toEqual([majorAcked.eventId]);
  });

  it('filters alerts by event', async () => {
    const res = await request<Alert[]>(server, 'GET', `/api/alerts?eventId=${sensitive.eventId}`, { token: tokens.leader });
    expect(res.status).toBe(200);
    expect(res.body.map((a) => a.id)).toEqual([sensitive.id]);
    const none = await request<Alert[]>(server, 'GET', `/api/alerts?eventId=00000000-0000-4000-8000-000000000000`, {
      token: tokens.leader,
    });
    expect(none.body).toEqual([]);
  });

  it('keeps each alert’s response in order, with who did it and when', async () => {
    const id = sensitive.id;
    const say = (user: string, method: string, url: string, body?: unknown) => request(server, method, url, { token: tokens[user], body });
    expect((await say('duty', 'POST', `/api/alerts/${id}/ack`)).status).toBe(200);
    const sent = await say('duty', 'POST', `/api/alerts/${id}/dispatch`, { teamIds: ['shinan-1'], note: '会同金融办核查' });
    expect(sent.status).toBe(200);
    const dispatchId = (sent.body as { dispatches: Array<{ id: string }> }).dispatches[0]!.id;
    for (const step of ['ack', 'contacted', 'onsite', 'resolve']) {
      const body = step === 'resolve' ? { note: '已约谈涉事公司，<i>停止</i>宣传' } : step === 'onsite' ? { note: '已到书院路' } : {};
      expect((await say('field-shinan', 'POST', `/api/dispatches/${dispatchId}/${step}`, body)).status).toBe(200);
    }
    expect((await say('duty', 'POST', `/api/alerts/${id}/resolve`, { note: '移交公安经侦' })).status).toBe(200);

    const res = await request<Alert & { history: AlertHistoryEntry[] }>(server, 'GET', `/api/alerts/${id}`, { token: tokens.leader });
    expect(res.status).toBe(200);
    const h = res.body.history;
    expect(h.map((e) => (e.kind === 'step' ? `step:${e.step}` : e.kind))).toEqual([
      'raised',
      'acknowledged',
      'dispatched',
      'step:ack',
      'step:contacted',
      'step:onsite',
      'step:resolve',
      'resolved',
    ]);
    expect(h.map((e) => e.actor)).toEqual([null, 'duty', 'duty', 'field-shinan', 'field-shinan', 'field-shinan', 'field-shinan', 'duty']);
    expect(h[0]).toMatchObject({ rule: 'sensitive-topic', severity: 'urgent' });
    expect(h[2]).toMatchObject({ teams: [{ id: 'shinan-1', name: '市南区市场监管执法一队' }], note: '会同金融办核查' });
    expect(h[3]).toMatchObject({ team: { id: 'shinan-1' }, dispatchId });
    expect(h[5]!.note).toBe('已到书院路');
    expect(h[6]!.note).toBe('已约谈涉事公司，<i>停止</i>宣传');
    expect(h[7]!.note).toBe('移交公安经侦');
    expect(h[1]!.actorName).toBeTruthy();
    const times = h.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // the step times are the ones the dispatch recorded
    const dispatch = (
      await request<Array<{ id: string; ackedAt: string; onsiteAt: string }>>(server, 'GET', '/api/dispatches', { token: tokens.duty })
    ).body.find((d) => d.id === dispatchId)!;
    expect(h[3]!.at).toBe(dispatch.ackedAt);
    expect(h[5]!.at).toBe(dispatch.onsiteAt);
    // the same timeline on its own
    const alone = await request<AlertHistoryEntry[]>(server, 'GET', `/api/alerts/${id}/history`, { token: tokens.duty });
    expect(alone.body).toEqual(h);
    expect((await request(server, 'GET', `/api/alerts/00000000-0000-4000-8000-000000000000/history`, { token: tokens.duty })).status).toBe(
      404,
    );
    // the list follows: the event's alert is resolved
    const ev = (await watched()).body.find((e) => e.id === sensitive.eventId)!;
    expect(ev.alerts[0]!.status).toBe('resolved');
  });

  it('escalates a major alert nobody acknowledged after the configured minutes: recorded, to leaders only, once', async () => {
    await waitFor(() => byRole.leader!.length >= 1, ESCALATION_MINUTES * 60_000 + 10_000, 'alert:escalated');
    await sleep(1500); // a few more checks: nothing new
    expect(byRole.leader!.map((a) => a.id)).toEqual([majorOpen.id]);
    expect(byRole.duty).toEqual([]);
    expect(byRole.admin).toEqual([]);
    // not before its time
    expect(escalatedAt[majorOpen.id]![0]! - Date.parse(majorOpen.createdAt)).toBeGreaterThanOrEqual(ESCALATION_MINUTES * 60_000 - 50);

    const h = (await request<AlertHistoryEntry[]>(server, 'GET', `/api/alerts/${majorOpen.id}/history`, { token: tokens.leader })).body;
    expect(h.map((e) => e.kind)).toEqual(['raised', 'escalated']);
    expect(h[1]).toMatchObject({ actor: null, severity: 'major' });
    expect(h[1]!.waitedMinutes).toBeGreaterThanOrEqual(ESCALATION_MINUTES);
    const acked = (await request<AlertHistoryEntry[]>(server, 'GET', `/api/alerts/${majorAcked.id}/history`, { token: tokens.leader }))
      .body;
    expect(acked.map((e) => e.kind)).toEqual(['raised', 'acknowledged']);
    const ev = (await watched()).body.find((e) => e.id === majorOpen.eventId)!;
    expect(ev.alerts.find((a) => a.id === majorOpen.id)!.escalatedAt).toBe(h[1]!.at);
  });

  it('does not escalate the same alert again after a restart', async () => {
    for (const s of sockets.splice(0)) s.close();
    await server.close();
    server = await startServer({ dataDir: server.dataDir, restart: true, env });
    const leader = await connectLive(server, tokens.leader);
    sockets.push(leader);
    const got = collect<Alert>(leader, 'alert:escalated');
    await sleep(ESCALATION_MINUTES * 60_000 * 0.5);
    // and asked outright, an hour on: the alert is still open and still waiting, but escalated already
    expect(await server.app.get(EscalationService).check(Date.now() + 3_600_000)).toBe(0);
    expect(got).toEqual([]);
    const h = (await request<AlertHistoryEntry[]>(server, 'GET', `/api/alerts/${majorOpen.id}/history`, { token: tokens.leader })).body;
    expect(h.filter((e) => e.kind === 'escalated')).toHaveLength(1);
  });

  it('refuses bad queries, naming the field, and other roles', async () => {
    const bad: Array<[string, RegExp]> = [
      ['/api/events', /^scope: /],
      ['/api/events?scope=wall', /^scope: /],
      ['/api/events?scope=leader&since=yesterday', /^since: /],
      ['/api/events?scope=leader&since=2026-13-45T00:00:00Z', /^since: /],
      ['/api/events?scope=leader&limit=0', /^limit: /],
      ['/api/events?scope=leader&limit=201', /^limit: /],
      ['/api/events?scope=leader&limit=ten', /^limit: /],
      ['/api/events?scope=leader&limit=1&limit=2', /^limit: /],
      ['/api/events?scope=leader&limit=99999999999999999999', /^limit: /],
      [`/api/alerts?eventId=${encodeURIComponent("x' OR 1=1 --")}`, /^eventId: /],
      [`/api/alerts?eventId=${'a'.repeat(65)}`, /^eventId: /],
      ['/api/alerts?eventId=', /^eventId: /],
      ['/api/alerts?eventId=a&eventId=b', /^eventId: /],
    ];
    for (const [url, error] of bad) {
      const res = await request(server, 'GET', url, { token: tokens.leader });
      expect([url, res.status]).toEqual([url, 400]);
      expect(res.body.error).toMatch(error);
    }
    expect((await request(server, 'GET', '/api/events?scope=leader', { token: tokens['field-shinan'] })).status).toBe(403);
    expect((await request(server, 'GET', `/api/alerts/${sensitive.id}/history`, { token: tokens['field-shinan'] })).status).toBe(403);
    expect((await request(server, 'GET', '/api/events?scope=leader')).status).toBe(401);
  });
});
