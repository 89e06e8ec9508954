// Soak: the wall open in headless Chromium while the feeds send a steady stream, to show that the
// page's memory stays flat over a long night. Not part of the quick suite: `npm run soak`.
//
//   SOAK_MINUTES   how long to run (default 30)
//   SOAK_RATE      records per second (default 50)
//   SOAK_WARMUP_S  seconds before the first heap reading, while bounded lists fill (default 120)
//   SOAK_PORT      port of the server it starts (default 3988)
//
// It starts the built server (`npm run build` first, or `npm start` once) on a fresh SQLite
// directory, signs in as duty through the login form, opens /wall at 1920×1080 and sends records
// through the real feeds API. Every minute it forces a garbage collection in the page (CDP
// HeapProfiler.collectGarbage) and reads the JS heap (Runtime.getHeapUsage; the lowest of three
// samples), the DOM node count, the number of canvases and how busy the page's main thread was.
// It prints a table and the growth from the first reading to the last, and exits 1 when the heap
// grew by 20 % or more, when the page threw an error, or when a record was refused.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHANNEL_CYCLE, createGenerator } from '../bench/records.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const RATE = Number(process.env.SOAK_RATE ?? 50);
const WARMUP_S = Number(process.env.SOAK_WARMUP_S ?? 120);
const PORT = Number(process.env.SOAK_PORT ?? 3988);
const BASE = `http://127.0.0.1:${PORT}`;
const FEED_KEY = 'dev-feed-key';
const PASSWORD = process.env.SEED_PASSWORD ?? 'jointduty';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const [name, v] of Object.entries({ SOAK_MINUTES: MINUTES, SOAK_RATE: RATE, SOAK_WARMUP_S: WARMUP_S })) {
  if (!Number.isFinite(v) || v < 0) {
    console.error(`${name}: not a number ≥ 0`);
    process.exit(2);
  }
}
for (const f of ['server/dist/main.js', 'web/dist/index.html']) {
  if (!fs.existsSync(path.join(root, f))) {
    console.error(`${f} is missing: run \`npm run build\` first`);
    process.exit(2);
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jointduty-soak-'));
const server = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
  cwd: root,
  env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, SIMULATOR: 'off', DATABASE_URL: '', REDIS_URL: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let browser = null;
async function cleanup() {
  await browser?.close().catch(() => undefined);
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => void cleanup().then(() => process.exit(130)));
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
function post(pathname, body) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(
      `${BASE}${pathname}`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': data.length, 'x-feed-key': FEED_KEY } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function waitHealthy() {
  for (let i = 0; i < 120; i++) {
    const ok = await new Promise((resolve) => {
      http
        .get(`${BASE}/api/health`, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
        .on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(500);
  }
  throw new Error('the server did not answer /api/health within 60 s');
}

// ---- the feed: RATE records a second in ten batches, spread over the channels ----
const gen = createGenerator(4242);
let sent = 0;
let refused = 0;
let feeding = true;
async function feed() {
  const tickMs = 100;
  let carry = 0;
  let n = 0;
  let next = Date.now();
  while (feeding) {
    carry += RATE / (1000 / tickMs);
    const count = Math.floor(carry);
    carry -= count;
    const byChannel = new Map();
    for (let i = 0; i < count; i++) {
      const ch = CHANNEL_CYCLE[n % CHANNEL_CYCLE.length];
      const list = byChannel.get(ch) ?? [];
      list.push(gen.record(ch, Date.now(), 'soak', n++));
      byChannel.set(ch, list);
    }
    await Promise.all(
      [...byChannel].map(async ([ch, records]) => {
        try {
          const status = await post(`/api/feeds/${ch}`, records);
          if (status === 202) sent += records.length;
          else refused += records.length;
        } catch {
          refused += records.length;
        }
      }),
    );
    next += tickMs;
    await sleep(Math.max(0, next - Date.now()));
  }
}

// the page's main thread: seconds busy (CDP Performance TaskDuration) since the last reading
let lastTask = null;
async function busyShare(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const task = metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  const now = performance.now();
  const share = lastTask ? (task - lastTask.task) / ((now - lastTask.at) / 1000) : null;
  lastTask = { task, at: now };
  return share;
}

// The heap a reading reports is the lowest of three, each after two forced collections, 1.5 s
// apart: what the page retains. A single sample can land on a burst in flight (a socket frame being
// applied, a chart option being built) and read 10 MB high without anything being kept.
async function retainedHeap(cdp) {
  let best = null;
  for (let i = 0; i < 3; i++) {
    if (i > 0) await sleep(1500);
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(100);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    if (!best || heap.usedSize < best.usedSize) best = heap;
  }
  return best;
}

async function reading(page, cdp, startedAt) {
  const busy = await busyShare(cdp);
  const heap = await retainedHeap(cdp);
  const dom = await page.evaluate(() => ({
    nodes: document.getElementsByTagName('*').length,
    canvases: document.querySelectorAll('canvas').length,
  }));
  return {
    minute: ((Date.now() - startedAt) / 60_000).toFixed(1),
    usedMB: heap.usedSize / 2 ** 20,
    totalMB: heap.totalSize / 2 ** 20,
    ...dom,
    sent,
    busy,
  };
}

const fmt = (r) =>
  `${String(r.minute).padStart(6)}  ${r.usedMB.toFixed(2).padStart(9)}  ${r.totalMB.toFixed(2).padStart(9)}  ${String(r.nodes).padStart(7)}  ${String(r.canvases).padStart(8)}  ${String(r.sent).padStart(9)}  ${r.busy === null ? '     —' : `${(r.busy * 100).toFixed(0).padStart(5)}%`}`;

try {
  await waitHealthy();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${BASE}/login`);
  await page.locator('input[name="username"]').fill('duty');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form.login-form button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname !== '/login', { timeout: 15_000 });
  if (new URL(page.url()).pathname !== '/wall') await page.goto(`${BASE}/wall`);
  await page.locator('.connection-status.is-connected').first().waitFor({ timeout: 15_000 });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await busyShare(cdp);

  console.log(
    `soak: /wall at 1920×1080, ${RATE} records/s for ${MINUTES} min (heap read after ${WARMUP_S} s of warm-up, then every minute)`,
  );
  const startedAt = Date.now();
  const feeding$ = feed();
  await sleep(WARMUP_S * 1000);
  console.log('minute   heap MB   total MB    nodes  canvases       sent  main thread busy');
  const rows = [await reading(page, cdp, startedAt)];
  console.log(fmt(rows[0]));
  const endAt = startedAt + MINUTES * 60_000;
  while (Date.now() < endAt) {
    await sleep(Math.min(60_000, Math.max(0, endAt - Date.now())));
    const r = await reading(page, cdp, startedAt);
    rows.push(r);
    console.log(fmt(r));
  }
  feeding = false;
  await feeding$;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const growth = (last.usedMB - first.usedMB) / first.usedMB;
  const peak = Math.max(...rows.map((r) => r.usedMB));
  console.log('');
  console.log(`records accepted ${sent}, refused ${refused}; page errors ${errors.length}`);
  console.log(
    `JS heap after warm-up ${first.usedMB.toFixed(2)} MB, at the end ${last.usedMB.toFixed(2)} MB, peak ${peak.toFixed(2)} MB: growth ${(growth * 100).toFixed(1)} % (limit 20 %)`,
  );
  console.log(`DOM nodes ${first.nodes} → ${last.nodes}; canvases ${first.canvases} → ${last.canvases}`);
  const busy = rows.map((r) => r.busy).filter((b) => b !== null);
  if (busy.length)
    console.log(`page main thread busy ${((busy.reduce((a, b) => a + b, 0) / busy.length) * 100).toFixed(0)} % of the time on average`);
  for (const e of errors.slice(0, 5)) console.log(`page error: ${e}`);
  await cleanup();
  process.exit(growth < 0.2 && errors.length === 0 && refused === 0 ? 0 : 1);
} catch (err) {
  console.error(err);
  await cleanup();
  process.exit(1);
}
