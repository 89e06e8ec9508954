// Work orders on /orders in real headless Chromium against the real server: a market unit's clerk
// signs, contacts, replies and returns; duty reassigns, follows up (unsatisfied → ledger) and
// reminds; the unit and the receiving unit see it live, without a reload.
import type { Page } from 'playwright-core';
import { postFeed, startServer, type TestServer } from '../support/harness';
import { hotline } from '../support/records';
import { artifactPath, SEEN_WITHIN, signIn, uniqueTag, useBrowser, waitConnected } from '../support/browser';

const { newPage } = useBrowser();

/** What went wrong on a page: uncaught errors, CSP violations, console errors, failed requests. */
interface Troubles {
  errors: string[];
  cspViolations: string[];
  console: string[];
  requests: string[];
}

// pages on their way to another address (see visit)
const leaving = new WeakSet<Page>();

/** A page at a viewport, signed in as `who`, with everything that goes wrong on it recorded. */
async function signedIn(
  server: TestServer,
  who: string,
  viewport: { width: number; height: number },
): Promise<{ page: Page; troubles: Troubles }> {
  const { page, problems } = await newPage(viewport);
  const troubles: Troubles = { errors: problems.errors, cspViolations: problems.cspViolations, console: [], requests: [] };
  page.on('console', (msg) => {
    // a failed load is logged by the browser too: it is judged below by its answer
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) troubles.console.push(msg.text());
  });
  // every step on this journey is in order and allowed: no answer of 400 or more is expected
  page.on('response', (res) => {
    if (res.status() >= 400) troubles.requests.push(`${res.request().method()} ${new URL(res.url()).pathname} → ${res.status()}`);
  });
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText ?? '?';
    // a request cut off because the user went to another address is not the page's fault
    if (leaving.has(page) && why === 'net::ERR_ABORTED') return;
    troubles.requests.push(`${req.method()} ${new URL(req.url()).pathname} failed: ${why}`);
  });
  await signIn(page, server.url, who);
  return { page, troubles };
}

/** Goes to an address as typed into the address bar: a new page load. */
async function visit(page: Page, url: string): Promise<void> {
  leaving.add(page);
  try {
    await page.goto(url);
  } finally {
    leaving.delete(page);
  }
}

function expectNoTroubles(who: string, troubles: Troubles): void {
  expect({ who, ...troubles }).toEqual({ who, errors: [], cspViolations: [], console: [], requests: [] });
}

/** A mark on the window: a reload would wipe it. */
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as { __sameDocument: number }).__sameDocument = 42));
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument === 42);

const rowOf = (page: Page, externalId: string) => page.locator('.order-row', { hasText: externalId });

/** Opens an order from its row; the detail shows its number. */
async function openOrder(page: Page, externalId: string): Promise<void> {
  await rowOf(page, externalId).click();
  await page.locator('.order-detail .external-id', { hasText: externalId }).waitFor({ timeout: SEEN_WITHIN });
}

/** Opens a step's form on the open order, fills its note and whatever else, submits it. */
async function step(page: Page, action: string, note: string, fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {}) {
  await page.locator(`.order-detail button.action-${action}`).click();
  const form = page.locator(`.order-detail form.form-${action}`);
  await form.waitFor({ timeout: SEEN_WITHIN });
  await fill(form);
  await form.locator('textarea[name="note"]').fill(note);
  await form.locator('button[type="submit"]').click();
  // the form closes once the server has answered
  await form.waitFor({ state: 'detached', timeout: SEEN_WITHIN });
}

const statusOf = (page: Page, externalId: string) => rowOf(page, externalId).locator('.status');
const detailStatus = (page: Page) => page.locator('.order-detail header .status');

async function seeText(where: ReturnType<Page['locator']>, text: string): Promise<void> {
  await where.filter({ hasText: text }).first().waitFor({ timeout: SEEN_WITHIN });
}

describe('work orders on /orders', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a unit signs, contacts, replies and returns; duty reassigns, follows up onto the ledger and reminds; all live', async () => {
    const t = uniqueTag('OT');
    const scales = hotline({
      category: '市场监管>计量监管',
      district: '市南区',
      address: '青岛市市南区中山路128号',
      content: `${t} 中山路一家水果店电子秤缺斤短两，称三斤的苹果回家只有两斤半，要求市场监管部门查处。`,
      citizen: { name: '王秀兰', phone: '13712345678' },
    });
    const prices = hotline({
      category: '市场监管>价格监管',
      district: '市南区',
      address: '青岛市市南区香港中路10号',
      content: `${t} 香港中路一家停车场收费不明码标价，临时停车两小时收费六十元。`,
      citizen: { name: '刘强', phone: '13698765432' },
    });
    const manhole = hotline({
      category: '城市管理>市政设施',
      district: '市南区',
      address: '青岛市市南区南京路66号',
      content: `${t} 南京路小区门口井盖缺失，晚上路过很危险，请尽快处理。`,
    });
    expect((await postFeed(server, '12345', [scales, prices, manhole])).status).toBe(202);
    await server.settled();

    // the market unit's clerk on a laptop: lands on the inbox, 待签收 first
    const unit = await signedIn(server, 'dept-market', { width: 1366, height: 768 });
    expect(new URL(unit.page.url()).pathname).toBe('/orders');
    await waitConnected(unit.page);
    await markDocument(unit.page);
    await unit.page.locator('.tab-new.active').waitFor({ timeout: SEEN_WITHIN });
    await rowOf(unit.page, scales.orderNo).waitFor({ timeout: SEEN_WITHIN });
    await rowOf(unit.page, prices.orderNo).waitFor({ timeout: SEEN_WITHIN });
    expect(await statusOf(unit.page, scales.orderNo).innerText()).toBe('待签收');
    // the city-management order is not the market unit's, on any tab
    expect(await unit.page.locator('body').innerText()).not.toContain(manhole.orderNo);
    await unit.page.locator('.tab-all').click();
    await unit.page.locator('.tab-all.active').waitFor();
    await rowOf(unit.page, scales.orderNo).waitFor({ timeout: SEEN_WITHIN });
    expect(await unit.page.locator('.order-list').innerText()).not.toContain(manhole.orderNo);
    await unit.page.locator('.tab-new').click();
    await rowOf(unit.page, prices.orderNo).waitFor({ timeout: SEEN_WITHIN });
    // both deadlines counting down on a fresh 12345 complaint
    await rowOf(unit.page, scales.orderNo).locator('.chip.deadline-firstCheck').waitFor();
    await rowOf(unit.page, scales.orderNo).locator('.chip.deadline-due').waitFor();
    await unit.page.screenshot({ path: artifactPath('orders-unit-inbox-1366x768.png') });

    // the order open: the citizen's name and phone, unmasked
    await openOrder(unit.page, scales.orderNo);
    const detail = unit.page.locator('.order-detail');
    await seeText(detail.locator('.citizen dd'), '王秀兰');
    await seeText(detail.locator('.citizen dd'), '13712345678');
    await seeText(detail.locator('.content'), '电子秤缺斤短两');
    await unit.page.screenshot({ path: artifactPath('orders-unit-detail-1366x768.png') });

    // 签收: the row and the detail say 办理中
    await unit.page.locator('.order-detail button.action-sign').click();
    await detailStatus(unit.page).filter({ hasText: '办理中' }).waitFor({ timeout: SEEN_WITHIN });
    await statusOf(unit.page, scales.orderNo).filter({ hasText: '办理中' }).waitFor({ timeout: SEEN_WITHIN });
    // 联系/初查: the first-check countdown is done with, the handling one goes on
    await step(unit.page, 'contact', '已于当日电话联系诉求人，约定明日到店复秤');
    await rowOf(unit.page, scales.orderNo).locator('.chip.deadline-firstCheck').waitFor({ state: 'detached', timeout: SEEN_WITHIN });
    await rowOf(unit.page, scales.orderNo).locator('.chip.deadline-due').waitFor();
    await seeText(detail.locator('.timeline li.step-contact'), '约定明日到店复秤');
    // 答复 已解决: 已答复, no countdown left
    await step(unit.page, 'reply', '经现场复秤，电子秤计量不准，已责令商户更换并退还差价', async (form) => {
      await form.locator('select[name="result"]').selectOption('已解决');
    });
    await statusOf(unit.page, scales.orderNo).filter({ hasText: '已答复' }).waitFor({ timeout: SEEN_WITHIN });
    await detailStatus(unit.page).filter({ hasText: '已答复' }).waitFor({ timeout: SEEN_WITHIN });
    expect(await rowOf(unit.page, scales.orderNo).locator('.chip:not(.mark)').count()).toBe(0);
    await seeText(detail.locator('.timeline li.step-reply'), '已解决');

    // the other one is not the market's: 退回 with a reason
    await openOrder(unit.page, prices.orderNo);
    await step(unit.page, 'return', '停车场收费属城市管理部门职责，建议派城市管理局');
    await statusOf(unit.page, prices.orderNo).filter({ hasText: '已退回' }).waitFor({ timeout: SEEN_WITHIN });
    expect(await unit.page.locator('.order-detail .order-actions button').count()).toBe(0);

    // the city-management unit's clerk on a tablet, upright: its own order only, so far
    const city = await signedIn(server, 'dept-city', { width: 768, height: 1024 });
    expect(new URL(city.page.url()).pathname).toBe('/orders');
    await waitConnected(city.page);
    await markDocument(city.page);
    await rowOf(city.page, manhole.orderNo).waitFor({ timeout: SEEN_WITHIN });
    expect(await city.page.locator('.order-list').innerText()).not.toContain(prices.orderNo);

    // duty at the desk: the returned order under 退回待派
    const duty = await signedIn(server, 'duty', { width: 1920, height: 1080 });
    await visit(duty.page, `${server.url}/orders`);
    await waitConnected(duty.page);
    await duty.page.locator('.tab-returned').click();
    await rowOf(duty.page, prices.orderNo).waitFor({ timeout: SEEN_WITHIN });
    expect(await duty.page.locator('.order-list').innerText()).not.toContain(scales.orderNo);
    await openOrder(duty.page, prices.orderNo);
    await seeText(duty.page.locator('.order-detail .timeline li.step-return'), '建议派城市管理局');
    await duty.page.screenshot({ path: artifactPath('orders-duty-board-1920x1080.png') });
    // 重新派单 to the city-management unit of the district
    await step(duty.page, 'assign', '按职责改派', async (form) => {
      const select = form.locator('select[name="departmentId"]');
      await select.locator('option[value="city-management-shinan"]').waitFor({ state: 'attached', timeout: SEEN_WITHIN });
      await select.selectOption('city-management-shinan');
    });
    await duty.page.locator('.order-detail dd', { hasText: '市南区城市管理局' }).waitFor({ timeout: SEEN_WITHIN });
    // it shows up on the city unit's tablet at once, waiting to be signed
    await rowOf(city.page, prices.orderNo).waitFor({ timeout: SEEN_WITHIN });
    expect(await statusOf(city.page, prices.orderNo).innerText()).toBe('待签收');
    expect(await sameDocument(city.page)).toBe(true);
    await openOrder(city.page, prices.orderNo);
    await seeText(city.page.locator('.order-detail .citizen dd'), '刘强');
    await city.page.screenshot({ path: artifactPath('orders-city-tablet-768x1024.png'), fullPage: true });

    // the replied one, found by its number: 回访 不满意 puts it on the ledger and back at the unit
    await duty.page.locator('.tab-all').click();
    await duty.page.locator('.order-filters input[type="search"]').fill(scales.orderNo);
    await rowOf(duty.page, scales.orderNo).waitFor({ timeout: SEEN_WITHIN });
    await openOrder(duty.page, scales.orderNo);
    await detailStatus(duty.page).filter({ hasText: '已答复' }).waitFor();
    await step(duty.page, 'followup', '诉求人称商户未退还差价', async (form) => {
      await form.locator('input[name="satisfaction"][value="不满意"]').check();
      await form.locator('label', { hasText: '未解决' }).locator('input[name="resolved"]').check();
    });
    await detailStatus(duty.page).filter({ hasText: '办理中' }).waitFor({ timeout: SEEN_WITHIN });
    await duty.page.locator('.order-detail .flags .ledger').waitFor({ timeout: SEEN_WITHIN });
    await seeText(duty.page.locator('.order-detail .timeline li'), '诉求人称商户未退还差价');
    // the unit sees it back in hand, live
    await statusOf(unit.page, scales.orderNo).filter({ hasText: '办理中' }).waitFor({ timeout: SEEN_WITHIN });

    // the 台账 tab lists it
    await duty.page.locator('.order-filters input[type="search"]').fill('');
    await duty.page.locator('.tab-ledger').click();
    await duty.page.locator('.tab-ledger.active').waitFor();
    await rowOf(duty.page, scales.orderNo).locator('.badge.ledger').waitFor({ timeout: SEEN_WITHIN });
    await duty.page.screenshot({ path: artifactPath('orders-duty-ledger-1920x1080.png') });

    // 催办 from the desk: a toast on the unit's open page, without a reload
    const remindNote = `${t} 请今日内退还差价并回复诉求人`;
    await step(duty.page, 'remind', remindNote);
    const toast = unit.page.locator('.reminder-toasts .toast', { hasText: remindNote });
    await toast.waitFor({ timeout: SEEN_WITHIN });
    expect(await toast.innerText()).toContain(scales.orderNo);
    expect(await sameDocument(unit.page)).toBe(true);
    await unit.page.screenshot({ path: artifactPath('orders-unit-reminder-1366x768.png') });
    // a click on it opens the order, and the toast is done with
    await toast.locator('button.body').click();
    await unit.page.locator('.order-detail .external-id', { hasText: scales.orderNo }).waitFor({ timeout: SEEN_WITHIN });
    await unit.page.locator('.order-detail .flags .ledger').waitFor({ timeout: SEEN_WITHIN });
    await toast.waitFor({ state: 'detached', timeout: SEEN_WITHIN });
    await unit.page.locator('.order-detail button.action-reply').waitFor();

    expectNoTroubles('dept-market', unit.troubles);
    expectNoTroubles('dept-city', city.troubles);
    expectNoTroubles('duty', duty.troubles);
  }, 180_000);
});
