import JSZip from 'jszip';
import type { Alert, AuditEntry, InfoReport, InfoReportDetail, SessionUser } from '@jointduty/shared';
import { INFO_REPORT_TEXT_MAX } from '@jointduty/shared';
import { FeedsService } from '@jointduty/server/feeds/feeds.service';
import { EventBus, type BusEvents } from '@jointduty/server/infra/bus/bus';
import { InfoReportSweep } from '@jointduty/server/info-reports/info-report-sweep.service';
import { InfoReportsService } from '@jointduty/server/info-reports/info-reports.service';
import { realClock, setClock } from '../support/clock';
import { collect, connectLive, login, postFeed, request, startServer, waitFor, type LiveSocket, type TestServer } from '../support/harness';
import { police, post } from '../support/records';

// Information reports (信息报送, CONTRACT §10) on the controllable clock: a major alert opens one,
// 首报 is due 30 minutes after it, the sweep marks it late once and tells the duty room and the
// notification seam, 续报 falls due two hours after each submission, 终报 an hour after resolution.
const MIN = 60_000;
const T0 = Date.parse('2026-12-07T09:00:00+08:00');

describe('information reports', () => {
  let server: TestServer;
  let socket: LiveSocket;
  let pushed: InfoReport[];
  const late: Array<BusEvents['info-report.late']> = [];
  const tokens: Record<string, string> = {};
  let alert: Alert;
  let report: InfoReport;

  const get = async (id = report.id) =>
    (await request<InfoReportDetail>(server, 'GET', `/api/info-reports/${id}`, { token: tokens.duty })).body;
  const submit = (step: string, text: unknown, token = tokens.duty, id = report.id) =>
    request<InfoReportDetail & { error?: string; code?: string }>(server, 'POST', `/api/info-reports/${id}/${step}`, {
      token,
      body: text === undefined ? {} : { text },
    });
  const sweep = () => server.app.get(InfoReportSweep).sweep();
  const loginAll = async () => {
    for (const u of ['admin', 'duty', 'leader']) tokens[u] = await login(server, u);
  };

  beforeAll(async () => {
    setClock(T0);
    server = await startServer();
    await loginAll();
    server.app.get(EventBus).subscribe('info-report.late', (e) => void late.push(e));
    socket = await connectLive(server, tokens.duty);
    pushed = collect<InfoReport>(socket, 'info-report:update');

    await postFeed(
      server,
      '110',
      police({ alarmType: '刑事', summary: '城阳区正阳路一仓库发生持刀伤人，3人受伤', address: '城阳区正阳路', casualties: 3 }),
    );
    await server.settled();
    const alerts = (await request<Alert[]>(server, 'GET', '/api/alerts?severity=major', { token: tokens.duty })).body;
    expect(alerts).toHaveLength(1);
    alert = alerts[0]!;
    await waitFor(() => pushed.some((r) => r.alertId === alert.id), 5000, 'the report opened and pushed');
    const open = (await request<InfoReport[]>(server, 'GET', '/api/info-reports?status=open', { token: tokens.leader })).body;
    report = open.find((r) => r.alertId === alert.id)!;
  });

  afterAll(async () => {
    socket?.close();
    await server?.close();
    realClock();
  });

  it('opens one report for the major alert, the initial due 30 minutes after the alert', async () => {
    expect(report).toMatchObject({
      eventId: alert.eventId,
      title: alert.title,
      severity: 'major',
      status: 'open',
      submissions: 0,
      lateSteps: [],
    });
    expect(report.openedAt).toBe(alert.createdAt);
    expect(report.next).toEqual({ step: 'initial', dueAt: new Date(Date.parse(alert.createdAt) + 30 * MIN).toISOString(), late: false });
    expect(report.simulated).toBeUndefined();
    // only major alerts open reports: none for anything else, never two for one alert
    const all = (await request<InfoReport[]>(server, 'GET', '/api/info-reports', { token: tokens.admin })).body;
    expect(all.filter((r) => r.alertId === alert.id)).toHaveLength(1);
  });

  it('drafts the initial from the event in Chinese, with its facts', async () => {
    const d = await get();
    expect(d.draft?.step).toBe('initial');
    expect(d.draft?.text).toMatch(/^【首报】/);
    expect(d.draft?.text).toContain('共接报1起（110报警1起）');
    expect(d.draft?.text).toContain('据报至少3人伤亡');
    expect(d.facts.channels).toEqual([{ channel: '110', count: 1 }]);
    expect(d.facts.casualties).toBe('据报至少3人伤亡');
    expect(d.facts.where).toContain('城阳区');
    expect(d.history).toEqual([]);
  });

  it('answers 400 naming the parameter or field for bad input, 404 for unknown ids and steps, 403 for leaders submitting', async () => {
    const bad = await request(server, 'GET', '/api/info-reports?status=late', { token: tokens.duty });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^status:/);
    const fmt = await request(server, 'GET', `/api/info-reports/${report.id}?format=pdf`, { token: tokens.duty });
    expect(fmt.status).toBe(400);
    expect(fmt.body.error).toMatch(/^format:/);
    expect((await request(server, 'GET', '/api/info-reports/00000000-0000-4000-8000-000000000000', { token: tokens.duty })).status).toBe(
      404,
    );
    expect((await request(server, 'GET', '/api/info-reports/nope', { token: tokens.duty })).body.code).toBe('info_report.not_found');
    expect((await submit('initial', '首报', tokens.duty, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await submit('second', '首报')).status).toBe(404);
    expect((await submit('initial', '首报', tokens.leader)).status).toBe(403);

    for (const [text, code] of [
      [undefined, 'info_report.text_empty'],
      [42, 'info_report.text_empty'],
      ['  \u0007 \n ', 'info_report.text_empty'],
      ['字'.repeat(INFO_REPORT_TEXT_MAX + 1), 'info_report.text_too_long'],
    ] as const) {
      const r = await submit('initial', text);
      expect([r.status, r.body.code]).toEqual([400, code]);
      expect(r.body.error).toMatch(/^text:/);
    }
    // steps out of turn
    const update = await submit('update', '续报');
    expect([update.status, update.body.code, update.body.error]).toEqual([
      409,
      'info_report.step_out_of_order',
      'update: submit the initial report first',
    ]);
    const final = await submit('final', '终报');
    expect([final.status, final.body.error]).toEqual([409, 'final: submit the initial report first']);
    // nothing stored by any of them
    expect((await get()).history).toEqual([]);
  });

  it('marks the initial late once when its deadline passes: stored, pushed to duty, published for the leader, audited', async () => {
    const before = pushed.length;
    setClock(Date.parse(report.next!.dueAt) + MIN);
    await sweep();
    await waitFor(() => late.length > 0, 5000, 'the late event');
    await waitFor(() => pushed.slice(before).some((r) => r.id === report.id && r.next?.late === true), 5000, 'the late push');
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ step: 'initial', dueAt: report.next!.dueAt, report: { id: report.id, lateSteps: ['initial'] } });
    const d = await get();
    expect(d.next).toMatchObject({ step: 'initial', late: true });
    expect(d.lateSteps).toEqual(['initial']);
    // sticky and once: a second sweep marks nothing again
    expect(await sweep()).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(late).toHaveLength(1);
    const audit = (await request<AuditEntry[]>(server, 'GET', `/api/audit?targetId=${report.id}`, { token: tokens.admin })).body;
    expect(audit.filter((e) => e.action === 'info_report.late')).toHaveLength(1);
  });

  it('takes the initial late: stored with its deadline, control characters dropped, markup kept as text; the update due 2 hours after', async () => {
    // two officers send it at the same moment: one is taken, the other refused
    const [x, y] = await Promise.all([
      submit('initial', '【首报】<b>城阳区</b> 持刀伤人 & 3人受伤\u0000\u0007'),
      submit('initial', '【首报】<b>城阳区</b> 持刀伤人 & 3人受伤'),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const r = x.status === 200 ? x : y;
    expect((x.status === 409 ? x : y).body.error).toMatch(/^initial: (already submitted|submitted at the same moment)/);
    expect(r.body.history).toHaveLength(1);
    const sub = r.body.history[0]!;
    expect(sub).toMatchObject({
      step: 'initial',
      number: 1,
      text: '【首报】<b>城阳区</b> 持刀伤人 & 3人受伤',
      submittedBy: 'duty',
      late: true,
    });
    expect(sub.dueAt).toBe(report.next!.dueAt);
    expect(r.body.next).toEqual({ step: 'update', dueAt: new Date(Date.parse(sub.submittedAt) + 120 * MIN).toISOString(), late: false });
    expect(r.body.draft?.text).toMatch(/^【续报一】/);
    expect(r.body.lateSteps).toEqual(['initial']);
    expect(r.body.submissions).toBe(1);

    const again = await submit('initial', '再报');
    expect([again.status, again.body.code, again.body.error]).toEqual([409, 'info_report.step_out_of_order', 'initial: already submitted']);
    const final = await submit('final', '终报');
    expect([final.status, final.body.error]).toEqual([409, 'final: the alert is not resolved yet']);
    const audit = (await request<AuditEntry[]>(server, 'GET', `/api/audit?targetId=${report.id}`, { token: tokens.admin })).body;
    expect(audit.some((e) => e.action === 'info_report.initial' && e.actor === 'duty')).toBe(true);
  });

  it('takes one of two updates sent at the same moment (both finding the report as it was); the other is refused', async () => {
    const service = server.app.get(InfoReportsService);
    const duty = { username: 'duty', role: 'duty' } as SessionUser;
    const results = await Promise.allSettled([
      service.submit(duty, report.id, 'update', { text: '续报：甲' }),
      service.submit(duty, report.id, 'update', { text: '续报：乙' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'info_report.step_out_of_order' });
    expect(String(lost.reason.message)).toMatch(/^update: submitted at the same moment/);
    const d = await get();
    expect(d.history.map((h) => [h.step, h.number, h.late])).toEqual([
      ['initial', 1, true],
      ['update', 1, false],
    ]);
    const last = d.history[1]!;
    expect(d.next).toEqual({ step: 'update', dueAt: new Date(Date.parse(last.submittedAt) + 120 * MIN).toISOString(), late: false });
    expect(d.draft?.text).toMatch(/^【续报二】/);
  });

  it('marks an overdue update late; once the alert is resolved the final is owed instead, within the hour', async () => {
    const due = (await get()).next!.dueAt;
    setClock(Date.parse(due) + MIN);
    await loginAll();
    await sweep();
    await waitFor(() => late.length === 2, 5000, 'the update late event');
    expect(late[1]).toMatchObject({ step: 'update', dueAt: due });
    expect((await get()).lateSteps).toEqual(['initial', 'update']);

    const before = pushed.length;
    const resolved = await request<Alert>(server, 'POST', `/api/alerts/${alert.id}/resolve`, {
      token: tokens.duty,
      body: { note: '嫌疑人已被控制，伤员已送医' },
    });
    expect(resolved.status).toBe(200);
    await waitFor(() => pushed.slice(before).some((r) => r.id === report.id && r.next?.step === 'final'), 5000, 'the resolution push');
    const d = await get();
    expect(d.resolvedAt).not.toBeNull();
    expect(d.next).toEqual({ step: 'final', dueAt: new Date(Date.parse(d.resolvedAt!) + 60 * MIN).toISOString(), late: false });
    expect(d.draft?.step).toBe('final');
    expect(d.draft?.text).toContain('处置结果：嫌疑人已被控制，伤员已送医');
    const update = await submit('update', '续报');
    expect([update.status, update.body.error]).toEqual([409, 'update: the alert is resolved; submit the final report']);
  });

  it('closes with the final; nothing after it; the list filters open and closed', async () => {
    const r = await submit('final', '【终报】事件处置完毕。');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'closed', next: null, draft: null, submissions: 3 });
    expect(r.body.closedAt).not.toBeNull();
    expect(r.body.history.at(-1)).toMatchObject({ step: 'final', number: 1, late: false });
    for (const step of ['initial', 'update', 'final']) {
      const after = await submit(step, '又一份');
      expect([after.status, after.body.code]).toEqual([409, 'info_report.step_out_of_order']);
      expect(after.body.error).toMatch(new RegExp(`^${step}: the report is closed`));
    }
    const open = (await request<InfoReport[]>(server, 'GET', '/api/info-reports?status=open', { token: tokens.duty })).body;
    const closed = (await request<InfoReport[]>(server, 'GET', '/api/info-reports?status=closed', { token: tokens.duty })).body;
    expect(open.some((x) => x.id === report.id)).toBe(false);
    expect(closed.find((x) => x.id === report.id)).toMatchObject({ status: 'closed', lateSteps: ['initial', 'update'] });
    await waitFor(() => pushed.some((x) => x.id === report.id && x.status === 'closed'), 5000, 'the closing push');
  });

  it('gives the report as a Word document named in RFC 5987', async () => {
    const res = await fetch(`${server.url}/api/info-reports/${report.id}?format=docx`, {
      headers: { authorization: `Bearer ${tokens.leader}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.docx"; filename\*=UTF-8''%E4%BF%A1%E6%81%AF%E6%8A%A5%E9%80%81-/);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('事件处置完毕');
  });

  it('opens a simulated report for a simulated major alert', async () => {
    const feeds = server.app.get(FeedsService);
    const result = await feeds.intake(
      '110',
      [police({ alarmType: '刑事', summary: '李沧区书院路一工地发生斗殴，4人受伤', address: '李沧区书院路', casualties: 4 })],
      { simulated: true },
    );
    expect(result.accepted).toBe(1);
    await server.settled();
    const simulated = (await request<Alert[]>(server, 'GET', '/api/alerts?severity=major', { token: tokens.duty })).body.find(
      (a) => a.simulated,
    );
    expect(simulated).toBeDefined();
    await waitFor(() => pushed.some((r) => r.alertId === simulated!.id), 5000, 'the simulated report');
    expect(pushed.find((r) => r.alertId === simulated!.id)).toMatchObject({ simulated: true, status: 'open', next: { step: 'initial' } });
  });

  it('opens a report when an alert grows to major later, its initial counted from then', async () => {
    const text = '青岛老船长海鲜酒家宰客！一盘大虾结账要了1800元，点菜时说38一份，结账变成按只算，太黑了，大家避雷！！';
    await postFeed(server, 'sentiment', post({ text, metrics: { reposts: 1500, comments: 320, likes: 8000 }, topics: ['青岛旅游'] }));
    await server.settled();
    const urgent = (await request<Alert[]>(server, 'GET', '/api/alerts?limit=100', { token: tokens.duty })).body.find(
      (a) => a.rule === 'viral-post',
    )!;
    expect(urgent.severity).toBe('urgent');
    const none = (await request<InfoReport[]>(server, 'GET', '/api/info-reports', { token: tokens.duty })).body;
    expect(none.some((r) => r.alertId === urgent.id)).toBe(false);

    setClock(Date.now() + 10 * MIN);
    await postFeed(server, 'sentiment', post({ text, metrics: { reposts: 150000, comments: 32000, likes: 800000 }, topics: ['青岛旅游'] }));
    await server.settled();
    const grown = (await request<Alert>(server, 'GET', `/api/alerts/${urgent.id}`, { token: tokens.duty })).body;
    expect(grown.severity).toBe('major');
    await waitFor(() => pushed.some((r) => r.alertId === urgent.id), 5000, 'the report of the grown alert');
    const opened = pushed.find((r) => r.alertId === urgent.id)!;
    expect(Date.parse(opened.openedAt)).toBeGreaterThan(Date.parse(urgent.createdAt) + 9 * MIN);
    expect(opened.next).toEqual({ step: 'initial', dueAt: new Date(Date.parse(opened.openedAt) + 30 * MIN).toISOString(), late: false });
  });
});
