// Work orders (CONTRACT §7): every 12345 and 12315 record becomes an order at its unit, with
// deadlines on the working-day calendar; the unit signs, contacts and replies; duty follows up,
// keeps the ledger and closes off. Department users see their unit's orders only.
import type { Order, OrderDetail } from '@jointduty/shared';
import { collect, connectLive, login, postFeed, request, startServer, waitFor, type LiveSocket, type TestServer } from '../support/harness';
import { consumer, hotline } from '../support/records';

describe('work orders', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const sockets: LiveSocket[] = [];

  const as = <T = any>(who: string, method: string, path: string, body?: unknown) =>
    request<T>(server, method, path, { token: tokens[who], body: body ?? (method === 'POST' ? {} : undefined) });
  const orderOf = async (externalId: string): Promise<Order> => {
    const list = await as<Order[]>('duty', 'GET', `/api/orders?q=${encodeURIComponent(externalId)}`);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    return list.body[0]!;
  };

  beforeAll(async () => {
    server = await startServer();
    for (const u of ['admin', 'duty', 'leader', 'dept-market', 'dept-city', 'field-shinan']) tokens[u] = await login(server, u);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  it('a 202 means the order exists, with deadlines on the working-day calendar', async () => {
    const ask = hotline({ appealType: '咨询', acceptedAt: '2026-02-12T10:00:00+08:00', content: '请问办理食品经营许可证需要哪些材料？' });
    const complain = hotline({ appealType: '投诉', acceptedAt: '2026-02-12T10:00:00+08:00' });
    const r = await postFeed(server, '12345', [ask, complain]);
    expect(r.status).toBe(202);
    const a = await orderOf(ask.orderNo);
    // Feb 14 is a working Saturday, Feb 15–23 are off
    expect(a.firstCheckBy).toBe('2026-02-13T15:59:59.999Z');
    expect(a.dueBy).toBe('2026-02-26T15:59:59.999Z');
    expect(a.kind).toBe('咨询');
    const c = await orderOf(complain.orderNo);
    expect(c.dueBy).toBe('2026-03-11T15:59:59.999Z');
    // long past: overdue on both deadlines, and shown so
    expect(c.overdue).toEqual({ firstCheck: true, due: true });
  });

  it('a 12315 complaint goes to the market unit of its district; a department user sees its unit only', async () => {
    const rec = consumer({ district: '市南区' });
    expect((await postFeed(server, '12315', rec)).status).toBe(202);
    const o = await orderOf(rec.regNo);
    expect(o.departmentId).toBe('market-shinan');
    expect(o.departmentName).toBe('市南区市场监管局');
    const mine = await as<Order[]>('dept-market', 'GET', '/api/orders?limit=500');
    expect(mine.body.map((x) => x.id)).toContain(o.id);
    expect(mine.body.every((x) => x.departmentId.startsWith('market'))).toBe(true);
    const theirs = await as('dept-city', 'GET', `/api/orders/${o.id}`);
    expect(theirs.status).toBe(404);
    expect((await as('dept-city', 'POST', `/api/orders/${o.id}/sign`)).status).toBe(404);
    for (const path of ['/api/alerts', '/api/incidents', '/api/audit', '/api/stats/overview']) {
      expect((await as('dept-market', 'GET', path)).status).toBe(403);
    }
  });

  it('a screen that asks not to be sent orders (the wall, the console) gets no order:new; a plain duty socket does', async () => {
    const plain = await connectLive(server, tokens.duty);
    const muted = await connectLive(server, tokens.duty, ['orders']);
    const unit = await connectLive(server, tokens['dept-market']);
    sockets.push(plain, muted, unit);
    const got = {
      plain: collect<Order>(plain, 'order:new'),
      muted: collect<Order>(muted, 'order:new'),
      unit: collect<Order>(unit, 'order:new'),
    };
    const mutedIncidents = collect<unknown[]>(muted, 'incidents');
    const rec = hotline({ category: '市场监管>计量监管', district: '市北区' });
    await postFeed(server, '12345', rec);
    await waitFor(() => got.plain.length > 0 && got.unit.length > 0 && mutedIncidents.length > 0, 5000, 'order:new and incidents');
    expect(got.plain.map((o) => o.externalId)).toContain(rec.orderNo);
    // the muted socket still has everything else (the incident stream here), but no order
    expect(got.muted).toEqual([]);
  });

  it('sign, contact, reply; unsatisfied → ledger → reopened → reply → satisfied → closed', async () => {
    const live = await connectLive(server, tokens['dept-market']);
    sockets.push(live);
    const updates = collect<Order>(live, 'order:update');
    const rec = hotline({ category: '市场监管>计量监管', district: '市北区' });
    await postFeed(server, '12345', rec);
    const o = await orderOf(rec.orderNo);
    expect(o.status).toBe('new');
    const step = (who: string, action: string, body: Record<string, unknown> = {}) =>
      as<Order & { error?: string; code?: string }>(who, 'POST', `/api/orders/${o.id}/${action}`, body);

    // out of order: 409 naming the step
    const early = await step('dept-market', 'reply', { result: '已解决', note: '已处理' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatch(/^reply:/);
    expect((await step('dept-market', 'followup', { satisfaction: '满意', resolved: true })).status).toBe(403);
    expect((await step('duty', 'followup', { satisfaction: '满意', resolved: true })).status).toBe(409);

    // two signs at once: one wins, both see the order signed
    const [s1, s2] = await Promise.all([step('dept-market', 'sign'), step('dept-market', 'sign')]);
    expect([s1.status, s2.status]).toEqual([200, 200]);
    expect(s1.body.status).toBe('signed');
    expect(s2.body.status).toBe('signed');
    expect((await step('dept-market', 'contact', { note: '已电话联系诉求人' })).body.contactedAt).not.toBeNull();
    const bad = await step('dept-market', 'reply', { result: '办好了', note: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/result/);
    expect((await step('dept-market', 'reply', { result: '已解决', note: '已责令商户整改，退还差价' })).body.status).toBe('replied');

    const unhappy = await step('duty', 'followup', { satisfaction: '不满意', resolved: false, note: '诉求人称未退款' });
    expect(unhappy.status).toBe(200);
    expect(unhappy.body.ledger).toBe(true);
    expect(unhappy.body.status).toBe('signed');
    expect(unhappy.body.reopened).toBe(1);
    expect((await as<Order[]>('duty', 'GET', '/api/orders?ledger=true')).body.map((x) => x.id)).toContain(o.id);
    // closing off needs a satisfied follow-up of a new reply
    expect((await step('duty', 'close')).status).toBe(409);
    await step('dept-market', 'reply', { result: '已解决', note: '已退款' });
    expect((await step('duty', 'close')).body.code).toBe('order.followup_required');
    await step('duty', 'followup', { satisfaction: '满意', resolved: true });
    const closed = await step('duty', 'close', { note: '销号' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');

    const detail = await as<OrderDetail>('duty', 'GET', `/api/orders/${o.id}`);
    expect(detail.body.incident.citizen.phone).toBe('13812345678');
    expect(detail.body.steps.map((s) => s.action)).toEqual(
      expect.arrayContaining(['create', 'sign', 'contact', 'reply', 'followup', 'reopen', 'close']),
    );
    await waitFor(() => updates.some((u) => u.id === o.id && u.status === 'closed'), 3000, 'order:update closed');
    const audit = await as<any[]>('admin', 'GET', `/api/audit?targetId=${o.id}`);
    expect(audit.body.some((e: any) => e.action === 'order.close' && e.detail.before.status === 'replied')).toBe(true);
  });

  it('extension: approved moves the deadline, refused does not; return and reassign', async () => {
    const rec = hotline({ category: '市场监管>价格监管', district: '市南区' });
    await postFeed(server, '12345', rec);
    const o = await orderOf(rec.orderNo);
    const step = (who: string, action: string, body: Record<string, unknown> = {}) =>
      as<Order & { error?: string }>(who, 'POST', `/api/orders/${o.id}/${action}`, body);
    await step('dept-market', 'sign');
    expect((await step('dept-market', 'extend', { workingDays: 0, reason: '需要检测' })).status).toBe(400);
    expect((await step('dept-market', 'extend', { workingDays: 31, reason: '需要检测' })).status).toBe(400);
    await step('dept-market', 'extend', { workingDays: 5, reason: '需要送检' });
    expect((await step('dept-market', 'extend', { workingDays: 5, reason: '再次' })).status).toBe(409);
    const refused = await step('duty', 'extension', { approve: false });
    expect(refused.body.dueBy).toBe(o.dueBy);
    await step('dept-market', 'extend', { workingDays: 5, reason: '需要送检' });
    const approved = await step('duty', 'extension', { approve: true });
    expect(Date.parse(approved.body.dueBy)).toBeGreaterThan(Date.parse(o.dueBy) + 5 * 86_400_000);
    expect(approved.body.extension?.decision).toBe('approved');

    const returned = await step('dept-market', 'return', { reason: '不属于本单位职责' });
    expect(returned.body.status).toBe('returned');
    expect((await as<Order[]>('duty', 'GET', '/api/orders?status=returned')).body.map((x) => x.id)).toContain(o.id);
    const moved = await step('duty', 'assign', { departmentId: 'city-management-shinan' });
    expect(moved.body.status).toBe('new');
    expect(moved.body.departmentName).toBe('市南区城市管理局');
    expect((await as('dept-market', 'GET', `/api/orders/${o.id}`)).status).toBe(404);
    expect((await as('dept-city', 'GET', `/api/orders/${o.id}`)).status).toBe(200);
    expect((await step('duty', 'assign', { departmentId: 'nowhere' })).status).toBe(400);
  });

  it('reminders fire once per level and deadline, to the unit', async () => {
    const live = await connectLive(server, tokens['dept-city']);
    sockets.push(live);
    const reminders = collect<{ order: Order; reminder: { level: string } }>(live, 'order:reminder');
    const rec = hotline({
      urgency: '紧急',
      content: '小区门口井盖缺失，有人险些掉落，请城管尽快处理。',
      district: '市南区',
      category: '城市管理>市政设施',
    });
    await postFeed(server, '12345', rec);
    const o = await orderOf(rec.orderNo);
    expect(o.urgent).toBe(true);
    expect(o.departmentId).toBe('city-management-shinan');
    await waitFor(() => reminders.filter((r) => r.order.id === o.id).length >= 2, 5000, 'reminders');
    const detail = await as<OrderDetail>('duty', 'GET', `/api/orders/${o.id}`);
    const levels = detail.body.reminders.map((r) => `${r.deadline}:${r.level}`).sort();
    expect(new Set(levels).size).toBe(levels.length);
    expect(levels).toEqual(expect.arrayContaining(['firstCheck:phone', 'due:group', 'due:platform']));
    // counted for operations
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/jointduty_order_reminders_total\{level="phone"\} [1-9]/);
    expect(metrics).toMatch(/jointduty_orders_created_total [1-9]/);
  });
});
