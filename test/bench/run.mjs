// `npm run bench`: intake throughput and latency of the real server on SQLite and PostgreSQL,
// next to what this machine's parts do on their own (bare Fastify, raw multi-row inserts).
// Prints one Markdown table and writes it to test-artifacts/bench.md.
//
//   BENCH_CPU_PROF=1   also profile the server child (--cpu-prof) and print its hottest functions
//   BENCH_KEEP_DB=1    keep the jointduty_bench PostgreSQL database afterwards
//   BENCH_SKIP_PG=1    SQLite only
//   BENCH_DB=postgres  only these databases (comma-separated: sqlite,postgres)
import { fork, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CHANNEL_CYCLE, createGenerator } from './records.mjs';
import { benchUnderstanding } from './understanding.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
// the drivers the server itself uses, resolved as the server resolves them
const serverRequire = createRequire(path.join(ROOT, 'server/package.json'));
const Database = serverRequire('better-sqlite3');
const pg = serverRequire('pg');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_BENCH_DB = 'jointduty_bench';
const PG_BENCH_URL = `postgres://postgres@127.0.0.1:5432/${PG_BENCH_DB}`;
const PROFILE = process.env.BENCH_CPU_PROF === '1';

const WARMUP_MS = 2000;
const MEASURE_MS = 8000;
const CONCURRENCY = 16;
const BATCHES = [1, 10, 100];
const DBS = (process.env.BENCH_DB ?? 'sqlite,postgres').split(',');
const RATE = 200;
const RATE_MS = 5000;
const RAW_MS = 3000;

const log = (...a) => console.log('[bench]', ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const notes = [];

// ---------------------------------------------------------------- child processes
const children = new Set();
const tempDirs = new Set();

function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stop(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(t);
}

process.on('exit', () => {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    console.error(`[bench] ${sig}: stopping children`);
    Promise.all([...children].map((c) => stop(c, 2000))).finally(() => process.exit(130));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts a server child on a free port and waits for GET /api/health 200. */
async function startServer(name, args, env, { healthPath = '/api/health', timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const logFile = path.join(ARTIFACTS, `bench-${name}.log`);
  const fd = fs.openSync(logFile, 'w');
  const child = track(spawn(process.execPath, args, { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', fd, fd] }));
  fs.closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was healthy; ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(url + healthPath, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - start > timeoutMs) {
      await stop(child);
      throw new Error(`${name} not healthy after ${timeoutMs / 1000} s; ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(100);
  }
  log(`${name} healthy on ${url} after ${((Date.now() - start) / 1000).toFixed(1)} s (pid ${child.pid})`);
  return { child, url, logFile };
}

/** Runs load.mjs in its own process against url; resolves with its results. */
function runLoad(plan, expectedMs) {
  return new Promise((resolve, reject) => {
    const child = track(
      fork(path.join(HERE, 'load.mjs'), [], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--expose-gc'] }),
    );
    let answer = null;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`load generator did not finish within ${(expectedMs + 60_000) / 1000} s`));
    }, expectedMs + 60_000);
    child.on('message', (m) => (answer = m));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (answer?.ok) resolve(answer);
      else reject(new Error(`load generator failed (exit ${code}): ${answer?.error ?? 'no answer'}`));
    });
    child.send(plan);
  });
}

// ---------------------------------------------------------------- build
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

function buildServerIfStale() {
  const main = path.join(ROOT, 'server/dist/main.js');
  const built = fs.existsSync(main) ? fs.statSync(main).mtimeMs : 0;
  const src = Math.max(
    newest(path.join(ROOT, 'server/src')),
    ...['server/tsconfig.json', 'server/tsconfig.build.json'].map((f) =>
      fs.existsSync(path.join(ROOT, f)) ? fs.statSync(path.join(ROOT, f)).mtimeMs : 0,
    ),
  );
  if (built >= src) return log('server/dist is up to date');
  log(built ? 'server/src is newer than server/dist: building the server …' : 'server/dist/main.js is missing: building the server …');
  const r = spawnSync('npm', ['run', 'build', '-w', 'server'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build -w server failed: fix the build, then run the bench again');
  fs.utimesSync(main, new Date(), new Date());
}

// ---------------------------------------------------------------- PostgreSQL
async function pgReachable() {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return err.message || String(err);
  } finally {
    await c.end().catch(() => {});
  }
}

async function pgAdmin(sql) {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const recreateBenchDb = async () => {
  await pgAdmin(`DROP DATABASE IF EXISTS ${PG_BENCH_DB} WITH (FORCE)`);
  await pgAdmin(`CREATE DATABASE ${PG_BENCH_DB}`);
};

// ---------------------------------------------------------------- the product
function serverEnv(extra) {
  const env = { ...process.env, SIMULATOR: 'off', ...extra };
  for (const k of [
    'NODE_ENV',
    'REDIS_URL',
    'CONFIG_DIR',
    'JWT_SECRET',
    'FEED_KEY_12345',
    'FEED_KEY_12315',
    'FEED_KEY_110',
    'FEED_KEY_SENTIMENT',
  ])
    delete env[k];
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

function productPlan() {
  const scenarios = BATCHES.map((batch, i) => ({
    id: `s${i}`,
    kind: 'sustained',
    batch,
    concurrency: CONCURRENCY,
    warmupMs: WARMUP_MS,
    measureMs: MEASURE_MS,
    pauseAfterMs: 500,
  }));
  scenarios.push({ id: 'r0', kind: 'rate', rate: RATE, durationMs: RATE_MS });
  const ms = scenarios.reduce((t, s) => t + (s.kind === 'rate' ? s.durationMs : s.warmupMs + s.measureMs) + 6000, 0);
  return { scenarios, ms };
}

async function benchProduct(db) {
  const dataDir = tempDir(`jointduty-bench-${db}-`);
  const extra = { DATA_DIR: dataDir };
  if (db === 'postgres') extra.DATABASE_URL = PG_BENCH_URL;
  const args = [];
  if (PROFILE) {
    const dir = path.join(ARTIFACTS, 'bench-prof', db);
    fs.rmSync(dir, { recursive: true, force: true });
    args.push('--require', path.join(HERE, 'exit-on-term.cjs'), '--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  args.push('server/dist/main.js');
  const server = await startServer(`server-${db}`, args, serverEnv(extra));
  try {
    const { scenarios, ms } = productPlan();
    log(`${db}: load for ~${Math.round(ms / 1000)} s (${scenarios.length} scenarios) …`);
    const out = await runLoad(
      { url: server.url, serverPid: server.child.pid, postgres: db === 'postgres', clkTck: CLK_TCK, socket: true, scenarios },
      ms,
    );
    if (out.socketError) notes.push(`${db}: duty socket: ${out.socketError}`);
    const exits = server.child.exitCode ?? server.child.signalCode;
    if (exits !== null) throw new Error(`server-${db} died during the load (${exits}); ${server.logFile}:\n${tail(server.logFile)}`);
    return out.results;
  } finally {
    await stop(server.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    // anything the server complained about during the run is part of the result
    const bad = fs
      .readFileSync(server.logFile, 'utf8')
      .split('\n')
      .map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))
      .filter((l) => /\b(WARN|ERROR)\b|Error:/.test(l));
    if (bad.length)
      notes.push(
        `${db}: the server logged ${bad.length} warning/error lines (${path.relative(ROOT, server.logFile)}), first: ${bad[0].slice(0, 200)}`,
      );
    if (PROFILE) printProfile(path.join(ARTIFACTS, 'bench-prof', db), db);
  }
}

// ---------------------------------------------------------------- references
async function benchPlainFastify() {
  const server = await startServer('plain-fastify', [path.join(HERE, 'plain-server.mjs')], { ...process.env });
  try {
    const sc = { id: 'f0', kind: 'sustained', batch: 1, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, measureMs: MEASURE_MS };
    const out = await runLoad(
      { url: server.url, serverPid: server.child.pid, postgres: false, clkTck: CLK_TCK, socket: false, scenarios: [sc] },
      10_000,
    );
    return out.results[0];
  } finally {
    await stop(server.child);
  }
}

// A table like `incidents` (same columns, types and indexes), filled with rows like the product's.
const RAW_COLUMNS = [
  ['id', 'varchar(36) PRIMARY KEY'],
  ['channel', 'varchar(16) NOT NULL'],
  ['external_id', 'varchar(128) NOT NULL'],
  ['occurred_at', 'bigint NOT NULL'],
  ['received_at', 'bigint NOT NULL'],
  ['kind', 'varchar(32) NOT NULL'],
  ['title', 'varchar(200) NOT NULL'],
  ['content', 'text NOT NULL'],
  ['address', 'varchar(500)'],
  ['district', 'varchar(32)'],
  ['lng', 'double precision'],
  ['lat', 'double precision'],
  ['category', 'varchar(200)'],
  ['department', 'varchar(100)'],
  ['event_id', 'varchar(36)'],
  ['flags', "varchar(200) NOT NULL DEFAULT ''"],
  ['reporter_name', 'varchar(64)'],
  ['reporter_phone', 'varchar(32)'],
  ['merchant_name', 'varchar(200)'],
  ['merchant_uscc', 'varchar(18)'],
  ['merchant_address', 'varchar(500)'],
  ['due_at', 'bigint'],
  ['facts', 'text NOT NULL'],
  ['simulated', 'boolean NOT NULL DEFAULT false'],
  ['raw', 'text NOT NULL'],
];
const RAW_BATCH = 100;

function rawTableSql(name, temp) {
  return [
    `CREATE ${temp ? 'TEMP ' : ''}TABLE ${name} (${RAW_COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')})`,
    `CREATE UNIQUE INDEX ${name}_uq ON ${name} (channel, external_id)`,
    `CREATE INDEX ${name}_received ON ${name} (received_at)`,
    `CREATE INDEX ${name}_district ON ${name} (district, received_at)`,
    `CREATE INDEX ${name}_event ON ${name} (event_id)`,
  ];
}

/** 1000 row templates made from the benchmark's own records; each use gets a fresh id. */
function rowTemplates() {
  const g = createGenerator(7);
  const now = Date.now();
  const rows = [];
  for (let i = 0; i < 1000; i++) {
    const channel = CHANNEL_CYCLE[i % CHANNEL_CYCLE.length];
    const r = g.record(channel, now, 'raw', i);
    const text = r.content ?? r.summary ?? r.text;
    const who = r.citizen ?? r.consumer ?? null;
    rows.push([
      null,
      channel,
      null,
      now - 60_000,
      now,
      r.appealType ?? r.kind ?? r.alarmType ?? r.platform,
      text.slice(0, 40),
      text,
      r.address ?? null,
      '市北区',
      null,
      null,
      '市场监管>价格',
      '市市场监管局',
      null,
      '',
      who?.name ?? null,
      who?.phone ?? null,
      r.merchant?.name ?? null,
      r.merchant?.uscc ?? null,
      r.merchant?.address ?? null,
      null,
      '{}',
      false,
      JSON.stringify(r),
    ]);
  }
  return rows;
}

function batchParams(templates, n, start, seq) {
  const params = [];
  for (let i = 0; i < n; i++) {
    const row = templates[(start + i) % templates.length].slice();
    row[0] = randomUUID();
    row[2] = `RAW-${seq}-${i}`;
    params.push(...row);
  }
  return params;
}

function valuesSql(rows, cols, pgStyle) {
  let k = 0;
  const one = () => `(${Array.from({ length: cols }, () => (pgStyle ? `$${++k}` : '?')).join(', ')})`;
  return Array.from({ length: rows }, one).join(', ');
}

function benchRawSqlite() {
  const dir = tempDir('jointduty-bench-raw-');
  const db = new Database(path.join(dir, 'raw.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    for (const s of rawTableSql('raw_incidents', false)) db.exec(s.replace('boolean NOT NULL DEFAULT false', 'boolean NOT NULL DEFAULT 0'));
    const stmt = db.prepare(
      `INSERT INTO raw_incidents (${RAW_COLUMNS.map(([c]) => c).join(', ')}) VALUES ${valuesSql(RAW_BATCH, RAW_COLUMNS.length, false)}
       ON CONFLICT (channel, external_id) DO NOTHING RETURNING id`,
    );
    const templates = rowTemplates().map((r) => r.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
    let seq = 0;
    const once = () => {
      const params = batchParams(templates, RAW_BATCH, seq * RAW_BATCH, seq);
      seq++;
      db.exec('BEGIN IMMEDIATE');
      const n = stmt.all(params).length;
      db.exec('COMMIT');
      return n;
    };
    for (const end = performance.now() + 500; performance.now() < end;) once();
    let rows = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < RAW_MS) rows += once();
    return { rowsPerSec: rows / ((performance.now() - t0) / 1000), rows };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `conns` connections inserting 100-row batches (one statement = one transaction each). */
async function benchRawPg(temp, conns = 4) {
  const clients = [];
  try {
    for (let i = 0; i < conns; i++) {
      const c = new pg.Client({ connectionString: PG_BENCH_URL });
      await c.connect();
      clients.push(c);
    }
    const table = temp ? 'raw_incidents_tmp' : 'raw_incidents';
    // a temp table is per connection; a regular one is shared
    for (const [i, c] of clients.entries()) {
      if (temp || i === 0) for (const s of rawTableSql(table, temp)) await c.query(s);
    }
    const sql = `INSERT INTO ${table} (${RAW_COLUMNS.map(([c]) => c).join(', ')}) VALUES ${valuesSql(RAW_BATCH, RAW_COLUMNS.length, true)}
       ON CONFLICT (channel, external_id) DO NOTHING RETURNING id`;
    const templates = rowTemplates();
    let seq = 0;
    let rows = 0;
    let counting = false;
    const loop = async (c, until) => {
      while (performance.now() < until) {
        const params = batchParams(templates, RAW_BATCH, seq * RAW_BATCH, seq);
        seq++;
        const r = await c.query({ text: sql, values: params, name: `raw-${table}` });
        if (counting) rows += r.rowCount;
      }
    };
    await Promise.all(clients.map((c) => loop(c, performance.now() + 500)));
    counting = true;
    const t0 = performance.now();
    await Promise.all(clients.map((c) => loop(c, t0 + RAW_MS)));
    const secs = (performance.now() - t0) / 1000;
    if (!temp) await clients[0].query(`DROP TABLE ${table}`);
    return { rowsPerSec: rows / secs, rows };
  } finally {
    for (const c of clients) await c.end().catch(() => {});
  }
}

// ---------------------------------------------------------------- CPU profile (BENCH_CPU_PROF=1)
function printProfile(dir, db) {
  let files = [];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    // none
  }
  if (files.length === 0) return log(`${db}: no CPU profile written in ${dir}`);
  const prof = JSON.parse(fs.readFileSync(path.join(dir, files[0]), 'utf8'));
  const self = new Map();
  const dt = new Map();
  for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
  let total = 0;
  for (const node of prof.nodes) {
    const t = dt.get(node.id) ?? 0;
    total += t;
    const f = node.callFrame;
    const where = f.url ? `${f.url.replace(/^file:\/\//, '').replace(ROOT + '/', '')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + t);
  }
  const idle = self.get('(idle)') ?? 0;
  const busy = total - idle;
  const top = [...self.entries()]
    .filter(([k]) => k !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25);
  console.log(
    `\n[bench] ${db}: CPU profile ${path.relative(ROOT, path.join(dir, files[0]))}: busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s; top self time:`,
  );
  for (const [k, t] of top) console.log(`  ${((100 * t) / busy).toFixed(1).padStart(5)}%  ${k}`);
}

// ---------------------------------------------------------------- the table
const fmtInt = (n) => (n == null ? '—' : Math.round(n).toLocaleString('en-US'));
const fmtMs = (n) => (n == null ? '—' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toString());
const fmtRatio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');

function cpuText(cpu) {
  if (!cpu) return '—';
  const parts = [`srv ${cpu.server ?? '—'}%`];
  if (cpu.pg != null) parts.push(`pg ${cpu.pg}%`);
  parts.push(`load ${cpu.load}%`, `other ${cpu.other}%`);
  return parts.join(' · ');
}

function scenarioName(r) {
  return r.kind === 'rate'
    ? `${r.rate} req/s × 1 record, ${RATE_MS / 1000} s (open loop)`
    : `batch ${r.batch} × ${r.concurrency} concurrent`;
}

function buildTable(ctx) {
  const { product, fastify, rawSqlite, rawPgTemp, rawPgLogged } = ctx;
  const head = [
    'database',
    'scenario',
    'records/s',
    'requests/s',
    'latency p50 / p99 / max ms',
    'push p50 / p99 ms',
    'pushed',
    'errors',
    'CPU (1 core = 100%)',
    'vs reference',
  ];
  const rows = [];
  for (const [db, label] of [
    ['sqlite', 'SQLite'],
    ['postgres', 'PostgreSQL'],
  ]) {
    const res = product[db];
    if (!res) {
      rows.push([label, `skipped: ${ctx.skipped[db] ?? 'not run'}`, '', '', '', '', '', '', '', '']);
      continue;
    }
    const raw = db === 'sqlite' ? rawSqlite : rawPgLogged;
    for (const r of res) {
      let vs = '—';
      if (r.kind === 'sustained' && r.batch === 1) vs = `${fmtRatio(r.reqPerSec, fastify?.reqPerSec)} bare Fastify req/s`;
      else if (r.kind === 'sustained') vs = `${fmtRatio(r.recordsPerSec, raw?.rowsPerSec)} raw insert rows/s`;
      rows.push([
        label,
        scenarioName(r),
        fmtInt(r.recordsPerSec),
        fmtInt(r.reqPerSec),
        `${fmtMs(r.latency.p50)} / ${fmtMs(r.latency.p99)} / ${fmtMs(r.latency.max)}`,
        r.push ? `${fmtMs(r.push.p50)} / ${fmtMs(r.push.p99)}` : '—',
        r.push ? `${r.push.pushed.toLocaleString('en-US')} / ${r.push.expected.toLocaleString('en-US')}` : '—',
        `${r.errors.count} / ${r.requests.toLocaleString('en-US')} req`,
        cpuText(r.cpu),
        vs,
      ]);
    }
  }
  if (fastify) {
    rows.push([
      'reference',
      'bare Fastify JSON POST → 202, batch 1 × 16',
      fmtInt(fastify.recordsPerSec),
      fmtInt(fastify.reqPerSec),
      `${fmtMs(fastify.latency.p50)} / ${fmtMs(fastify.latency.p99)} / ${fmtMs(fastify.latency.max)}`,
      '—',
      '—',
      `${fastify.errors.count} / ${fastify.requests.toLocaleString('en-US')} req`,
      cpuText(fastify.cpu),
      '',
    ]);
  }
  const rawRow = (label, r, cpu) => [
    'reference',
    label,
    r ? `${fmtInt(r.rowsPerSec)} rows/s` : `skipped${ctx.rawErrors[label] ? ': ' + ctx.rawErrors[label] : ''}`,
    '',
    '',
    '',
    '',
    '',
    cpu,
    '',
  ];
  rows.push(rawRow('better-sqlite3, 100-row INSERT per transaction (WAL, synchronous=FULL), 1 writer', rawSqlite, 'bench process'));
  rows.push(rawRow('pg, 100-row INSERT into a TEMP table (no WAL), 4 connections', rawPgTemp, ''));
  rows.push(rawRow('pg, 100-row INSERT into a regular table (WAL, fsync per commit), 4 connections', rawPgLogged, ''));
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- main
let CLK_TCK = 100;

async function main() {
  const t0 = Date.now();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const cpus = os.cpus();
  const machine = `${cpus[0]?.model?.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
  const load0 = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  log(machine, `· load average at start ${load0}`);
  const tck = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  if (tck.status === 0 && Number(tck.stdout) > 0) CLK_TCK = Number(tck.stdout);

  buildServerIfStale();

  // the brain's own cost first, on a quiet machine (issue 3: ≤ 1 ms per record, flat in the window size)
  let understanding = null;
  if (process.env.BENCH_SKIP_UNDERSTANDING !== '1') {
    log('understanding: enrichment + correlation + rules with 10k … 1M incidents in the window …');
    understanding = await benchUnderstanding(log);
  }

  const ctx = { product: {}, skipped: {}, rawErrors: {}, fastify: null, rawSqlite: null, rawPgTemp: null, rawPgLogged: null };

  if (DBS.includes('sqlite')) {
    log('SQLite: starting the server on a fresh DATA_DIR …');
    ctx.product.sqlite = await benchProduct('sqlite');
  } else ctx.skipped.sqlite = `BENCH_DB=${DBS.join(',')}`;

  const pgDown = !DBS.includes('postgres') || process.env.BENCH_SKIP_PG === '1' ? 'BENCH_DB / BENCH_SKIP_PG' : await pgReachable();
  if (pgDown) {
    ctx.skipped.postgres = `PostgreSQL unreachable at 127.0.0.1:5432 (${pgDown})`;
    log(`skipping PostgreSQL: ${pgDown}`);
  } else {
    log(`PostgreSQL: recreating database ${PG_BENCH_DB} …`);
    await recreateBenchDb();
    try {
      ctx.product.postgres = await benchProduct('postgres');
      log('reference: pg multi-row inserts …');
      for (const [key, temp, label] of [
        ['rawPgTemp', true, 'pg, 100-row INSERT into a TEMP table (no WAL), 4 connections'],
        ['rawPgLogged', false, 'pg, 100-row INSERT into a regular table (WAL, fsync per commit), 4 connections'],
      ]) {
        try {
          ctx[key] = await benchRawPg(temp);
        } catch (err) {
          ctx.rawErrors[label] = err.message;
          notes.push(`${label}: ${err.message}`);
        }
      }
    } finally {
      if (process.env.BENCH_KEEP_DB !== '1') await pgAdmin(`DROP DATABASE IF EXISTS ${PG_BENCH_DB} WITH (FORCE)`).catch(() => {});
    }
  }

  log('reference: bare Fastify …');
  ctx.fastify = await benchPlainFastify();
  log('reference: better-sqlite3 multi-row inserts …');
  globalThis.gc?.();
  ctx.rawSqlite = benchRawSqlite();

  // every failed request is named, never hidden
  for (const [db, res] of Object.entries(ctx.product)) {
    for (const r of res ?? []) {
      for (const [why, n] of r.errors.kinds) notes.push(`${db} ${scenarioName(r)}: ${n}× ${why}`);
      if (r.push && r.push.pushed < r.push.expected) {
        notes.push(
          `${db} ${scenarioName(r)}: the duty socket got ${r.push.pushed} of ${r.push.expected} accepted records as \`incidents\` pushes`,
        );
      }
    }
  }
  for (const [why, n] of ctx.fastify?.errors.kinds ?? []) notes.push(`bare Fastify: ${n}× ${why}`);

  const table = buildTable(ctx);
  const when = new Date().toISOString();
  const md = [
    `# jointduty intake benchmark`,
    '',
    `${when} · ${machine} · load average at start ${load0}, at end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} · total ${Math.round((Date.now() - t0) / 1000)} s`,
    '',
    `Load: a separate Node process on loopback (node:http keep-alive), ${WARMUP_MS / 1000} s warm-up then ${MEASURE_MS / 1000} s measured per sustained scenario;` +
      ` channels 12345 : 12315 : 110 : sentiment = 4 : 2 : 2 : 2 by request. Latency is per request; for the open-loop row it counts from the scheduled start.` +
      ` Push = time from sending a record to its summary arriving in an \`incidents\` event on one duty socket (in the load process); pushed = summaries received / records accepted.` +
      ` CPU is process time over the measured window: srv = server child, pg = all postgres processes, load = load generator, other = the rest of the machine (anything else running on these cores).`,
    '',
    table,
    '',
    ...(understanding
      ? [
          '## Understanding: enrichment + correlation + rules per record',
          '',
          'One core, no I/O: validate, normalize, classify, enrich (subjects, places, story, sentiment), correlate and run the rules, with the correlation window already holding N incidents.',
          '',
          understanding.table,
          '',
        ]
      : []),
    ...(notes.length ? ['Notes:', '', ...notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
  fs.writeFileSync(path.join(ARTIFACTS, 'bench.md'), md);
  console.log('\n' + md);
  log(`written to ${path.relative(ROOT, path.join(ARTIFACTS, 'bench.md'))}`);
}

main().then(
  async () => {
    await Promise.all([...children].map((c) => stop(c)));
    process.exit(0);
  },
  async (err) => {
    console.error(`[bench] failed: ${err?.stack ?? err}`);
    await Promise.all([...children].map((c) => stop(c, 2000)));
    process.exit(1);
  },
);
