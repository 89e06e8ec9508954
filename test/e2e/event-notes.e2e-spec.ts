import { INSTRUCTION_MAX_CHARS, type Alert, type EventNote, type EventNoteNotice } from '@jointduty/shared';
import { collect, connectLive, login, postFeed, request, startServer, waitFor, type LiveSocket, type TestServer } from '../support/harness';
import { police } from '../support/records';

// A leader's 已阅 and 批示 on an event: kept in its history, audited, and pushed live to the duty
// room, the leaders and the teams dispatched to it, not to other teams.
describe('leaders’ read marks and instructions', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const sockets: LiveSocket[] = [];
  let eventId: string;

  beforeAll(async () => {
    server = await startServer();
    for (const u of ['admin', 'duty', 'leader', 'field-shinan', 'field-huangdao']) tokens[u] = await login(server, u);
    await postFeed(
      server,
      '110',
      police({ alarmType: '群体性事件', summary: '约三十名游客因船票售罄在码头滞留，情绪激动', address: '市南区新疆路码头' }),
    );
    await server.settled();
    const alert = (await request<Alert[]>(server, 'GET', '/api/alerts', { token: tokens.duty })).body[0]!;
    eventId = alert.eventId;
    const d = await request(server, 'POST', `/api/alerts/${alert.id}/dispatch`, {
      token: tokens.duty,
      body: { teamIds: ['shinan-1'], note: '前往码头疏导' },
    });
    expect(d.status).toBe(200);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  const live = async (user: string) => {
    const s = await connectLive(server, tokens[user]);
    sockets.push(s);
    return collect<EventNoteNotice>(s, 'event:note');
  };

  it('an instruction reaches the duty room, the leaders and the dispatched team only, once each', async () => {
    const [duty, leader, shinan, huangdao] = await Promise.all(['duty', 'leader', 'field-shinan', 'field-huangdao'].map(live));
    const text = '<b>立即核实</b>，做好现场疏导和舆情引导<script>alert(1)</script>';
    const res = await request<EventNote>(server, 'POST', `/api/events/${eventId}/instructions`, { token: tokens.leader, body: { text } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ eventId, kind: 'instruction', actor: 'leader', text });
    await waitFor(() => duty!.length === 1 && leader!.length === 1 && shinan!.length === 1, 3000, 'event:note');
    await new Promise((r) => setTimeout(r, 200));
    expect(duty).toHaveLength(1);
    expect(shinan![0]!.note.text).toBe(text);
    expect(shinan![0]!.eventTitle).toContain('码头');
    expect(huangdao).toHaveLength(0);
  });

  it('a read mark is kept once per leader and goes to the duty room, not to field teams', async () => {
    const [duty, shinan] = await Promise.all(['duty', 'field-shinan'].map(live));
    const first = await request<EventNote>(server, 'POST', `/api/events/${eventId}/read`, { token: tokens.leader });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: 'read', actor: 'leader', text: null });
    const again = await request<EventNote>(server, 'POST', `/api/events/${eventId}/read`, { token: tokens.leader });
    expect(again.body.id).toBe(first.body.id);
    await waitFor(() => duty!.length === 1, 3000, 'read note');
    await new Promise((r) => setTimeout(r, 200));
    expect(duty).toHaveLength(1);
    expect(shinan).toHaveLength(0);
  });

  it('keeps both in the event’s history, oldest first, and in the audit log', async () => {
    const ev = await request<{ notes: EventNote[] }>(server, 'GET', `/api/events/${eventId}`, { token: tokens.duty });
    expect(ev.body.notes.map((n) => n.kind)).toEqual(['instruction', 'read']);
    const audit = (
      await request<Array<{ action: string; targetId: string }>>(server, 'GET', '/api/audit?limit=50', { token: tokens.admin })
    ).body;
    expect(audit.filter((a) => a.targetId === eventId).map((a) => a.action)).toEqual(
      expect.arrayContaining(['event.instruct', 'event.read']),
    );
  });

  it('is for leaders (and admin): duty officers and field users are refused, strangers are not let in', async () => {
    for (const who of ['duty', 'field-shinan']) {
      expect(
        (await request(server, 'POST', `/api/events/${eventId}/instructions`, { token: tokens[who], body: { text: '处理' } })).status,
      ).toBe(403);
      expect((await request(server, 'POST', `/api/events/${eventId}/read`, { token: tokens[who] })).status).toBe(403);
    }
    expect((await request(server, 'POST', `/api/events/${eventId}/instructions`, { body: { text: '处理' } })).status).toBe(401);
  });

  it('refuses a bad instruction, naming the field, and an unknown event', async () => {
    for (const body of [
      {},
      { text: 7 },
      { text: '   ' },
      { text: '批'.repeat(INSTRUCTION_MAX_CHARS + 1) },
      { text: '处理\u0007' },
      { text: 'bad \uD800 half' },
    ]) {
      const res = await request(server, 'POST', `/api/events/${eventId}/instructions`, { token: tokens.leader, body });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/^text: /);
    }
    const missing = await request(server, 'POST', `/api/events/00000000-0000-4000-8000-000000000000/instructions`, {
      token: tokens.leader,
      body: { text: '处理' },
    });
    expect(missing.status).toBe(404);
    const ev = await request<{ notes: EventNote[] }>(server, 'GET', `/api/events/${eventId}`, { token: tokens.duty });
    expect(ev.body.notes).toHaveLength(2);
  });
});
