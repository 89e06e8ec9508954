// Who may call what (CONTRACT §5), and a dispatch reaching the right phone and only it.
import { HANDOVER_NOTES_MAX, type Alert, type Dispatch, type DispatchNotice } from '@jointduty/shared';
import { collect, connectLive, login, postFeed, request, startServer, waitFor, type LiveSocket, type TestServer } from '../support/harness';
import { hotline, police } from '../support/records';
import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';

type Who = 'admin' | 'duty' | 'leader' | 'field' | 'department' | 'none' | 'forged';
const USERS: Record<Exclude<Who, 'none' | 'forged'>, string> = {
  admin: 'admin',
  duty: 'duty',
  leader: 'leader',
  field: 'field-shinan',
  department: 'dept-market',
};

describe('authorization and dispatch', () => {
  let server: TestServer;
  const tokens: Partial<Record<Who, string>> = {};
  let alert: Alert;
  let incidentId: string;
  let orderId: string;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    server = await startServer();
    for (const [who, username] of Object.entries(USERS)) tokens[who as Who] = await login(server, username);
    // a token signed with another secret
    tokens.forged = tokens.duty!.split('.').slice(0, 2).join('.') + '.c2lnbmF0dXJlLW9mLWFub3RoZXIta2V5';
    await postFeed(server, '12345', hotline());
    await postFeed(server, '110', police({ alarmType: '群体性事件', address: '市南区太平路栈桥' }));
    await server.settled();
    alert = (await request<Alert[]>(server, 'GET', '/api/alerts', { token: tokens.duty })).body[0]!;
    incidentId = (await request<Array<{ id: string }>>(server, 'GET', '/api/incidents', { token: tokens.duty })).body[0]!.id;
    // the hotline record's order is at a market unit: dept-market's
    orderId = (await request<Array<{ id: string }>>(server, 'GET', '/api/orders', { token: tokens.duty })).body[0]!.id;
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
  });

  const staff: Who[] = ['admin', 'duty', 'leader'];
  const NONE = '00000000-0000-0000-0000-000000000000';
  const routes: Array<{ method: string; path: () => string; allowed: Who[]; body?: unknown }> = [
    { method: 'GET', path: () => '/api/alerts', allowed: staff },
    { method: 'GET', path: () => `/api/alerts/${alert.id}`, allowed: staff },
    { method: 'GET', path: () => `/api/alerts/${alert.id}/cap`, allowed: staff },
    { method: 'POST', path: () => `/api/alerts/${alert.id}/ack`, allowed: staff },
    { method: 'GET', path: () => '/api/incidents', allowed: staff },
    { method: 'GET', path: () => `/api/incidents/${incidentId}`, allowed: ['admin', 'duty'] },
    { method: 'GET', path: () => `/api/events/${alert.eventId}`, allowed: staff },
    { method: 'POST', path: () => `/api/events/${alert.eventId}/read`, allowed: ['admin', 'leader'] },
    // an empty instruction is refused as a bad request, after the role check
    { method: 'POST', path: () => `/api/events/${alert.eventId}/instructions`, allowed: ['admin', 'leader'], body: {} },
    { method: 'GET', path: () => '/api/events?scope=leader', allowed: staff },
    { method: 'GET', path: () => `/api/alerts/${alert.id}/history`, allowed: staff },
    { method: 'GET', path: () => '/api/taxonomy', allowed: staff },
    { method: 'GET', path: () => '/api/map', allowed: ['admin', 'duty', 'leader', 'field', 'department'] },
    // an unknown category and a move nowhere are refused as bad requests, after the role check
    { method: 'POST', path: () => `/api/incidents/${incidentId}/reclassify`, allowed: ['admin', 'duty'], body: { category: '' } },
    { method: 'POST', path: () => `/api/incidents/${incidentId}/move`, allowed: ['admin', 'duty'], body: {} },
    { method: 'GET', path: () => '/api/stats/overview', allowed: staff },
    { method: 'GET', path: () => '/api/stats/series', allowed: staff },
    { method: 'GET', path: () => '/api/teams', allowed: ['admin', 'duty', 'leader', 'field', 'department'] },
    { method: 'GET', path: () => '/api/dispatches', allowed: ['admin', 'duty', 'leader', 'field'] },
    { method: 'GET', path: () => '/api/audit', allowed: ['admin'] },
    { method: 'GET', path: () => '/api/silences', allowed: staff },
    // an empty silence is refused as a bad request, after the role check
    { method: 'POST', path: () => '/api/silences', allowed: ['admin', 'duty'], body: {} },
    { method: 'DELETE', path: () => '/api/silences/00000000-0000-0000-0000-000000000000', allowed: ['admin', 'duty'] },
    { method: 'GET', path: () => '/api/profiles', allowed: staff },
    { method: 'GET', path: () => '/api/pipeline/quarantine', allowed: ['admin', 'duty'] },
    // nothing is quarantined: not found, after the role check
    { method: 'POST', path: () => `/api/pipeline/quarantine/${incidentId}/release`, allowed: ['admin', 'duty'] },
    { method: 'PUT', path: () => '/api/profiles/active', allowed: ['admin', 'duty'], body: { id: 'no-such-profile' } },
    { method: 'POST', path: () => '/api/dispatches/00000000-0000-0000-0000-000000000000/ack', allowed: ['field'] },
    // a dispatch to no team and a resolve without a note are refused as bad requests, after the role check
    { method: 'POST', path: () => `/api/alerts/${alert.id}/dispatch`, allowed: staff, body: { teamIds: [] } },
    { method: 'POST', path: () => `/api/alerts/${alert.id}/resolve`, allowed: staff, body: {} },
    // work orders (CONTRACT §7): department users their unit's, duty all, leaders read
    { method: 'GET', path: () => '/api/orders', allowed: [...staff, 'department'] },
    { method: 'GET', path: () => '/api/orders/figures', allowed: staff },
    { method: 'GET', path: () => '/api/orders/departments', allowed: [...staff, 'department'] },
    { method: 'GET', path: () => `/api/orders/${orderId}`, allowed: [...staff, 'department'] },
    // a unit's step by duty and a duty step by the unit are refused by role inside the route
    { method: 'POST', path: () => `/api/orders/${orderId}/remind`, allowed: ['admin', 'duty'], body: {} },
    { method: 'POST', path: () => `/api/incidents/${incidentId}/order`, allowed: ['admin', 'duty'], body: { departmentId: 'nowhere' } },
    { method: 'GET', path: () => '/api/orders/export?format=csv', allowed: ['admin', 'duty'] },
    // reports, information reports, the handover and the duty log (CONTRACT §8, §10)
    { method: 'GET', path: () => '/api/reports/daily', allowed: staff },
    { method: 'GET', path: () => '/api/reports/weekly?week=2026-W49', allowed: staff },
    { method: 'GET', path: () => '/api/reports/monthly?month=2026-11', allowed: staff },
    { method: 'GET', path: () => '/api/reports/snapshots', allowed: staff },
    { method: 'GET', path: () => `/api/reports/snapshots/${NONE}`, allowed: staff },
    { method: 'GET', path: () => '/api/info-reports', allowed: staff },
    { method: 'GET', path: () => `/api/info-reports/${NONE}`, allowed: staff },
    { method: 'POST', path: () => `/api/info-reports/${NONE}/initial`, allowed: ['admin', 'duty'], body: { text: '首报' } },
    { method: 'GET', path: () => '/api/handover/draft', allowed: ['admin', 'duty'] },
    // notes over the limit: refused as a bad request after the role check, so nothing is handed over
    { method: 'POST', path: () => '/api/handover', allowed: ['admin', 'duty'], body: { notes: 'x'.repeat(HANDOVER_NOTES_MAX + 1) } },
    { method: 'POST', path: () => `/api/handover/${NONE}/accept`, allowed: ['admin', 'duty'] },
    { method: 'GET', path: () => '/api/handover', allowed: staff },
    { method: 'GET', path: () => `/api/handover/${NONE}`, allowed: staff },
    { method: 'GET', path: () => '/api/duty/state', allowed: staff },
    { method: 'GET', path: () => '/api/duty-log', allowed: staff },
    { method: 'POST', path: () => `/api/events/${NONE}/instructions/${NONE}/done`, allowed: ['admin', 'duty'] },
  ];
  const everyone: Who[] = ['admin', 'duty', 'leader', 'field', 'department', 'none', 'forged'];

  it.each(routes.flatMap((r) => everyone.map((who) => [`${r.method} ${r.path.toString().slice(7, 60)}`, who, r] as const)))(
    '%s as %s',
    async (_name, who, r) => {
      const res = await request(server, r.method, r.path(), { token: tokens[who], body: r.body ?? (r.method === 'POST' ? {} : undefined) });
      if (who === 'none' || who === 'forged') expect(res.status).toBe(401);
      else if (!r.allowed.includes(who)) expect(res.status).toBe(403);
      else expect([401, 403]).not.toContain(res.status);
      expect(typeof res.body === 'string' || res.status < 400 || typeof res.body.error === 'string').toBe(true);
    },
  );

  // routes that take no bearer token by design (CONTRACT §2, §5)
  const open = new Set(['POST /api/feeds/:channel', 'POST /api/auth/login', 'GET /api/health', 'GET /metrics']);

  it('covers every route the server serves: a new route cannot skip this matrix', () => {
    const served: string[] = [];
    for (const mod of server.app.get(ModulesContainer).values()) {
      for (const wrapper of mod.controllers.values()) {
        const type = wrapper.metatype as (new (...a: never[]) => unknown) | null;
        if (!type) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
        for (const name of Object.getOwnPropertyNames(type.prototype)) {
          const fn = (type.prototype as Record<string, unknown>)[name];
          if (typeof fn !== 'function' || name === 'constructor') continue;
          const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
          const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
          if (method === undefined || sub === undefined) continue;
          const full = `/${[base, sub]
            .map((x) => x.replace(/^\/+|\/+$/g, ''))
            .filter(Boolean)
            .join('/')}`;
          served.push(`${RequestMethod[method]} ${full}`);
        }
      }
    }
    expect(served.length).toBeGreaterThan(20);
    const missing = served.filter((route) => {
      if (open.has(route)) return false;
      const [method, pattern] = route.split(' ') as [string, string];
      const re = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}(\\?.*)?$`);
      return !routes.some((r) => r.method === method && re.test(r.path()));
    });
    expect(missing).toEqual([]);
  });

  it('answers health and login without a token; wrong passwords get 401', async () => {
    expect((await request(server, 'GET', '/api/health')).status).toBe(200);
    expect((await request(server, 'POST', '/api/auth/login', { body: { username: 'duty', password: 'wrong' } })).status).toBe(401);
    expect((await request(server, 'POST', '/api/auth/login', { body: { username: 'nobody', password: 'jointduty' } })).status).toBe(401);
    expect((await request(server, 'POST', '/api/auth/login', { body: { username: ['duty'], password: 1 } })).status).toBe(400);
    const ok = await request(server, 'POST', '/api/auth/login', { body: { username: 'field-huangdao', password: 'jointduty' } });
    expect(ok.body.user).toEqual({ username: 'field-huangdao', role: 'field', teamId: 'huangdao-1' });
  });

  it('sends a dispatch to the chosen team only, and records each response step', async () => {
    const shinanToken = tokens.field!;
    const huangdaoToken = await login(server, 'field-huangdao');
    const shinan = await connectLive(server, shinanToken);
    const huangdao = await connectLive(server, huangdaoToken);
    const duty = await connectLive(server, tokens.duty!);
    sockets.push(shinan, huangdao, duty);
    const shinanGot = collect<DispatchNotice>(shinan, 'dispatch:new');
    const huangdaoGot = collect<DispatchNotice>(huangdao, 'dispatch:new');
    const updates = collect<Alert>(duty, 'alert:update');

    const sent = await request(server, 'POST', `/api/alerts/${alert.id}/dispatch`, {
      token: tokens.duty,
      body: { teamIds: ['shinan-1'], note: '请立即到场' },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.alert.status).toBe('dispatched');
    await waitFor(() => shinanGot.length === 1, 3000, 'dispatch:new');
    expect(shinanGot[0]).toMatchObject({ alert: { id: alert.id }, note: '请立即到场' });
    const dispatchId = shinanGot[0]!.dispatchId;

    // unknown teams are refused by name
    const bad = await request(server, 'POST', `/api/alerts/${alert.id}/dispatch`, {
      token: tokens.duty,
      body: { teamIds: ['atlantis-9'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/teamIds: unknown team atlantis-9/);

    // another team can neither see nor touch it
    const theirs = await request<Dispatch[]>(server, 'GET', '/api/dispatches', { token: huangdaoToken });
    expect(theirs.body).toEqual([]);
    expect((await request(server, 'POST', `/api/dispatches/${dispatchId}/ack`, { token: huangdaoToken, body: {} })).status).toBe(404);

    const mine = await request<Dispatch[]>(server, 'GET', '/api/dispatches', { token: shinanToken });
    expect(mine.body.map((d) => d.id)).toEqual([dispatchId]);
    expect(mine.body[0]!.alert?.id).toBe(alert.id);

    for (const step of ['ack', 'contacted', 'onsite', 'resolve']) {
      const r = await request<Dispatch>(server, 'POST', `/api/dispatches/${dispatchId}/${step}`, {
        token: shinanToken,
        body: step === 'resolve' ? { note: '已退款，现场秩序恢复' } : {},
      });
      expect(r.status).toBe(200);
    }
    const done = (await request<Dispatch[]>(server, 'GET', '/api/dispatches', { token: shinanToken })).body[0]!;
    expect(done.status).toBe('resolved');
    expect(done.resultNote).toBe('已退款，现场秩序恢复');
    for (const at of [done.ackedAt, done.contactedAt, done.onsiteAt, done.resolvedAt]) expect(at).toBeTruthy();
    // no going back: a step already recorded, sent again (a phone replaying its queue), changes nothing
    const again = await request<Dispatch>(server, 'POST', `/api/dispatches/${dispatchId}/ack`, { token: shinanToken, body: {} });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'resolved', resolvedAt: done.resolvedAt, ackedAt: done.ackedAt });

    await waitFor(
      () => updates.filter((u) => u.id === alert.id && u.dispatches?.[0]?.status === 'resolved').length > 0,
      3000,
      'alert:update with progress',
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(huangdaoGot).toHaveLength(0);
  });

  it('exports an alert as CAP 1.2 XML', async () => {
    const r = await request(server, 'GET', `/api/alerts/${alert.id}/cap`, { token: tokens.duty });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/cap\+xml/);
    expect(r.body).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
    expect(r.body).toContain('<severity>Extreme</severity>');
  });
});
