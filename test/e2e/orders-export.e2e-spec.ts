// The order export (CONTRACT §8, GET /api/orders/export): the list or the ledger with the list's
// filters as a spreadsheet, every matching order, titles masked, for admin and duty only, audited.
import ExcelJS from 'exceljs';
import type { Order } from '@jointduty/shared';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { consumer, hotline } from '../support/records';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('order export', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const ids: string[] = [];
  let ledgerOrder: Order;

  const as = <T = any>(who: string, method: string, path: string, body?: unknown) =>
    request<T>(server, method, path, { token: tokens[who], body: body ?? (method === 'POST' ? {} : undefined) });
  /** The answer as bytes (the harness reads text). */
  const download = async (who: string, path: string) => {
    const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${tokens[who]}` } });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };
  const workbook = async (buf: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    return wb;
  };
  const table = (ws: ExcelJS.Worksheet) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { header: rows[0] as string[], rows: rows.slice(1) };
  };
  /** Every order the list holds for a query, page by page. */
  const listAll = async (query: string) => {
    const all: Order[] = [];
    let cursor = '';
    for (;;) {
      const page = await as<Order[]>('duty', 'GET', `/api/orders?limit=500${query}${cursor}`);
      all.push(...page.body);
      const next = page.headers.get('x-next-cursor');
      if (!next) return all;
      cursor = `&cursor=${next}`;
    }
  };

  beforeAll(async () => {
    server = await startServer();
    for (const u of ['admin', 'duty', 'leader', 'dept-market']) tokens[u] = await login(server, u);
    // more than one page of the list's default 50
    const records = Array.from({ length: 70 }, (_, i) => hotline({ title: `第${i}号诉求 烧烤油烟扰民`, district: '市南区' }));
    records.push(
      hotline({
        orderNo: 'GD-MASK-1',
        title: '商户拒不退款 联系人13812345678 <script>&',
        category: '市场监管>价格监管',
        district: '市北区',
      }),
    );
    expect((await postFeed(server, '12345', records)).status).toBe(202);
    expect((await postFeed(server, '12315', consumer({ district: '市南区' }))).status).toBe(202);
    ids.push(...records.map((r) => r.orderNo));

    // one order on the ledger: replied, the citizen not satisfied
    ledgerOrder = (await as<Order[]>('duty', 'GET', '/api/orders?q=GD-MASK-1')).body[0]!;
    const step = (who: string, action: string, body: Record<string, unknown> = {}) =>
      as(who, 'POST', `/api/orders/${ledgerOrder.id}/${action}`, body);
    expect(ledgerOrder.departmentId).toMatch(/^market/);
    expect((await step('dept-market', 'sign')).status).toBe(200);
    expect((await step('dept-market', 'reply', { result: '已解决', note: '已退款' })).status).toBe(200);
    expect((await step('duty', 'followup', { satisfaction: '不满意', resolved: false })).body.ledger).toBe(true);
  });
  afterAll(async () => {
    await server.close();
  });

  it('duty exports every matching order as .xlsx: Chinese headers, frozen, masked titles, city times', async () => {
    const all = await listAll('');
    expect(all.length).toBeGreaterThanOrEqual(72);
    const r = await download('duty', '/api/orders/export');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX);
    expect(r.headers.get('content-disposition')).toMatch(
      /^attachment; filename="orders-\d{8}\.xlsx"; filename\*=UTF-8''%E5%B7%A5%E5%8D%95-\d{8}\.xlsx$/,
    );
    const wb = await workbook(r.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['工单']);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const { header, rows } = table(ws);
    expect(header.slice(0, 12)).toEqual([
      '工单编号',
      '渠道',
      '诉求类型',
      '标题',
      '承办单位',
      '区域',
      '类别',
      '状态',
      '紧急',
      '受理时间',
      '初查期限',
      '办理期限',
    ]);
    expect(header).toEqual(expect.arrayContaining(['签收时间', '答复时间', '结果', '初查超期', '办理超期', '台账']));
    // every order, not one page
    expect(rows).toHaveLength(all.length);
    expect(new Set(rows.map((x) => x[0]))).toEqual(new Set(all.map((o) => o.externalId)));
    expect(rows.map((x) => x[0])).toEqual(expect.arrayContaining(ids));

    const col = (h: string) => header.indexOf(h);
    const masked = rows.find((x) => x[0] === 'GD-MASK-1')!;
    expect(masked[col('标题')]).toBe('商户拒不退款 联系人138****5678 <script>&');
    expect(JSON.stringify(rows)).not.toContain('13812345678');
    // reopened from the ledger: in hand again, its earlier reply's result cleared
    const listed = all.find((o) => o.externalId === 'GD-MASK-1')!;
    expect([listed.status, listed.result, listed.ledger]).toEqual(['signed', null, true]);
    expect(masked[col('状态')]).toBe('办理中');
    expect(masked[col('结果')]).toBe('');
    expect(masked[col('台账')]).toBe('是');
    // the same citizen's many complaints put it on the ledger as a repeat before the follow-up did
    expect(masked[col('台账原因')]).toBe({ repeat: '重复投诉', unsatisfied: '回访不满意', unresolved: '未解决' }[listed.ledgerReason!]);
    expect(masked[col('回访')]).toBe('不满意');
    expect(masked[col('渠道')]).toBe('12345 热线');
    // the time a sheet shows is the city's: the order's ISO instant plus eight hours
    const created = masked[col('受理时间')] as Date;
    expect(created).toBeInstanceOf(Date);
    expect(created.getTime()).toBe(Math.floor((Date.parse(listed.createdAt) + 8 * 3_600_000) / 1000) * 1000);
    expect(ws.getRow(2).getCell(col('受理时间') + 1).numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('filters apply as in the list: the ledger, a status, a unit, words of the title', async () => {
    const ledger = await download('duty', '/api/orders/export?ledger=true');
    expect(ledger.status).toBe(200);
    expect(ledger.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('工单台账')}`);
    const lw = await workbook(ledger.body);
    expect(lw.worksheets[0]!.name).toBe('台账');
    const l = table(lw.worksheets[0]!);
    expect(l.rows.map((x) => x[0])).toEqual((await listAll('&ledger=true')).map((o) => o.externalId));
    expect(l.rows.map((x) => x[0])).toContain('GD-MASK-1');

    const words = table(
      (await workbook((await download('duty', `/api/orders/export?q=${encodeURIComponent('烧烤油烟')}`)).body)).worksheets[0]!,
    );
    expect(words.rows).toHaveLength(70);

    const market = await listAll('&department=market');
    expect(market.length).toBeGreaterThan(0);
    const byUnit = table(
      (await workbook((await download('admin', '/api/orders/export?department=market&status=new,signed')).body)).worksheets[0]!,
    );
    expect(byUnit.rows.map((x) => x[0]).sort()).toEqual(
      market
        .filter((o) => o.status === 'new' || o.status === 'signed')
        .map((o) => o.externalId)
        .sort(),
    );
  });

  it('?format=csv: UTF-8 with a byte order mark for Excel, the same rows', async () => {
    const r = await download('duty', `/api/orders/export?format=csv&q=GD-MASK-1`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(/filename="orders-\d{8}\.csv"/);
    expect([...r.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = r.body.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split(',').slice(0, 4)).toEqual(['工单编号', '渠道', '诉求类型', '标题']);
    expect(lines[1]).toMatch(/^GD-MASK-1,12345 热线,投诉,商户拒不退款 联系人138\*\*\*\*5678 <script>&,/);
  });

  it('only admin and duty may export; bad filters are a 400 naming them; each export is audited', async () => {
    expect((await download('leader', '/api/orders/export')).status).toBe(403);
    expect((await download('dept-market', '/api/orders/export')).status).toBe(403);
    const bad = await as('duty', 'GET', '/api/orders/export?format=pdf');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^format:/);
    const badStatus = await as('duty', 'GET', '/api/orders/export?status=lost');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.error).toMatch(/^status/);

    expect((await download('admin', '/api/orders/export?ledger=true&format=csv')).status).toBe(200);
    const audit = await as<any[]>('admin', 'GET', '/api/audit?action=order.export&actor=admin');
    expect(audit.status).toBe(200);
    const entry = audit.body.find((e) => e.detail?.format === 'csv');
    expect(entry).toBeDefined();
    expect(entry.detail.filters).toEqual({ ledger: true });
    expect(entry.detail.count).toBe((await listAll('&ledger=true')).length);
  });
});
