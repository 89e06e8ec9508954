// Real headless Chromium (the system one, never a downloaded browser) for the browser journeys.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PASSWORD } from './harness';

export const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const WEB_DIST_INDEX = path.join(ROOT, 'web/dist/index.html');

// what the web bundle is built from: its sources, the shared sources it bundles, its build config
const WEB_INPUTS = ['web/src', 'shared/src', 'web/index.html', 'web/vite.config.ts'].map((p) => path.join(ROOT, p));

function newestMtime(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/** Builds web/dist (`npm run build -w web`) when it is missing or older than what it is built from. */
export function ensureWebBuilt(): void {
  const built = fs.existsSync(WEB_DIST_INDEX) ? fs.statSync(WEB_DIST_INDEX).mtimeMs : 0;
  const sources = Math.max(...WEB_INPUTS.map(newestMtime));
  if (built > sources) return;
  const r = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) {
    throw new Error(`npm run build -w web failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`.slice(-4000));
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export interface PageProblems {
  /** Uncaught exceptions in the page. */
  errors: string[];
  /** Content-Security-Policy violations (e.g. an inline handler that tried to run). */
  cspViolations: string[];
}

/** A fresh context (own storage) and page that records page errors and CSP violations. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1920, height: 1080 },
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const problems: PageProblems = { errors: [], cspViolations: [] };
  page.on('pageerror', (err) => problems.errors.push(String(err)));
  await page.exposeBinding('__reportCsp', (_src, text: string) => problems.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp(t: string): void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  return { context, page, problems };
}

/** Signs in through the login form, as a user would. */
export async function signIn(page: Page, baseUrl: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form.login-form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 10_000 });
}

export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

export const SEEN_WITHIN = 10_000;

/**
 * One browser for a spec file: built web app, Chromium launched before the first test and closed
 * after the last; every page a test opens is closed after it, whether it passed or not.
 */
export function useBrowser(): { newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; problems: PageProblems }> } {
  let browser: Browser | undefined;
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
  return {
    async newPage(viewport) {
      if (!browser) throw new Error('useBrowser: the browser is not launched yet (call newPage inside a test)');
      const { context, page, problems } = await openPage(browser, viewport);
      contexts.push(context);
      return { page, problems };
    },
  };
}

/** The page's live link is up (the header's connection dot). */
export async function waitConnected(page: Page): Promise<void> {
  await page.locator('.connection-status.is-connected').first().waitFor({ state: 'visible', timeout: SEEN_WITHIN });
}

/** A marker unique to one test, to find its records among the others. */
export const uniqueTag = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
