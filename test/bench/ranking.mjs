// The `ranking` part of `npm run bench`: the unit ranking (考核排名) over a year of orders, read
// from the rollups (docs/rates.md). Per database: the server makes the schema, a year of orders
// (1,000,000 by default, over the ~40 units of config/departments.yaml) is written straight into it
// by orders-fill.mjs, then this file, run as a child with the whole server built from server/dist
// on that database (createApp, no HTTP listener):
//   - fills the rollups from the orders as the migration does on an existing database (the latest
//     follow-ups from the steps, then both rollup tables), timed;
//   - times ReportsService.ranking (the monthly report's JSON) for the last full month with the 3-month 约谈 check, and
//     for the last full quarter, one call at a time.
// Target: each ranking < 1 s.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fillChild } from './orders.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');

export const RANKING_TOTAL = Number(process.env.BENCH_RANKING_ORDERS) || Number(process.env.BENCH_ORDERS) || 1_000_000;
export const RANKING_TARGET_MS = 1000;
const SAMPLES = 20;
const OFFSET = 8 * 3_600_000;

const pct = (samples, q) => {
  const s = [...samples].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : null;
};

/** The last full month and quarter before `now`, in city time, with their days and months. */
export function periodsBefore(now) {
  const d = new Date(now + OFFSET);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth(); // 0-based: this month; the last full one is m - 1
  const key = (yy, mm) => `${yy}-${String(mm + 1).padStart(2, '0')}`;
  const norm = (yy, mm) => [yy + Math.floor(mm / 12), ((mm % 12) + 12) % 12];
  const lastDay = (yy, mm) => new Date(Date.UTC(yy, mm + 1, 0)).toISOString().slice(0, 10);
  const [my, mm] = norm(y, m - 1);
  const month = {
    label: `month ${key(my, mm)}`,
    query: { month: key(my, mm) },
    from: `${key(my, mm)}-01`,
    to: lastDay(my, mm),
    months: [2, 1, 0].map((k) => key(...norm(my, mm - k))),
  };
  const q = Math.floor(m / 3) - 1; // the last full quarter (may be -1: last year's Q4)
  const [qy, qm] = norm(y, q * 3);
  const quarter = {
    label: `quarter ${qy}-Q${qm / 3 + 1}`,
    query: { quarter: `${qy}-Q${qm / 3 + 1}` },
    from: `${key(qy, qm)}-01`,
    to: lastDay(...norm(qy, qm + 2)),
    months: [0, 1, 2].map((k) => key(...norm(qy, qm + k))),
  };
  return { month, quarter };
}

/** The whole part on one database. */
export async function benchRankingDb(db, h) {
  const t0 = Date.now();
  const dataDir = h.tempDir(`jointduty-bench-ranking-${db}-`);
  const env = { DATA_DIR: dataDir };
  if (db === 'postgres') {
    await h.recreateBenchDb();
    env.DATABASE_URL = h.PG_BENCH_URL;
  }
  const target = db === 'postgres' ? h.PG_BENCH_URL : path.join(dataDir, 'jointduty.sqlite');
  const result = { db, total: RANKING_TOTAL };
  try {
    const schema = await h.startServer(`ranking-${db}-schema`, h.MAIN, h.serverEnv(env), { timeoutMs: 60_000 });
    await h.stop(schema.child);
    h.collectLogNotes(schema.name, schema);

    const now = Date.now();
    h.log(`ranking: ${db}: writing ${RANKING_TOTAL.toLocaleString('en-US')} orders …`);
    const t = Date.now();
    await fillChild(h, { dialect: db, target, from: 0, to: RANKING_TOTAL, now, total: RANKING_TOTAL, tagBase: 0, rollups: false });
    result.fillSeconds = (Date.now() - t) / 1000;
    h.log(`ranking: ${db}: orders written in ${result.fillSeconds.toFixed(0)} s`);

    const name = `ranking-${db}`;
    const logFile = path.join(h.ARTIFACTS, `bench-${name}.log`);
    const fd = fs.openSync(logFile, 'w');
    const child = h.spawnNode([path.join(HERE, 'ranking.mjs')], { env: h.serverEnv(env), ipc: true, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    const call = h.rpc(child, name);
    try {
      await call.ready(180_000);
      result.rebuild = await call('rebuild', {}, 900_000);
      h.log(`ranking: ${db}: rollups filled from the orders in ${(result.rebuild.ms / 1000).toFixed(1)} s (${result.rebuild.rows} rows)`);
      const { month, quarter } = periodsBefore(now);
      result.runs = [];
      for (const p of [month, quarter]) {
        const r = await call('ranking', { ...p, samples: SAMPLES }, 300_000);
        result.runs.push({ ...p, ...r });
        h.log(`ranking: ${db}: ${p.label}: p50 ${r.p50.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (${r.units} units, ${r.orders} orders)`);
      }
      await call('close', {}, 30_000).catch(() => {});
    } finally {
      await h.stop(child);
      h.collectLogNotes(name, { logFile });
    }
    result.seconds = (Date.now() - t0) / 1000;
    return result;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const DB_LABEL = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const line = (cells) => `| ${cells.join(' | ')} |`;
const fmtMs = (n) => (n == null ? '—' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toString());

/** The part's Markdown lines. */
export function rankingSection(results, errors) {
  const head = [
    'database',
    'ranking',
    'orders in the period',
    'units ranked',
    '约谈',
    'p50 / p95 / max ms',
    `target < ${RANKING_TARGET_MS} ms`,
  ];
  const rows = [];
  const notes = [];
  for (const db of ['sqlite', 'postgres']) {
    const r = results[db];
    if (!r) {
      if (errors[db]) notes.push(`- ${DB_LABEL[db]}: ${errors[db]}`);
      continue;
    }
    notes.push(
      `- ${DB_LABEL[db]}: ${r.total.toLocaleString('en-US')} orders written in ${r.fillSeconds.toFixed(0)} s; the rollups filled from them (as the migration does on an existing database) in ${(r.rebuild.ms / 1000).toFixed(1)} s: ${r.rebuild.rows.toLocaleString('en-US')} rows of order_rollups_day.`,
    );
    for (const x of r.runs) {
      rows.push(
        line([
          DB_LABEL[db],
          `${x.label} (约谈 over ${x.months.join(', ')})`,
          x.orders.toLocaleString('en-US'),
          String(x.units),
          String(x.callIns),
          `${fmtMs(x.p50)} / ${fmtMs(x.p95)} / ${fmtMs(x.max)}`,
          x.max < RANKING_TARGET_MS ? 'met' : '**not met**',
        ]),
      );
    }
  }
  return [
    `A year of ${RANKING_TOTAL.toLocaleString('en-US')} orders (orders-fill.mjs) over the units of config/departments.yaml; \`ReportsService.ranking\` (the JSON of \`GET /api/reports/monthly\`) timed inside the server built from server/dist, ${SAMPLES} calls one at a time after one unmeasured: the period's sums per unit, per month over the trend's months, the 3 months of the 约谈 check per unit and month, the categories, then ranking.ts. All read from the rollups (docs/rates.md).`,
    '',
    ...notes,
    '',
    ...(rows.length ? [line(head), line(head.map(() => '---')), ...rows] : ['No figures.']),
    '',
  ];
}

// ---------------------------------------------------------------- as a child of the bench

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]) && process.send) {
  process.on('disconnect', () => process.exit(0));
  const serverRequire = createRequire(path.join(ROOT, 'server/package.json'));
  const dist = (p) => serverRequire(path.join(ROOT, 'server/dist', p));
  const { loadConfig } = dist('config/config.loader.js');
  const { createApp } = dist('app.factory.js');
  const { ReportsService } = dist('reports/reports.service.js');
  const { OrdersService } = dist('orders/orders.service.js');
  const { rankingPeriodOf } = dist('reports/periods.js');
  const { Db } = dist('infra/database/db.js');
  const { backfillFollowups, fillOrderRollups } = dist('infra/database/migrations/1764800000000-rollups.js');

  const app = await createApp(loadConfig(), { logger: ['error', 'warn'] });
  const db = app.get(Db);
  const reports = app.get(ReportsService);
  const calendar = app.get(OrdersService).calendar;
  const query = (sql) => db.query(sql);
  const handlers = {
    rebuild: async () => {
      const t = performance.now();
      await backfillFollowups(query, db.dialect === 'postgres');
      await fillOrderRollups(query, db.dialect === 'postgres');
      const ms = performance.now() - t;
      const rows = Number((await db.query('SELECT COUNT(*) AS n FROM order_rollups_day'))[0].n);
      return { ms, rows };
    },
    // the report the API answers (GET /api/reports/monthly), without the HTTP around it
    ranking: async ({ query, samples }) => {
      const period = rankingPeriodOf(calendar, query);
      let r = await reports.ranking(period);
      const ms = [];
      for (let k = 0; k < samples; k++) {
        const t = performance.now();
        r = await reports.ranking(period);
        ms.push(performance.now() - t);
      }
      return {
        p50: pct(ms, 0.5),
        p95: pct(ms, 0.95),
        max: pct(ms, 1),
        orders: r.city.orders,
        units: r.units.filter((u) => u.rank !== null).length,
        callIns: r.callIns.length,
        onTime: r.city.rates.onTime.value,
        satisfaction: r.city.rates.satisfaction.value,
      };
    },
    close: async () => {
      await app.close();
      return true;
    },
  };
  process.on('message', (m) => {
    Promise.resolve()
      .then(() => handlers[m.cmd](m))
      .then(
        (result) => process.send({ id: m.id, ok: true, result }),
        (err) => process.send({ id: m.id, ok: false, error: String(err?.stack ?? err) }),
      );
  });
  process.send({ ready: true });
}
