// The field phone's side of the API: steps timed by the phone (`at`), in order, safe to
// send again from an offline queue; a team sees and touches its own dispatches only, and the
// leaders' 批示 on them.
import type { Alert, AlertHistoryEntry, Dispatch, DispatchNotice, EventNoteNotice } from '@jointduty/shared';
import {
  collect,
  connectLive,
  login,
  postFeed,
  request,
  sleep,
  startServer,
  waitFor,
  type LiveSocket,
  type TestServer,
} from '../support/harness';
import { police } from '../support/records';

const CALLER = '15012345678';
// what a dispatch in the list carries, no more and no less
const FIELDS = (
  'id alertId teamId status note dispatchedBy dispatchedByName createdAt ackedAt contactedAt onsiteAt resolvedAt resultNote ' +
  'alert place instructions'
)
  .split(' ')
  .sort();

describe('the field phone', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const sockets: LiveSocket[] = [];
  // three events far apart: each its own major alert
  const alerts: Record<'pier' | 'beach' | 'street', Alert> = {} as never;

  const as = <T = any>(who: string, method: string, path: string, body?: unknown) =>
    request<T>(server, method, path, { token: tokens[who], body: body ?? (method === 'POST' ? {} : undefined) });
  const step = (who: string, id: string, s: string, body: Record<string, unknown> = {}) =>
    as<Dispatch & { error?: string }>(who, 'POST', `/api/dispatches/${id}/${s}`, body);
  const mine = async (who: string, query = '') => (await as<Dispatch[]>(who, 'GET', `/api/dispatches${query}`)).body;
  const dispatchTo = async (alert: Alert, teamIds: string[], note = '请立即到场') => {
    const r = await as<{ dispatches: Dispatch[] }>('duty', 'POST', `/api/alerts/${alert.id}/dispatch`, { teamIds, note });
    expect(r.status).toBe(200);
    return r.body.dispatches;
  };
  const live = async (who: string) => {
    const s = await connectLive(server, tokens[who]);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    server = await startServer();
    for (const u of ['admin', 'duty', 'leader', 'field-shinan', 'field-huangdao']) tokens[u] = await login(server, u);
    const raise = async (summary: string, address: string) => {
      await postFeed(server, '110', police({ alarmType: '群体性事件', summary, address, callerPhone: CALLER }));
      await server.settled();
      const list = (await as<Alert[]>('duty', 'GET', '/api/alerts?status=open')).body;
      const a = list.find((x) => x.summary.includes(summary.slice(0, 6)) || x.title.includes(summary.slice(0, 6))) ?? list[0]!;
      return a;
    };
    alerts.pier = await raise('约三十名游客因船票售罄在新疆路码头滞留，情绪激动', '市南区新疆路码头');
    alerts.beach = await raise('金沙滩浴场两伙游客因争抢遮阳伞发生群体冲突', '黄岛区金沙滩浴场');
    alerts.street = await raise('台东步行街商户与城管执法人员发生聚集对峙', '市北区台东三路步行街');
    expect(new Set(Object.values(alerts).map((a) => a.eventId)).size).toBe(3);
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  it('records a step at the time the officer pressed it, for the wall and the leaders too', async () => {
    const duty = collect<Alert>(await live('duty'), 'alert:update');
    const [d] = await dispatchTo(alerts.pier, ['shinan-1']);
    await sleep(300);
    const pressed = new Date(Date.parse(d!.createdAt) + 200).toISOString();
    const r = await step('field-shinan', d!.id, 'ack', { at: pressed });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: d!.id, status: 'acknowledged', ackedAt: pressed });
    // no `at`: the server's now
    const before = Date.now();
    const c = await step('field-shinan', d!.id, 'contacted');
    expect(Date.parse(c.body.contactedAt!)).toBeGreaterThanOrEqual(before - 5);
    const h = (await as<AlertHistoryEntry[]>('leader', 'GET', `/api/alerts/${alerts.pier.id}/history`)).body;
    expect(h.find((e) => e.kind === 'step' && e.dispatchId === d!.id && e.step === 'ack')?.at).toBe(pressed);
    await waitFor(
      () => duty.some((a) => a.id === alerts.pier.id && a.dispatches?.some((p) => p.dispatchId === d!.id && p.status === 'contacted')),
      3000,
      'alert:update',
    );
  });

  it('refuses a bad `at` with 400 naming it, and changes nothing', async () => {
    const [d] = await dispatchTo(alerts.pier, ['shinan-1']);
    const created = Date.parse(d!.createdAt);
    const seq = (await as<Alert>('duty', 'GET', `/api/alerts/${alerts.pier.id}`)).body.seq;
    const bad: unknown[] = [
      new Date(Date.now() + 10 * 60_000).toISOString(), // in the future
      new Date(created - 10 * 60_000).toISOString(), // before the dispatch
      new Date(Date.now() - 25 * 3_600_000).toISOString(), // more than a day old
      1_784_000_000_000, // a number
      null,
      'yesterday',
      '2026-07-20 12:00', // no offset
      { at: 'nested' },
      'x'.repeat(100_000),
    ];
    for (const at of bad) {
      const r = await step('field-shinan', d!.id, 'ack', { at });
      expect([r.status, typeof r.body?.error === 'string' && r.body.error.startsWith('at: ')]).toEqual([400, true]);
      expect(String(r.body.error).length).toBeLessThan(400);
    }
    expect((await mine('field-shinan')).find((x) => x.id === d!.id)).toMatchObject({ status: 'dispatched', ackedAt: null });
    expect((await as<Alert>('duty', 'GET', `/api/alerts/${alerts.pier.id}`)).body.seq).toBe(seq);
    // a note that is too long or not text is refused the same way
    for (const note of ['记'.repeat(1001), 42, '处理\u0007']) {
      const r = await step('field-shinan', d!.id, 'ack', { note });
      expect([r.status, String(r.body.error).startsWith('note: ')]).toEqual([400, true]);
    }
  });

  it('answers a step sent again with the dispatch as it is: 200, nothing recorded twice', async () => {
    const [d] = await dispatchTo(alerts.pier, ['shinan-1']);
    const first = await step('field-shinan', d!.id, 'ack', { at: new Date().toISOString() });
    expect(first.status).toBe(200);
    const seq = (await as<Alert>('duty', 'GET', `/api/alerts/${alerts.pier.id}`)).body.seq;
    // the offline queue replays it (its answer was lost), then a second phone with its own time
    const again = await step('field-shinan', d!.id, 'ack', { at: first.body.ackedAt });
    const other = await step('field-shinan', d!.id, 'ack', { at: new Date().toISOString(), note: '我也签收' });
    expect([again.status, other.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect(other.body).toEqual(first.body);
    expect((await as<Alert>('duty', 'GET', `/api/alerts/${alerts.pier.id}`)).body.seq).toBe(seq);
    const h = (await as<AlertHistoryEntry[]>('leader', 'GET', `/api/alerts/${alerts.pier.id}/history`)).body;
    expect(h.filter((e) => e.dispatchId === d!.id && e.step === 'ack')).toHaveLength(1);
    const audit = (await as<Array<{ action: string }>>('admin', 'GET', `/api/audit?targetId=${d!.id}&limit=50`)).body;
    expect(audit.filter((a) => a.action === 'dispatch.ack')).toHaveLength(1);
  });

  it('takes the steps in order: skipping ahead is refused with 409, 办结 wants its result, a finished one replays as 200', async () => {
    const [d] = await dispatchTo(alerts.pier, ['shinan-1']);
    for (const s of ['contacted', 'onsite', 'resolve']) {
      const r = await step('field-shinan', d!.id, s, { note: '已处置' });
      expect([r.status, r.body.error]).toEqual([409, `step: ${s} cannot skip ack (the dispatch is dispatched)`]);
    }
    expect((await step('field-shinan', d!.id, 'ack')).status).toBe(200);
    expect((await step('field-shinan', d!.id, 'onsite')).body.error).toBe(
      'step: onsite cannot skip contacted (the dispatch is acknowledged)',
    );
    expect((await step('field-shinan', d!.id, 'contacted')).status).toBe(200);
    expect((await step('field-shinan', d!.id, 'onsite', { note: '已到码头' })).status).toBe(200);
    for (const body of [{}, { note: '   ' }]) {
      const r = await step('field-shinan', d!.id, 'resolve', body);
      expect([r.status, String(r.body.error).startsWith('note: ')]).toEqual([400, true]);
    }
    const done = await step('field-shinan', d!.id, 'resolve', { note: '<b>已疏导</b>，游客改乘下一班船' });
    expect(done.body).toMatchObject({ status: 'resolved', resultNote: '<b>已疏导</b>，游客改乘下一班船' });
    const t = [done.body.ackedAt, done.body.contactedAt, done.body.onsiteAt, done.body.resolvedAt].map((x) => Date.parse(x!));
    expect([...t].sort((a, b) => a - b)).toEqual(t);
    // every step is recorded now: any of them sent again is a replay
    for (const s of ['ack', 'contacted', 'onsite', 'resolve']) {
      const r = await step('field-shinan', d!.id, s);
      expect([r.status, r.body.status, r.body.resultNote]).toEqual([200, 'resolved', '<b>已疏导</b>，游客改乘下一班船']);
    }
    // not a step, not an id
    expect((await step('field-shinan', d!.id, 'teleport')).status).toBe(404);
    expect((await step('field-shinan', 'not an id!', 'ack')).status).toBe(404);
  });

  it('keeps a team to its own dispatches: another team lists none of them and touches none (404, as if missing)', async () => {
    const huangdao = collect<DispatchNotice>(await live('field-huangdao'), 'dispatch:new');
    const shinan = collect<DispatchNotice>(await live('field-shinan'), 'dispatch:new');
    const [d] = await dispatchTo(alerts.street, ['shinan-1'], '会同城管到场');
    await waitFor(() => shinan.length === 1, 3000, 'dispatch:new');
    expect(shinan[0]).toMatchObject({ dispatchId: d!.id, note: '会同城管到场', dispatchedBy: 'duty', createdAt: d!.createdAt });
    expect(shinan[0]!.dispatchedByName).toBeTruthy();

    for (const query of ['', '?status=dispatched', '?teamId=shinan-1', '?team=shinan-1&status=acknowledged']) {
      const theirs = await as<Dispatch[]>('field-huangdao', 'GET', `/api/dispatches${query}`);
      expect(theirs.status).toBe(200);
      expect(theirs.body.filter((x) => x.teamId !== 'huangdao-1')).toEqual([]);
    }
    for (const s of ['ack', 'contacted', 'onsite', 'resolve']) {
      for (const body of [{}, { at: new Date().toISOString(), note: '处理' }]) {
        const r = await step('field-huangdao', d!.id, s, body);
        expect(r.status).toBe(404);
        expect(r.body.error).toBe(`dispatch ${d!.id} not found for your team`);
      }
    }
    // a missing dispatch answers the same
    expect((await step('field-huangdao', '00000000-0000-4000-8000-000000000000', 'ack')).body.error).toBe(
      'dispatch 00000000-0000-4000-8000-000000000000 not found for your team',
    );
    // the staff dispatch, they do not take steps
    for (const who of ['admin', 'duty', 'leader']) expect((await step(who, d!.id, 'ack')).status).toBe(403);
    expect((await request(server, 'POST', `/api/dispatches/${d!.id}/ack`, { body: {} })).status).toBe(401);
    expect((await mine('field-shinan')).find((x) => x.id === d!.id)!.status).toBe('dispatched');
    await sleep(200);
    expect(huangdao).toEqual([]);
  });

  it('shows a team its own progress on an alert sent to several teams, not the others’', async () => {
    const shinan = collect<DispatchNotice>(await live('field-shinan'), 'dispatch:new');
    const sent = await dispatchTo(alerts.beach, ['shinan-1', 'huangdao-1'], '两队会同处置');
    await waitFor(() => shinan.some((n) => n.alert.id === alerts.beach.id), 3000, 'dispatch:new');
    const notice = shinan.find((n) => n.alert.id === alerts.beach.id)!;
    expect((notice.alert.dispatches ?? []).map((p) => p.teamId)).toEqual(['shinan-1']);
    const hd = (await mine('field-huangdao')).find((x) => x.alertId === alerts.beach.id)!;
    expect(hd.id).toBe(sent.find((x) => x.teamId === 'huangdao-1')!.id);
    expect(hd.alert!.dispatches!.map((p) => p.teamId)).toEqual(['huangdao-1']);
    // the duty room sees both
    const all = (await mine('duty')).find((x) => x.alertId === alerts.beach.id)!;
    expect(all.alert!.dispatches!.map((p) => p.teamId).sort()).toEqual(['huangdao-1', 'shinan-1']);
  });

  it('brings the leaders’ 批示 to the dispatched team, live and in its list, and to no other team', async () => {
    const shinan = collect<EventNoteNotice>(await live('field-shinan'), 'event:note');
    const huangdao = collect<EventNoteNotice>(await live('field-huangdao'), 'event:note');
    const text = '<script>alert(1)</script>立即核实，做好现场疏导';
    const res = await as('leader', 'POST', `/api/events/${alerts.street.eventId}/instructions`, { text });
    expect(res.status).toBe(201);
    await waitFor(() => shinan.length === 1, 3000, 'event:note');
    expect(shinan[0]!.note).toMatchObject({ eventId: alerts.street.eventId, kind: 'instruction', text });

    const list = await mine('field-shinan');
    const d = list.find((x) => x.alertId === alerts.street.id)!;
    expect(d.instructions).toEqual([expect.objectContaining({ id: res.body.id, text, kind: 'instruction', actor: 'leader' })]);
    expect(d.dispatchedByName).toBeTruthy();
    expect(d.place).toEqual(expect.stringContaining('台东'));
    // other events of the team carry their own instructions only
    expect(
      list.filter((x) => x.alertId !== alerts.street.id).every((x) => x.instructions!.every((n) => n.eventId === x.alert!.eventId)),
    ).toBe(true);
    // not the team that was not sent, neither live nor in its list
    await sleep(200);
    expect(huangdao).toEqual([]);
    expect(JSON.stringify(await mine('field-huangdao'))).not.toContain('立即核实');
    // read marks are not instructions
    await as('leader', 'POST', `/api/events/${alerts.street.eventId}/read`);
    expect((await mine('field-shinan')).find((x) => x.alertId === alerts.street.id)!.instructions).toHaveLength(1);
    // and the event itself stays closed to field users
    expect((await as('field-shinan', 'GET', `/api/events/${alerts.street.eventId}`)).status).toBe(403);
    // the caller's phone is nowhere in a phone's list
    expect(JSON.stringify(list)).not.toContain(CALLER);
  });

  it('lists dispatches newest first, each alert as it reads alone (a team’s own progress only)', async () => {
    const staff = await mine('duty');
    const own = await mine('field-shinan');
    expect(staff.length).toBeGreaterThan(own.length);
    for (const list of [staff, own]) {
      const times = list.map((d) => Date.parse(d.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    }
    for (const d of staff) {
      expect(Object.keys(d).sort()).toEqual(FIELDS);
      // the alert as `GET /api/alerts/{id}` tells it, without the event, incidents and history it adds
      const alone = { ...(await as<Alert & Record<string, unknown>>('duty', 'GET', `/api/alerts/${d.alertId}`)).body };
      for (const extra of ['event', 'incidents', 'history']) delete alone[extra];
      expect(d.alert).toEqual(alone);
      const theirs = own.find((x) => x.id === d.id);
      if (d.teamId !== 'shinan-1') expect(theirs).toBeUndefined();
      else expect(theirs).toEqual({ ...d, alert: { ...alone, dispatches: alone.dispatches!.filter((p) => p.teamId === 'shinan-1') } });
    }
  });

  it('refuses a new step once the duty room resolved the alert (409), but still replays recorded ones', async () => {
    const d = (await mine('field-shinan')).find((x) => x.alertId === alerts.street.id)!;
    expect((await step('field-shinan', d.id, 'ack')).status).toBe(200);
    expect((await as('duty', 'POST', `/api/alerts/${alerts.street.id}/resolve`, { note: '移交属地街道' })).status).toBe(200);
    const r = await step('field-shinan', d.id, 'contacted');
    expect(r.status).toBe(409);
    expect(r.body.error).toMatch(/^step: the duty room has resolved the alert/);
    expect((await step('field-shinan', d.id, 'ack')).status).toBe(200);
  });
});
