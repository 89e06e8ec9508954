// Browser journeys in real headless Chromium against the real server (in-process, fresh SQLite),
// serving the built web app (web/dist, rebuilt here when stale).
import type { Page } from 'playwright-core';
import type { Alert, Dispatch } from '@jointduty/shared';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { hotline, police, consumer, post } from '../support/records';
import { artifactPath, SEEN_WITHIN, signIn, uniqueTag, useBrowser, waitConnected } from '../support/browser';

const { newPage } = useBrowser();

async function accepted(server: TestServer, channel: string, records: unknown[]): Promise<void> {
  const r = await postFeed(server, channel, records);
  expect(r.status).toBe(202);
  expect(r.body).toMatchObject({ accepted: records.length, rejected: [] });
}

const tag = () => uniqueTag('BT');

/** Today's total on the counts strip, and one channel's card. */
async function counts(page: Page): Promise<{ total: number; ch12345: number }> {
  const num = async (sel: string) => Number((await page.locator(sel).innerText()).replace(/\D/g, ''));
  return { total: await num('.channel-counts .total .value'), ch12345: await num('.channel-counts .ch-12345 .value') };
}

interface ChartCanvas {
  name: string;
  /** the chart's box in the 1920×1080 design canvas (layout px, before the wall's scale) */
  box: { w: number; h: number };
  /** backing stores of its canvases (ECharts draws the pulsing markers on a layer of their own) */
  canvases: Array<{ w: number; h: number }>;
  /** sampled pixels that are painted */
  painted: number;
}

const DRAWN_CHARTS = ['map', 'trend', 'response-rate', 'on-time-rate'];

/** Every chart on the page: its box, its canvases' backing stores, and how much of them is painted. */
function chartCanvases(page: Page): Promise<ChartCanvas[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-chart]')).map((el) => {
      const canvases = Array.from(el.querySelectorAll('canvas'));
      let painted = 0;
      for (const c of canvases) {
        const ctx = c.getContext('2d');
        if (!ctx || c.width === 0 || c.height === 0) continue;
        const data = ctx.getImageData(0, 0, c.width, c.height).data;
        // every 5th pixel's alpha: a blank canvas is transparent throughout
        for (let i = 3; i < data.length; i += 20) if (data[i]! > 0) painted++;
      }
      return {
        name: el.dataset.chart ?? '',
        box: { w: el.clientWidth, h: el.clientHeight },
        canvases: canvases.map((c) => ({ w: c.width, h: c.height })),
        painted,
      };
    }),
  );
}

/** Waits until the map, the trend and both gauges have drawn something. */
async function waitChartsDrawn(page: Page): Promise<ChartCanvas[]> {
  let last: ChartCanvas[] = [];
  const deadline = Date.now() + SEEN_WITHIN;
  for (;;) {
    last = await chartCanvases(page);
    const drawn = DRAWN_CHARTS.every((name) => (last.find((c) => c.name === name)?.painted ?? 0) > 200);
    if (drawn) return last;
    if (Date.now() > deadline) throw new Error(`charts not drawn: ${JSON.stringify(last.map((c) => [c.name, c.painted]))}`);
    await page.waitForTimeout(250);
  }
}

describe('the wall with the simulator on', () => {
  let server: TestServer;
  // the charts as measured at 1920×1080, compared at 3840×2160
  let charts1920: ChartCanvas[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { SIMULATOR: 'on' } });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('duty signs in on /login, lands on /wall, sees the counts strip, live incidents and the simulated badge', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${server.url}/wall`);
    // not signed in: the wall sends to the login page, remembering where to go back
    await page.waitForURL((u) => u.pathname === '/login');
    await signIn(page, server.url, 'duty');
    expect(new URL(page.url()).pathname).toBe('/wall');

    // counts strip: today's total and the four channels
    const strip = page.locator('section.channel-counts');
    await strip.waitFor({ state: 'visible', timeout: SEEN_WITHIN });
    expect(await strip.locator('.card').count()).toBe(5);
    expect(await strip.innerText()).toContain('今日受理');
    expect(await strip.innerText()).toContain('12345 热线');

    // demo data is flagged on the wall while the simulator runs
    const badge = page.locator('.wall-header .simulated-badge');
    await badge.waitFor({ state: 'visible', timeout: SEEN_WITHIN });
    expect(await badge.innerText()).toContain('模拟');

    await waitConnected(page);
    const before = await counts(page);

    // records posted now arrive over the socket without a reload
    const t = tag();
    const records = [1, 2, 3].map((i) => hotline({ content: `台东步行街商户占道经营 ${t}-${i}。请城管部门处理。` }));
    await accepted(server, '12345', records);
    for (const i of [1, 2, 3]) {
      await page.locator('.ticker .incident-row .title', { hasText: `${t}-${i}` }).waitFor({ state: 'visible', timeout: SEEN_WITHIN });
    }
    const row = page.locator('.ticker .incident-row', { hasText: `${t}-1` });
    expect(await row.locator('.channel').innerText()).toBe('12345');
    expect(await row.locator('.district').innerText()).toBe('市北区');
    // a real record is not flagged simulated
    expect(await row.locator('.simulated').count()).toBe(0);

    // the counts grew by at least what was posted (the simulator may add more)
    await page.waitForFunction(
      (min) => Number(document.querySelector('.channel-counts .ch-12345 .value')?.textContent?.replace(/\D/g, '')) >= min,
      before.ch12345 + 3,
      { timeout: SEEN_WITHIN },
    );
    const after = await counts(page);
    expect(after.total).toBeGreaterThanOrEqual(before.total + 3);

    expect(problems.errors).toEqual([]);
  });

  it('screenshot of /wall at 1920×1080', async () => {
    const { page, problems } = await newPage({ width: 1920, height: 1080 });
    await signIn(page, server.url, 'duty');
    await waitConnected(page);
    const t = tag();
    // a realistic mix, a long title, and a major alert, so the picture shows every part of the wall
    await accepted(server, '12345', [
      hotline(),
      hotline({ content: `${'金沙滩啤酒城周边道路严重拥堵，出租车拒载、绕路、不打表等问题反复出现，游客投诉强烈'.repeat(2)} ${t}` }),
    ]);
    await accepted(server, '12315', [consumer()]);
    await accepted(server, '110', [
      police(),
      police({ alarmType: '群体性事件', summary: `数十名消费者聚集在健身房门前讨要预付卡退款 ${t}` }),
    ]);
    await accepted(server, 'sentiment', [post()]);
    // more than the panels hold: a ticker and an alert list that overflow
    const places = [
      '李沧区万达广场',
      '崂山区石老人海水浴场',
      '黄岛区金沙滩',
      '市南区五四广场',
      '市北区台东',
      '城阳区宝龙广场',
      '即墨区古城',
      '胶州市少海',
      '平度市红旗路',
      '莱西市月湖',
    ];
    await accepted(
      server,
      '110',
      places
        .slice(0, 7)
        .map((p, i) => police({ alarmType: '群体性事件', summary: `${p}附近数十人聚集拉横幅 ${t}-a${i}`, address: `青岛市${p}` })),
    );
    await accepted(
      server,
      '12345',
      places.map((p, i) => hotline({ content: `${p}附近夜市噪音扰民，油烟严重 ${t}-${i}。`, address: `青岛市${p}` })),
    );
    await server.settled();
    await page.locator('.major-banner').waitFor({ state: 'visible', timeout: SEEN_WITHIN });
    // the last posted (newest) row has arrived, so everything before it has too
    await page.locator('.ticker .incident-row', { hasText: `${t}-9` }).waitFor({ timeout: SEEN_WITHIN });
    // the work orders of the 12345 and 12315 records: counted on the orders panel, with the 日结日清 mark
    const orders = page.locator('[data-testid="wall-orders"]');
    await orders.locator('.clearing-mark').waitFor({ state: 'visible', timeout: SEEN_WITHIN });
    expect(await orders.locator('[data-figure]').count()).toBe(6);
    expect(await orders.locator('[data-rate]').count()).toBe(2);
    expect(await orders.innerText()).toContain('台账在办');
    expect(await page.locator('.rates-panel').innerText()).toContain('工单按时办结率');

    // nothing spills out of the 1920×1080 canvas or out of the page
    const layout = await page.evaluate(() => {
      const canvas = document.querySelector('.wall-canvas') as HTMLElement;
      const box = canvas.getBoundingClientRect();
      const outside = Array.from(canvas.querySelectorAll<HTMLElement>('.wall-header, .channel-counts, .banners, .main, .panel'))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.right > box.right + 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.top < box.top - 1;
        })
        .map((el) => el.className);
      // a row is either wholly shown or not at all: no row cut in half at the bottom of a panel
      const cut = Array.from(canvas.querySelectorAll<HTMLElement>('.incident-row, .alert-item'))
        .filter((el) => {
          const r = el.getBoundingClientRect();
          // the list clips its rows; the panel clips the list
          const list = el.parentElement!.getBoundingClientRect();
          const panel = (el.closest('.panel') as HTMLElement).getBoundingClientRect();
          const p = {
            top: Math.max(list.top, panel.top),
            bottom: Math.min(list.bottom, panel.bottom),
            left: Math.max(list.left, panel.left),
            right: Math.min(list.right, panel.right),
          };
          const overlaps = r.bottom > p.top && r.top < p.bottom && r.right > p.left && r.left < p.right;
          const inside = r.top >= p.top - 1 && r.bottom <= p.bottom + 1 && r.left >= p.left - 1 && r.right <= p.right + 1;
          return overlaps && !inside;
        })
        .map((el) => el.textContent?.slice(0, 40));
      // the orders panel's labels, figures and clearing mark are read whole, never cut with an ellipsis
      const wide = Array.from(
        canvas.querySelectorAll<HTMLElement>(
          '.incident-row, .alert-item, .major-banner, .channel-counts .card, .orders-panel .cell > span, .orders-panel h2',
        ),
      )
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.className);
      return {
        canvas: { w: box.width, h: box.height },
        page: { w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight },
        outside,
        cut,
        wide,
      };
    });
    expect(layout.canvas).toEqual({ w: 1920, h: 1080 });
    expect(layout.page).toEqual({ w: 1920, h: 1080 });
    expect(layout.outside).toEqual([]);
    expect(layout.cut).toEqual([]);
    expect(layout.wide).toEqual([]);

    // the charts are drawn: map with its alert markers, trend, both gauges; one canvas pixel per
    // layout pixel at this size
    const charts = await waitChartsDrawn(page);
    // while an information report is open (the simulator raises major alerts) its countdowns take
    // the merchants' slot
    const reporting = (await page.locator('[data-testid=wall-info-reports]').count()) > 0;
    const expected = ['categories', 'map', ...(reporting ? [] : ['merchants']), 'on-time-rate', 'response-rate', 'trend'];
    expect(charts.map((c) => c.name).sort()).toEqual(expected);
    for (const c of charts) {
      expect(c.box.w).toBeGreaterThan(100);
      // ECharts makes a canvas when it has something to draw: a ranking may still be empty
      if (DRAWN_CHARTS.includes(c.name)) expect(c.canvases.length).toBeGreaterThan(0);
      for (const canvas of c.canvases) expect(canvas).toEqual({ w: c.box.w, h: c.box.h });
    }
    // the markers' own layer has something on it: there are open alerts
    const map = charts.find((c) => c.name === 'map')!;
    expect(map.canvases.length).toBeGreaterThanOrEqual(2);
    charts1920 = charts;

    await page.screenshot({ path: artifactPath('wall-1920x1080.png') });
    expect(problems.errors).toEqual([]);
  });

  it('screenshot of /wall at 3840×2160: the same picture, charts drawn at twice the density (crisp, not upscaled)', async () => {
    const { page, problems } = await newPage({ width: 3840, height: 2160 });
    await signIn(page, server.url, 'duty');
    await waitConnected(page);
    const charts = await waitChartsDrawn(page);

    const layout = await page.evaluate(() => {
      const box = document.querySelector('.wall-canvas')!.getBoundingClientRect();
      return {
        canvas: { w: box.width, h: box.height },
        page: { w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight },
      };
    });
    expect(layout.canvas).toEqual({ w: 3840, h: 2160 });
    expect(layout.page).toEqual({ w: 3840, h: 2160 });

    // the merchants' chart may have given way to the information reports' countdowns meanwhile
    const named = (list: typeof charts) => list.map((c) => c.name).filter((n) => n !== 'merchants');
    expect(named(charts)).toEqual(named(charts1920));
    for (const c of charts) {
      // the same layout box as at 1920×1080 (the design canvas is scaled, not re-laid out) …
      const at1920 = charts1920.find((x) => x.name === c.name);
      if (at1920) expect(c.box).toEqual(at1920.box);
      if (DRAWN_CHARTS.includes(c.name)) expect(c.canvases.length).toBeGreaterThan(0);
      // … with a backing store of twice its size each way
      for (const canvas of c.canvases) {
        expect(canvas.w / c.box.w).toBeCloseTo(2, 1);
        expect(canvas.h / c.box.h).toBeCloseTo(2, 1);
      }
      if (at1920?.canvases[0] && c.canvases[0]) expect(c.canvases[0].w).toBeCloseTo(2 * at1920.canvases[0].w, -1);
    }

    await page.screenshot({ path: artifactPath('wall-3840x2160.png') });
    expect(problems.errors).toEqual([]);
  });
});

describe('the wall with the simulator off', () => {
  let server: TestServer;
  let dutyToken: string;

  beforeAll(async () => {
    server = await startServer({ env: { SIMULATOR: 'off' } });
    dutyToken = await login(server, 'duty');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('a 110 群体性事件 becomes a major alert on the wall; acknowledging it from the banner clears the banner', async () => {
    const { page, problems } = await newPage();
    await signIn(page, server.url, 'duty');
    await waitConnected(page);
    // no demo data: no simulated badge, no banner yet
    expect(await page.locator('.simulated-badge').count()).toBe(0);
    expect(await page.locator('.major-banner').count()).toBe(0);

    const t = tag();
    await accepted(server, '110', [
      police({ alarmType: '群体性事件', summary: `数十名消费者聚集在健身房门前讨要预付卡退款 ${t}`, address: '青岛市市北区台东三路88号' }),
    ]);

    const banner = page.locator('.major-banner');
    await banner.waitFor({ state: 'visible', timeout: SEEN_WITHIN });
    const [alert] = (await request<Alert[]>(server, 'GET', '/api/alerts?severity=major', { token: dutyToken })).body;
    expect(alert).toMatchObject({ severity: 'major', status: 'open', rule: 'police-mass-incident' });
    expect(await banner.innerText()).toContain('重大预警');
    expect(await banner.locator('.title').innerText()).toBe(alert!.title);

    // the alert list shows it as 重大, still open
    const item = page.locator('.alerts .alert-item.sev-major', { hasText: alert!.title });
    await item.waitFor({ state: 'visible', timeout: SEEN_WITHIN });
    expect(await item.locator('.severity').innerText()).toBe('重大');
    expect(await item.locator('.status').innerText()).toBe('待处置');

    // 签收 on the banner
    await banner.getByRole('button', { name: '签收' }).click();
    await banner.waitFor({ state: 'detached', timeout: SEEN_WITHIN });
    await page.locator('.alerts .alert-item.sev-major .status', { hasText: '已签收' }).waitFor({ timeout: SEEN_WITHIN });
    const after = await request<Alert>(server, 'GET', `/api/alerts/${alert!.id}`, { token: dutyToken });
    expect(after.body.status).toBe('acknowledged');

    // and it stays gone after a reload (the server, not just this page, knows it is acknowledged)
    await page.reload();
    await page.locator('.alerts .alert-item.sev-major', { hasText: alert!.title }).waitFor({ timeout: SEEN_WITHIN });
    expect(await page.locator('.major-banner').count()).toBe(0);
    expect(problems.errors).toEqual([]);
  });

  it('markup in a citizen’s text is shown as text on /wall and /console and never runs', async () => {
    const xss = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const { page, problems } = await newPage();
    await signIn(page, server.url, 'duty');
    await waitConnected(page);

    // one arrives live on the open wall: its title is the start of the content; one carries it whole as its title
    await accepted(server, '12345', [hotline({ content: xss }), hotline({ title: xss, content: `标题含标记的工单 ${tag()}` })]);
    const literalStart = '<img src=x onerror="window.__xss=1">';

    async function checkLiteral(where: string): Promise<void> {
      const rows = page.locator('.incident-row .title', { hasText: literalStart });
      await rows.first().waitFor({ state: 'visible', timeout: SEEN_WITHIN });
      await page.locator('.incident-row .title', { hasText: xss }).first().waitFor({ state: 'visible', timeout: SEEN_WITHIN });
      const texts = await rows.allInnerTexts();
      expect(texts.some((s) => s === xss)).toBe(true);
      expect(texts.some((s) => s.startsWith(literalStart) && s !== xss)).toBe(true);
      const dom = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: unknown }).__xss,
        injectedImg: document.querySelectorAll('img[src="x"], img[onerror]').length,
        injectedScript: Array.from(document.scripts).filter((s) => s.textContent?.includes('__xss')).length,
      }));
      expect({ where, ...dom }).toEqual({ where, xss: undefined, injectedImg: 0, injectedScript: 0 });
    }

    await checkLiteral('/wall live');
    await page.reload(); // and again from the snapshot
    await checkLiteral('/wall snapshot');
    await page.goto(`${server.url}/console`);
    await checkLiteral('/console');

    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(problems.cspViolations).toEqual([]);
    expect(problems.errors).toEqual([]);
  });

  it('a field user opening /wall is sent to /field, sees no incidents, and works a dispatch there (390×844)', async () => {
    const { page, problems } = await newPage({ width: 390, height: 844 });
    await signIn(page, server.url, 'field-shinan');
    expect(new URL(page.url()).pathname).toBe('/field');

    await page.goto(`${server.url}/wall`);
    await page.waitForURL((u) => u.pathname === '/field', { timeout: SEEN_WITHIN });
    await waitConnected(page);
    await page.getByText('暂无派单').waitFor({ timeout: SEEN_WITHIN });

    // incidents stream past a field user: none of them reaches the page
    const t = tag();
    await accepted(server, '12345', [hotline({ content: `市南区栈桥附近摊贩占道 ${t}。请处理。`, address: '青岛市市南区太平路' })]);
    await server.settled();
    await page.waitForTimeout(1500);
    expect(await page.locator('.incident-row, .ticker, .channel-counts').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(t);

    // a dispatch to the team shows up at once, with 签收 first
    await accepted(server, '110', [
      police({ alarmType: '群体性事件', summary: `栈桥附近游客聚集冲突 ${t}`, address: '青岛市市南区太平路栈桥' }),
    ]);
    await server.settled();
    const alerts = (await request<Alert[]>(server, 'GET', '/api/alerts?severity=major&status=open', { token: dutyToken })).body;
    const alert = alerts.find((a) => a.title.includes(t))!;
    expect(alert).toBeDefined();
    const sent = await request(server, 'POST', `/api/alerts/${alert.id}/dispatch`, {
      token: dutyToken,
      body: { teamIds: ['shinan-1'], note: '请立即到场处置' },
    });
    expect(sent.status).toBe(200);
    const card = page.locator('.dispatch-card', { hasText: alert.title });
    await card.waitFor({ state: 'visible', timeout: SEEN_WITHIN });
    expect(await card.locator('.status').innerText()).toBe('待签收');
    expect(await card.innerText()).toContain('请立即到场处置');

    await card.getByRole('button', { name: '签收' }).click();
    await card.locator('.status', { hasText: '已签收' }).waitFor({ timeout: SEEN_WITHIN });
    expect(await card.getByRole('button', { name: '签收' }).isDisabled()).toBe(true);
    const mine = (await request<Dispatch[]>(server, 'GET', '/api/dispatches', { token: await login(server, 'field-shinan') })).body;
    expect(mine.find((d) => d.alertId === alert.id)).toMatchObject({ status: 'acknowledged', teamId: 'shinan-1' });

    // phone layout: nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: artifactPath('field-390x844.png'), fullPage: true });
    expect(problems.errors).toEqual([]);
  });
});
