// The shift handover (交接班) and the duty log (值班日志), CONTRACT §10: on Monday 2026-12-07 in
// the day shift (08:00-20:00 city time) the outgoing officer's draft lists what the night shift
// takes over; they hand over, someone else accepts, and the day's log keeps both.
import {
  HANDOVER_NOTES_MAX,
  type Alert,
  type DutyLog,
  type DutyState,
  type EventNote,
  type Handover,
  type HandoverDraft,
  type Order,
} from '@jointduty/shared';
import { realClock, setClock } from '../support/clock';
import { collect, connectLive, login, postFeed, request, startServer, waitFor, type LiveSocket, type TestServer } from '../support/harness';
import { hotline, police } from '../support/records';

describe('shift handover and duty log', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const sockets: LiveSocket[] = [];
  let alert: Alert;
  let dispatchId: string;
  let instruction: EventNote;
  let dueTonight: Order;
  let dueTomorrow: Order;

  const as = <T = any>(who: string, method: string, path: string, body?: unknown) =>
    request<T>(server, method, path, { token: tokens[who], body: body ?? (method === 'POST' ? {} : undefined) });
  const teamName = () => server.config.teams.find((t) => t.id === 'shinan-1')!.name;
  const orderOf = async (externalId: string): Promise<Order> => (await as<Order[]>('duty', 'GET', `/api/orders?q=${externalId}`)).body[0]!;

  beforeAll(async () => {
    setClock('2026-12-07T19:00:00+08:00');
    server = await startServer();
    for (const u of ['admin', 'duty', 'leader', 'dept-market', 'field-shinan']) tokens[u] = await login(server, u);

    await postFeed(
      server,
      '110',
      police({ alarmType: '群体性事件', summary: '约三十名游客因船票售罄在码头滞留，情绪激动', address: '市南区新疆路码头' }),
    );
    await server.settled();
    alert = (await as<Alert[]>('duty', 'GET', '/api/alerts')).body[0]!;
    const sent = await as<{ dispatches: Array<{ id: string }> }>('duty', 'POST', `/api/alerts/${alert.id}/dispatch`, {
      teamIds: ['shinan-1'],
    });
    expect(sent.status).toBe(200);
    dispatchId = sent.body.dispatches[0]!.id;
    const noted = await as<EventNote>('leader', 'POST', `/api/events/${alert.eventId}/instructions`, { text: '立即核实，做好现场疏导' });
    expect(noted.status).toBe(201);
    instruction = noted.body;

    // urgent: first check within 2 hours, at 20:30 tonight; the other is due tomorrow at 15:00
    const tonight = hotline({
      urgency: '紧急',
      acceptedAt: '2026-12-07T18:30:00+08:00',
      content: '市北区登州路一饭店排污堵塞，污水外溢，联系电话13812345678，请尽快处理。',
    });
    const tomorrow = hotline({ appealType: '咨询', acceptedAt: '2026-12-07T18:40:00+08:00', dueAt: '2026-12-08T15:00:00+08:00' });
    expect((await postFeed(server, '12345', [tonight, tomorrow])).status).toBe(202);
    dueTonight = await orderOf(tonight.orderNo);
    dueTomorrow = await orderOf(tomorrow.orderNo);
    expect(dueTonight.firstCheckBy).toBe('2026-12-07T12:30:00.000Z');
    expect(dueTomorrow.dueBy).toBe('2026-12-08T07:00:00.000Z');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
    realClock();
  });

  it('the draft lists the open alert, the active dispatch, what falls due in the night shift and the instruction', async () => {
    const res = await as<HandoverDraft>('duty', 'GET', '/api/handover/draft');
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.shift).toMatchObject({ key: '2026-12-07 08:00-20:00', start: '2026-12-07T00:00:00.000Z', end: '2026-12-07T12:00:00.000Z' });
    expect(d.shift.people).toEqual(['值班长 刘志远']);
    expect(d.next).toMatchObject({ key: '2026-12-07 20:00-08:00', end: '2026-12-08T00:00:00.000Z', people: ['夜班长 陈海峰'] });
    expect(d.openAlerts.map((a) => a.id)).toEqual([alert.id]);
    expect(d.openAlerts[0]!.status).toBe('dispatched');
    expect(d.activeDispatches).toEqual([
      expect.objectContaining({ id: dispatchId, alertId: alert.id, status: 'dispatched', teamName: teamName() }),
    ]);
    expect(d.ordersDue).toEqual([
      {
        id: dueTonight.id,
        externalId: dueTonight.externalId,
        title: expect.any(String),
        departmentName: dueTonight.departmentName,
        deadline: 'firstCheck',
        dueAt: '2026-12-07T12:30:00.000Z',
      },
    ]);
    expect(d.ordersDue.map((o) => o.id)).not.toContain(dueTomorrow.id);
    expect(JSON.stringify(d)).not.toContain('13812345678');
    expect(d.instructions).toEqual([
      expect.objectContaining({ id: instruction.id, eventId: alert.eventId, actorName: '值班领导', text: '立即核实，做好现场疏导' }),
    ]);
    // the major alert opened an information report: its 首报 is owed within 30 minutes
    expect(d.infoReportsDue).toEqual([
      { id: expect.any(String), title: alert.title, step: 'initial', dueAt: expect.any(String), late: false },
    ]);
    expect(Date.parse(d.infoReportsDue[0]!.dueAt) - Date.parse(alert.createdAt)).toBeLessThanOrEqual(30 * 60_000 + 1000);
  });

  it('an instruction marked carried out leaves the draft; marking again answers the first mark', async () => {
    const path = `/api/events/${alert.eventId}/instructions/${instruction.id}/done`;
    expect((await as('leader', 'POST', path)).status).toBe(403);
    expect((await as('field-shinan', 'POST', path)).status).toBe(403);
    const unknown = await as('duty', 'POST', `/api/events/${alert.eventId}/instructions/00000000-0000-4000-8000-000000000000/done`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('event.note_not_found');

    const done = await as<EventNote>('duty', 'POST', path);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: instruction.id, kind: 'instruction', doneBy: 'duty' });
    expect(Date.parse(done.body.doneAt!)).toBeGreaterThanOrEqual(Date.parse('2026-12-07T11:00:00Z'));
    const again = await as<EventNote>('admin', 'POST', path);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ doneAt: done.body.doneAt, doneBy: 'duty' });

    expect((await as<HandoverDraft>('duty', 'GET', '/api/handover/draft')).body.instructions).toEqual([]);
    const ev = await as<{ notes: EventNote[] }>('leader', 'GET', `/api/events/${alert.eventId}`);
    expect(ev.body.notes.find((n) => n.id === instruction.id)).toMatchObject({ doneBy: 'duty', doneAt: done.body.doneAt });
    const audit = await as<Array<{ action: string; targetId: string }>>('admin', 'GET', '/api/audit?action=event.instruction_done');
    expect(audit.body).toEqual([expect.objectContaining({ action: 'event.instruction_done', targetId: alert.eventId })]);
  });

  it('nudges 15 minutes before 20:00 while the shift is not handed over', async () => {
    setClock('2026-12-07T19:45:00+08:00');
    const res = await as<DutyState>('leader', 'GET', '/api/duty/state');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ minutesToChange: 15, nudge: true, handover: null });
    expect(res.body.shift.key).toBe('2026-12-07 08:00-20:00');
    expect(res.body.next.key).toBe('2026-12-07 20:00-08:00');
  });

  it('refuses bad notes and other roles, storing nothing', async () => {
    const long = await as('duty', 'POST', '/api/handover', { notes: '交'.repeat(HANDOVER_NOTES_MAX + 1) });
    expect(long.status).toBe(400);
    expect(long.body.code).toBe('handover.notes_too_long');
    expect(long.body.error).toMatch(/^notes: /);
    const notText = await as('duty', 'POST', '/api/handover', { notes: 7 });
    expect(notText.status).toBe(400);
    expect(notText.body.error).toMatch(/^notes: /);
    expect((await as('leader', 'POST', '/api/handover', { notes: '交班' })).status).toBe(403);
    expect((await as('leader', 'GET', '/api/handover/draft')).status).toBe(403);
    for (const [method, path] of [
      ['GET', '/api/handover/draft'],
      ['POST', '/api/handover'],
      ['GET', '/api/handover'],
      ['GET', '/api/duty/state'],
      ['GET', '/api/duty-log'],
    ] as const) {
      expect((await as('dept-market', method, path)).status).toBe(403);
    }
    expect((await request(server, 'GET', '/api/duty/state')).status).toBe(401);
    expect((await as<DutyState>('duty', 'GET', '/api/duty/state')).body.handover).toBeNull();
  });

  let handover: Handover;

  it('hands over once per shift, keeping the notes as text; the strip learns at once', async () => {
    const live = await connectLive(server, tokens.leader);
    sockets.push(live);
    const states = collect<DutyState>(live, 'duty:state');
    const notes = '<b>码头</b>现场仍有滞留游客\u0007<script>alert(1)</script>\n请夜班跟进';
    const res = await as<Handover>('duty', 'POST', '/api/handover', { notes });
    expect(res.status).toBe(201);
    handover = res.body;
    expect(handover).toMatchObject({
      shiftKey: '2026-12-07 08:00-20:00',
      status: 'handed',
      fromUser: 'duty',
      fromName: '值班员',
      toUser: null,
      notes: '<b>码头</b>现场仍有滞留游客<script>alert(1)</script>\n请夜班跟进',
    });
    expect(handover.draft.openAlerts.map((a) => a.id)).toEqual([alert.id]);
    expect(handover.draft.ordersDue.map((o) => o.id)).toEqual([dueTonight.id]);
    await waitFor(() => states.some((s) => s.handover?.id === handover.id), 3000, 'duty:state');
    expect(states.at(-1)).toMatchObject({ nudge: false, handover: { id: handover.id, status: 'handed' } });

    const second = await as('admin', 'POST', '/api/handover', { notes: '再交一次' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('handover.already_handed');
    const state = await as<DutyState>('duty', 'GET', '/api/duty/state');
    expect(state.body).toMatchObject({ nudge: false, handover: { id: handover.id, status: 'handed' } });
  });

  it('the one who handed over cannot accept; another officer accepts, once', async () => {
    const self = await as('duty', 'POST', `/api/handover/${handover.id}/accept`);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('handover.cannot_accept');
    expect((await as('leader', 'POST', `/api/handover/${handover.id}/accept`)).status).toBe(403);
    const missing = await as('admin', 'POST', '/api/handover/00000000-0000-4000-8000-000000000000/accept');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('handover.not_found');

    const ok = await as<Handover>('admin', 'POST', `/api/handover/${handover.id}/accept`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'accepted', toUser: 'admin', toName: '系统管理员' });
    const twice = await as('admin', 'POST', `/api/handover/${handover.id}/accept`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('handover.cannot_accept');

    const one = await as<Handover>('leader', 'GET', `/api/handover/${handover.id}`);
    expect(one.body).toMatchObject({ id: handover.id, status: 'accepted', notes: handover.notes });
    expect((await as('leader', 'GET', '/api/handover/nope')).status).toBe(404);
    const list = await as<Handover[]>('duty', 'GET', '/api/handover?date=2026-12-07');
    expect(list.body.map((h) => [h.id, h.status])).toEqual([[handover.id, 'accepted']]);
    expect((await as<Handover[]>('duty', 'GET', '/api/handover?date=2026-12-09')).body).toEqual([]);
    const audit = await as<Array<{ action: string }>>('admin', 'GET', `/api/audit?targetId=${handover.id}`);
    expect(audit.body.map((a) => a.action).sort()).toEqual(['handover.accepted', 'handover.handed']);
  });

  it('the duty log lists the day’s shifts, the handover, its acceptance and the actions, oldest first', async () => {
    const res = await as<DutyLog>('leader', 'GET', '/api/duty-log?date=2026-12-07');
    expect(res.status).toBe(200);
    const log = res.body;
    expect(log.date).toBe('2026-12-07');
    expect(log.shifts.map((s) => s.key)).toEqual(['2026-12-06 20:00-08:00', '2026-12-07 08:00-20:00', '2026-12-07 20:00-08:00']);
    expect(log.handovers).toEqual([expect.objectContaining({ id: handover.id, status: 'accepted', toUser: 'admin' })]);
    const kinds = log.entries.map((e) => e.kind);
    for (const k of ['shift', 'dispatch', 'instruction', 'info-report', 'handover', 'accept'] as const) expect(kinds).toContain(k);
    const at = log.entries.map((e) => Date.parse(e.at));
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(log.entries[0]).toMatchObject({ kind: 'shift', at: '2026-12-07T00:00:00.000Z' });
    expect(log.entries[0]!.text).toContain('值班长 刘志远');
    const text = (kind: string) => log.entries.filter((e) => e.kind === kind).map((e) => e.text);
    expect(text('handover')).toEqual(['值班员交班：2026-12-07 08:00-20:00']);
    expect(text('accept')).toEqual(['系统管理员接班：2026-12-07 08:00-20:00']);
    expect(text('instruction')).toEqual([expect.stringContaining('立即核实'), expect.stringContaining('已落实')]);
    expect(text('dispatch').join('\n')).toContain(teamName());
    // no citizen's number in any line
    expect(JSON.stringify(log)).not.toMatch(/(?<![0-9a-f-])1[3-9]\d{9}(?![0-9a-f])/i);

    // the night shift of the 7th is listed on the 8th too; nothing happened then
    const next = await as<DutyLog>('duty', 'GET', '/api/duty-log?date=2026-12-08');
    expect(next.body.shifts[0]!.key).toBe('2026-12-07 20:00-08:00');
    expect(next.body.entries).toEqual([]);
  });

  it('an instruction counts as carried out once its event has no alert left unresolved', async () => {
    const second = await as<EventNote>('leader', 'POST', `/api/events/${alert.eventId}/instructions`, { text: '注意安全，及时报告' });
    expect((await as<HandoverDraft>('duty', 'GET', '/api/handover/draft')).body.instructions.map((i) => i.id)).toEqual([second.body.id]);
    expect((await as('duty', 'POST', `/api/alerts/${alert.id}/resolve`, { note: '游客已疏散' })).status).toBe(200);
    const after = (await as<HandoverDraft>('duty', 'GET', '/api/handover/draft')).body;
    expect(after.instructions).toEqual([]);
    expect(after.openAlerts).toEqual([]);
  });

  it('at the change the strip moves to the next shift by itself, without a request', async () => {
    const live = await connectLive(server, tokens.duty);
    sockets.push(live);
    const states = collect<DutyState>(live, 'duty:state');
    setClock('2026-12-07T20:00:01+08:00');
    await waitFor(() => states.length > 0, 15000, 'duty:state at 20:00');
    expect(states[0]!.shift.key).toBe('2026-12-07 20:00-08:00');
    expect(states[0]!.shift.people).toEqual(['夜班长 陈海峰']);
    expect(states[0]).toMatchObject({ nudge: false, minutesToChange: 720, handover: null });
  }, 30000);

  it('a bad date is a 400 naming `date`', async () => {
    for (const date of ['2026-02-30', '2026-12', 'today', '2026-12-07T00:00']) {
      for (const path of ['/api/duty-log', '/api/handover']) {
        const res = await as('duty', 'GET', `${path}?date=${encodeURIComponent(date)}`);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('report.invalid_period');
        expect(res.body.error).toMatch(/^date: /);
      }
    }
  });
});
