// Journeys across the screens in real headless Chromium against the real server: the wall living
// through a server restart, a dispatch reaching the right phone and only it.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Alert } from '@jointduty/shared';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { police } from '../support/records';
import { artifactPath, ensureWebBuilt, launchBrowser, openPage, signIn, type PageProblems } from '../support/browser';

const SEEN_WITHIN = 10_000;

let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ensureWebBuilt();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
});

async function newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; problems: PageProblems }> {
  const { context, page, problems } = await openPage(browser, viewport);
  contexts.push(context);
  return { page, problems };
}

const tag = () => `JT${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function waitConnected(page: Page): Promise<void> {
  await page.locator('.connection-status.is-connected').first().waitFor({ state: 'visible', timeout: SEEN_WITHIN });
}

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

  it('reaches the dispatched team’s phone at once and never the other team’s', async () => {
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

    await shinan.page.screenshot({ path: artifactPath('field-dispatch-390x844.png'), fullPage: true });
    expect(shinan.problems.errors).toEqual([]);
    expect(huangdao.problems.errors).toEqual([]);
  });
});
