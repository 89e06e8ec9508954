// The live path end to end: feed POST → stored → pushed to the right sockets, on real SQLite
// (or PostgreSQL when TEST_DATABASE_URL is set, in the integration run).
import type { Alert, IncidentSummary } from '@jointduty/shared';
import { collect, connectLive, login, postFeed, request, startServer, waitFor, type LiveSocket, type TestServer } from '../support/harness';
import { SimulatorService } from '@jointduty/server/simulator/simulator.service';
import { consumer, hotline, police, post } from '../support/records';

describe('live path', () => {
  let server: TestServer;
  let duty: string;
  let field: string;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    server = await startServer();
    duty = await login(server, 'duty');
    field = await login(server, 'field-shinan');
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  async function live(token: string) {
    const s = await connectLive(server, token);
    sockets.push(s);
    return s;
  }

  it.each([
    ['12345', hotline()],
    ['12315', consumer()],
    ['110', police()],
    ['sentiment', post()],
  ])('a %s record is stored and pushed to duty sockets, not to field sockets', async (channel, record) => {
    const dutySocket = await live(duty);
    const fieldSocket = await live(field);
    const dutyGot = collect<IncidentSummary[]>(dutySocket, 'incidents');
    const fieldGot = collect<IncidentSummary[]>(fieldSocket, 'incidents');

    const r = await postFeed(server, channel, record);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });

    const externalId = Object.values(record)[0] as string;
    await waitFor(() => dutyGot.flat().some((i) => i.externalId === externalId), 3000, 'the incidents push');
    const pushed = dutyGot.flat().find((i) => i.externalId === externalId)!;
    expect(pushed.channel).toBe(channel);
    expect(pushed.district).toBeTruthy();
    expect(pushed.department).toBeTruthy();
    // personal data never travels unmasked
    expect(JSON.stringify(pushed)).not.toMatch(/(?<![0-9a-f-])1[3-9]\d{9}(?![0-9a-f])/i);

    const list = await request<IncidentSummary[]>(server, 'GET', `/api/incidents?channel=${channel}&limit=10`, { token: duty });
    expect(list.status).toBe(200);
    expect(list.body.map((i) => i.externalId)).toContain(externalId);

    await new Promise((r) => setTimeout(r, 250));
    expect(fieldGot).toHaveLength(0);
  });

  it('finds the district in the address text when no district field is sent', async () => {
    const rec = hotline({ address: '青岛市市北区台东三路', district: undefined });
    expect((await postFeed(server, '12345', rec)).status).toBe(202);
    const list = await request<IncidentSummary[]>(server, 'GET', '/api/incidents?channel=12345&limit=50', { token: duty });
    expect(list.body.find((i) => i.externalId === rec.orderNo)?.district).toBe('市北区');
  });

  it('counts a re-posted record as a duplicate and changes nothing', async () => {
    const rec = hotline();
    expect((await postFeed(server, '12345', rec)).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const again = await postFeed(server, '12345', { ...rec, content: '改过的内容' });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    // the same id twice in one batch: one stored, one duplicate
    const twin = hotline();
    const batch = await postFeed(server, '12345', [twin, twin]);
    expect(batch.body).toEqual({ accepted: 1, duplicates: 1, rejected: [] });
    const list = await request<IncidentSummary[]>(server, 'GET', '/api/incidents?channel=12345&limit=200', { token: duty });
    expect(list.body.filter((i) => i.externalId === rec.orderNo)).toHaveLength(1);
  });

  it('stores the good records of a mixed batch and names the bad ones', async () => {
    const good = police();
    const r = await postFeed(server, '110', [good, { ...police(), alarmType: '打架' }, { ...police(), summary: '' }]);
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(1);
    expect(r.body.rejected).toEqual([
      { index: 1, errors: [expect.stringMatching(/^alarmType: /)] },
      { index: 2, errors: [expect.stringMatching(/^summary: /)] },
    ]);
  });

  it('raises a major alert for a 110 群体性事件 and pushes it to duty and leaders, not field', async () => {
    const leader = await login(server, 'leader');
    const dutySocket = await live(duty);
    const leaderSocket = await live(leader);
    const fieldSocket = await live(field);
    const dutyAlerts = collect<Alert>(dutySocket, 'alert:new');
    const leaderAlerts = collect<Alert>(leaderSocket, 'alert:new');
    const fieldAlerts = collect<Alert>(fieldSocket, 'alert:new');

    const rec = police({
      alarmType: '群体性事件',
      summary: '数十名消费者聚集在健身房门前讨要预付卡退款，情绪激动。',
      address: '市北区台东三路88号',
    });
    expect((await postFeed(server, '110', rec)).status).toBe(202);
    await waitFor(() => dutyAlerts.length > 0 && leaderAlerts.length > 0, 3000, 'alert:new');
    const alert = dutyAlerts[0]!;
    expect(alert).toMatchObject({
      rule: 'police-mass-incident',
      severity: 'major',
      status: 'open',
      channels: ['110'],
      district: '市北区',
      incidentCount: 1,
    });
    expect(alert.seq).toBeGreaterThan(0);
    expect(leaderAlerts[0]!.id).toBe(alert.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(fieldAlerts).toHaveLength(0);

    // casualties ≥ 3 raises it too; an ordinary dispute does not
    await postFeed(server, '110', police({ alarmType: '交通', casualties: 3, summary: '两车相撞，三人受伤。' }));
    await postFeed(server, '110', police({ alarmType: '纠纷', casualties: 1 }));
    await server.settled();
    const alerts = await request<Alert[]>(server, 'GET', '/api/alerts?limit=50', { token: duty });
    expect(alerts.body.filter((a) => a.rule === 'police-mass-incident')).toHaveLength(2);

    const detail = await request(server, 'GET', `/api/alerts/${alert.id}`, { token: duty });
    expect(detail.status).toBe(200);
    expect(detail.body.incidents).toHaveLength(1);
    expect(detail.body.event.id).toBe(alert.eventId);
  });

  it('replays missed alert changes in order on resume', async () => {
    const s1 = await live(duty);
    const seen = collect<Alert>(s1, 'alert:new');
    // three unrelated gatherings (texts with no sensitive words, so each raises exactly one alert) in three districts: three events, three alerts
    const gathering = (summary: string, address: string) => police({ alarmType: '群体性事件', summary, address });
    const first = await postFeed(server, '110', gathering('约三十名游客因船票售罄在码头滞留，情绪激动', '李沧区书院路码头'));
    expect(first.status).toBe(202);
    expect(first.body.accepted).toBe(1);
    await waitFor(() => seen.length === 1, 3000, `first alert (got ${JSON.stringify(seen.map((a) => [a.rule, a.title]))})`);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.map((a) => a.rule)).toEqual(['police-mass-incident']);
    const lastSeq = seen[0]!.seq;
    s1.close();

    // while nobody listens: two new alerts and an acknowledgement
    await postFeed(server, '110', gathering('两支球迷队伍在体育场外对峙，人数较多', '城阳区春阳路体育场'));
    await postFeed(server, '110', gathering('数十名村民因宅基地划界在村委会门前争执', '黄岛区长江中路村委会'));
    await server.settled();
    const ack = await request<Alert>(server, 'POST', `/api/alerts/${seen[0]!.id}/ack`, { token: duty });
    expect(ack.status).toBe(200);
    expect(ack.body.status).toBe('acknowledged');

    const s2 = await live(duty);
    const replay: Array<{ kind: string; alert: Alert }> = [];
    s2.on('alert:new', (a) => replay.push({ kind: 'new', alert: a }));
    s2.on('alert:update', (a) => replay.push({ kind: 'update', alert: a }));
    const info = await new Promise<{ lastSeq: number; replayed: number }>((resolve) => s2.emit('resume', { afterSeq: lastSeq }, resolve));
    expect(info.replayed).toBe(3);
    expect(replay.map((r) => r.kind)).toEqual(['new', 'new', 'update']);
    const seqs = replay.map((r) => r.alert.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(seqs[0]).toBeGreaterThan(lastSeq);
    expect(replay[2]!.alert).toMatchObject({ id: seen[0]!.id, status: 'acknowledged' });
    expect(info.lastSeq).toBe(seqs[2]);
  });

  it('masks personal data in lists and shows it only in the audited detail view', async () => {
    const rec = hotline({ content: '我的电话是13600001111，请尽快回电。' });
    await postFeed(server, '12345', rec);
    const list = await request<IncidentSummary[]>(server, 'GET', '/api/incidents?channel=12345&limit=200', { token: duty });
    const summary = list.body.find((i) => i.externalId === rec.orderNo)!;
    expect(summary.reporter).toEqual({ name: '张*', phone: '138****5678' });
    expect(JSON.stringify(list.body)).not.toContain('13812345678');
    expect(JSON.stringify(list.body)).not.toContain('13600001111');

    const leader = await login(server, 'leader');
    expect((await request(server, 'GET', `/api/incidents/${summary.id}`, { token: leader })).status).toBe(403);

    const detail = await request(server, 'GET', `/api/incidents/${summary.id}`, { token: duty });
    expect(detail.status).toBe(200);
    expect(detail.body.reporter).toEqual({ name: '张伟', phone: '13812345678' });
    expect(detail.body.raw.orderNo).toBe(rec.orderNo);

    const admin = await login(server, 'admin');
    const audit = await request<Array<{ actor: string; action: string; targetId: string }>>(
      server,
      'GET',
      `/api/audit?targetId=${summary.id}`,
      { token: admin },
    );
    expect(audit.body).toEqual([expect.objectContaining({ actor: 'duty', action: 'incident.read-personal-data', targetId: summary.id })]);
  });

  it('feeds simulated records through the same intake, each flagged simulated', async () => {
    const socket = await live(duty);
    const got = collect<IncidentSummary[]>(socket, 'incidents');
    const sim = server.app.get(SimulatorService);
    let n = 0;
    // 22:00 in Qingdao: the beer-festival evening peak
    for (let s = 0; s < 20 && n < 3; s++) n += await sim.tick(new Date(Date.UTC(2026, 6, 20, 14, 0, s)));
    expect(n).toBeGreaterThan(0);
    await waitFor(() => got.flat().filter((i) => i.flags.includes('simulated')).length >= n, 3000, 'simulated incidents');
    const list = await request<IncidentSummary[]>(server, 'GET', '/api/incidents?limit=1000', { token: duty });
    const simulated = list.body.filter((i) => i.externalId.startsWith('SIM-'));
    expect(simulated.length).toBe(n);
    expect(simulated.every((i) => i.flags.includes('simulated'))).toBe(true);
    expect(list.body.filter((i) => !i.externalId.startsWith('SIM-')).every((i) => !i.flags.includes('simulated'))).toBe(true);
  });

  it('refuses a socket without a valid token', async () => {
    await expect(connectLive(server, undefined)).rejects.toThrow(/unauthorized/);
    await expect(connectLive(server, 'forged.token.value')).rejects.toThrow(/unauthorized/);
    await expect(connectLive(server, duty.slice(0, -3) + 'abc')).rejects.toThrow(/unauthorized/);
  });
});
