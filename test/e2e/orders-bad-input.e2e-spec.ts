// Work orders under bad input (CONTRACT §7): every step's body is checked and the answer names
// the field; steps out of order, other units' orders, unknown ids and actions, and roles that may
// not are refused; and a refused step stores nothing: the order and its steps stay as they were.
import { randomUUID } from 'node:crypto';
import type { IncidentSummary, Order, OrderDetail } from '@jointduty/shared';
import { OrderReminderSweep } from '@jointduty/server/orders/order-reminders.service';
import { login, postFeed, request, startServer, type Answer, type TestServer } from '../support/harness';
import { hotline, police } from '../support/records';

type Who = 'admin' | 'duty' | 'leader' | 'dept-market' | 'dept-city' | 'field-shinan';
type ErrorBody = { code: string; error: string };

describe('work orders: bad input', () => {
  let server: TestServer;
  const tokens: Partial<Record<Who, string>> = {};
  // orders of 市场监管局 in each status, and one with an extension request waiting
  const o: Record<'fresh' | 'signed' | 'replied' | 'closed' | 'returned' | 'extending', Order> = {} as never;
  let citizen = 0;

  const as = <T = ErrorBody>(who: Who | null, method: string, path: string, opts: { body?: unknown; raw?: string } = {}) =>
    request<T>(server, method, path, { token: who ? tokens[who] : undefined, ...opts });
  const step = <T = ErrorBody>(who: Who, id: string, action: string, body: unknown = {}) =>
    as<T>(who, 'POST', `/api/orders/${id}/${action}`, { body });
  const ok = async (who: Who, id: string, action: string, body: unknown = {}) => {
    const r = await step<Order>(who, id, action, body);
    expect(r.status).toBe(200);
    return r.body;
  };

  /** Market orders for fresh 12345 complaints, each from a citizen of its own (no repeat complaints). */
  async function open(n: number): Promise<Order[]> {
    const records = Array.from({ length: n }, () =>
      hotline({
        category: '市场监管>价格监管',
        district: '市北区',
        citizen: { name: '王女士', phone: `1390000${String(++citizen).padStart(4, '0')}` },
        content: `台东步行街一家商店标价与结算价不一致，多收了${citizen}元，要求退还。`,
      }),
    );
    expect((await postFeed(server, '12345', records)).status).toBe(202);
    await server.settled();
    // the reminders due at intake are fired now, before the orders are looked at
    await server.app.get(OrderReminderSweep).sweep();
    const out: Order[] = [];
    for (const r of records) {
      const list = await as<Order[]>('duty', 'GET', `/api/orders?q=${encodeURIComponent(r.orderNo)}`);
      expect(list.body).toHaveLength(1);
      out.push(list.body[0]!);
    }
    return out;
  }

  /** The order as duty reads it, without the colour hints (reckoned at the time of reading). */
  async function detail(id: string): Promise<Omit<OrderDetail, 'hints'>> {
    const r = await as<OrderDetail>('duty', 'GET', `/api/orders/${id}`);
    expect(r.status).toBe(200);
    const rest: Omit<OrderDetail, 'hints'> & { hints?: unknown } = { ...r.body };
    delete rest.hints;
    return rest;
  }

  /** Runs a refused request: its status and error, and the order with its steps unchanged after it. */
  async function refused(id: string, send: () => Promise<Answer<ErrorBody>>, status: number, error: RegExp, code?: string) {
    const before = await detail(id);
    const r = await send();
    expect({ status: r.status, error: r.body?.error }).toEqual({ status, error: expect.stringMatching(error) });
    if (code) expect(r.body.code).toBe(code);
    expect(await detail(id)).toEqual(before);
    return r;
  }

  beforeAll(async () => {
    server = await startServer();
    for (const u of ['admin', 'duty', 'leader', 'dept-market', 'dept-city', 'field-shinan'] as const) tokens[u] = await login(server, u);
    [o.fresh, o.signed, o.replied, o.closed, o.returned, o.extending] = await open(6);
    for (const x of [o.signed, o.replied, o.closed, o.returned, o.extending]) await ok('dept-market', x.id, 'sign');
    for (const x of [o.replied, o.closed]) {
      await ok('dept-market', x.id, 'contact', { note: '已电话联系诉求人' });
      await ok('dept-market', x.id, 'reply', { result: '已解决', note: '已责令商户退还差价' });
    }
    await ok('duty', o.closed.id, 'close', { note: '办结' });
    await ok('dept-market', o.returned.id, 'return', { reason: '不属于本单位职责' });
    await ok('dept-market', o.extending.id, 'extend', { workingDays: 5, reason: '需要送检' });
  });
  afterAll(async () => {
    await server?.close();
  });

  const long = (n: number) => '长'.repeat(n);

  // [who, order, action, body, the field the answer names]
  const BODIES: Array<[Who, keyof typeof o, string, unknown, RegExp]> = [
    // every step: fields it does not know, a body that is not an object
    ...(
      [
        ['dept-market', 'fresh', 'sign', {}],
        ['dept-market', 'signed', 'contact', { note: '已联系' }],
        ['dept-market', 'signed', 'reply', { result: '已解决', note: '已处理' }],
        ['dept-market', 'signed', 'extend', { workingDays: 3, reason: '需要送检' }],
        ['dept-market', 'signed', 'return', { reason: '不属于本单位' }],
        ['duty', 'signed', 'assign', { departmentId: 'city-management' }],
        ['duty', 'signed', 'remind', { note: '请尽快办理' }],
        ['duty', 'extending', 'extension', { approve: true }],
        ['duty', 'replied', 'followup', { satisfaction: '满意', resolved: true }],
        ['duty', 'replied', 'close', {}],
      ] as Array<[Who, keyof typeof o, string, Record<string, unknown>]>
    ).flatMap(([who, order, action, body]): Array<[Who, keyof typeof o, string, unknown, RegExp]> => [
      [who, order, action, { ...body, status: 'closed' }, /"status"/],
      [who, order, action, { ...body, dueBy: '2099-01-01T00:00:00Z', by: 'admin' }, /"dueBy".*"by"/],
      [who, order, action, [body], /^body: /],
      [who, order, action, 'sign', /^body: /],
      [who, order, action, 42, /^body: /],
    ]),
    // notes and reasons: their types, lengths, blanks and characters
    ['dept-market', 'fresh', 'sign', { note: long(2001) }, /^note: .*2000/],
    ['dept-market', 'fresh', 'sign', { note: 5 }, /^note: /],
    ['dept-market', 'fresh', 'sign', { note: '已签收\u0007' }, /^note: .*control/],
    ['dept-market', 'signed', 'contact', {}, /^note: /],
    ['dept-market', 'signed', 'contact', { note: '' }, /^note: /],
    ['dept-market', 'signed', 'contact', { note: '  \n\t ' }, /^note: must not be blank/],
    ['dept-market', 'signed', 'contact', { note: null }, /^note: /],
    ['dept-market', 'signed', 'contact', { note: long(2001) }, /^note: .*2000/],
    ['dept-market', 'signed', 'contact', { note: ['已联系'] }, /^note: /],
    ['dept-market', 'signed', 'reply', { result: '办好了', note: '已处理' }, /^result: .*已解决/],
    ['dept-market', 'signed', 'reply', { result: 1, note: '已处理' }, /^result: /],
    ['dept-market', 'signed', 'reply', { note: '已处理' }, /^result: /],
    ['dept-market', 'signed', 'reply', { result: '已解决', note: ' ' }, /^note: must not be blank/],
    ['dept-market', 'signed', 'reply', { result: '已解决', note: long(2001) }, /^note: /],
    ['dept-market', 'signed', 'extend', { workingDays: 0, reason: '需要送检' }, /^workingDays: /],
    ['dept-market', 'signed', 'extend', { workingDays: -3, reason: '需要送检' }, /^workingDays: /],
    ['dept-market', 'signed', 'extend', { workingDays: 2.5, reason: '需要送检' }, /^workingDays: .*whole/],
    ['dept-market', 'signed', 'extend', { workingDays: '5', reason: '需要送检' }, /^workingDays: /],
    ['dept-market', 'signed', 'extend', { workingDays: 31, reason: '需要送检' }, /^workingDays: .*30/],
    ['dept-market', 'signed', 'extend', { workingDays: 1e9, reason: '需要送检' }, /^workingDays: .*30/],
    ['dept-market', 'signed', 'extend', { reason: '需要送检' }, /^workingDays: /],
    ['dept-market', 'signed', 'extend', { workingDays: 5, reason: long(501) }, /^reason: .*500/],
    ['dept-market', 'signed', 'extend', { workingDays: 5, reason: '   ' }, /^reason: must not be blank/],
    ['dept-market', 'signed', 'return', {}, /^reason: /],
    ['dept-market', 'signed', 'return', { reason: '' }, /^reason: /],
    ['dept-market', 'signed', 'return', { reason: long(501) }, /^reason: .*500/],
    ['duty', 'signed', 'assign', {}, /^departmentId: /],
    ['duty', 'signed', 'assign', { departmentId: 7 }, /^departmentId: /],
    ['duty', 'signed', 'assign', { departmentId: 'nowhere' }, /^departmentId: nowhere/],
    ['duty', 'signed', 'assign', { departmentId: 'x'.repeat(65) }, /^departmentId: /],
    ['duty', 'signed', 'assign', { departmentId: 'city-management', note: long(2001) }, /^note: /],
    ['duty', 'signed', 'remind', {}, /^note: /],
    ['duty', 'signed', 'remind', { note: ' ' }, /^note: must not be blank/],
    ['duty', 'signed', 'remind', { note: long(2001) }, /^note: /],
    ['duty', 'extending', 'extension', {}, /^approve: /],
    ['duty', 'extending', 'extension', { approve: 'yes' }, /^approve: .*true or false/],
    ['duty', 'extending', 'extension', { approve: 1 }, /^approve: /],
    ['duty', 'extending', 'extension', { approve: true, note: long(2001) }, /^note: /],
    ['duty', 'replied', 'followup', { satisfaction: '很好', resolved: true }, /^satisfaction: .*满意/],
    ['duty', 'replied', 'followup', { satisfaction: '满意' }, /^resolved: /],
    ['duty', 'replied', 'followup', { satisfaction: '满意', resolved: 'true' }, /^resolved: .*true or false/],
    ['duty', 'replied', 'followup', { resolved: true }, /^satisfaction: /],
    ['duty', 'replied', 'followup', { satisfaction: '满意', resolved: true, note: long(2001) }, /^note: /],
    ['duty', 'replied', 'close', { note: long(2001) }, /^note: /],
    ['duty', 'replied', 'close', { note: false }, /^note: /],
  ];

  it.each(BODIES)('%s %s/%s %j: 400 naming the field, nothing stored', async (who, order, action, body, field) => {
    await refused(o[order].id, () => step(who, o[order].id, action, body), 400, field);
  });

  it('a body that is not JSON, or not UTF-8, is refused before anything is read', async () => {
    const id = o.signed.id;
    const raw = (raw: string, type = 'application/json') =>
      request<ErrorBody>(server, 'POST', `/api/orders/${id}/contact`, {
        token: tokens['dept-market'],
        raw,
        headers: { 'content-type': type },
      });
    await refused(id, () => raw('{"note": "已联系"'), 400, /^body: not JSON/, 'request.malformed');
    // a form is not JSON: refused by its type (CONTRACT §11), before its body is read
    await refused(
      id,
      () => raw('note=已联系', 'application/x-www-form-urlencoded'),
      415,
      /^Content-Type: /,
      'request.unsupported_media_type',
    );
    await refused(id, () => raw('{"note":"已联系"}', 'application/json; charset=gbk'), 415, /charset/, 'request.unsupported_media_type');
  });

  it('the longest notes and reasons are taken whole', async () => {
    const [x] = await open(1);
    await ok('dept-market', x!.id, 'sign', { note: long(2000) });
    await ok('dept-market', x!.id, 'extend', { workingDays: 30, reason: long(500) });
    await ok('dept-market', x!.id, 'return', { reason: '退'.repeat(500) });
    const steps = (await detail(x!.id)).steps.filter((s) => s.by === 'dept-market');
    expect(steps.map((s) => [s.action, s.note?.length])).toEqual([
      ['sign', 2000],
      ['extend', 500],
      ['return', 500],
    ]);
  });

  it('markup is kept as text: stored and answered as sent, never interpreted', async () => {
    const [x] = await open(1);
    const markup = `<script>alert("x")</script><img src=x onerror=alert(1)> & <b>'粗体'</b> {{ 1 + 1 }}`;
    await ok('dept-market', x!.id, 'sign', { note: markup });
    const remind = await request(server, 'POST', `/api/orders/${x!.id}/remind`, { token: tokens.duty, body: { note: markup } });
    expect(remind.status).toBe(200);
    expect(remind.headers.get('content-type')).toMatch(/^application\/json/);
    const d = await detail(x!.id);
    expect(d.steps.filter((s) => s.action === 'sign' || s.action === 'remind').map((s) => s.note)).toEqual([markup, markup]);
    expect(d.reminders.find((r) => r.level === 'manual')?.note).toBe(markup);
    const raw = await fetch(`${server.url}/api/orders/${x!.id}`, { headers: { authorization: `Bearer ${tokens.duty}` } });
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await raw.text()).toContain(JSON.stringify(markup).slice(1, -1));
  });

  it('a manual reminder names the deadline still owed first, with that deadline’s time', async () => {
    const [x] = await open(1);
    await ok('duty', x!.id, 'remind', { note: '请尽快联系诉求人' });
    await ok('dept-market', x!.id, 'sign');
    await ok('dept-market', x!.id, 'contact', { note: '已联系' });
    await ok('duty', x!.id, 'remind', { note: '请按期答复' });
    const manual = (await detail(x!.id)).reminders.filter((r) => r.level === 'manual');
    expect(manual.map((r) => [r.deadline, r.deadlineAt])).toEqual([
      ['firstCheck', x!.firstCheckBy],
      ['due', x!.dueBy],
    ]);
  });

  it.each([
    ['dept-market', 'replied', 'sign', {}, /^sign: /],
    ['dept-market', 'closed', 'sign', {}, /^sign: /],
    ['dept-market', 'returned', 'sign', {}, /^sign: /],
    ['dept-market', 'fresh', 'contact', { note: '已联系' }, /^contact: .*sign it first/],
    ['dept-market', 'fresh', 'reply', { result: '已解决', note: '已处理' }, /^reply: .*sign it first/],
    ['dept-market', 'replied', 'reply', { result: '已解决', note: '再次答复' }, /^reply: /],
    ['dept-market', 'fresh', 'extend', { workingDays: 5, reason: '需要送检' }, /^extend: /],
    ['dept-market', 'extending', 'extend', { workingDays: 5, reason: '再次申请' }, /^extend: .*already waits/],
    ['dept-market', 'replied', 'return', { reason: '不属于本单位' }, /^return: /],
    ['duty', 'closed', 'assign', { departmentId: 'city-management' }, /^assign: /],
    ['duty', 'signed', 'assign', { departmentId: 'market' }, /^assign: .*already at/],
    ['duty', 'closed', 'remind', { note: '请办理' }, /^remind: /],
    ['duty', 'signed', 'extension', { approve: true }, /^extension: /],
    ['duty', 'fresh', 'followup', { satisfaction: '满意', resolved: true }, /^followup: .*not replied/],
    ['duty', 'signed', 'followup', { satisfaction: '不满意', resolved: false }, /^followup: .*not replied/],
    ['duty', 'closed', 'followup', { satisfaction: '满意', resolved: true }, /^followup: /],
    ['duty', 'signed', 'close', {}, /^close: /],
    ['duty', 'closed', 'close', {}, /^close: .*closed before/],
  ] as Array<[Who, keyof typeof o, string, object, RegExp]>)(
    '%s %s/%s out of order: 409 naming the step, nothing stored',
    async (who, order, action, body, named) => {
      await refused(o[order].id, () => step(who, o[order].id, action, body), 409, named);
    },
  );

  it("another unit's order is answered exactly like a missing one", async () => {
    const missing = randomUUID();
    const theirs = await refused(o.signed.id, () => step('dept-city', o.signed.id, 'contact', { note: '已联系' }), 404, /not found/);
    const none = await step('dept-city', missing, 'contact', { note: '已联系' });
    expect(none.status).toBe(404);
    expect(theirs.body).toEqual({ ...none.body, error: none.body.error.replace(missing, o.signed.id) });
    const read = await as('dept-city', 'GET', `/api/orders/${o.signed.id}`);
    const readNone = await as('dept-city', 'GET', `/api/orders/${missing}`);
    expect([read.status, readNone.status]).toEqual([404, 404]);
    expect(read.body).toEqual({ ...readNone.body, error: readNone.body.error.replace(missing, o.signed.id) });
    // and never in its lists, whatever it asks
    const list = await as<Order[]>('dept-city', 'GET', `/api/orders?department=market&limit=500`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);
  });

  it.each(['not-an-id!', 'x'.repeat(65), '..', 'a b', '%00'])('a malformed id (%j) is a 404', async (id) => {
    const path = encodeURIComponent(id);
    for (const r of [
      await as('duty', 'GET', `/api/orders/${path}`),
      await step('dept-market', path, 'sign'),
      await step('duty', path, 'remind', { note: '请办理' }),
    ]) {
      expect(r.status).toBe(404);
    }
  });

  it('an unknown action is a 404 naming it, for every role that acts', async () => {
    for (const who of ['dept-market', 'duty', 'admin'] as const) {
      await refused(o.signed.id, () => step(who, o.signed.id, 'approve', {}), 404, /^action approve: /, 'order.unknown_action');
    }
    expect((await step('duty', randomUUID(), 'delete')).status).toBe(404);
  });

  it('each step belongs to its role: 403 otherwise, nothing stored', async () => {
    const cases: Array<[Who, keyof typeof o, string, object]> = [
      ['duty', 'fresh', 'sign', {}],
      ['admin', 'signed', 'reply', { result: '已解决', note: '已处理' }],
      ['dept-market', 'signed', 'assign', { departmentId: 'city-management' }],
      ['dept-market', 'signed', 'remind', { note: '自己催自己' }],
      ['dept-market', 'extending', 'extension', { approve: true }],
      ['dept-market', 'replied', 'followup', { satisfaction: '满意', resolved: true }],
      ['dept-market', 'replied', 'close', {}],
      ['leader', 'signed', 'remind', { note: '请办理' }],
      ['field-shinan', 'fresh', 'sign', {}],
    ];
    for (const [who, order, action, body] of cases) {
      await refused(o[order].id, () => step(who, o[order].id, action, body), 403, /./, 'auth.forbidden');
    }
  });

  it('a department user may not read alerts, incidents, events, audit or stats; a field user no orders', async () => {
    for (const path of [
      '/api/alerts',
      '/api/incidents',
      '/api/events',
      '/api/audit',
      '/api/stats/overview',
      '/api/stats/series',
      '/api/orders/figures',
    ]) {
      expect([path, (await as('dept-market', 'GET', path)).status]).toEqual([path, 403]);
    }
    for (const path of ['/api/orders', `/api/orders/${o.fresh.id}`, '/api/orders/figures']) {
      expect([path, (await as('field-shinan', 'GET', path)).status]).toEqual([path, 403]);
    }
    await refused(o.fresh.id, () => as('field-shinan', 'POST', `/api/incidents/${o.fresh.incidentId}/order`, { body: {} }), 403, /./);
  });

  it('no token, or a forged one: 401 on every orders call', async () => {
    const calls: Array<[string, string]> = [
      ['GET', '/api/orders'],
      ['GET', `/api/orders/${o.fresh.id}`],
      ['GET', '/api/orders/figures'],
      ['POST', `/api/orders/${o.fresh.id}/sign`],
      ['POST', `/api/incidents/${o.fresh.incidentId}/order`],
    ];
    for (const [method, path] of calls) {
      expect((await as(null, method, path, { body: method === 'POST' ? {} : undefined })).status).toBe(401);
      const forged = await request(server, method, path, {
        token: `${tokens['dept-market']!.slice(0, -4)}AAAA`,
        body: method === 'POST' ? {} : undefined,
      });
      expect(forged.status).toBe(401);
    }
    expect(await detail(o.fresh.id)).toMatchObject({ status: 'new', signedAt: null });
  });

  it('opening an order by hand checks its body, its unit and that the record has none yet', async () => {
    const record = police({ alarmType: '纠纷', summary: `报警人称商铺门口有人争吵 ${randomUUID().slice(0, 8)}` });
    await postFeed(server, '110', record);
    await server.settled();
    const incidents = await as<IncidentSummary[]>('duty', 'GET', '/api/incidents?limit=100');
    const incident = incidents.body.find((i) => i.externalId === record.caseNo)!;
    const path = `/api/incidents/${incident.id}/order`;
    for (const [body, field] of [
      [{ departmentId: 'nowhere' }, /^departmentId: /],
      [{ note: long(2001) }, /^note: /],
      [{ assignee: 'x' }, /"assignee"/],
      [[], /^body: /],
    ] as const) {
      const r = await as('duty', 'POST', path, { body });
      expect({ status: r.status, error: r.body.error }).toEqual({ status: 400, error: expect.stringMatching(field) });
    }
    expect((await as<Order[]>('duty', 'GET', `/api/orders?q=${encodeURIComponent(record.caseNo)}`)).body).toEqual([]);
    expect((await as('duty', 'POST', path, { body: { departmentId: 'market', note: '<b>转市场监管</b>' } })).status).toBe(201);
    const again = await as('duty', 'POST', path, { body: {} });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('order.exists');
    expect((await as('duty', 'POST', `/api/incidents/${randomUUID()}/order`, { body: {} })).status).toBe(404);
    expect((await as('duty', 'POST', `/api/incidents/${o.fresh.incidentId}/order`, { body: {} })).body.code).toBe('order.exists');
  });

  it.each([
    ['status=bogus', /^status/],
    ['status=new,bogus', /^status/],
    ['status=new&status=signed', /^status/],
    ['due=tomorrow', /^due: .*today/],
    ['ledger=yes', /^ledger: /],
    ['extension=approved', /^extension: /],
    ['sort=oldest', /^sort: /],
    ['limit=0', /^limit: .*500/],
    ['limit=501', /^limit: .*500/],
    ['limit=ten', /^limit: /],
    ['limit=-1', /^limit: /],
    ['cursor=abc', /^cursor: /],
    ['cursor=1_%2F..%2F', /^cursor: /],
    [`cursor=${'9'.repeat(17)}_abc`, /^cursor: /],
    [`cursor=${'a'.repeat(201)}`, /^cursor: /],
    ['q=' + 'x'.repeat(101), /^q: /],
    ['page=2', /"page"/],
  ])('GET /api/orders?%s: 400 naming the field', async (query, field) => {
    const r = await as('duty', 'GET', `/api/orders?${query}`);
    expect({ status: r.status, code: r.body.code, error: r.body.error }).toEqual({
      status: 400,
      code: 'request.invalid_query',
      error: expect.stringMatching(field),
    });
  });

  describe('paging by the x-next-cursor header', () => {
    async function pages(who: Who, query: string, limit: number): Promise<{ ids: string[]; pages: number }> {
      const ids: string[] = [];
      let cursor: string | null = null;
      let n = 0;
      do {
        const r: Answer<Order[]> = await as<Order[]>(who, 'GET', `/api/orders?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        expect(r.body.length).toBeLessThanOrEqual(limit);
        ids.push(...r.body.map((x) => x.id));
        cursor = r.headers.get('x-next-cursor');
        n++;
        expect(n).toBeLessThan(200);
      } while (cursor);
      return { ids, pages: n };
    }

    beforeAll(async () => {
      // orders made in one batch share their creation time: the pages break ties by id
      await open(9);
    });

    it.each([
      ['dept-market', 'sort=newest'],
      ['duty', 'sort=newest'],
      ['duty', 'sort=deadline'],
      ['duty', 'sort=deadline&status=new,signed'],
      ['leader', 'status=new'],
      ['dept-market', 'sort=deadline'],
    ] as Array<[Who, string]>)('%s ?%s: every order exactly once, in the order of one long page', async (who, query) => {
      const all = await as<Order[]>(who, 'GET', `/api/orders?${query}&limit=500`);
      expect(all.headers.get('x-next-cursor')).toBeNull();
      expect(all.body.length).toBeGreaterThan(6);
      for (const limit of [1, 2, 5]) {
        const paged = await pages(who, query, limit);
        expect(paged.ids).toEqual(all.body.map((x) => x.id));
        expect(new Set(paged.ids).size).toBe(paged.ids.length);
        // a full last page carries no cursor: no empty page after it
        expect(paged.pages).toBe(Math.ceil(all.body.length / limit));
      }
    });

    it('one page holding every order carries no cursor', async () => {
      const all = (await as<Order[]>('duty', 'GET', '/api/orders?limit=500')).body;
      const r = await as<Order[]>('duty', 'GET', `/api/orders?limit=${all.length}`);
      expect(r.body).toHaveLength(all.length);
      expect(r.headers.get('x-next-cursor')).toBeNull();
    });
  });
});
