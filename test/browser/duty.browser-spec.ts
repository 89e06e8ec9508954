// Information reports (信息报送) and the shift handover (交接班) in real headless Chromium against the
// real server: the countdowns on /console and /wall, 首报 from the editor with its history and the
// Word file, the handover with its nudge, 交班 by one officer and 接班 by another, seen live on the
// wall's duty strip, and the day's duty log.
import type { Page } from 'playwright-core';
import type { Alert, DutyState, InfoReport, InfoReportDetail } from '@jointduty/shared';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { police } from '../support/records';
import { realClock, setClock } from '../support/clock';
import { artifactPath, SEEN_WITHIN, signIn, uniqueTag, useBrowser, waitConnected } from '../support/browser';

const { newPage } = useBrowser();

const WALL = { width: 1920, height: 1080 };
const CONSOLE = { width: 1440, height: 900 };
const TABLET = { width: 1024, height: 768 };

/** A 110 群体性事件 with a marker in its text: a major alert, so an information report. */
async function raiseMajor(server: TestServer, marker: string, address: string): Promise<void> {
  const r = await postFeed(server, '110', [
    police({ alarmType: '群体性事件', summary: `数十名群众聚集讨要预付卡退款 ${marker}`, address }),
  ]);
  expect(r.status).toBe(202);
  await server.settled();
}

/** The alert raised for a marker and the information report it opened. */
async function reportOf(server: TestServer, token: string, marker: string): Promise<{ alert: Alert; report: InfoReport }> {
  const alerts = (await request<Alert[]>(server, 'GET', '/api/alerts?severity=major', { token })).body;
  const alert = alerts.find((a) => a.summary.includes(marker) || a.title.includes(marker));
  expect(alert).toBeDefined();
  const open = (await request<InfoReport[]>(server, 'GET', '/api/info-reports?status=open', { token })).body;
  const report = open.find((r) => r.alertId === alert!.id);
  expect(report).toBeDefined();
  return { alert: alert!, report: report! };
}

/** A page signed in as `who` at a viewport, on `path`, its live link up; uncaught errors recorded. */
async function open(server: TestServer, who: string, viewport: { width: number; height: number }, path: string) {
  const { page, problems } = await newPage(viewport);
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) consoleErrors.push(msg.text());
  });
  await signIn(page, server.url, who);
  if (new URL(page.url()).pathname !== path) await page.goto(`${server.url}${path}`);
  await waitConnected(page);
  return { page, errors: () => [...problems.errors, ...problems.cspViolations, ...consoleErrors] };
}

const countdownOf = (page: Page, scope: string, id: string) => page.locator(`${scope} [data-id="${id}"] .report-countdown`);

/** The next time it is `hh:mm` in the city (UTC+8, no daylight saving), after now. */
function nextCityTime(hour: number, minute: number): number {
  const now = Date.now();
  const d = new Date(now);
  let at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour - 8, minute);
  while (at <= now) at += 86_400_000;
  return at;
}

describe('information reports and the handover', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    realClock();
    await server?.close();
  });

  it('counts down on the console and the wall; duty submits 首报 from the editor and downloads it as Word', async () => {
    const t = uniqueTag('IR');
    // one report made late on the server: its alert raised 40 minutes ago (首报 due within 30)
    setClock(Date.now() - 40 * 60_000);
    await raiseMajor(server, `${t}-late`, '青岛市黄岛区金沙滩啤酒城');
    realClock();
    await raiseMajor(server, `${t}-fresh`, '青岛市市北区台东三路88号');
    const duty = await login(server, 'duty');
    const late = await reportOf(server, duty, `${t}-late`);
    const fresh = await reportOf(server, duty, `${t}-fresh`);
    expect(late.report.next).toMatchObject({ step: 'initial' });
    expect(fresh.report.next).toMatchObject({ step: 'initial', late: false });
    const lateBy = Math.floor((Date.now() - Date.parse(late.report.next!.dueAt)) / 60_000);
    expect(lateBy).toBeGreaterThanOrEqual(9);

    // the console: both reports with their countdowns, the late one red and first
    const desk = await open(server, 'duty', CONSOLE, '/console');
    const bar = '[data-testid="console-info-reports"]';
    await countdownOf(desk.page, bar, fresh.report.id).waitFor({ timeout: SEEN_WITHIN });
    const lateMark = countdownOf(desk.page, bar, late.report.id);
    expect(await lateMark.getAttribute('data-state')).toBe('late');
    expect(await lateMark.locator('.time').innerText()).toMatch(new RegExp(`^已超时 (${lateBy}|${lateBy + 1})分$`));
    const ids = await desk.page.locator(`${bar} .report-item`).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids.indexOf(late.report.id)).toBeLessThan(ids.indexOf(fresh.report.id));
    // the fresh one ticks: 首报 with about 30 minutes left, a second later a different mm:ss
    const freshMark = countdownOf(desk.page, bar, fresh.report.id);
    expect(await freshMark.getAttribute('data-state')).toBe('ok');
    const first = await freshMark.locator('.time').innerText();
    expect(first).toMatch(/^(2\d|30):\d\d$/);
    await desk.page.waitForFunction(
      ([sel, before]) => document.querySelector(sel!)?.textContent?.trim() !== before,
      [`${bar} [data-id="${fresh.report.id}"] .report-countdown .time`, first] as const,
      { timeout: 3000 },
    );
    await desk.page.screenshot({ path: artifactPath('duty-console-1440x900.png') });

    // the editor: facts beside the server's draft; 首报 submitted with an edit, then in the history
    await desk.page.locator(`${bar} .report-item[data-id="${fresh.report.id}"]`).click();
    const editor = desk.page.locator('.info-report-editor');
    await editor.locator('textarea[name="text"]').waitFor({ timeout: SEEN_WITHIN });
    const detail = (await request<InfoReportDetail>(server, 'GET', `/api/info-reports/${fresh.report.id}`, { token: duty })).body;
    expect(await editor.locator('textarea[name="text"]').inputValue()).toBe(detail.draft!.text);
    expect(await editor.locator('.facts').innerText()).toContain(detail.facts.what);
    expect(await editor.locator('.history').innerText()).toContain('尚未报送');
    await desk.page.screenshot({ path: artifactPath('duty-editor-1440x900.png') });
    const text = `${detail.draft!.text}\n现场秩序已基本恢复，市场监管部门正在登记退款诉求。${t}`;
    await editor.locator('textarea[name="text"]').fill(text);
    await editor.locator('button.submit-initial').click();
    await editor.locator('.ok-text', { hasText: '已报送首报' }).waitFor({ timeout: SEEN_WITHIN });
    const submitted = editor.locator('.submission.step-initial');
    await submitted.waitFor({ timeout: SEEN_WITHIN });
    expect(await submitted.locator('strong').innerText()).toBe('首报');
    expect(await submitted.locator('.text').innerText()).toContain(t);
    expect(await submitted.locator('.late-mark').count()).toBe(0);
    // 续报 is owed next: the form and the countdown moved on
    await editor.locator('button.submit-update').waitFor({ timeout: SEEN_WITHIN });
    expect(await editor.locator('header .report-countdown').getAttribute('data-step')).toBe('update');
    const after = (await request<InfoReportDetail>(server, 'GET', `/api/info-reports/${fresh.report.id}`, { token: duty })).body;
    expect(after.history.map((s) => [s.step, s.text, s.late])).toEqual([['initial', text, false]]);
    await desk.page.screenshot({ path: artifactPath('duty-editor-submitted-1440x900.png') });

    // Word: the server's file, named as it says
    const [download] = await Promise.all([desk.page.waitForEvent('download'), editor.locator('button.download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await editor.locator('button.close').click();
    await editor.waitFor({ state: 'detached' });
    await countdownOf(desk.page, bar, fresh.report.id).and(desk.page.locator('[data-step="update"]')).waitFor({ timeout: SEEN_WITHIN });

    // the wall: the same countdowns, the late one red, and the duty strip on the roster
    const wall = await open(server, 'duty', WALL, '/wall');
    const panel = wall.page.locator('[data-testid="wall-info-reports"]');
    await panel.waitFor({ timeout: SEEN_WITHIN });
    const wallLate = countdownOf(wall.page, '[data-testid="wall-info-reports"]', late.report.id);
    await wallLate.waitFor({ timeout: SEEN_WITHIN });
    expect(await wallLate.getAttribute('data-state')).toBe('late');
    expect(await panel.getAttribute('class')).toContain('has-late');
    const strip = wall.page.locator('[data-testid="duty-strip"]');
    await strip.waitFor({ timeout: SEEN_WITHIN });
    const state = (await request<DutyState>(server, 'GET', '/api/duty/state', { token: duty })).body;
    expect(await strip.locator('.now .span').innerText()).toBe(state.shift.key.slice(11).replace('-', '–'));
    // nothing pushed off the canvas: the right column's panels end inside it
    const bottoms = await wall.page.evaluate(() =>
      ['[data-testid="wall-info-reports"]', '.roster', '.alerts'].map((s) => document.querySelector(s)!.getBoundingClientRect().bottom),
    );
    for (const b of bottoms) expect(b).toBeLessThanOrEqual(WALL.height);
    await wall.page.screenshot({ path: artifactPath('duty-wall-1920x1080.png') });

    expect(desk.errors()).toEqual([]);
    expect(wall.errors()).toEqual([]);
  });

  it('nudges before the change; duty hands over, another officer accepts, and the wall follows live', async () => {
    const t = uniqueTag('HO');
    // the server's clock at 19:45 city time: 15 minutes before the 20:00 change
    setClock(nextCityTime(19, 45));
    await raiseMajor(server, t, '青岛市崂山区石老人海水浴场');
    const duty = await login(server, 'duty');
    const leader = await login(server, 'leader');
    const { alert } = await reportOf(server, duty, t);
    const instruction = `${t} 请公安、市场监管联合处置，做好群众解释`;
    expect(
      (await request(server, 'POST', `/api/events/${alert.eventId}/instructions`, { token: leader, body: { text: instruction } })).status,
    ).toBe(201);
    const state = (await request<DutyState>(server, 'GET', '/api/duty/state', { token: duty })).body;
    expect(state).toMatchObject({ nudge: true, handover: null });

    // the wall nudges: minutes to the change, not handed over
    const wall = await open(server, 'duty', WALL, '/wall');
    const change = wall.page.locator('[data-testid="duty-strip"] .change');
    await change.waitFor({ timeout: SEEN_WITHIN });
    expect(await change.innerText()).toMatch(/^距交接班 1[45] 分钟 · 未交班$/);
    expect(await change.getAttribute('class')).toContain('is-nudge');
    await wall.page.screenshot({ path: artifactPath('duty-wall-nudge-1920x1080.png') });

    // duty opens the handover: the instruction is there; 已落实 takes it off
    const desk = await open(server, 'duty', CONSOLE, '/console');
    expect(await desk.page.locator('[data-testid="console-duty"] .change').innerText()).toMatch(/^距交接班 1[45] 分钟 · 未交班$/);
    await desk.page.locator('button.open-handover').click();
    const panel = desk.page.locator('.handover-panel');
    const item = panel.locator('.instruction', { hasText: t });
    await item.waitFor({ timeout: SEEN_WITHIN });
    expect(await panel.locator('.open-alerts').innerText()).toContain(alert.title);
    expect(await panel.locator('.state').innerText()).toBe('本班尚未交班');
    await desk.page.screenshot({ path: artifactPath('duty-handover-1440x900.png') });
    await item.locator('button.done').click();
    await item.waitFor({ state: 'detached', timeout: SEEN_WITHIN });

    // 交班 with notes: the panel, the console's bar and the wall say it is handed over
    const notes = `${t} 石老人现场夜间继续值守，续报按时报送`;
    await panel.locator('textarea[name="notes"]').fill(notes);
    await panel.locator('button.hand-over').click();
    await panel.locator('.state[data-status="handed"]').waitFor({ timeout: SEEN_WITHIN });
    expect(await panel.locator('form.handover-form').count()).toBe(0);
    // the one who handed over does not accept it
    expect(await panel.locator('button.accept').count()).toBe(0);
    await wall.page
      .locator('[data-testid="duty-strip"] .change.is-handed', { hasText: '已交班 · 待接班' })
      .waitFor({ timeout: SEEN_WITHIN });
    await desk.page.screenshot({ path: artifactPath('duty-handed-1440x900.png') });

    // another officer, on a tablet, accepts it
    const tablet = await open(server, 'admin', TABLET, '/console');
    await tablet.page.locator('button.open-handover').click();
    const incoming = tablet.page.locator('.handover-panel');
    await incoming.locator('.state[data-status="handed"]').waitFor({ timeout: SEEN_WITHIN });
    await tablet.page.screenshot({ path: artifactPath('duty-accept-1024x768.png') });
    await incoming.locator('button.accept').click();
    await incoming.locator('.state[data-status="accepted"]').waitFor({ timeout: SEEN_WITHIN });
    await wall.page.locator('[data-testid="duty-strip"] .change.is-accepted', { hasText: '已接班' }).waitFor({ timeout: SEEN_WITHIN });
    await desk.page.locator('[data-testid="console-duty"] .change.is-accepted').waitFor({ timeout: SEEN_WITHIN });
    await wall.page.screenshot({ path: artifactPath('duty-wall-accepted-1920x1080.png') });

    // the day's duty log: the handover, accepted, with its notes
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(Date.now());
    await desk.page.goto(`${server.url}/duty-log`);
    await desk.page.locator('input[name="date"]').fill(day);
    await desk.page.locator('input[name="date"]').dispatchEvent('change');
    const handover = desk.page.locator('[data-testid="duty-log"] .handover[data-status="accepted"]', { hasText: notes });
    await handover.waitFor({ timeout: SEEN_WITHIN });
    await desk.page.screenshot({ path: artifactPath('duty-log-1440x900.png'), fullPage: true });
    // printable: the header and the date picker are not on paper
    await desk.page.emulateMedia({ media: 'print' });
    expect(await desk.page.locator('.app-header').isVisible()).toBe(false);
    expect(await desk.page.locator('input[name="date"]').isVisible()).toBe(false);
    expect(await desk.page.locator('.print-title').innerText()).toContain(day);

    expect(wall.errors()).toEqual([]);
    expect(desk.errors()).toEqual([]);
    expect(tablet.errors()).toEqual([]);
  });
});
