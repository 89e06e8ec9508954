// Journeys across the screens in real headless Chromium against the real server: the wall living
// through a server restart, a dispatch reaching the right phone and only it.
import type { Page } from 'playwright-core';
import type { Alert } from '@jointduty/shared';
import { UnderstandingService } from '@jointduty/server/correlation/understanding.service';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { hotline, police, post } from '../support/records';
import { artifactPath, SEEN_WITHIN, signIn, uniqueTag, useBrowser, waitConnected } from '../support/browser';

const { newPage } = useBrowser();

const tag = () => uniqueTag('JT');

/** A 110 群体性事件 with a marker in its text: a major alert on the wall. */
async function raiseMajor(server: TestServer, marker: string, address = '青岛市市南区太平路栈桥'): Promise<void> {
  const r = await postFeed(server, '110', [police({ alarmType: '群体性事件', summary: `数十人聚集冲突 ${marker}`, address })]);
  expect(r.status).toBe(202);
  await server.settled();
}

describe('the wall through a server restart', () => {
  it('shows the outage, reconnects by itself and carries on with new alerts, without a reload', async () => {
    let server = await startServer();
    const port = Number(new URL(server.url).port);
    const dataDir = server.dataDir;
    try {
      const { page, problems } = await newPage();
      await signIn(page, server.url, 'duty');
      expect(new URL(page.url()).pathname).toBe('/wall');
      await waitConnected(page);
      // a mark on the window: a reload would wipe it
      await page.evaluate(() => ((window as unknown as { __sameDocument: number }).__sameDocument = 42));

      const before = tag();
      await raiseMajor(server, before);
      await page.locator('.alert-item', { hasText: before }).first().waitFor({ timeout: SEEN_WITHIN });
      const duty = await login(server, 'duty');
      const raised = (await request<Alert[]>(server, 'GET', '/api/alerts', { token: duty })).body.filter(
        (a) => a.summary.includes(before) || a.title.includes(before),
      );
      expect(raised.length).toBeGreaterThan(0);
      await page.waitForFunction((n) => document.querySelectorAll('.alert-item').length >= n, raised.length);

      await server.close();
      // the outage is shown, not hidden
      await page.locator('.connection-banner').waitFor({ state: 'visible', timeout: SEEN_WITHIN });

      server = await startServer({ dataDir, restart: true, port });
      // an alert raised right after the restart reaches the wall, live or through resume
      const after = tag();
      await raiseMajor(server, after, '青岛市黄岛区金沙滩啤酒城');
      await waitConnected(page);
      await page.locator('.alert-item', { hasText: after }).first().waitFor({ timeout: 20_000 });
      await page.locator('.connection-banner').waitFor({ state: 'hidden', timeout: SEEN_WITHIN });
      // the alerts from before the restart are still listed, each once
      expect(await page.locator('.alert-item', { hasText: before }).count()).toBe(raised.length);
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument)).toBe(42);
      expect(new URL(page.url()).pathname).toBe('/wall');
      expect(problems.errors).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('a dispatch on two phones', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reaches the dispatched team’s phone at once and never the other team’s; its 签收 shows on the wall', async () => {
    const shinan = await newPage({ width: 390, height: 844 });
    const huangdao = await newPage({ width: 390, height: 844 });
    await signIn(shinan.page, server.url, 'field-shinan');
    await signIn(huangdao.page, server.url, 'field-huangdao');
    expect(new URL(shinan.page.url()).pathname).toBe('/field');
    expect(new URL(huangdao.page.url()).pathname).toBe('/field');
    await waitConnected(shinan.page);
    await waitConnected(huangdao.page);

    const t = tag();
    await raiseMajor(server, t);
    const duty = await login(server, 'duty');
    const alert = (await request<Alert[]>(server, 'GET', '/api/alerts?status=open', { token: duty })).body.find(
      (a) => a.title.includes(t) || a.summary.includes(t),
    );
    expect(alert).toBeDefined();
    const sent = await request(server, 'POST', `/api/alerts/${alert!.id}/dispatch`, {
      token: duty,
      body: { teamIds: ['shinan-1'], note: `请立即到场 ${t}` },
    });
    expect(sent.status).toBe(200);

    const card = shinan.page.locator('.dispatch-card', { hasText: t });
    await card.first().waitFor({ state: 'visible', timeout: SEEN_WITHIN });
    // the other phone has had the same time and more, and shows nothing of it
    await huangdao.page.waitForTimeout(1500);
    expect(await huangdao.page.locator('.dispatch-card').count()).toBe(0);
    expect(await huangdao.page.locator('body').innerText()).not.toContain(t);
    // nor does a reload (the list call) bring it
    await huangdao.page.reload();
    await waitConnected(huangdao.page);
    await huangdao.page.waitForTimeout(500);
    expect(await huangdao.page.locator('body').innerText()).not.toContain(t);

    // the officer's 签收 shows on the wall, with the team and the time
    const wall = await newPage();
    await signIn(wall.page, server.url, 'duty');
    await waitConnected(wall.page);
    await card.first().getByRole('button', { name: '签收' }).click();
    const progress = wall.page.locator('.alert-item', { hasText: t }).locator('.dispatch-progress li');
    await progress.first().locator('.step', { hasText: '已签收' }).waitFor({ timeout: SEEN_WITHIN });
    // the team by its name (the list of teams may arrive a moment after the first step)
    await progress.first().locator('.team', { hasText: '市南区市场监管执法一队' }).waitFor({ timeout: SEEN_WITHIN });
    expect(wall.problems.errors).toEqual([]);

    await shinan.page.screenshot({ path: artifactPath('field-dispatch-390x844.png'), fullPage: true });
    expect(shinan.problems.errors).toEqual([]);
    expect(huangdao.problems.errors).toEqual([]);
  });
});

describe('a night’s story across the screens, with markup in every citizen text', () => {
  const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  // titles are cut from the start of the text: the markup's opening is in every one of them
  const OPENING = '<img src=x on';
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Nothing injected ran or was parsed into the page; the literal text is on it. */
  async function shownAsText(page: Page, where: string, literal: string): Promise<void> {
    await page.getByText(literal, { exact: false }).first().waitFor({ state: 'visible', timeout: SEEN_WITHIN });
    const dom = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
      injectedImg: document.querySelectorAll('img[src="x"], img[onerror]').length,
      injectedScript: Array.from(document.scripts).filter((s) => s.textContent?.includes('__xss')).length,
    }));
    expect({ where, ...dom }).toEqual({ where, xss: null, injectedImg: 0, injectedScript: 0 });
  }

  it('a fight on the pier: the leader follows it on a tablet, instructs, and the dispatched phone and the duty room see it live', async () => {
    const t = tag();
    // three channels about one fight at the pier; markup in every citizen-written field
    expect(
      (
        await postFeed(server, '110', [
          police({ alarmType: '群体性事件', summary: `${t} 栈桥附近数十人打架斗殴 ${XSS}`, address: '青岛市市南区太平路栈桥' }),
        ])
      ).status,
    ).toBe(202);
    expect(
      (
        await postFeed(server, '12345', [
          hotline({ content: `${t} 栈桥附近有人打架斗殴，很多人围观 ${XSS}`, address: '青岛市市南区太平路栈桥' }),
        ])
      ).status,
    ).toBe(202);
    expect(
      (
        await postFeed(server, 'sentiment', [
          post({
            text: `${t} 栈桥这边打起来了，好多人聚集围观 ${XSS}`,
            author: { name: `<b>路人</b>${t}`, followers: 3000, verified: false },
          }),
        ])
      ).status,
    ).toBe(202);
    await server.settled();

    const duty = await login(server, 'duty');
    const alerts = (await request<Alert[]>(server, 'GET', '/api/alerts', { token: duty })).body.filter(
      (a) => a.summary.includes(t) || a.title.includes(t),
    );
    const major = alerts.find((a) => a.severity === 'major');
    expect(major).toBeDefined();
    const detail = (await request<{ incidents: unknown[] }>(server, 'GET', `/api/events/${major!.eventId}`, { token: duty })).body;
    expect(detail.incidents.length).toBeGreaterThanOrEqual(2);

    // the dispatched team's phone is open before anything is sent to it
    const phone = await newPage({ width: 390, height: 844 });
    await signIn(phone.page, server.url, 'field-shinan');
    await waitConnected(phone.page);
    const sent = await request(server, 'POST', `/api/alerts/${major!.id}/dispatch`, {
      token: duty,
      body: { teamIds: ['shinan-1'], note: `请到场 ${XSS}` },
    });
    expect(sent.status).toBe(200);
    await shownAsText(phone.page, '/field dispatch', `请到场 ${XSS}`);

    // the duty room's console: the event opened from its alert shows every incident as text
    const desk = await newPage({ width: 1920, height: 1080 });
    await signIn(desk.page, server.url, 'duty');
    await desk.page.goto(`${server.url}/console`);
    await waitConnected(desk.page);
    await shownAsText(desk.page, '/console queue', OPENING);
    await desk.page.locator('button.open-event').first().click();
    await desk.page.locator('.event-detail .incident').first().waitFor({ timeout: SEEN_WITHIN });
    await shownAsText(desk.page, '/console event', OPENING);

    // the leader, on a tablet
    const tablet = await newPage({ width: 1366, height: 1024 });
    await signIn(tablet.page, server.url, 'leader');
    expect(new URL(tablet.page.url()).pathname).toBe('/leader');
    await waitConnected(tablet.page);
    const watched = tablet.page.locator('.watched-event', { hasText: t });
    await watched.first().waitFor({ timeout: SEEN_WITHIN });
    await watched.first().click();
    const timeline = tablet.page.locator('.event-timeline .entry');
    await timeline.nth(1).waitFor({ timeout: SEEN_WITHIN });
    expect(await timeline.count()).toBe(detail.incidents.length);
    // the second incident says why it was joined
    expect(await timeline.nth(1).locator('.why').innerText()).not.toBe('');
    await shownAsText(tablet.page, '/leader timeline', OPENING);
    // the map zoomed to the event is drawn
    await tablet.page.locator('.event-map canvas').first().waitFor({ timeout: SEEN_WITHIN });
    // the alert's history shows the dispatch
    await tablet.page.locator('.alert-history').first().waitFor({ timeout: SEEN_WITHIN });

    // 已阅, then a 批示 with markup in it
    await tablet.page.locator('.instruction-form button.read').click();
    await tablet.page.locator('.instruction-form button.read:disabled').waitFor({ timeout: SEEN_WITHIN });
    await tablet.page.locator('.instruction-form button.instruct').click();
    const order = `立即疏散围观群众 ${XSS} ${t}`;
    await tablet.page.locator('.instruction-form textarea').fill(order);
    await tablet.page.locator('.instruction-form button[type="submit"]').click();
    await shownAsText(tablet.page, '/leader instruction', `立即疏散围观群众 ${XSS}`);
    // it reaches the dispatched phone live, as text
    await shownAsText(phone.page, '/field instruction', `立即疏散围观群众 ${XSS}`);
    await tablet.page.screenshot({ path: artifactPath('leader-1366x1024.png') });
    await phone.page.screenshot({ path: artifactPath('field-instruction-390x844.png'), fullPage: true });
    await desk.page.screenshot({ path: artifactPath('console-1920x1080.png') });

    // the admin's audit log shows the dispatch with its note, as text
    const audit = await newPage({ width: 1920, height: 1080 });
    await signIn(audit.page, server.url, 'admin');
    await audit.page.goto(`${server.url}/audit`);
    await audit.page.locator('.audit-table').waitFor({ timeout: SEEN_WITHIN });
    await shownAsText(audit.page, '/audit', OPENING);

    for (const p of [phone, desk, tablet, audit]) {
      expect(p.problems.errors).toEqual([]);
      expect(p.problems.cspViolations).toEqual([]);
    }
  });
});

describe('an incident correlation cannot take, on the duty console', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is shown set aside, as text, and the duty officer sends it back once the cause is fixed', async () => {
    const t = tag();
    const markup = '<img src=x onerror="window.__xss=1">';
    const understanding = server.app.get(UnderstandingService);
    const real = understanding.understand.bind(understanding);
    const spy = jest.spyOn(understanding, 'understand').mockImplementation((batch) => {
      if (batch.some((i) => i.content.includes(t))) throw new Error('lexicon entry broken');
      return real(batch);
    });
    try {
      const record = hotline({ content: `${t} 中山路一带夜市占道经营 ${markup}`, address: '青岛市市南区中山路' });
      expect((await postFeed(server, '12345', [record, hotline()])).status).toBe(202);
      await server.settled();

      const desk = await newPage({ width: 1920, height: 1080 });
      await signIn(desk.page, server.url, 'duty');
      await desk.page.goto(`${server.url}/console`);
      await waitConnected(desk.page);
      const panel = desk.page.locator('section.quarantine');
      await panel.waitFor({ timeout: SEEN_WITHIN });
      expect(await panel.locator('li').count()).toBe(1);
      expect(await panel.locator('.external').innerText()).toBe(record.orderNo);
      expect(await panel.locator('.reason').innerText()).toBe('lexicon entry broken');
      expect(await panel.locator('.title').innerText()).toContain('<img src=x');
      expect(await desk.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null)).toBeNull();
      await desk.page.screenshot({ path: artifactPath('console-quarantine-1920x1080.png') });

      // fixed: sent back from the console, it leaves the panel and joins an event
      spy.mockRestore();
      await panel.locator('li button').click();
      await panel.waitFor({ state: 'detached', timeout: SEEN_WITHIN });
      await server.settled();
      const duty = await login(server, 'duty');
      const list = await request<Array<{ externalId: string; eventId: string | null }>>(server, 'GET', '/api/incidents?channel=12345', {
        token: duty,
      });
      expect(list.body.find((i) => i.externalId === record.orderNo)?.eventId).toEqual(expect.any(String));
      expect(desk.problems.errors).toEqual([]);
      expect(desk.problems.cspViolations).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});
