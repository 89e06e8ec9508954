// /reports in real headless Chromium against the real server: three months of work orders driven
// through the API with the server's clock, then duty reads the November ranking (the units, the
// city average, the 约谈 units marked red, the charts drawn), the weekly bulletin and today's daily
// report, downloads the Excel file, and prints the monthly report to an A4 PDF.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { Order } from '@jointduty/shared';
import type { Locator, Page } from 'playwright-core';
import { OrderReminderSweep } from '@jointduty/server/orders/order-reminders.service';
import { realClock, setClock } from '../support/clock';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { consumer, hotline } from '../support/records';
import { artifactPath, SEEN_WITHIN, signIn, uniqueTag, useBrowser } from '../support/browser';

const { newPage } = useBrowser();
const DAY = 86_400_000;

let server: TestServer;
const tokens: Record<string, string> = {};
const relogin = async () => {
  for (const u of ['duty', 'dept-market', 'dept-city']) tokens[u] = await login(server, u);
};
const as = <T = any>(who: string, method: string, path: string, body?: unknown) =>
  request<T>(server, method, path, { token: tokens[who], body: body ?? (method === 'POST' ? {} : undefined) });
const step = async (who: string, id: string, action: string, body: Record<string, unknown> = {}) => {
  const r = await as<Order>(who, 'POST', `/api/orders/${id}/${action}`, body);
  expect([r.status, action]).toEqual([200, action]);
};

/**
 * One month's orders, received on `start` (city time, a working day): the market unit handles its
 * three on time and satisfies; the city-management unit signs two, answers one on time and lets
 * the rest run over; nobody signs the transport order. 25 days on, the sweep
 * marks what ran over.
 */
async function seedMonth(start: string): Promise<void> {
  setClock(start);
  await relogin();
  const tag = uniqueTag('RP');
  const market = [1, 2, 3].map((i) =>
    hotline({ category: '市场监管>计量监管', district: '市南区', content: `${tag} 中山路${i}号水果店电子秤缺斤短两，要求查处。` }),
  );
  const city = [1, 2, 3].map((i) =>
    hotline({ category: '城市管理>市政设施', district: '市南区', content: `${tag} 南京路${i}号小区门口井盖缺失，夜间通行危险。` }),
  );
  const taxi = hotline({ category: '交通运输>出租车', district: '市南区', content: `${tag} 火车站出租车拒载，要求交通部门处理。` });
  expect((await postFeed(server, '12345', [...market, ...city, taxi])).status).toBe(202);
  await server.settled();
  const list = (await as<Order[]>('duty', 'GET', '/api/orders?limit=500')).body;
  const id = (no: string) => {
    const o = list.find((x) => x.externalId === no);
    if (!o) throw new Error(`no order ${no}`);
    return o.id;
  };
  for (const r of market) {
    await step('dept-market', id(r.orderNo), 'sign');
    await step('dept-market', id(r.orderNo), 'contact', { note: '已电话联系诉求人' });
    await step('dept-market', id(r.orderNo), 'reply', { result: '已解决', note: '已责令商户整改' });
    await step('duty', id(r.orderNo), 'followup', { satisfaction: '满意', resolved: true });
  }
  await step('dept-city', id(city[0]!.orderNo), 'sign');
  await step('dept-city', id(city[0]!.orderNo), 'contact', { note: '已联系' });
  await step('dept-city', id(city[0]!.orderNo), 'reply', { result: '部分解决', note: '已设置警示' });
  await step('duty', id(city[0]!.orderNo), 'followup', { satisfaction: '基本满意', resolved: true });
  await step('dept-city', id(city[1]!.orderNo), 'sign');
  setClock(Date.parse(start) + 25 * DAY);
  await server.app.get(OrderReminderSweep).sweep();
}

beforeAll(async () => {
  setClock('2026-09-08T09:00:00+08:00');
  server = await startServer();
  await seedMonth('2026-09-08T09:00:00+08:00');
  await seedMonth('2026-10-13T09:00:00+08:00');
  await seedMonth('2026-11-03T09:00:00+08:00');
  realClock();
  // today's intake, for the daily report
  const tag = uniqueTag('RD');
  const today = [
    hotline({ category: '市场监管>计量监管', district: '市南区', content: `${tag} 台东步行街商贩缺斤短两。` }),
    hotline({ content: `${tag} 啤酒街大排档海鲜缺斤短两。` }),
  ];
  expect((await postFeed(server, '12345', today)).status).toBe(202);
  expect((await postFeed(server, '12315', consumer())).status).toBe(202);
  await server.settled();
}, 240_000);

afterAll(async () => {
  realClock();
  await server?.close();
});

/** Whether a chart's canvas has anything drawn on it (a few non-blank pixels). */
async function drawn(chart: Locator): Promise<boolean> {
  return chart
    .locator('canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) return false;
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4 * 7) if (data[i]! > 0) ink++;
      return ink > 50;
    });
}

async function expectDrawn(page: Page, name: string): Promise<void> {
  const chart = page.locator(`.report-chart[data-chart="${name}"]`);
  await chart.locator('canvas').first().waitFor({ timeout: SEEN_WITHIN });
  expect([
    name,
    await eventually(
      () => drawn(chart),
      (v) => v,
    ),
  ]).toEqual([name, true]);
}

/** Asks until `read` gives `want` or the time is up; the last answer is what is judged. */
async function eventually<T>(read: () => Promise<T>, want: (v: T) => boolean, timeoutMs = SEEN_WITHIN): Promise<T> {
  const until = Date.now() + timeoutMs;
  let v = await read();
  while (!want(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

const rowOf = (page: Page, unit: string) => page.locator('.ranking-table tbody tr', { has: page.locator('td.unit', { hasText: unit }) });

describe('reports on /reports', () => {
  it('duty reads the ranking, the weekly bulletin and the daily report, downloads Excel and prints the month to A4', async () => {
    const { page, problems } = await newPage({ width: 1440, height: 900 });
    const failed: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) failed.push(`${new URL(res.url()).pathname} → ${res.status()}`);
    });
    await signIn(page, server.url, 'duty');

    // a link with the month opens that month; the console-style pages' navigation leads there
    await page.goto(`${server.url}/reports?month=2026-11`);
    await page.locator('.ranking-table').waitFor({ timeout: SEEN_WITHIN });
    expect(await page.locator('.app-header nav a[href="/reports"].router-link-active').innerText()).toBe('统计报表');
    expect(await page.locator('.report-title').innerText()).toBe('工单办理月度考核排名');
    expect(await page.locator('.period-label').innerText()).toContain('2026年11月');
    expect(await page.locator('.tab.kind-month').getAttribute('aria-selected')).toBe('true');

    // the market unit first, all on time; the city-management unit and transport below, on the 约谈 list
    const market = rowOf(page, '市场监管');
    const city = rowOf(page, '城市管理');
    const taxi = rowOf(page, '交通运输');
    expect(await market.locator('td.rank').innerText()).toBe('1');
    expect(await market.locator('td').nth(5).innerText()).toContain('100.0%');
    expect(await city.locator('td').nth(5).innerText()).toContain('33.3%');
    expect(await city.locator('td').nth(5).locator('.rate').getAttribute('title')).toContain('1/3');
    for (const unit of [city, taxi]) {
      expect(await unit.getAttribute('class')).toContain('call-in');
      expect(await unit.locator('.call-in-tag').innerText()).toBe('约谈');
      expect(await unit.locator('td.unit').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(198, 40, 40)');
    }
    const average = page.locator('.ranking-table tr.city-row');
    expect(await average.innerText()).toContain('全市平均');
    expect(await average.locator('td').nth(2).innerText()).toBe('7');
    // the market unit handled 9 of 9 on time, city management 3 of 9, transport none of 3: both
    // below the city's 12 of 21 each month, on time; three months each, with the city's values beside
    expect(await page.locator('.call-in-table tbody tr').count()).toBe(6);
    expect(await page.locator('.call-in-table').innerText()).toContain('2026-09');
    for (const name of ['trend', 'categories', 'scores']) await expectDrawn(page, name);
    await page.screenshot({ path: artifactPath('reports-monthly-1440x900.png'), fullPage: true });

    // the Excel file, saved under the server's Chinese name
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.download-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('考核排名-2026-11.xlsx');
    const saved = artifactPath('reports-monthly.xlsx');
    await download.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');

    // printed: A4, the app's header and the buttons gone, the charts across the page
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('.report-toolbar').isVisible()).toBe(false);
    const trendWidth = () =>
      page
        .locator('.report-chart[data-chart="trend"] canvas')
        .first()
        .evaluate((c) => Math.round(c.getBoundingClientRect().width));
    expect(await eventually(trendWidth, (w) => w === 687)).toBe(687);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdfPath = artifactPath('reports-monthly.pdf');
    fs.writeFileSync(pdfPath, pdf);
    // page 1 as a picture to look at, where poppler is installed (.ci/run installs it)
    if (spawnSync('pdftoppm', ['-v']).error === undefined) {
      const r = spawnSync('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdfPath,
        artifactPath('reports-monthly-1'),
      ]);
      expect(r.status).toBe(0);
      expect(fs.existsSync(artifactPath('reports-monthly-1.png'))).toBe(true);
    }

    // the weekly bulletin: this week first, then the week the November orders fell due
    await page.locator('.tab.kind-week').click();
    await page.waitForURL(/week=\d{4}-W\d{2}/);
    await page.locator('.report-title', { hasText: '工单超期办理周通报' }).waitFor({ timeout: SEEN_WITHIN });
    await page.locator('select[name="week"]').selectOption('2026-W48');
    await page.waitForURL(/week=2026-W48/);
    await page.locator('.overdue-table').waitFor({ timeout: SEEN_WITHIN });
    const cityLine = page.locator('.unit-table tbody tr').first();
    expect(await cityLine.innerText()).toMatch(/城市管理|交通运输/);
    expect(await page.locator('.overdue-table tbody tr').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: artifactPath('reports-weekly-1440x900.png'), fullPage: true });

    // today's daily report: the intake charts drawn
    await page.locator('.tab.kind-day').click();
    await page.waitForURL(/date=\d{4}-\d{2}-\d{2}/);
    await page.locator('.report-title', { hasText: '值班日报' }).waitFor({ timeout: SEEN_WITHIN });
    await page.locator('.daily-report').waitFor({ timeout: SEEN_WITHIN });
    for (const name of ['channels', 'districts', 'categories']) await expectDrawn(page, name);
    await page.screenshot({ path: artifactPath('reports-daily-1440x900.png'), fullPage: true });

    // a period with nothing in it says so; a quarter has no Word file
    await page.goto(`${server.url}/reports?quarter=2025-Q1`);
    await page.locator('.state.empty', { hasText: '该时段无数据' }).waitFor({ timeout: SEEN_WITHIN });
    expect(await page.locator('.download-docx').count()).toBe(0);

    expect({ errors: problems.errors, csp: problems.cspViolations, failed }).toEqual({ errors: [], csp: [], failed: [] });
  });

  it('on a tablet the ranking fits, and an impossible month is refused in words', async () => {
    const { page } = await newPage({ width: 1024, height: 768 });
    await signIn(page, server.url, 'leader');
    await page.goto(`${server.url}/reports?month=2026-11`);
    await page.locator('.ranking-table').waitFor({ timeout: SEEN_WITHIN });
    // the table is not cut: no sideways scroll on the page
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: artifactPath('reports-monthly-1024x768.png'), fullPage: true });

    await page.goto(`${server.url}/reports?month=2026-13`);
    await page.locator('.state.failed .error-text', { hasText: '统计时段不存在或格式有误' }).waitFor({ timeout: SEEN_WITHIN });
  });
});
