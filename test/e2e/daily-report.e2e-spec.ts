// 值班日报 (CONTRACT §8) of one city day built on the controllable clock, every section checked
// against what the test did: Wednesday 2026-12-09 in Qingdao. Records of every channel come in;
// a 110 群体性事件 raises a major alert, a viral post an urgent one, three complaints from one
// citizen a repeat (general) one, and an order received the day before and due this morning an
// overdue one. Teams are dispatched and step through at known minutes, a leader writes a 批示,
// the major alert's 首报 goes late, an urgent order is handled in time by its unit, the day shift
// hands over. Records at 23:59 count; one at 00:01 the next day does not; the night shift that
// began the day before is that day's. Then the same day as a workbook, read back.
import ExcelJS from 'exceljs';
import type { Alert, DailyReport, Dispatch, EventNote, Handover, IncidentSummary, InfoReport, Order } from '@jointduty/shared';
import { RulesEngine } from '@jointduty/server/correlation/rules/rules.engine';
import { InfoReportSweep } from '@jointduty/server/info-reports/info-report-sweep.service';
import { ReportDrafts } from '@jointduty/server/reports/report-drafts';
import { realClock, setClock } from '../support/clock';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { consumer, hotline, police, post } from '../support/records';

const DAY = '2026-12-09';
const BEFORE = '2026-12-08';
const AFTER = '2026-12-10';
const MIN = 60_000;
const city = (date: string, time: string) => Date.parse(`${date}T${time}+08:00`);
const isoCity = (date: string, time: string) => new Date(city(date, time)).toISOString();

const TEAM_NAME: Record<string, string> = { 'shinan-1': '市南区市场监管执法一队', 'huangdao-1': '西海岸新区市场监管执法一队' };
// a leader may write a number into a 批示: lists and files show it masked
const INSTRUCTION = '立即核实滞留人数，联系码头负责人13912345678，做好现场疏导，及时报告';
const INSTRUCTION_SHOWN = '立即核实滞留人数，联系码头负责人139****5678，做好现场疏导，及时报告';

/** Counts of a list of keys, as the report's CountBy lines say them (key → count). */
const tally = (keys: Array<string | null>) => {
  const out: Record<string, number> = {};
  for (const k of keys) out[k ?? '未知'] = (out[k ?? '未知'] ?? 0) + 1;
  return out;
};
const asMap = (lines: Array<{ key: string; count: number }>) => Object.fromEntries(lines.map((l) => [l.key, l.count]));

describe('the daily duty report of one known day', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const as = <T = any>(who: string, method: string, path: string, body?: unknown) =>
    request<T>(server, method, path, { token: tokens[who], body: body ?? (method === 'POST' ? {} : undefined) });
  const ok = async <T = any>(who: string, method: string, path: string, body?: unknown, status = [200, 201]): Promise<T> => {
    const r = await as<T>(who, method, path, body);
    if (!status.includes(r.status)) throw new Error(`${method} ${path} as ${who}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const daily = async (date: string) => {
    const r = await as<DailyReport>('leader', 'GET', `/api/reports/daily?date=${date}`);
    expect(r.status).toBe(200);
    return r.body;
  };

  // the clock only moves forward here, so the tokens stay good
  let now = 0;
  const advance = (at: number) => {
    if (at < now) throw new Error(`the clock would go back from ${new Date(now).toISOString()} to ${new Date(at).toISOString()}`);
    now = at;
    setClock(at);
  };

  // what the test did, to hold the report against
  const posted = { day: [] as Array<{ channel: string; district: string }>, before: 0, after: 0 };
  const alerts = {} as Record<'major' | 'urgent' | 'repeat' | 'overdue', Alert>;
  const dispatches: Array<{ d: Dispatch; ack: number; onsite: number | null; status: string }> = [];
  let urgentResolvedAt = 0;
  let instruction: EventNote;
  let infoReport: InfoReport;
  let nightHandover: Handover;
  let dayHandover: Handover;
  let urgentOrder: Order;
  let lateOrder: Order;
  let nextDayAlert: Alert;

  const feed = async (channel: string, record: Record<string, unknown>, district: string | null) => {
    const r = await postFeed(server, channel, record);
    expect([r.status, r.body.accepted]).toEqual([202, 1]);
    const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    if (day === DAY) posted.day.push({ channel, district: district ?? '未知' });
    else if (day === BEFORE) posted.before += 1;
    else posted.after += 1;
  };
  const orderOf = async (externalId: string): Promise<Order> => {
    const list = await ok<Order[]>('duty', 'GET', `/api/orders?q=${encodeURIComponent(externalId)}`);
    const o = list.find((x) => x.externalId === externalId);
    if (!o) throw new Error(`no order for ${externalId}`);
    return o;
  };
  /** A team's step taken at `at` (the clock set there, the phone sending its time). */
  const teamStep = async (who: string, d: Dispatch, step: string, at: number, note?: string) => {
    advance(at);
    const iso = new Date(at).toISOString();
    await ok<Dispatch>(who, 'POST', `/api/dispatches/${d.id}/${step}`, { at: iso, ...(note ? { note } : {}) });
  };

  beforeAll(async () => {
    advance(city(BEFORE, '15:59:00'));
    server = await startServer();
    // the drafts' own timer stays off: nothing here depends on it
    server.app.get(ReportDrafts).onModuleDestroy();
    for (const u of ['admin', 'duty', 'leader', 'field-shinan', 'field-huangdao', 'dept-market']) tokens[u] = await login(server, u);

    // the day before: an order the hotline wants handled by 10:00 on the day
    advance(city(BEFORE, '16:00:00'));
    const early = hotline({
      acceptedAt: isoCity(BEFORE, '15:58:00'),
      appealType: '投诉',
      category: '城市管理>环境卫生',
      district: '市南区',
      address: '青岛市市南区香港中路50号',
      content: '香港中路50号小区门口垃圾桶满溢无人清运，异味很大，请城管部门处理。',
      citizen: { name: '赵敏', phone: '13511112222' },
      dueAt: `${DAY}T10:00:00+08:00`,
    });
    await feed('12345', early, '市南区');
    await server.settled();
    lateOrder = await orderOf(early.orderNo);
    // both its deadlines fall on the day: the first check is never owed after the order is due
    expect([lateOrder.firstCheckBy, lateOrder.dueBy]).toEqual([isoCity(DAY, '10:00:00'), isoCity(DAY, '10:00:00')]);

    // 07:50 on the day: the night shift (which began the day before) hands over
    advance(city(DAY, '07:50:00'));
    nightHandover = await ok<Handover>('duty', 'POST', '/api/handover', { notes: '夜班平稳，无遗留事项' });
    expect(nightHandover.shiftKey).toBe(`${BEFORE} 20:00-08:00`);
    await ok('admin', 'POST', `/api/handover/${nightHandover.id}/accept`);

    // 09:00: records of every channel
    advance(city(DAY, '09:00:30'));
    await feed(
      '110',
      police({
        alarmType: '群体性事件',
        summary: '约三十名游客因船票售罄在新疆路码头滞留，情绪激动',
        address: '市南区新疆路码头',
        district: '市南区',
      }),
      '市南区',
    );
    const urgent = hotline({
      acceptedAt: isoCity(DAY, '09:00:00'),
      urgency: '紧急',
      category: '市场监管>价格监管',
      district: '市北区',
      address: '青岛市市北区登州路56号',
      content: '登州路一家海鲜店按只计价，顾客与店主在店内争执不下，请尽快派人处理，联系电话13812345678。',
      citizen: { name: '张伟', phone: '13812345678' },
    });
    await feed('12345', urgent, '市北区');
    // the same citizen about the same noise three times: a repeat complaint
    for (let i = 0; i < 3; i++) {
      await feed(
        '12345',
        hotline({
          acceptedAt: isoCity(DAY, `09:0${i}:00`),
          category: '城市管理>噪音扰民',
          district: '李沧区',
          address: '青岛市李沧区书院路88号',
          content: '书院路88号一家KTV每晚营业到凌晨两点，噪音扰民，多次反映无果。',
          citizen: { name: '王芳', phone: '13900001111' },
        }),
        '李沧区',
      );
    }
    await feed(
      '12315',
      consumer({
        district: '崂山区',
        merchant: { name: '海韵健身(香港东路店)', address: '崂山区香港东路195号' },
        consumer: { name: '刘洋', phone: '13700002222' },
        content: '在该健身房办理年卡后教练频繁更换，课程无法预约，要求退还剩余费用。',
        amount: 800,
      }),
      '崂山区',
    );
    await feed(
      '12315',
      consumer({
        district: '城阳区',
        merchant: { name: '惠民家电(正阳路店)', address: '城阳区正阳路200号' },
        consumer: { name: '陈静', phone: '13600003333' },
        industry: '家电百货',
        content: '购买的冰箱使用三天就不制冷，商家拒绝退换。',
        amount: 2600,
      }),
      '城阳区',
    );
    await feed(
      'sentiment',
      post({
        text: '崂山区仰口一家海鲜酒家宰客！一盘大虾结账要了1800元，点菜时说38一份，结账变成按只算，太黑了，大家避雷！！',
        location: '崂山区',
        metrics: { reposts: 1500, comments: 320, likes: 8000 },
        topics: ['青岛旅游'],
      }),
      '崂山区',
    );
    await feed(
      'sentiment',
      post({ text: '黄岛区金沙滩今天风好大，海边散步的人还是很多，注意安全。', location: '黄岛区', metrics: { reposts: 2, comments: 5 } }),
      '黄岛区',
    );
    await server.settled();

    const raised = await ok<Alert[]>('duty', 'GET', '/api/alerts?limit=100');
    const bySeverity = (s: string) => raised.filter((a) => a.severity === s);
    expect(raised.map((a) => [a.severity, a.rule]).sort()).toEqual([
      ['general', 'repeat-complaint'],
      ['major', 'police-mass-incident'],
      ['urgent', 'viral-post'],
    ]);
    alerts.major = bySeverity('major')[0]!;
    alerts.urgent = bySeverity('urgent')[0]!;
    alerts.repeat = bySeverity('general')[0]!;
    urgentOrder = await orderOf(urgent.orderNo);
    expect(urgentOrder.departmentId).toBe('market');
    expect(urgentOrder.firstCheckBy).toBe(isoCity(DAY, '11:00:00'));

    // 09:05: two teams to the pier, 09:08 one to the viral post; their steps at known minutes
    advance(city(DAY, '09:05:00'));
    const two = (
      await ok<{ dispatches: Dispatch[] }>('duty', 'POST', `/api/alerts/${alerts.major.id}/dispatch`, {
        teamIds: ['shinan-1', 'huangdao-1'],
        note: '请立即到场疏导',
      })
    ).dispatches;
    const d1 = two.find((d) => d.teamId === 'shinan-1')!;
    const d2 = two.find((d) => d.teamId === 'huangdao-1')!;
    advance(city(DAY, '09:08:00'));
    const [d3] = (
      await ok<{ dispatches: Dispatch[] }>('duty', 'POST', `/api/alerts/${alerts.urgent.id}/dispatch`, {
        teamIds: ['shinan-1'],
      })
    ).dispatches;
    const c1 = Date.parse(d1.createdAt);
    const c2 = Date.parse(d2.createdAt);
    const c3 = Date.parse(d3!.createdAt);
    await teamStep('field-shinan', d1, 'ack', c1 + 4 * MIN);
    await teamStep('field-huangdao', d2, 'ack', c2 + 6 * MIN);
    await teamStep('field-shinan', d1, 'contacted', c1 + 9 * MIN);
    await teamStep('field-huangdao', d2, 'contacted', c2 + 12 * MIN);
    await teamStep('field-shinan', d3!, 'ack', c3 + 11 * MIN);
    await teamStep('field-shinan', d1, 'onsite', c1 + 17 * MIN);
    await teamStep('field-huangdao', d2, 'onsite', c2 + 25 * MIN);
    dispatches.push(
      { d: d1, ack: 4, onsite: 17, status: 'resolved' },
      { d: d2, ack: 6, onsite: 25, status: 'onsite' },
      { d: d3!, ack: 11, onsite: null, status: 'acknowledged' },
    );

    // 09:35 the leader's 批示; 09:36 the 首报 (due 30 minutes after the alert) is late
    advance(city(DAY, '09:35:00'));
    instruction = await ok<EventNote>('leader', 'POST', `/api/events/${alerts.major.eventId}/instructions`, { text: INSTRUCTION });
    advance(city(DAY, '09:36:00'));
    await server.app.get(InfoReportSweep).sweep();
    const reports = await ok<InfoReport[]>('duty', 'GET', '/api/info-reports');
    expect(reports.map((r) => r.alertId)).toEqual([alerts.major.id]);
    infoReport = reports[0]!;
    expect(infoReport.lateSteps).toEqual(['initial']);

    // the urgent order: signed, contacted before its 11:00 first check, replied, followed up, closed
    advance(city(DAY, '09:40:00'));
    await ok('dept-market', 'POST', `/api/orders/${urgentOrder.id}/sign`);
    advance(city(DAY, '09:45:00'));
    await ok('dept-market', 'POST', `/api/orders/${urgentOrder.id}/contact`, { note: '已电话联系诉求人' });
    advance(city(DAY, '09:50:00'));
    await ok('duty', 'POST', `/api/alerts/${alerts.repeat.id}/ack`);
    await teamStep('field-shinan', d1, 'resolve', c1 + 55 * MIN, '游客已疏导离开码头');
    advance(city(DAY, '10:20:00'));
    await ok('dept-market', 'POST', `/api/orders/${urgentOrder.id}/reply`, { result: '已解决', note: '已责令商户明码标价并退还差价' });

    // 10:30: the order of the day before is past its 10:00 deadline: the overdue-order rule
    advance(city(DAY, '10:30:00'));
    await server.app.get(RulesEngine).checkOverdue();
    await server.settled();
    const overdue = (await ok<Alert[]>('duty', 'GET', '/api/alerts?limit=100')).filter((a) => a.rule === 'overdue-order');
    expect(overdue.map((a) => [a.severity, a.eventId])).toEqual([['general', lateOrder.eventId]]);
    alerts.overdue = overdue[0]!;

    advance(city(DAY, '10:40:00'));
    await ok('duty', 'POST', `/api/orders/${urgentOrder.id}/followup`, { satisfaction: '满意', resolved: true, note: '电话回访' });
    advance(city(DAY, '10:45:00'));
    await ok('duty', 'POST', `/api/orders/${urgentOrder.id}/close`, { note: '销号' });
    advance(city(DAY, '11:30:00'));
    urgentResolvedAt = Date.now();
    await ok('duty', 'POST', `/api/alerts/${alerts.urgent.id}/resolve`, { note: '商户已整改，帖子已回应' });

    // 19:50 the day shift hands over; 20:05 another officer accepts
    advance(city(DAY, '19:50:00'));
    dayHandover = await ok<Handover>('duty', 'POST', '/api/handover', { notes: '码头滞留游客已疏导，继续关注' });
    expect(dayHandover.shiftKey).toBe(`${DAY} 08:00-20:00`);
    advance(city(DAY, '20:05:00'));
    await ok('admin', 'POST', `/api/handover/${dayHandover.id}/accept`);

    // the edges of the day: 23:59 counts, 00:01 the next day does not
    advance(city(DAY, '23:59:00'));
    await feed(
      '12345',
      hotline({
        category: '城市管理>噪音扰民',
        district: '即墨区',
        address: '青岛市即墨区鹤山路10号',
        content: '鹤山路一处工地深夜施工，噪音很大，无法入睡。',
        citizen: { name: '孙磊', phone: '13311114444' },
      }),
      '即墨区',
    );
    await server.settled();
    advance(city(AFTER, '00:01:00'));
    await feed(
      '12345',
      hotline({
        category: '城市管理>环境卫生',
        district: '胶州市',
        address: '胶州市扬州路20号',
        content: '扬州路20号门前污水外溢，请尽快疏通。',
        citizen: { name: '周强', phone: '13222225555' },
      }),
      '胶州市',
    );
    // and a major alert of the next day, with a dispatch 签收 after 2 minutes: none of it the day's
    await feed(
      '110',
      police({
        alarmType: '群体性事件',
        summary: '平度市人民路一工厂门口约五十名工人因工资纠纷滞留，情绪激动',
        address: '平度市人民路',
        district: '平度市',
      }),
      '平度市',
    );
    await server.settled();
    nextDayAlert = (await ok<Alert[]>('duty', 'GET', '/api/alerts?limit=100')).find((a) => a.district === '平度市')!;
    expect(nextDayAlert.severity).toBe('major');
    advance(city(AFTER, '00:02:00'));
    const [d4] = (
      await ok<{ dispatches: Dispatch[] }>('duty', 'POST', `/api/alerts/${nextDayAlert.id}/dispatch`, { teamIds: ['shinan-1'] })
    ).dispatches;
    await teamStep('field-shinan', d4!, 'ack', Date.parse(d4!.createdAt) + 2 * MIN);
    advance(city(AFTER, '00:05:00'));
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    realClock();
  });

  it('intake: the day’s records by channel, district and category; 23:59 counts, the next day’s 00:01 does not', async () => {
    const r = await daily(DAY);
    expect(r.period).toMatchObject({ kind: 'day', key: DAY, from: DAY, to: DAY, start: isoCity(DAY, '00:00:00') });
    expect(posted.day).toHaveLength(10);
    expect(r.intake.total).toBe(10);
    expect(r.intake.byChannel).toEqual([
      { key: '12345', label: '12345 热线', count: 5 },
      { key: '12315', label: '12315 消费投诉', count: 2 },
      { key: 'sentiment', label: '舆情', count: 2 },
      { key: '110', label: '110 警情', count: 1 },
    ]);
    expect(asMap(r.intake.byChannel)).toEqual(tally(posted.day.map((p) => p.channel)));
    expect(asMap(r.intake.byDistrict)).toEqual({ 李沧区: 3, 崂山区: 2, 市南区: 1, 市北区: 1, 城阳区: 1, 黄岛区: 1, 即墨区: 1 });
    expect(asMap(r.intake.byDistrict)).toEqual(tally(posted.day.map((p) => p.district)));
    // most first
    expect(r.intake.byDistrict.map((l) => l.count)).toEqual([...r.intake.byDistrict.map((l) => l.count)].sort((a, b) => b - a));

    // categories: the stored incidents received that day, counted here
    const start = city(DAY, '00:00:00');
    const incidents = (await ok<IncidentSummary[]>('duty', 'GET', '/api/incidents?limit=1000')).filter((i) => {
      const t = Date.parse(i.receivedAt);
      return t >= start && t < start + 86_400_000;
    });
    expect(incidents).toHaveLength(10);
    expect(asMap(r.intake.byCategory)).toEqual(tally(incidents.map((i) => i.category)));
    // the hotline's own categories are kept
    expect(asMap(r.intake.byCategory)['城市管理>噪音扰民']).toBe(4);

    // the days either side: the day before had its one order, the day after its 00:01 record
    const before = await daily(BEFORE);
    expect([before.intake.total, before.orders.received]).toEqual([posted.before, 1]);
    const after = await daily(AFTER);
    expect(posted.after).toBe(2);
    expect(after.intake.total).toBe(2);
    expect(asMap(after.intake.byDistrict)).toEqual({ 胶州市: 1, 平度市: 1 });
    expect(after.orders.received).toBe(1);
  });

  it('the next day has its own alert, dispatch and information report, and the day’s report still open', async () => {
    const after = await daily(AFTER);
    expect([after.alerts.total, after.alerts.bySeverity.major]).toEqual([1, 1]);
    expect(after.alerts.notable.map((a) => a.id)).toEqual([nextDayAlert.id]);
    expect(after.dispatches.total).toBe(1);
    expect(after.dispatches.ackMinutes).toEqual({ median: 2, mean: 2, count: 1 });
    expect(after.dispatches.list[0]!.alertId).toBe(nextDayAlert.id);
    // a report counts on every day it is open: the day's one (still open) and the next day's own
    expect(after.infoReports.map((i) => [i.id, i.lateSteps])).toEqual([
      [infoReport.id, ['initial']],
      [expect.any(String), []],
    ]);
    expect(after.infoReports[1]!.title).toBe(nextDayAlert.title);
    expect([after.instructions, after.handovers]).toEqual([[], []]);
  });

  it('alerts: by severity, by status as it stands, the urgent and major ones listed most severe first', async () => {
    const r = await daily(DAY);
    expect(r.alerts.total).toBe(4);
    expect(r.alerts.bySeverity).toEqual({ general: 2, urgent: 1, major: 1 });
    // the pier: dispatched; the viral post: resolved; the repeat: acknowledged; the overdue order: open
    expect(r.alerts.byStatus).toEqual({ open: 1, acknowledged: 1, dispatched: 1, resolved: 1 });
    expect(r.alerts.notable).toEqual([
      {
        id: alerts.major.id,
        severity: 'major',
        status: 'dispatched',
        title: alerts.major.title,
        district: '市南区',
        createdAt: alerts.major.createdAt,
        resolvedAt: null,
      },
      {
        id: alerts.urgent.id,
        severity: 'urgent',
        status: 'resolved',
        title: alerts.urgent.title,
        district: alerts.urgent.district,
        createdAt: alerts.urgent.createdAt,
        resolvedAt: expect.any(String),
      },
    ]);
    const resolvedAt = Date.parse(r.alerts.notable[1]!.resolvedAt!);
    expect(resolvedAt).toBeGreaterThanOrEqual(urgentResolvedAt);
    expect(resolvedAt - urgentResolvedAt).toBeLessThan(10_000);
    for (const a of Object.values(alerts)) expect(Date.parse(a.createdAt) >= city(DAY, '00:00:00')).toBe(true);
  });

  it('dispatches: each with its minutes to 签收 and 到场, and their median, mean and count', async () => {
    const r = await daily(DAY);
    expect(r.dispatches.total).toBe(3);
    // 签收 after 4, 6 and 11 minutes; 到场 after 17 and 25 (the third team never got there)
    expect(r.dispatches.ackMinutes).toEqual({ median: 6, mean: 7, count: 3 });
    expect(r.dispatches.onsiteMinutes).toEqual({ median: 21, mean: 21, count: 2 });
    const byId = new Map(r.dispatches.list.map((l) => [l.id, l]));
    expect([...byId.keys()].sort()).toEqual(dispatches.map((x) => x.d.id).sort());
    for (const x of dispatches) {
      expect(byId.get(x.d.id)).toEqual({
        id: x.d.id,
        alertId: x.d.alertId,
        teamId: x.d.teamId,
        teamName: TEAM_NAME[x.d.teamId],
        status: x.status,
        createdAt: x.d.createdAt,
        ackMinutes: x.ack,
        onsiteMinutes: x.onsite,
      });
    }
    // oldest first
    const created = r.dispatches.list.map((l) => Date.parse(l.createdAt));
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });

  it('orders: received that day, due that day and overdue, replied, closed, and the rates of the day’s orders', async () => {
    const r = await daily(DAY);
    // received: five 12345 orders and two 12315 complaints; due: the urgent order's first check
    // (done in time) and the order of the day before (due 10:00, never handled)
    expect({ ...r.orders, rates: undefined }).toEqual({ received: 7, due: 2, overdue: 1, replied: 1, closed: 1, rates: undefined });
    const rate = (k: keyof DailyReport['orders']['rates']) => [r.orders.rates[k].numerator, r.orders.rates[k].denominator];
    // only the urgent order is decided on anything yet: signed, contacted and replied in time, satisfied
    expect(rate('sign')).toEqual([1, 1]);
    expect(rate('firstCheck')).toEqual([1, 1]);
    expect(rate('onTime')).toEqual([1, 1]);
    expect(rate('satisfaction')).toEqual([1, 1]);
    expect(rate('resolution')).toEqual([1, 1]);
    expect(rate('untrue')).toEqual([0, 1]);
    expect(r.orders.rates.onTime.value).toBe(1);
    // the day before: its order's deadlines fell on the day, not on the day before
    expect((await daily(BEFORE)).orders).toMatchObject({ received: 1, due: 0, overdue: 0 });
  });

  it('instructions, handovers and information reports of the day', async () => {
    const r = await daily(DAY);
    expect(r.instructions).toEqual([
      {
        eventId: alerts.major.eventId,
        eventTitle: expect.any(String),
        actorName: '值班领导',
        text: INSTRUCTION_SHOWN,
        createdAt: instruction.createdAt,
      },
    ]);
    expect(r.instructions[0]!.eventTitle.length).toBeGreaterThan(0);
    // the day shift's handover; the night shift began the day before and is that day's
    expect(r.handovers).toEqual([
      {
        id: dayHandover.id,
        shiftKey: `${DAY} 08:00-20:00`,
        status: 'accepted',
        fromUser: 'duty',
        fromName: '值班员',
        handedAt: dayHandover.handedAt,
        toUser: 'admin',
        toName: '系统管理员',
        acceptedAt: expect.any(String),
      },
    ]);
    expect(Date.parse(r.handovers[0]!.acceptedAt!)).toBeGreaterThanOrEqual(city(DAY, '20:05:00'));
    expect((await daily(BEFORE)).handovers.map((h) => [h.id, h.shiftKey, h.status])).toEqual([
      [nightHandover.id, `${BEFORE} 20:00-08:00`, 'accepted'],
    ]);
    expect(r.infoReports).toEqual([{ id: infoReport.id, title: alerts.major.title, status: 'open', lateSteps: ['initial'] }]);
  });

  it('the summary says the key numbers', async () => {
    const r = await daily(DAY);
    for (const part of [
      '2026年12月9日',
      '共接收来件10件',
      '12345 热线5件',
      '产生预警4条（重大1条、紧急1条、一般2条），已办结1条',
      '派单3次，签收用时中位数6分钟',
      '新收工单7件，当日到期2件、超期1件，答复1件，办结1件',
      '领导批示1条',
      '信息报送1起',
      '交接班1次',
      '当日新收工单按时办结率100.0%',
    ]) {
      expect(r.summary).toContain(part);
    }
    // no citizen's number anywhere in the report (not inside an id: a UUID's last group can hold
    // eleven digits that look like one)
    expect(JSON.stringify(r)).not.toMatch(/(?<![0-9a-f-])1[3-9]\d{9}(?![0-9a-f])/i);
  });

  it('the workbook of the day, read back, says what the JSON says', async () => {
    const json = await daily(DAY);
    const res = await fetch(`${server.url}/api/reports/daily?date=${DAY}&format=xlsx`, {
      headers: { authorization: `Bearer ${tokens.duty}` },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);

    /** A sheet's rows under its header, as objects keyed by the Chinese headers. */
    const rows = (name: string): Array<Record<string, ExcelJS.CellValue>> => {
      const sheet = book.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}`);
      const header: string[] = [];
      sheet.getRow(1).eachCell((c, k) => (header[k] = String(c.value)));
      const out: Array<Record<string, ExcelJS.CellValue>> = [];
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        const o: Record<string, ExcelJS.CellValue> = {};
        header.forEach((h, k) => h && (o[h] = row.getCell(k).value));
        out.push(o);
      });
      return out;
    };
    // times are written as city wall-clock dates, to the second
    const cityDate = (iso: string | null) => (iso === null ? '—' : new Date(Math.floor((Date.parse(iso) + 8 * 3_600_000) / 1000) * 1000));
    const time = (v: ExcelJS.CellValue) => (v instanceof Date ? new Date(Math.round(v.getTime() / 1000) * 1000) : v);

    const summary = Object.fromEntries(rows('概况').map((r) => [r['项目'], r['数值']]));
    expect(summary).toMatchObject({
      受理来件: 10,
      预警: 4,
      '预警·重大': 1,
      '预警·紧急': 1,
      '预警·一般': 2,
      '预警·已办结': 1,
      派警: 3,
      '签收用时中位数（分钟）': 6,
      '签收用时平均（分钟）': 7,
      '到场用时中位数（分钟）': 21,
      '工单·受理': 7,
      '工单·应办结': 2,
      '工单·超期': 1,
      领导批示: 1,
      交接班: 1,
      信息报送: 1,
      摘要: json.summary,
    });

    expect(rows('受理渠道').map((r) => [r['渠道'], r['数量']])).toEqual(json.intake.byChannel.map((c) => [c.label, c.count]));
    expect(rows('区域').map((r) => [r['区域'], r['数量']])).toEqual(json.intake.byDistrict.map((c) => [c.label, c.count]));
    expect(rows('类别').map((r) => [r['类别'], r['数量']])).toEqual(json.intake.byCategory.map((c) => [c.label, c.count]));

    expect(rows('预警').map((r) => ({ ...r, 预警时间: time(r['预警时间']), 办结时间: time(r['办结时间']) }))).toEqual(
      json.alerts.notable.map((a) => ({
        等级: { major: '重大', urgent: '紧急', general: '一般' }[a.severity],
        状态: { open: '待处置', acknowledged: '已签收', dispatched: '已派单', resolved: '已办结' }[a.status],
        标题: a.title,
        区域: a.district,
        预警时间: cityDate(a.createdAt),
        办结时间: cityDate(a.resolvedAt),
        预警编号: a.id,
      })),
    );
    expect(rows('派警')).toEqual(
      json.dispatches.list.map((d) => ({
        队伍: d.teamName,
        状态: { resolved: '已办结', onsite: '已到场', acknowledged: '已签收' }[d.status],
        派警时间: expect.any(Date),
        '签收用时（分钟）': d.ackMinutes,
        '到场用时（分钟）': d.onsiteMinutes ?? '—',
        预警编号: d.alertId,
      })),
    );
    expect(rows('批示')).toEqual([
      { 事件: json.instructions[0]!.eventTitle, 批示人: '值班领导', 批示内容: INSTRUCTION_SHOWN, 批示时间: expect.any(Date) },
    ]);
    expect(rows('交接班').map((r) => [r['班次'], r['状态'], r['交班人'], r['接班人']])).toEqual([
      [`${DAY} 08:00-20:00`, '已接班', '值班员', '系统管理员'],
    ]);
    expect(rows('信息报送')).toEqual([{ 标题: alerts.major.title, 状态: '报送中', 迟报环节: '首报' }]);
  });
});
