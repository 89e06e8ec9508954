import type { Alert, AuditEntry, IncidentSummary, MoveResult, ReclassifyResult, Taxonomy } from '@jointduty/shared';
import { incidentCursor } from '@jointduty/shared';
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
import { consumer, hotline, police, post } from '../support/records';

// The duty console: the incident queue's filters and pages, reclassify and move (both
// audited with before and after, pushed live), the rules judging a moved incident's new event,
// the correlation state surviving a restart, and the audit log's filters.

type EventDetail = {
  id: string;
  category: string | null;
  incidentCount: number;
  channels: string[];
  firstAt: string;
  lastAt: string;
  incidents: Array<IncidentSummary & { joinReason: string | null }>;
};

let n = 0;
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
// a complaint against one merchant from one person (distinct phones make distinct complainants)
const complaint = (merchant: string, person: number) =>
  consumer({
    regNo: `CS-${process.pid}-${++n}`,
    receivedAt: ago(40 - (n % 30)),
    content: `${merchant}预订的宴席临时取消，定金不退，要求处理。`,
    merchant: { name: merchant },
    industry: '餐饮服务',
    consumer: { name: `顾客${person}`, phone: `1370000${String(person).padStart(4, '0')}` },
  });

describe('the duty console', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const sockets: LiveSocket[] = [];
  const dataDir = tempDir();

  const get = <T>(path: string, who = 'duty') => request<T>(server, 'GET', path, { token: tokens[who] });
  const postAs = <T>(path: string, body: unknown, who = 'duty') => request<T>(server, 'POST', path, { token: tokens[who], body });
  const incidents = async (query: string, who = 'duty') => {
    const res = await get<IncidentSummary[]>(`/api/incidents?limit=1000${query ? `&${query}` : ''}`, who);
    expect(res.status).toBe(200);
    return res.body;
  };
  const byExternal = async (externalId: string) => (await incidents('')).find((i) => i.externalId === externalId)!;
  const event = async (id: string) => (await get<EventDetail>(`/api/events/${id}`)).body;
  const audit = async (query: string) => {
    const res = await get<AuditEntry[]>(`/api/audit?${query}`, 'admin');
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    server = await startServer({ dataDir });
    for (const who of ['admin', 'duty', 'leader', 'field-shinan']) tokens[who] = await login(server, who);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  describe('the incident queue', () => {
    const recs = {
      food: hotline({ category: '市场监管>食品安全', district: '市北区', content: '啤酒街大排档海鲜不新鲜，吃完肚子疼，要求查处。' }),
      noise: hotline({
        category: '城市管理>噪音扰民',
        district: '市南区',
        content: '闽江路酒吧夜间音乐声太大，影响休息。',
        address: '市南区闽江路8号',
      }),
      alarm: police({ alarmType: '纠纷', district: '市南区' }),
      sensitive: post({ text: '某理财平台爆雷无法兑付，几百人血本无归，明天要去聚集讨说法！', location: '市北区' }),
      gym: consumer({ content: '健身房淋浴间没有热水，前台推脱不处理。', merchant: { name: '力美健身(台东店)' } }),
    };
    let cut = '';

    beforeAll(async () => {
      expect((await postFeed(server, '12345', [recs.food, recs.noise])).status).toBe(202);
      expect((await postFeed(server, '110', recs.alarm)).status).toBe(202);
      await sleep(20);
      cut = new Date().toISOString();
      await sleep(20);
      expect((await postFeed(server, 'sentiment', recs.sensitive)).status).toBe(202);
      expect((await postFeed(server, '12315', recs.gym)).status).toBe(202);
      await server.settled();
    });

    it('narrows by each filter, and answers the queue masked', async () => {
      const all = await incidents('');
      expect(all.map((i) => i.externalId)).toEqual(expect.arrayContaining(Object.values(recs).map((r) => Object.values(r)[0])));
      expect(JSON.stringify(all)).not.toContain('13812345678');

      expect((await incidents('channel=110')).map((i) => i.externalId)).toEqual([recs.alarm.caseNo]);
      expect((await incidents(`district=${encodeURIComponent('市北区')}`)).map((i) => i.channel).sort()).toEqual(['12345', 'sentiment']);
      // a category's head takes its paths; a head cut inside a name takes nothing
      expect((await incidents(`category=${encodeURIComponent('市场监管>食品安全')}`)).map((i) => i.externalId)).toEqual([
        recs.food.orderNo,
      ]);
      const market = await incidents(`category=${encodeURIComponent('市场监管')}`);
      expect(market.map((i) => i.externalId)).toContain(recs.food.orderNo);
      expect(market.every((i) => i.category!.startsWith('市场监管>'))).toBe(true);
      expect(market.map((i) => i.externalId)).not.toContain(recs.noise.orderNo);
      expect(await incidents(`category=${encodeURIComponent('市场')}`)).toEqual([]);
      // a department by its name or its id
      const byName = await incidents(`department=${encodeURIComponent('城市管理局')}`);
      expect(byName.map((i) => i.externalId)).toContain(recs.noise.orderNo);
      expect(byName.every((i) => i.department === '城市管理局')).toBe(true);
      expect(await incidents('department=city-management')).toEqual(byName);

      const sensitive = await incidents('flag=sensitive');
      expect(sensitive.map((i) => i.externalId)).toEqual([recs.sensitive.postId]);
      expect(await incidents('flag=sensitive,repeat')).toEqual(sensitive);
      expect(await incidents('flag=sensitive&flag=professional-claimant')).toEqual(sensitive);
      expect(await incidents('flag=simulated')).toEqual([]);

      const later = await incidents(`since=${encodeURIComponent(cut)}`);
      expect(later.map((i) => i.externalId).sort()).toEqual([recs.gym.regNo, recs.sensitive.postId].sort());
      const earlier = await incidents(`until=${encodeURIComponent(cut)}`);
      expect(earlier.map((i) => i.externalId).sort()).toEqual([recs.alarm.caseNo, recs.food.orderNo, recs.noise.orderNo].sort());

      const gym = all.find((i) => i.externalId === recs.gym.regNo)!;
      expect((await incidents(`eventId=${gym.eventId}`)).map((i) => i.id)).toEqual([gym.id]);
      expect((await incidents(`q=${encodeURIComponent('健身')}`)).map((i) => i.id)).toEqual([gym.id]);
      // filters together narrow further
      expect(await incidents(`channel=12345&district=${encodeURIComponent('市南区')}`)).toEqual(
        all.filter((i) => i.externalId === recs.noise.orderNo),
      );
    });

    it('pages to older incidents with a cursor, newest first, without gaps or repeats', async () => {
      const all = await incidents('');
      const seen: string[] = [];
      let before: string | undefined;
      for (let page = 0; page < 10; page++) {
        const res = await get<IncidentSummary[]>(`/api/incidents?limit=2${before ? `&before=${encodeURIComponent(before)}` : ''}`);
        expect(res.status).toBe(200);
        if (res.body.length === 0) break;
        seen.push(...res.body.map((i) => i.id));
        before = incidentCursor(res.body[res.body.length - 1]!);
      }
      expect(seen).toEqual(all.map((i) => i.id));
    });

    it('refuses bad filters with 400 naming the field', async () => {
      const cases: Array<[string, string]> = [
        ['channel=999', 'channel'],
        ['flag=bogus', 'flag'],
        ['flag=sensitive,<b>', 'flag'],
        ['since=yesterday', 'since'],
        ['until=2026-13-45T00:00:00Z', 'until'],
        [`since=${encodeURIComponent(cut)}&until=${encodeURIComponent(ago(600))}`, 'until'],
        ['limit=0', 'limit'],
        ['limit=abc', 'limit'],
        ['limit=5000', 'limit'],
        ['before=garbage', 'before'],
        ['before=2026-07-20T00:00:00Z~%3Cscript%3E', 'before'],
        ['q=13812345678', 'q'],
        [`q=${'x'.repeat(101)}`, 'q'],
        [`category=${'类'.repeat(201)}`, 'category'],
        ['district=a&district=b', 'district'],
        ['eventId=', 'eventId'],
      ];
      for (const [query, field] of cases) {
        const res = await get<{ error: string }>(`/api/incidents?${query}`);
        expect([query, res.status]).toEqual([query, 400]);
        expect(res.body.error.startsWith(`${field}:`)).toBe(true);
      }
      expect((await get(`/api/incidents?channel=110`, 'field-shinan')).status).toBe(403);
      expect((await request(server, 'GET', '/api/incidents?channel=110')).status).toBe(401);
      // leaders read the queue too
      expect((await get(`/api/incidents?channel=110`, 'leader')).status).toBe(200);
    });
  });

  describe('reclassify', () => {
    it('offers the taxonomy to the console', async () => {
      const res = await get<Taxonomy>('/api/taxonomy');
      expect(res.status).toBe(200);
      const market = res.body.departments.find((d) => d.id === 'market')!;
      expect(market).toMatchObject({ name: '市场监管局' });
      expect(market.categories).toContain('市场监管>预付卡');
      expect(res.body.districts).toContain('市南区');
      expect((await get('/api/taxonomy', 'field-shinan')).status).toBe(403);
    });

    it('takes a category of the taxonomy, defaults its department, follows on the event, audits and pushes it', async () => {
      const rec = hotline({ content: '小区门口的早餐店卫生条件差，苍蝇乱飞。', address: '市北区辽宁路100号' });
      await postFeed(server, '12345', rec);
      await server.settled();
      const before = await byExternal(rec.orderNo);
      const duty = await connectLive(server, tokens.duty);
      const leader = await connectLive(server, tokens.leader);
      sockets.push(duty, leader);
      const dutyGot = collect<IncidentSummary>(duty, 'incident:update');
      const leaderGot = collect<IncidentSummary>(leader, 'incident:update');

      for (const [body, field] of [
        [{}, 'category'],
        [{ category: '市场监管>不存在' }, 'category'],
        [{ category: 42 }, 'category'],
        [{ category: '市场监管>预付卡', department: '外星局' }, 'department'],
        [{ category: '市场监管>预付卡', department: 'x'.repeat(101) }, 'department'],
      ] as const) {
        const res = await postAs<{ error: string }>(`/api/incidents/${before.id}/reclassify`, body);
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
        expect(res.body.error.startsWith(`${field}:`)).toBe(true);
      }
      expect(
        (await postAs(`/api/incidents/00000000-0000-4000-8000-000000000000/reclassify`, { category: '市场监管>食品安全' })).status,
      ).toBe(404);
      expect((await postAs(`/api/incidents/${before.id}/reclassify`, { category: '市场监管>食品安全' }, 'leader')).status).toBe(403);
      // nothing changed by the refusals
      expect(await byExternal(rec.orderNo)).toEqual(before);

      // the classifier took it for food safety; the duty officer sees public health
      expect(before).toMatchObject({ category: '市场监管>食品安全', department: '市场监管局' });
      const res = await postAs<ReclassifyResult>(`/api/incidents/${before.id}/reclassify`, { category: '卫生健康>公共卫生' });
      expect(res.status).toBe(200);
      expect(res.body.incident).toMatchObject({ id: before.id, category: '卫生健康>公共卫生', department: '卫生健康委员会' });
      // it started its event: the event's category follows
      expect(res.body.eventFollowed).toBe(true);
      expect((await event(before.eventId!)).category).toBe('卫生健康>公共卫生');
      expect(await byExternal(rec.orderNo)).toMatchObject({ category: '卫生健康>公共卫生', department: '卫生健康委员会' });

      // another department than the category's own, by id
      const other = await postAs<ReclassifyResult>(`/api/incidents/${before.id}/reclassify`, {
        category: '卫生健康>公共卫生',
        department: 'market',
      });
      expect(other.body.incident.department).toBe('市场监管局');
      // the same again changes nothing and writes nothing
      const same = await postAs<ReclassifyResult>(`/api/incidents/${before.id}/reclassify`, {
        category: '卫生健康>公共卫生',
        department: '市场监管局',
      });
      expect(same.status).toBe(200);

      await waitFor(() => dutyGot.length >= 2, 3000, 'incident:update');
      expect(dutyGot[0]).toMatchObject({ id: before.id, category: '卫生健康>公共卫生', department: '卫生健康委员会' });
      expect(dutyGot[0]!.reporter).toEqual({ name: '张*', phone: '138****5678' });
      await sleep(100);
      expect(dutyGot).toHaveLength(2);
      expect(leaderGot).toEqual([]);

      const entries = await audit(`action=incident.reclassify&targetId=${before.id}`);
      expect(entries).toHaveLength(2);
      expect(entries[1]).toMatchObject({
        actor: 'duty',
        targetType: 'incident',
        detail: {
          before: { category: before.category, department: before.department },
          after: { category: '卫生健康>公共卫生', department: '卫生健康委员会' },
          eventFollowed: true,
        },
      });
      expect(entries[0]!.detail).toMatchObject({ before: { department: '卫生健康委员会' }, after: { department: '市场监管局' } });
    });
  });

  describe('reclassify, an incident that only joined its event', () => {
    it('leaves the event’s category as it was', async () => {
      const recs = [51, 52].map((p) => complaint('栈桥海鲜酒家', p));
      await postFeed(server, '12315', recs);
      await server.settled();
      const ev = await event((await byExternal(recs[0]!.regNo)).eventId!);
      expect(ev.incidentCount).toBe(2);
      const joined = ev.incidents.find((i) => i.joinReason !== null)!;
      const res = await postAs<ReclassifyResult>(`/api/incidents/${joined.id}/reclassify`, { category: '卫生健康>公共卫生' });
      expect(res.status).toBe(200);
      expect(res.body.eventFollowed).toBe(false);
      const after = await event(ev.id);
      expect(after.category).toBe(ev.category);
      expect(after.incidents.find((i) => i.id === joined.id)!.category).toBe('卫生健康>公共卫生');
    });
  });

  describe('move', () => {
    const alertsOn = async (eventId: string) =>
      (await get<Alert[]>('/api/alerts?limit=500')).body.filter((a) => a.eventId === eventId && a.rule === 'group-complaint');

    let groupEvent = '';
    let strayEvent = '';
    let strayId = '';

    it('moves an incident into another event: both counts follow and the rules judge the target again', async () => {
      // four people against one restaurant: not yet a group complaint
      await postFeed(
        server,
        '12315',
        [1, 2, 3, 4].map((p) => complaint('海韵渔家大排档', p)),
      );
      // a fifth filed against a misspelt name, so it started an event of its own
      const stray = complaint('海韵鱼家大牌档', 5);
      await postFeed(server, '12315', stray);
      await server.settled();
      const list = await incidents('channel=12315');
      const group = list.filter((i) => i.title.includes('海韵渔家'));
      groupEvent = group[0]!.eventId!;
      expect(new Set(group.map((i) => i.eventId))).toEqual(new Set([groupEvent]));
      const strayIncident = list.find((i) => i.externalId === stray.regNo)!;
      strayId = strayIncident.id;
      strayEvent = strayIncident.eventId!;
      expect(strayEvent).not.toBe(groupEvent);
      expect(await alertsOn(groupEvent)).toEqual([]);

      const res = await postAs<MoveResult>(`/api/incidents/${strayId}/move`, { eventId: groupEvent });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        incident: { id: strayId, eventId: groupEvent },
        from: { id: strayEvent, incidentCount: 0 },
        to: { id: groupEvent, incidentCount: 5, channels: ['12315'] },
        created: false,
      });
      const target = await event(groupEvent);
      expect(target.incidentCount).toBe(5);
      expect(target.incidents.find((i) => i.id === strayId)!.joinReason).toBe('moved by duty');
      const source = await event(strayEvent);
      expect(source.incidentCount).toBe(0);
      expect(source.channels).toEqual([]);
      expect(source.incidents).toEqual([]);

      // the fifth complainant completes the group complaint
      const raised = await alertsOn(groupEvent);
      expect(raised).toHaveLength(1);
      expect(raised[0]).toMatchObject({ severity: 'urgent', incidentCount: 5, status: 'open' });
    });

    it('refuses moving to the same event, to unknown ones, and bad bodies, changing nothing', async () => {
      const before = await event(groupEvent);
      const cases: Array<[string, unknown, number, string?]> = [
        [strayId, { eventId: groupEvent }, 409, 'eventId'],
        [strayId, { eventId: '00000000-0000-4000-8000-000000000000' }, 404, 'eventId'],
        ['00000000-0000-4000-8000-000000000000', { eventId: groupEvent }, 404],
        [strayId, {}, 400, 'eventId'],
        [strayId, { eventId: 5 }, 400, 'eventId'],
        [strayId, { eventId: 'x'.repeat(65) }, 400, 'eventId'],
      ];
      for (const [id, body, status, field] of cases) {
        const res = await postAs<{ error: string }>(`/api/incidents/${id}/move`, body);
        expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), status]);
        if (field) expect(res.body.error.startsWith(`${field}:`)).toBe(true);
      }
      expect((await postAs(`/api/incidents/${strayId}/move`, { eventId: null }, 'leader')).status).toBe(403);
      expect((await postAs(`/api/incidents/${strayId}/move`, { eventId: null }, 'field-shinan')).status).toBe(403);
      expect((await event(groupEvent)).incidentCount).toBe(before.incidentCount);
    });

    it('splits an incident into an event of its own; the alert it left keeps its history, its count follows', async () => {
      const res = await postAs<MoveResult>(`/api/incidents/${strayId}/move`, { eventId: null });
      expect(res.status).toBe(200);
      expect(res.body.created).toBe(true);
      expect(res.body.from).toMatchObject({ id: groupEvent, incidentCount: 4 });
      const own = res.body.to.id;
      expect(own).not.toBe(groupEvent);
      expect(res.body.to).toMatchObject({ incidentCount: 1, channels: ['12315'] });
      expect((await event(own)).incidents.map((i) => i.id)).toEqual([strayId]);
      expect((await event(own)).incidents[0]!.joinReason).toBeNull();
      expect((await event(groupEvent)).incidentCount).toBe(4);

      const alert = (await alertsOn(groupEvent))[0]!;
      expect(alert).toMatchObject({ status: 'open', severity: 'urgent', incidentCount: 4 });
      // alone in its event already: nothing to split
      const again = await postAs<{ error: string }>(`/api/incidents/${strayId}/move`, { eventId: null });
      expect(again.status).toBe(409);

      // the group's event no longer knows the misspelt name: a new complaint with it joins the split one
      await postFeed(server, '12315', complaint('海韵鱼家大牌档', 9));
      await server.settled();
      const ninth = (await incidents('channel=12315')).find((i) => i.title.includes('海韵鱼家') && i.id !== strayId)!;
      expect(ninth.eventId).toBe(own);

      // both back into the group's event, for what follows
      expect((await postAs(`/api/incidents/${strayId}/move`, { eventId: groupEvent })).status).toBe(200);
      expect((await postAs(`/api/incidents/${ninth.id}/move`, { eventId: groupEvent })).status).toBe(200);
      expect((await event(groupEvent)).incidentCount).toBe(6);
      expect((await event(own)).incidentCount).toBe(0);
    });

    it('audits every move with before and after', async () => {
      const entries = await audit(`action=incident.move&targetId=${strayId}`);
      expect(entries).toHaveLength(3);
      // newest first
      expect(entries[2]!.detail).toMatchObject({
        before: { eventId: strayEvent, joinReason: null },
        after: { eventId: groupEvent, joinReason: 'moved by duty' },
        from: { id: strayEvent, incidentCount: { before: 1, after: 0 } },
        to: { id: groupEvent, incidentCount: { before: 4, after: 5 }, created: false },
      });
      expect(entries[1]!.detail).toMatchObject({ before: { eventId: groupEvent }, to: { created: true, incidentCount: { after: 1 } } });
      expect(entries.every((e) => e.actor === 'duty' && e.targetType === 'incident')).toBe(true);
    });

    it('keeps the corrected events across a restart: later records correlate with them', async () => {
      const beforeRestart = await event(groupEvent);
      await server.close();
      server = await startServer({ dataDir, restart: true });
      for (const who of ['admin', 'duty']) tokens[who] = await login(server, who);
      const after = await event(groupEvent);
      expect(after).toMatchObject({ incidentCount: 6, channels: beforeRestart.channels, firstAt: beforeRestart.firstAt });
      expect((await event(strayEvent)).incidentCount).toBe(0);

      // the state restored holds both names in the group's event; the emptied events take nothing
      await postFeed(server, '12315', [complaint('海韵鱼家大牌档', 6), complaint('海韵渔家大排档', 7)]);
      await server.settled();
      const latest = (await incidents('channel=12315')).slice(0, 2);
      expect(latest.map((i) => i.eventId)).toEqual([groupEvent, groupEvent]);
      expect((await event(groupEvent)).incidentCount).toBe(8);
      expect((await event(strayEvent)).incidentCount).toBe(0);
      expect((await alertsOn(groupEvent))[0]).toMatchObject({ incidentCount: 8, status: 'open' });
    });
  });

  describe('the audit log', () => {
    it('writes every duty action on alerts and silences with before and after', async () => {
      const alert = (await get<Alert[]>('/api/alerts?limit=500')).body.find((a) => a.rule === 'group-complaint')!;
      expect((await postAs(`/api/alerts/${alert.id}/ack`, {})).status).toBe(200);
      expect((await postAs(`/api/alerts/${alert.id}/dispatch`, { teamIds: ['shinan-1'], note: '请核实' })).status).toBe(200);
      expect((await postAs(`/api/alerts/${alert.id}/resolve`, { note: '已约谈商家，退还定金' })).status).toBe(200);
      const silence = await postAs<{ id: string }>('/api/silences', { eventId: alert.eventId, minutes: 30, reason: '已处置' });
      expect(silence.status).toBe(201);
      expect((await request(server, 'DELETE', `/api/silences/${silence.body.id}`, { token: tokens.duty })).status).toBe(200);

      const onAlert = await audit(`targetType=alert&targetId=${alert.id}`);
      expect(onAlert.map((e) => e.action)).toEqual(['alert.resolve', 'alert.dispatch', 'alert.acknowledge']);
      expect(onAlert[2]!.detail).toEqual({ before: { status: 'open' }, after: { status: 'acknowledged' } });
      expect(onAlert[1]!.detail).toEqual({
        before: { status: 'acknowledged' },
        after: { status: 'dispatched', teamIds: ['shinan-1'], note: '请核实' },
      });
      expect(onAlert[0]!.detail).toEqual({ before: { status: 'dispatched' }, after: { status: 'resolved', note: '已约谈商家，退还定金' } });

      const onSilence = await audit(`targetId=${silence.body.id}`);
      expect(onSilence.map((e) => e.action)).toEqual(['silence.cancel', 'silence.create']);
      expect(onSilence[1]!.detail).toMatchObject({
        before: null,
        after: { id: silence.body.id, eventId: alert.eventId, reason: '已处置' },
      });
      expect(onSilence[0]!.detail).toMatchObject({ before: { cancelledAt: null }, after: { cancelledAt: expect.any(String) } });
    });

    it('filters by actor, action, target and time, and pages with a cursor', async () => {
      const all = await audit('limit=1000');
      expect(all.length).toBeGreaterThan(8);
      expect((await audit('actor=duty')).every((e) => e.actor === 'duty')).toBe(true);
      expect(await audit('actor=nobody')).toEqual([]);
      const moves = await audit('action=incident.move');
      expect(moves.length).toBe(4);
      expect(moves.every((e) => e.action === 'incident.move')).toBe(true);
      expect((await audit('targetType=silence')).every((e) => e.targetType === 'silence')).toBe(true);
      const newest = all[0]!;
      expect((await audit(`since=${encodeURIComponent(newest.at)}`)).map((e) => e.id)).toContain(newest.id);
      expect((await audit(`until=${encodeURIComponent(newest.at)}`)).map((e) => e.id)).not.toContain(newest.id);

      const seen: string[] = [];
      let before = '';
      for (let page = 0; page < 100; page++) {
        const list = await audit(`limit=3${before ? `&before=${encodeURIComponent(before)}` : ''}`);
        if (list.length === 0) break;
        seen.push(...list.map((e) => e.id));
        before = `${list[list.length - 1]!.at}~${list[list.length - 1]!.id}`;
      }
      expect(seen).toEqual(all.map((e) => e.id));
    });

    it('refuses bad filters with 400 naming the field, and anyone but admin', async () => {
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['since=soon', 'since'],
        ['before=nope', 'before'],
        ['actor=a&actor=b', 'actor'],
        [`targetId=${'x'.repeat(129)}`, 'targetId'],
        [`since=${encodeURIComponent(ago(1))}&until=${encodeURIComponent(ago(5))}`, 'until'],
      ]) {
        const res = await get<{ error: string }>(`/api/audit?${query}`, 'admin');
        expect([query, res.status]).toEqual([query, 400]);
        expect(res.body.error.startsWith(`${field}:`)).toBe(true);
      }
      for (const who of ['duty', 'leader', 'field-shinan']) expect((await get('/api/audit', who)).status).toBe(403);
    });
  });
});
