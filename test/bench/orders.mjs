// The `orders` part of `npm run bench`: work orders at scale. Per database, a year of orders
// (1,000,000 by default, with their incidents, steps and reminders) is written straight into the
// database the server made (orders-fill.mjs), then:
//   - the lists and figures over HTTP against the real server (server/dist/main.js), one request at
//     a time from this process: a unit's inbox (dept-market: the market department and its two
//     district units) newest first and its next pages by cursor, duty's boards (due today, due in
//     3 working days, overdue by deadline), the ledger, and the figures;
//   - the reminder sweep, timed inside the server (orders-sweep.mjs) when N orders fall due, with
//     100,000 and with 1,000,000 orders stored, and as of the busiest morning of the coming week.
// See test/bench/README.md.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export const ORDERS_TOTAL = Number(process.env.BENCH_ORDERS) || 1_000_000;
// the sweep is also timed with this many stored, to see whether it grows with the table
const ORDERS_SMALL = Math.min(ORDERS_TOTAL, Number(process.env.BENCH_ORDERS_SMALL) || 100_000);
const SAMPLES = 50;
const FIGURE_SAMPLES = 12;
// the figures are cached for 2 s: a sample counts only when the cache has expired
const FIGURE_GAP_MS = 2100;
const SWEEP_DUE = [100, 1000];
const SWEEP_RUNS = 3;
export const ORDERS_TARGET_MS = 50;
// the sweep is flat when, with 10× the orders stored, it takes at most this much longer (noise: a few ms)
const FLAT_RATIO = 1.5;
const FLAT_SLACK_MS = 5;

const LISTS = [
  { key: 'inbox', who: 'dept-market', query: 'limit=50', label: 'inbox of one unit (dept-market), newest first, first page of 50' },
  {
    key: 'inboxNext',
    who: 'dept-market',
    query: 'limit=50',
    cursor: true,
    label: 'the same inbox, next pages by cursor (each request the page after the last)',
  },
  { key: 'dueToday', who: 'duty', query: 'due=today', label: 'duty board: due today (`?due=today`)' },
  { key: 'due3d', who: 'duty', query: 'due=3d', label: 'duty board: due in 3 working days (`?due=3d`)' },
  { key: 'overdue', who: 'duty', query: 'due=overdue&sort=deadline', label: 'overdue board (`?due=overdue&sort=deadline`)' },
  { key: 'ledger', who: 'duty', query: 'ledger=true', label: 'ledger (`?ledger=true`)' },
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pct(samples, q) {
  const s = [...samples].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : null;
}
const stats = (samples) => ({ n: samples.length, p50: pct(samples, 0.5), p95: pct(samples, 0.95), max: pct(samples, 1) });

/** Runs orders-fill.mjs in its own process on one database (the orders and ranking parts). */
export function fillChild(h, job) {
  return new Promise((resolve, reject) => {
    const child = h.track(
      fork(path.join(HERE, 'orders-fill.mjs'), [], {
        cwd: h.ROOT,
        execArgv: ['--max-semi-space-size=64'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    let answer = null;
    child.on('message', (m) => (answer = m));
    child.on('exit', (code) => {
      if (answer?.ok) resolve(answer.result);
      else reject(new Error(`orders fill failed (exit ${code}): ${answer?.error ?? 'no answer'}`));
    });
    child.send(job);
  });
}

async function timed(url, token, pathAndQuery) {
  const t0 = performance.now();
  const res = await fetch(url + pathAndQuery, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${pathAndQuery}: HTTP ${res.status} ${body.slice(0, 200)}`);
  return { ms, body, next: res.headers.get('x-next-cursor') };
}

/**
 * The lists, round robin (each list's samples spread over the same minute), one request at a
 * time; a figures request whenever its cache has expired, then more figures until there are
 * FIGURE_SAMPLES. Three unmeasured requests of each first.
 */
async function measureLists(h, url) {
  const tokens = { duty: await h.login(url, 'duty'), 'dept-market': await h.login(url, 'dept-market') };
  const out = Object.fromEntries(LISTS.map((l) => [l.key, { samples: [], rows: null, pages: 0 }]));
  out.figures = { samples: [] };
  let cursor = null;
  const one = async (l, record) => {
    let q = l.query;
    if (l.cursor) {
      if (!cursor) cursor = (await timed(url, tokens[l.who], `/api/orders?${l.query}`)).next;
      if (!cursor) throw new Error('the inbox has one page only: no cursor to follow');
      q += `&cursor=${encodeURIComponent(cursor)}`;
    }
    const r = await timed(url, tokens[l.who], `/api/orders?${q}`);
    if (l.cursor) cursor = r.next;
    if (!record) return;
    const o = out[l.key];
    o.samples.push(r.ms);
    o.rows ??= JSON.parse(r.body).length;
    if (l.cursor) o.pages++;
  };
  let lastFigures = 0;
  const figures = async () => {
    const r = await timed(url, tokens.duty, '/api/orders/figures');
    lastFigures = Date.now();
    return r;
  };
  for (const l of LISTS) for (let k = 0; k < 3; k++) await one(l, false);
  out.figures.value = JSON.parse((await figures()).body);
  for (let k = 0; k < SAMPLES; k++) {
    for (const l of LISTS) {
      await one(l, true);
      if (Date.now() - lastFigures >= FIGURE_GAP_MS && out.figures.samples.length < FIGURE_SAMPLES)
        out.figures.samples.push((await figures()).ms);
    }
  }
  while (out.figures.samples.length < FIGURE_SAMPLES) {
    await sleep(Math.max(0, lastFigures + FIGURE_GAP_MS - Date.now()));
    out.figures.samples.push((await figures()).ms);
  }
  for (const v of Object.values(out)) Object.assign(v, stats(v.samples));
  return out;
}

/** How many orders each list could show, read from the database after the server stopped. */
async function listSizes(h, db, env, now, calendar) {
  const today = calendar.dayOf(now);
  const endToday = calendar.endOfDay(today);
  const end3d = calendar.endOfDay(calendar.addWorkingDays(today, 3));
  const queries = {
    inbox: [`SELECT COUNT(*) AS n FROM orders WHERE department_id IN ('market', 'market-shinan', 'market-huangdao')`, []],
    dueToday: [
      `SELECT COUNT(*) AS n FROM orders WHERE open = ? AND next_deadline_at >= ? AND next_deadline_at <= ?`,
      [true, now, endToday],
    ],
    due3d: [`SELECT COUNT(*) AS n FROM orders WHERE open = ? AND next_deadline_at >= ? AND next_deadline_at <= ?`, [true, now, end3d]],
    overdue: [`SELECT COUNT(*) AS n FROM orders WHERE open = ? AND next_deadline_at < ?`, [true, now]],
    ledger: [`SELECT COUNT(*) AS n FROM orders WHERE ledger = ?`, [true]],
  };
  const out = {};
  if (db === 'sqlite') {
    const conn = new h.Database(path.join(env.DATA_DIR, 'jointduty.sqlite'), { readonly: true });
    try {
      for (const [k, [sql, params]] of Object.entries(queries))
        out[k] = conn.prepare(sql).get(...params.map((p) => (p === true ? 1 : p))).n;
    } finally {
      conn.close();
    }
  } else {
    const c = new h.pg.Client({ connectionString: env.DATABASE_URL });
    await c.connect();
    try {
      for (const [k, [sql, params]] of Object.entries(queries)) {
        let i = 0;
        out[k] = Number(
          (
            await c.query(
              sql.replace(/\?/g, () => `$${++i}`),
              params,
            )
          ).rows[0].n,
        );
      }
    } finally {
      await c.end();
    }
  }
  out.inboxNext = out.inbox;
  return out;
}

/**
 * The sweep timed in a server built in process, SWEEP_RUNS times per N due orders, each time
 * other orders; with `morning`, also once as of the busiest reminder time of the coming week.
 */
async function measureSweep(h, name, env, stored, orderId, { morning = false } = {}) {
  const logFile = path.join(h.ARTIFACTS, `bench-${name}.log`);
  const fd = fs.openSync(logFile, 'w');
  const child = h.spawnNode([path.join(HERE, 'orders-sweep.mjs')], { env: h.serverEnv(env), ipc: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const call = h.rpc(child, name);
  try {
    await call.ready(120_000);
    // one sweep unmeasured first: a sweep runs every 30 s in a server that has been up a while
    await call('sweep', { ids: Array.from({ length: 10 }, (_, j) => orderId((j * 997 + 13) % stored)) }, 120_000);
    const out = [];
    let run = 0;
    for (const due of SWEEP_DUE) {
      const runs = [];
      for (let k = 0; k < SWEEP_RUNS; k++) {
        // orders spread evenly over the whole table, a different set each time
        const step = Math.floor(stored / due);
        const base = 7919 * ++run;
        const ids = Array.from({ length: due }, (_, j) => orderId((j * step + base) % stored));
        runs.push(await call('sweep', { ids }, 120_000));
      }
      const ms = runs.map((r) => r.ms);
      out.push({ stored, due, runs, ms: stats(ms), median: pct(ms, 0.5) });
      h.log(`orders: sweep with ${stored.toLocaleString('en-US')} stored, ${due} due: ${ms.map((x) => x.toFixed(0)).join(' / ')} ms`);
    }
    if (morning) {
      const m = await call('morning', {}, 300_000);
      if (m) {
        out.push({ stored, due: m.due, morning: m, runs: [m], ms: stats([m.ms]), median: m.ms });
        h.log(`orders: the sweep of ${m.at} over ${m.due} orders: ${m.ms.toFixed(0)} ms, event loop held ${m.loopMs.toFixed(0)} ms`);
      }
    }
    await call('close', {}, 30_000).catch(() => {});
    return out;
  } finally {
    await h.stop(child);
    h.collectLogNotes(name, { logFile });
  }
}

/** The whole part on one database. */
export async function benchOrdersDb(db, h) {
  const t0 = Date.now();
  const { loadWorld, orderGenerator } = await import('./orders-fill.mjs');
  const world = loadWorld();
  const dataDir = h.tempDir(`jointduty-bench-orders-${db}-`);
  const env = { DATA_DIR: dataDir };
  if (db === 'postgres') {
    await h.recreateBenchDb();
    env.DATABASE_URL = h.PG_BENCH_URL;
  }
  const target = db === 'postgres' ? h.PG_BENCH_URL : path.join(dataDir, 'jointduty.sqlite');
  const result = { db, fill: [], sweep: [] };
  try {
    // the schema: the server migrates an empty database on start
    const schema = await h.startServer(`orders-${db}-schema`, h.MAIN, h.serverEnv(env), { timeoutMs: 60_000 });
    await h.stop(schema.child);
    h.collectLogNotes(schema.name, schema);

    const now = Date.now();
    const gen = orderGenerator(world, { now, total: ORDERS_TOTAL });
    const fill = async (from, to, tagBase) => {
      const t = Date.now();
      h.log(`orders: ${db}: writing orders ${from.toLocaleString('en-US')} … ${to.toLocaleString('en-US')} …`);
      const r = await fillChild(h, { dialect: db, target, from, to, now, total: ORDERS_TOTAL, tagBase });
      const f = { from, to, seconds: (Date.now() - t) / 1000, ...r };
      result.fill.push(f);
      h.log(
        `orders: ${db}: ${to.toLocaleString('en-US')} stored in ${f.seconds.toFixed(0)} s (${Object.entries(r.ms)
          .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
          .join(', ')})`,
      );
    };

    await fill(0, ORDERS_SMALL, 0);
    if (ORDERS_SMALL < ORDERS_TOTAL) {
      result.sweep.push(...(await measureSweep(h, `orders-${db}-sweep-small`, env, ORDERS_SMALL, gen.orderId)));
      await fill(ORDERS_SMALL, ORDERS_TOTAL, 1000);
    }

    const started = Date.now();
    const server = await h.startServer(`orders-${db}`, h.MAIN, h.serverEnv(env), { timeoutMs: 180_000 });
    result.startSeconds = (Date.now() - started) / 1000;
    try {
      h.log(`orders: ${db}: lists, ${SAMPLES} requests each, one at a time …`);
      result.lists = await measureLists(h, server.url);
      h.assertAlive(server);
    } finally {
      await h.stop(server.child);
      h.collectLogNotes(server.name, server);
    }
    result.sizes = await listSizes(h, db, env, Date.now(), world.calendar);

    result.sweep.push(...(await measureSweep(h, `orders-${db}-sweep`, env, ORDERS_TOTAL, gen.orderId, { morning: true })));
    result.seconds = (Date.now() - t0) / 1000;
    return result;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- tables

const fmtInt = (n) => (n == null ? '—' : Math.round(n).toLocaleString('en-US'));
const fmtMs = (n) => (n == null ? '—' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toString());
const verdict = (ok) => (ok ? 'met' : '**not met**');
const DB_LABEL = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const line = (cells) => `| ${cells.join(' | ')} |`;
const table = (head, rows) => [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');

/** Whether the sweep stayed flat from the small table to the full one, per N due. */
function flatness(r) {
  const out = [];
  for (const due of SWEEP_DUE) {
    const small = r.sweep.find((s) => s.due === due && s.stored === ORDERS_SMALL);
    const big = r.sweep.find((s) => s.due === due && s.stored === ORDERS_TOTAL && !s.morning);
    if (!small || !big || small === big) continue;
    out.push({ due, small, big, ok: big.median <= FLAT_RATIO * small.median + FLAT_SLACK_MS });
  }
  return out;
}

/** The part's section: the fill in words, the lists and the sweep as tables. */
export function ordersTables(results, errors) {
  const rows = [];
  const sweepRows = [];
  const fillLines = [];
  for (const db of ['sqlite', 'postgres']) {
    const r = results[db];
    if (!r) {
      rows.push([`work orders, ${DB_LABEL[db]}`, errors[db] ?? 'not run', '', '', '', '']);
      continue;
    }
    const counts = {};
    for (const f of r.fill) for (const [k, v] of Object.entries(f.counts)) counts[k] = (counts[k] ?? 0) + v;
    const fillSeconds = r.fill.reduce((t, f) => t + f.seconds, 0);
    fillLines.push(
      `${DB_LABEL[db]}: ${fmtInt(counts.orders)} orders (${fmtInt(counts.open)} open, ${fmtInt(counts.ledger)} on the ledger, ${fmtInt(counts.extensionPending)} extensions pending, ${fmtInt(counts.nextReminder)} with a next reminder time), ` +
        `${fmtInt(counts.incidentsRows)} incidents, ${fmtInt(counts.order_stepsRows)} steps, ${fmtInt(counts.order_remindersRows)} reminders; ` +
        `filled in ${fillSeconds.toFixed(0)} s (${r.fill
          .map(
            (f) =>
              `to ${fmtInt(f.to)}: ${f.seconds.toFixed(0)} s — ${Object.entries(f.ms)
                .map(([k, v]) => `${k} ${(v / 1000).toFixed(0)} s`)
                .join(', ')}`,
          )
          .join('; ')}); the server started on it in ${r.startSeconds.toFixed(1)} s; the part took ${r.seconds.toFixed(0)} s.` +
        (counts.inconsistent ? ` **${counts.inconsistent} open orders had a reminder due at fill time** (a bench bug).` : ''),
    );
    for (const l of LISTS) {
      const s = r.lists[l.key];
      rows.push([
        l.label,
        DB_LABEL[db],
        `${fmtMs(s.p50)} / ${fmtMs(s.p95)} / ${fmtMs(s.max)}`,
        `${fmtInt(s.rows)} of ${fmtInt(r.sizes[l.key])}${l.cursor ? ` (${s.pages} pages walked)` : ''}`,
        `p95 < ${ORDERS_TARGET_MS} ms`,
        verdict(s.p95 < ORDERS_TARGET_MS),
      ]);
    }
    const f = r.lists.figures;
    rows.push([
      `figures (GET /api/orders/figures), each request after its 2 s cache expired (${f.n} requests)`,
      DB_LABEL[db],
      `${fmtMs(f.p50)} / ${fmtMs(f.p95)} / ${fmtMs(f.max)}`,
      `overdue ${fmtInt(f.value?.overdue)}, due today ${fmtInt(f.value?.dueToday)}, ledger open ${fmtInt(f.value?.ledgerOpen)}`,
      '— (reported: the target is for the lists)',
      '—',
    ]);
    const flat = flatness(r);
    for (const s of r.sweep) {
      const fl = flat.find((x) => x.big === s);
      const wrote = s.runs.map((x) => x.reminders);
      sweepRows.push([
        DB_LABEL[db],
        fmtInt(s.stored),
        s.morning
          ? `${fmtInt(s.due)}: every order whose next look comes by ${s.morning.at} (the busiest reminder time of the coming week, ${fmtInt(s.morning.sameMoment)} orders at that moment), as stored`
          : fmtInt(s.due),
        s.morning ? `${fmtMs(s.median)} (one run)` : `${fmtMs(s.median)} (${s.runs.map((x) => fmtMs(x.ms)).join(' / ')})`,
        fmtMs(s.median / s.due),
        `${[...new Set(s.runs.map((x) => x.seen))].join(' / ')}`,
        s.morning
          ? `${fmtInt(s.morning.reminders)} (and ${fmtInt(s.morning.steps)} overdue steps)`
          : `${[...new Set(wrote)].join(' / ')} (${3 * s.due} expected)`,
        fmtMs(Math.max(...s.runs.map((x) => x.loopMs))),
        fl
          ? `≤ ${FLAT_RATIO}× the ${fmtInt(ORDERS_SMALL)} figure + ${FLAT_SLACK_MS} ms: ${fmtMs(s.median)} vs ${fmtMs(fl.small.median)} (${(s.median / fl.small.median).toFixed(2)}×): ${verdict(fl.ok)}`
          : '—',
      ]);
    }
  }
  return {
    fill: fillLines,
    lists: table(['figure', 'database', 'p50 / p95 / max ms', 'rows on the page / orders the list holds', 'target', 'verdict'], rows),
    sweep: table(
      [
        'database',
        'orders stored',
        'orders due',
        'one sweep, ms: median (each run)',
        'ms per due order',
        'orders it looked at',
        'reminders written',
        'event loop held, ms (longest)',
        'flat as orders grow',
      ],
      sweepRows,
    ),
  };
}
