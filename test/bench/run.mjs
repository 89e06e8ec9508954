// `npm run bench`: the real server's intake throughput, latency to the live sockets, how many
// sockets one instance holds, and two instances over Redis, on SQLite and PostgreSQL, next to what
// this machine's parts do on their own (bare Fastify, raw multi-row inserts, a bare Socket.IO
// broadcast). Prints Markdown tables, every target figure with its target and verdict, and writes
// them to test-artifacts/bench.md. See test/bench/README.md.
//
//   BENCH_ONLY=intake,latency   only these parts (understanding, intake, latency, sockets, multi, orders, ranking, raw)
//   BENCH_DB=postgres           only these databases for intake, latency, orders and ranking (sqlite,postgres)
//   BENCH_ORDERS=1000000        orders stored by the orders part (BENCH_ORDERS_SMALL=100000: the sweep's smaller table)
//   BENCH_RANKING_ORDERS=1000000  orders of the ranking part's year (default BENCH_ORDERS)
//   BENCH_SOCKETS_DB=sqlite     the database of the sockets part (default postgres, else sqlite)
//   BENCH_SOCKET_STEPS=1000,2000,5000,8000   connected sockets per step of the sockets part
//   BENCH_SOCKET_PROCS=2        client processes holding those sockets
//   BENCH_LATENCY_MS=15000      measured time of the fixed-rate latency part (after 2 s warm-up)
//   BENCH_LATENCY_BATCH=10      records per 10 ms in the latency part (the target is for 10: 1,000/s)
//   BENCH_LATENCY_SOCKETS=200   sockets of the latency part and of the Socket.IO reference (target: 200)
//   BENCH_SKIP_MULTI=1          no two-instance part
//   BENCH_SKIP_UNDERSTANDING=1  no understanding part
//   BENCH_NODE_FLAGS='…'        node's flags for the server (default none, as the product runs)
//   BENCH_CPU_PROF=1            also profile the server child of the intake part (--cpu-prof)
//   BENCH_KEEP_DB=1             keep the PostgreSQL database afterwards
//   BENCH_SKIP_PG=1             SQLite only
//   BENCH_PG_DB=jointduty_bench the PostgreSQL database the bench drops and creates
//   BENCH_REDIS_URL=redis://127.0.0.1:6379   the Redis of the two-instance part
import { fork, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CHANNEL_CYCLE, createGenerator, massIncident } from './records.mjs';
import { benchUnderstanding } from './understanding.mjs';
import { benchOrdersDb, ordersTables, ORDERS_TARGET_MS, ORDERS_TOTAL } from './orders.mjs';
import { benchRankingDb, rankingSection } from './ranking.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
// the drivers the server itself uses, resolved as the server resolves them
const serverRequire = createRequire(path.join(ROOT, 'server/package.json'));
const Database = serverRequire('better-sqlite3');
const pg = serverRequire('pg');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_BENCH_DB = process.env.BENCH_PG_DB ?? 'jointduty_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(PG_BENCH_DB)) throw new Error(`BENCH_PG_DB: ${PG_BENCH_DB} is not a plain database name`);
const PG_BENCH_URL = `postgres://postgres@127.0.0.1:5432/${PG_BENCH_DB}`;
const PROFILE = process.env.BENCH_CPU_PROF === '1';
// node's flags for the server: none, as the product starts it (Dockerfile CMD, scripts/start.mjs)
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const MAIN = [...NODE_FLAGS, 'server/dist/main.js'];

const WARMUP_MS = 2000;
const MEASURE_MS = 8000;
const CONCURRENCY = 16;
const BATCHES = [1, 10, 100];
const DBS = (process.env.BENCH_DB ?? 'sqlite,postgres').split(',');
const RATE = 200;
const RATE_MS = 5000;
const RAW_MS = 3000;
const PARTS = ['understanding', 'intake', 'latency', 'sockets', 'multi', 'orders', 'ranking', 'raw'];
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? PARTS.join(','))
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
for (const p of ONLY) if (!PARTS.includes(p)) throw new Error(`BENCH_ONLY: unknown part ${p} (parts: ${PARTS.join(', ')})`);
if (process.env.BENCH_SKIP_UNDERSTANDING === '1') ONLY.delete('understanding');
if (process.env.BENCH_SKIP_MULTI === '1') ONLY.delete('multi');
// latency: a batch of 10 records every 10 ms (1,000 records/s), 1 % of them raising an alert, 200 sockets
const LAT_BATCH = Number(process.env.BENCH_LATENCY_BATCH) || 10; // records per batch (diagnosis: 2 = 200 records/s)
const LAT_INTERVAL_MS = 10;
const LAT_WARMUP_MS = 2000;
const LAT_MS = Number(process.env.BENCH_LATENCY_MS) || 15_000;
const LAT_SOCKETS = Number(process.env.BENCH_LATENCY_SOCKETS) || 200; // the target is for 200
const LAT_ALERT_SHARE = 0.01;
// sockets: step the connected count up; at each step a few alerts, each must reach every socket within 1 s
const SOCKET_STEPS = (process.env.BENCH_SOCKET_STEPS ?? '1000,2000,5000,8000').split(',').map(Number);
const SOCKET_PROCS = Math.max(1, Number(process.env.BENCH_SOCKET_PROCS) || 2);
const SOCKET_ALERTS = 5;
const SOCKET_ALERT_GAP_MS = 1200;
const SOCKET_DEADLINE_MS = 1000;
// multi: two instances on one PostgreSQL, events over Redis, the biggest batch, 16 requests in flight per instance
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const MULTI_BATCH = 100;
const MULTI_TARGET = 1.6;
const TARGETS = { pgRecordsPerSec: 5000, incidentsP99: 200, alertP99: 100, sockets: 5000, multi: MULTI_TARGET };

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

/**
 * Spawns node with `args`; with `nofile`, through sh to raise its open-files limit first (as far
 * as the hard limit allows: `ulimit -n` cannot pass it without root). With `ipc`, an IPC channel
 * (it survives the exec). The child is tracked: killed when the bench exits.
 */
function spawnNode(args, { env, nofile, ipc, stdio }) {
  const io = [...(stdio ?? ['ignore', 'inherit', 'inherit']), ...(ipc ? ['ipc'] : [])];
  if (!nofile) return track(spawn(process.execPath, args, { cwd: ROOT, env, stdio: io }));
  const script = `ulimit -n ${nofile} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`;
  return track(spawn('sh', ['-c', script, 'sh', process.execPath, ...args], { cwd: ROOT, env, stdio: io }));
}

/** The open-files limit of a running process (Linux), or null. */
function nofileOf(pid) {
  try {
    const line = fs
      .readFileSync(`/proc/${pid}/limits`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    return Number(line.split(/\s+/)[3]) || null;
  } catch {
    return null;
  }
}

/** Resident set size of a process in MiB (Linux), or null. */
function rssMb(pid) {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** Starts a server child on a free port and waits for GET /api/health 200. */
async function startServer(name, args, env, { healthPath = '/api/health', timeoutMs = 60_000, nofile, ipc } = {}) {
  const port = await freePort();
  const logFile = path.join(ARTIFACTS, `bench-${name}.log`);
  const fd = fs.openSync(logFile, 'w');
  const child = spawnNode(args, { env: { ...env, PORT: String(port) }, nofile, ipc, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const url = `http://127.0.0.1:${port}`;
  const start = Date.now();
  let last = 'no answer';
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was healthy; ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(url + healthPath, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
      last = `HTTP ${res.status} ${(await res.text()).slice(0, 200)}`;
    } catch (err) {
      last = err.cause?.code ?? err.message; // not listening yet
    }
    if (Date.now() - start > timeoutMs) {
      await stop(child);
      throw new Error(`${name} not healthy after ${timeoutMs / 1000} s (last answer: ${last}); ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(100);
  }
  log(`${name} healthy on ${url} after ${((Date.now() - start) / 1000).toFixed(1)} s (pid ${child.pid})`);
  return { child, url, logFile, name };
}

/** Anything the server complained about in its log is part of the result. */
function collectLogNotes(label, server) {
  let text = '';
  try {
    text = fs.readFileSync(server.logFile, 'utf8');
  } catch {
    return;
  }
  const bad = text
    .split('\n')
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))
    .filter((l) => /\b(WARN|ERROR)\b|Error:/.test(l));
  if (bad.length)
    notes.push(
      `${label}: the server logged ${bad.length} warning/error lines (${path.relative(ROOT, server.logFile)}), first: ${bad[0].slice(0, 200)}`,
    );
}

/** A child speaking { id, cmd } → { id, ok, result | error } over IPC (sockets.mjs, plain-io-server.mjs). */
function rpc(child, name) {
  let seq = 0;
  const pending = new Map();
  let ready;
  const readyP = new Promise((r) => (ready = r));
  child.on('message', (m) => {
    if (m?.ready) return ready();
    const p = pending.get(m?.id);
    if (!p) return;
    pending.delete(m.id);
    clearTimeout(p.timer);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(`${name}: ${m.error}`));
  });
  // a send on a closed channel is answered through the send callback; never an unhandled error
  child.on('error', () => {});
  child.once('exit', (code, sig) => {
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error(`${name} exited (${code ?? sig}) during a call`));
    }
    pending.clear();
  });
  const call = (cmd, args = {}, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null || !child.connected) return reject(new Error(`${name} is not running`));
      const id = ++seq;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name}: ${cmd} did not answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      child.send({ id, cmd, ...args }, (err) => {
        if (!err || !pending.has(id)) return;
        pending.delete(id);
        clearTimeout(timer);
        reject(new Error(`${name}: ${cmd}: ${err.message}`));
      });
    });
  call.ready = (timeoutMs = 15_000) =>
    Promise.race([readyP, sleep(timeoutMs).then(() => Promise.reject(new Error(`${name} not ready within ${timeoutMs / 1000} s`)))]);
  call.child = child;
  return call;
}

/** `n` socket client processes (sockets.mjs), each allowed `nofile` open files. */
async function startClients(n, nofile) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const child = spawnNode(['--max-old-space-size=4096', path.join(HERE, 'sockets.mjs')], { env: process.env, nofile, ipc: true });
    const call = rpc(child, `socket clients ${i + 1}`);
    await call.ready();
    out.push(call);
  }
  return out;
}

async function stopClients(clients) {
  for (const c of clients) {
    await c('close', {}, 10_000).catch(() => {});
    await stop(c.child, 2000);
  }
}

async function login(url, username = 'duty') {
  const res = await fetch(url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'jointduty' }),
  });
  if (res.status !== 200) throw new Error(`login as ${username}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()).token;
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
  // what this shell has set is left out; what the scenario asks for goes in after
  const env = { ...process.env, SIMULATOR: 'off' };
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
  delete env.DATABASE_URL;
  return { ...env, ...extra };
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

/**
 * A server on a fresh database: a new DATA_DIR, and for PostgreSQL the bench database dropped and
 * created again. `done()` stops it, notes what it logged and removes its DATA_DIR.
 */
async function freshServer(name, db, { args = MAIN, env = {}, ...opts } = {}) {
  const dataDir = tempDir(`jointduty-bench-${name}-`);
  const extra = { DATA_DIR: dataDir, ...env };
  if (db === 'postgres') {
    await recreateBenchDb();
    extra.DATABASE_URL = PG_BENCH_URL;
  }
  const server = await startServer(name, args, serverEnv(extra), opts);
  server.done = async () => {
    await stop(server.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
    collectLogNotes(name, server);
  };
  return server;
}

function assertAlive(server) {
  const exits = server.child.exitCode ?? server.child.signalCode;
  if (exits !== null) throw new Error(`${server.name} died during the load (${exits}); ${server.logFile}:\n${tail(server.logFile)}`);
}

/** The server's node arguments: with BENCH_CPU_PROF=1 a CPU profile into test-artifacts/bench-prof/<name>. */
function serverArgs(name) {
  const args = [...NODE_FLAGS];
  if (PROFILE) {
    const dir = path.join(ARTIFACTS, 'bench-prof', name);
    fs.rmSync(dir, { recursive: true, force: true });
    args.push('--require', path.join(HERE, 'exit-on-term.cjs'), '--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  args.push('server/dist/main.js');
  return args;
}

async function benchProduct(db) {
  const args = serverArgs(db);
  const server = await freshServer(`server-${db}`, db, { args });
  try {
    const { scenarios, ms } = productPlan();
    log(`${db}: load for ~${Math.round(ms / 1000)} s (${scenarios.length} scenarios) …`);
    const out = await runLoad(
      { url: server.url, serverPid: server.child.pid, postgres: db === 'postgres', clkTck: CLK_TCK, socket: true, scenarios },
      ms,
    );
    if (out.socketError) notes.push(`${db}: duty socket: ${out.socketError}`);
    assertAlive(server);
    return out.results;
  } finally {
    await server.done();
    if (PROFILE) printProfile(path.join(ARTIFACTS, 'bench-prof', db), db);
  }
}

// ---------------------------------------------------------------- latency at a fixed rate, 200 sockets
/** Polls until `check()` is true, or nothing changed for quietMs, or maxMs passed. */
async function until(check, progress, { quietMs = 1500, maxMs = 10_000 } = {}) {
  const start = Date.now();
  let last = null;
  let lastChange = start;
  for (;;) {
    if (await check()) return true;
    const p = JSON.stringify(await progress());
    if (p !== last) {
      last = p;
      lastChange = Date.now();
    }
    if (Date.now() - lastChange > quietMs || Date.now() - start > maxMs) return false;
    await sleep(100);
  }
}

async function benchLatency(db) {
  const server = await freshServer(`latency-${db}`, db, { nofile: 4096, args: serverArgs(`latency-${db}`) });
  let clients = [];
  try {
    const token = await login(server.url);
    clients = await startClients(1, 4096);
    const [c] = clients;
    const conn = await c('connect', { url: server.url, token, count: LAT_SOCKETS, concurrency: 50 }, 120_000);
    if (conn.connected < LAT_SOCKETS) {
      throw new Error(`only ${conn.connected} of ${LAT_SOCKETS} sockets connected: ${JSON.stringify(conn.errors).slice(0, 300)}`);
    }
    log(
      `${db}: ${LAT_SOCKETS} duty sockets connected in ${conn.ms} ms; ${LAT_BATCH} records every ${LAT_INTERVAL_MS} ms for ${(LAT_WARMUP_MS + LAT_MS) / 1000} s …`,
    );
    await c('reset');
    const sc = {
      id: 'lat',
      kind: 'openloop',
      batch: LAT_BATCH,
      intervalMs: LAT_INTERVAL_MS,
      warmupMs: LAT_WARMUP_MS,
      measureMs: LAT_MS,
      alertShare: LAT_ALERT_SHARE,
    };
    const out = await runLoad(
      {
        url: server.url,
        serverPid: server.child.pid,
        clientPids: [c.child.pid],
        postgres: db === 'postgres',
        clkTck: CLK_TCK,
        socket: false,
        scenarios: [sc],
      },
      LAT_WARMUP_MS + LAT_MS,
    );
    const r = out.results[0];
    // the last pushes and alerts: until every record reached the sockets, or nothing moves any more
    await until(
      async () => {
        const [p, a] = [await c('progress', { tag: r.tag }), await c('alerts', { tag: r.tag })];
        return p.records >= r.accepted && a.alerts.filter((x) => x.sockets >= LAT_SOCKETS).length >= r.alertsSent;
      },
      async () => [await c('progress', { tag: r.tag }), (await c('alerts', { tag: r.tag })).all.n],
    );
    const incidents = await c('incidents', { tag: r.tag }, 120_000);
    const alerts = await c('alerts', { tag: r.tag });
    const status = await c('status');
    assertAlive(server);
    return { ...r, incidents, alerts, status, serverRssMb: rssMb(server.child.pid), sockets: LAT_SOCKETS };
  } finally {
    await stopClients(clients);
    await server.done();
    if (PROFILE) printProfile(path.join(ARTIFACTS, 'bench-prof', `latency-${db}`), `latency-${db}`);
  }
}

// ---------------------------------------------------------------- sockets one instance holds
async function postAlert(url, tag, n) {
  const sendMs = Date.now();
  const res = await fetch(`${url}/api/feeds/110`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-feed-key': 'dev-feed-key' },
    body: JSON.stringify([massIncident(sendMs, tag, n)]),
  });
  const text = await res.text();
  if (res.status !== 202) throw new Error(`alert record: HTTP ${res.status} ${text.slice(0, 200)}`);
}

async function benchSockets(db) {
  const most = Math.max(...SOCKET_STEPS);
  const perProc = Math.ceil(most / SOCKET_PROCS);
  const server = await freshServer(`sockets-${db}`, db, { nofile: most + 4096 });
  let clients = [];
  const steps = [];
  const info = { db, nofile: nofileOf(server.child.pid), rssIdleMb: rssMb(server.child.pid), procs: SOCKET_PROCS };
  try {
    const token = await login(server.url);
    clients = await startClients(SOCKET_PROCS, perProc + 1024);
    info.clientNofile = nofileOf(clients[0].child.pid);
    if (info.nofile && info.nofile < most + 100)
      notes.push(`sockets: the server may open only ${info.nofile} files (hard limit), fewer than ${most} sockets need`);
    let have = 0;
    for (const [si, n] of SOCKET_STEPS.entries()) {
      const t0 = Date.now();
      const need = n - have;
      const share = clients.map((_, i) => Math.floor(need / clients.length) + (i < need % clients.length ? 1 : 0));
      const conns = await Promise.all(
        clients.map((c, i) => c('connect', { url: server.url, token, count: share[i], concurrency: 64 }, 300_000)),
      );
      const connected = conns.reduce((t, x) => t + x.connected, 0);
      const failures = conns.flatMap((x) => x.errors);
      have += need;
      await sleep(1000);
      const open = (await Promise.all(clients.map((c) => c('status')))).reduce((t, x) => t + x.open, 0);
      const step = {
        n,
        open,
        connectMs: Date.now() - t0 - 1000,
        connectFailures: need - connected,
        failures,
        rssMb: rssMb(server.child.pid),
      };
      log(
        `sockets: ${open} of ${n} open (${step.connectFailures} failed to connect, ${(step.connectMs / 1000).toFixed(1)} s); server RSS ${step.rssMb} MiB; raising ${SOCKET_ALERTS} alerts …`,
      );
      await Promise.all(clients.map((c) => c('reset')));
      const tag = `sk${si}`;
      for (let k = 0; k < SOCKET_ALERTS; k++) {
        await postAlert(server.url, tag, k);
        await sleep(SOCKET_ALERT_GAP_MS);
      }
      const gather = async () => {
        const parts = await Promise.all(clients.map((c) => c('alerts', { tag, raw: true })));
        const byId = new Map();
        for (const p of parts)
          for (const a of p.alerts) {
            const m = byId.get(a.id) ?? { id: a.id, sockets: 0, times: [] };
            m.sockets += a.sockets;
            m.times.push(...a.times);
            byId.set(a.id, m);
          }
        return [...byId.values()];
      };
      await until(
        async () => {
          const got = await gather();
          return got.length >= SOCKET_ALERTS && got.every((a) => a.sockets >= open);
        },
        async () => (await gather()).map((a) => a.sockets),
        { quietMs: 2000, maxMs: 10_000 },
      );
      const got = await gather();
      step.alerts = got.map((a) => {
        const s = summarize(a.times);
        return { received: a.sockets, p50: s.p50, p99: s.p99, max: s.max };
      });
      step.alertsRaised = SOCKET_ALERTS;
      step.rssAfterMb = rssMb(server.child.pid);
      step.worstP99 = Math.max(...step.alerts.map((a) => a.p99 ?? Infinity), -Infinity);
      step.worstMax = Math.max(...step.alerts.map((a) => a.max ?? Infinity), -Infinity);
      step.allDelivered = step.alerts.length === SOCKET_ALERTS && step.alerts.every((a) => a.received >= n) && open === n;
      step.ok = step.allDelivered && step.worstMax <= SOCKET_DEADLINE_MS;
      const closed = (await Promise.all(clients.map((c) => c('status')))).flatMap((x) => x.closeReasons);
      if (closed.length) step.closed = closed;
      steps.push(step);
      log(
        `sockets: ${n}: ${step.alerts.length}/${SOCKET_ALERTS} alerts seen, worst alert reached ${Math.min(...step.alerts.map((a) => a.received))} sockets, p99 ${step.worstP99} ms, max ${step.worstMax} ms → ${step.ok ? 'ok' : 'not within 1 s to every socket'}`,
      );
      assertAlive(server);
      if (!step.ok) {
        if (si < SOCKET_STEPS.length - 1)
          notes.push(`sockets: stopped after ${n} sockets (not every socket got every alert within 1 s); larger steps not tried`);
        break;
      }
    }
    return { ...info, steps };
  } finally {
    await stopClients(clients);
    await server.done();
  }
}

function summarize(samples) {
  const s = Float64Array.from(samples).sort();
  const pct = (q) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : null);
  return { n: s.length, p50: pct(0.5), p99: pct(0.99), max: s.length ? s[s.length - 1] : null };
}

// ---------------------------------------------------------------- two instances over Redis
function redisReachable(url) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect({ host: u.hostname, port: Number(u.port) || 6379 });
    const done = (why) => {
      sock.destroy();
      resolve(why);
    };
    sock.setTimeout(2000, () => done('no answer within 2 s'));
    sock.once('error', (e) => done(e.message));
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.once('data', (d) =>
      done(/^\+PONG/.test(d.toString()) || /NOAUTH/.test(d.toString()) ? null : `answered ${d.toString().slice(0, 60)}`),
    );
  });
}

async function benchMulti(baseline) {
  const sc = { id: 'mu', kind: 'sustained', batch: MULTI_BATCH, concurrency: 2 * CONCURRENCY, warmupMs: WARMUP_MS, measureMs: MEASURE_MS };
  let single = baseline;
  if (!single) {
    // no single-instance figure from the intake part of this run: measure it here, the same way
    log(`multi: single-instance baseline (PostgreSQL, batch ${MULTI_BATCH} × ${CONCURRENCY}) …`);
    const server = await freshServer('multi-single', 'postgres');
    try {
      const out = await runLoad(
        {
          url: server.url,
          serverPid: server.child.pid,
          postgres: true,
          clkTck: CLK_TCK,
          socket: true,
          scenarios: [{ ...sc, id: 'm1', concurrency: CONCURRENCY }],
        },
        WARMUP_MS + MEASURE_MS,
      );
      assertAlive(server);
      single = out.results[0];
    } finally {
      await server.done();
    }
  }
  await recreateBenchDb();
  // one JWT secret, so a token from either instance is good on both; each its own DATA_DIR
  const secret = randomUUID() + randomUUID();
  const servers = [];
  try {
    for (const id of ['a', 'b']) {
      const dataDir = tempDir(`jointduty-bench-multi-${id}-`);
      const env = serverEnv({ DATA_DIR: dataDir, DATABASE_URL: PG_BENCH_URL, REDIS_URL, INSTANCE_ID: id, JWT_SECRET: secret });
      let server;
      try {
        server = await startServer(`multi-${id}`, MAIN, env, { timeoutMs: 45_000 });
      } catch (err) {
        throw new Error(`instance ${id} (REDIS_URL=${REDIS_URL}, INSTANCE_ID=${id}) did not become healthy: ${err.message}`);
      }
      servers.push(server);
    }
    log(`multi: two instances up; batch ${MULTI_BATCH} × ${sc.concurrency} spread over both, one duty socket on each …`);
    const out = await runLoad(
      {
        urls: servers.map((s) => s.url),
        serverPids: servers.map((s) => s.child.pid),
        postgres: true,
        clkTck: CLK_TCK,
        socket: true,
        scenarios: [sc],
      },
      WARMUP_MS + MEASURE_MS,
    );
    if (out.socketError) notes.push(`multi: duty socket: ${out.socketError}`);
    for (const s of servers) assertAlive(s);
    return { single, multi: out.results[0], socketError: out.socketError, rssMb: servers.map((s) => rssMb(s.child.pid)) };
  } finally {
    for (const s of servers) {
      await stop(s.child);
      collectLogNotes(s.name, s);
    }
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

/**
 * A bare Socket.IO server broadcasting to LAT_SOCKETS websocket clients (sockets.mjs, its own
 * process): an alert-sized payload, then an `incidents` flush of 100 summaries, each for RAW_MS as
 * fast as the clients take them. Frames/s counts deliveries (one broadcast to 200 clients = 200).
 */
async function benchIoBroadcast() {
  const server = await startServer(
    'plain-socketio',
    [path.join(HERE, 'plain-io-server.mjs')],
    { ...process.env },
    { ipc: true, nofile: 4096 },
  );
  const call = rpc(server.child, 'bare socket.io server');
  let clients = [];
  try {
    clients = await startClients(1, 4096);
    const [c] = clients;
    const conn = await c('connect', { url: server.url, token: null, count: LAT_SOCKETS, concurrency: 50 }, 60_000);
    if (conn.connected < LAT_SOCKETS) throw new Error(`only ${conn.connected} of ${LAT_SOCKETS} sockets connected to the bare server`);
    await c('acker', { which: 'last' });
    const out = {};
    for (const payload of ['alert', 'flush']) {
      await c('reset');
      const r = await call('run', { payload, durationMs: RAW_MS, window: 8 }, RAW_MS + 20_000);
      await sleep(300);
      const got = await c('blast');
      const deliveries = r.broadcasts * r.clients;
      out[payload] = {
        ...r,
        framesPerSec: deliveries / (r.ms / 1000),
        usPerFrame: r.cpuUs / deliveries,
        cpuPct: Math.round((100 * r.cpuUs) / 1000 / r.ms),
        delivered: got.frames,
        expected: deliveries,
      };
      if (got.frames < deliveries) notes.push(`bare socket.io ${payload}: the clients counted ${got.frames} of ${deliveries} frames`);
    }
    return out;
  } finally {
    await stopClients(clients);
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

// ---------------------------------------------------------------- the tables
const fmtInt = (n) => (n == null ? '—' : Math.round(n).toLocaleString('en-US'));
const fmtMs = (n) => (n == null ? '—' : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toString());
const fmtRatio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');
const verdict = (ok) => (ok ? 'met' : '**not met**');
const triple = (l) => (l ? `${fmtMs(l.p50)} / ${fmtMs(l.p99)} / ${fmtMs(l.max)}` : '—');
const line = (cells) => `| ${cells.join(' | ')} |`;
// an error's first line, without terminal colours or table-breaking bars
const firstLine = (msg, max = 300) =>
  String(msg)
    .split('\n')[0]
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/\|/g, '/')
    .slice(0, max);
const table = (head, rows) => [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');

function cpuText(cpu) {
  if (!cpu) return '—';
  const parts = [`srv ${cpu.server ?? '—'}%`];
  if (cpu.pg != null) parts.push(`pg ${cpu.pg}%`);
  parts.push(`load ${cpu.load}%`);
  if (cpu.clients != null) parts.push(`socket clients ${cpu.clients}%`);
  parts.push(`other ${cpu.other}%`);
  return parts.join(' · ');
}

function scenarioName(r) {
  if (r.kind === 'rate') return `${r.rate} req/s × 1 record, ${RATE_MS / 1000} s (open loop)`;
  if (r.kind === 'openloop')
    return `${r.batch} records every ${r.intervalMs} ms (${fmtInt((1000 / r.intervalMs) * r.batch)} records/s, open loop)`;
  return `batch ${r.batch} × ${r.concurrency} concurrent${r.servers > 1 ? ` over ${r.servers} instances` : ''}`;
}

/** A sustained row is clean when every request was a 202 with every record, and every record was pushed. */
const clean = (r) => r.errors.count === 0 && !!r.push && r.push.pushed >= r.push.expected && r.push.expected > 0;
const pushedText = (p) =>
  p
    ? `${p.pushed.toLocaleString('en-US')} / ${p.expected.toLocaleString('en-US')}${p.correlated != null ? ` (${p.correlated.toLocaleString('en-US')} with an event)` : ''}`
    : '—';

const DB_LABEL = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function latencyVerdicts(r) {
  const everyRecord = r.incidents.minPerSocket >= r.accepted && r.accepted > 0;
  const everyAlert = r.alertsSent > 0 && r.alerts.alerts.filter((a) => a.sockets >= r.sockets).length >= r.alertsSent;
  return {
    everyRecord,
    everyAlert,
    incidents: everyRecord && r.errors.count === 0 && r.incidents.latency.p99 != null && r.incidents.latency.p99 <= TARGETS.incidentsP99,
    alerts: everyAlert && r.alerts.all.p99 != null && r.alerts.all.p99 <= TARGETS.alertP99,
  };
}

const largestSocketsOk = (s) => s.steps.filter((x) => x.ok).reduce((m, x) => Math.max(m, x.n), 0);

function targetsTable(ctx) {
  const rows = [];
  const failedOr = (part, why) => (ctx.errors[part] ? `failed: ${firstLine(ctx.errors[part], 160)}` : `not run (${why})`);
  // intake
  for (const db of ['postgres', 'sqlite']) {
    const res = ctx.product[db];
    const label = `sustained intake, ${DB_LABEL[db]}, one instance: records/s persisted + correlated + pushed (best batch × ${CONCURRENCY} row that is clean)`;
    const target = db === 'postgres' ? `≥ ${fmtInt(TARGETS.pgRecordsPerSec)}` : '— (reported)';
    if (!res) {
      rows.push([label, failedOr('intake', ctx.skipped[db] ?? 'BENCH_ONLY'), target, '—']);
      continue;
    }
    const sus = res.filter((r) => r.kind === 'sustained');
    const ok = sus.filter(clean);
    const best = (ok.length ? ok : sus).reduce((a, b) => (b.recordsPerSec > a.recordsPerSec ? b : a));
    const value = `${fmtInt(best.recordsPerSec)} (batch ${best.batch})${ok.length ? '' : ', but no row clean: see the intake table'}`;
    rows.push([label, value, target, db === 'postgres' ? verdict(ok.length > 0 && best.recordsPerSec >= TARGETS.pgRecordsPerSec) : '—']);
  }
  // latency
  for (const db of ['postgres', 'sqlite']) {
    const r = ctx.latency[db];
    const where = `${DB_LABEL[db]}, ${fmtInt((1000 / LAT_INTERVAL_MS) * LAT_BATCH)} records/s, ${LAT_SOCKETS} sockets`;
    if (!r || r.error) {
      const why = r?.error ? `failed: ${firstLine(r.error, 160)}` : `not run (${ctx.skipped[`latency-${db}`] ?? 'BENCH_ONLY'})`;
      rows.push([`intake→\`incidents\` p99, ${where}`, why, `≤ ${TARGETS.incidentsP99} ms`, '—']);
      rows.push([`intake→\`alert:new\` p99, ${where}`, why, `≤ ${TARGETS.alertP99} ms`, '—']);
      continue;
    }
    const v = latencyVerdicts(r);
    rows.push([
      `intake→\`incidents\` p99, ${where} (all sockets, every record)`,
      `${fmtMs(r.incidents.latency.p99)} ms${v.everyRecord ? '' : `; only ${fmtInt(r.incidents.minPerSocket)} of ${fmtInt(r.accepted)} records reached every socket`}`,
      `≤ ${TARGETS.incidentsP99} ms, every record on every socket`,
      verdict(v.incidents),
    ]);
    const reached = r.alerts.alerts.filter((a) => a.sockets >= r.sockets).length;
    rows.push([
      `intake→\`alert:new\` p99, ${where} (all sockets, ${r.alertsSent} alerts)`,
      `${fmtMs(r.alerts.all.p99)} ms${v.everyAlert ? '' : `; ${reached} of ${r.alertsSent} alerts reached every socket`}`,
      `≤ ${TARGETS.alertP99} ms, every alert on every socket`,
      verdict(v.alerts),
    ]);
  }
  // sockets
  {
    const s = ctx.sockets;
    const label = 'connected sockets one instance holds, every alert on every socket within 1 s';
    if (!s) rows.push([label, failedOr('sockets', ctx.skipped.sockets ?? 'BENCH_ONLY'), `≥ ${fmtInt(TARGETS.sockets)}`, '—']);
    else {
      const n = largestSocketsOk(s);
      const tried = Math.max(...s.steps.map((x) => x.n));
      rows.push([
        `${label} (${DB_LABEL[s.db]})`,
        `${fmtInt(n)} (of steps up to ${fmtInt(tried)})`,
        `≥ ${fmtInt(TARGETS.sockets)}`,
        verdict(n >= TARGETS.sockets),
      ]);
    }
  }
  // multi
  {
    const m = ctx.multi;
    const label = `two instances with Redis vs one, PostgreSQL, batch ${MULTI_BATCH}: records/s ratio, all pushed to a socket on each`;
    if (!m) rows.push([label, failedOr('multi', ctx.skipped.multi ?? 'BENCH_ONLY'), `≥ ${MULTI_TARGET}×`, '—']);
    else {
      const ratio = m.multi.recordsPerSec / m.single.recordsPerSec;
      const ok = clean(m.multi) && ratio >= MULTI_TARGET;
      rows.push([
        label,
        `${ratio.toFixed(2)}× (${fmtInt(m.multi.recordsPerSec)} vs ${fmtInt(m.single.recordsPerSec)})${clean(m.multi) ? '' : '; not every record reached both sockets or some requests failed'}`,
        `≥ ${MULTI_TARGET}×`,
        verdict(ok),
      ]);
    }
  }
  return table(['figure', 'measured', 'target', 'verdict'], rows);
}

function intakeTable(ctx) {
  const { product, fastify, rawSqlite, rawPgLogged } = ctx;
  const head = [
    'database',
    'scenario',
    'records/s',
    'requests/s',
    'latency p50 / p99 / max ms',
    'push p50 / p99 ms',
    'pushed (distinct, on the duty socket)',
    'errors',
    'CPU (1 core = 100%)',
    'vs reference',
    'target',
  ];
  const rows = [];
  for (const db of ['sqlite', 'postgres']) {
    const res = product[db];
    if (!res) {
      rows.push([
        DB_LABEL[db],
        ctx.errors.intake ? `failed: ${firstLine(ctx.errors.intake, 120)}` : `skipped: ${ctx.skipped[db] ?? 'not run'}`,
        ...Array(9).fill(''),
      ]);
      continue;
    }
    const raw = db === 'sqlite' ? rawSqlite : rawPgLogged;
    for (const r of res) {
      let vs = '—';
      if (r.kind === 'sustained' && r.batch === 1) vs = `${fmtRatio(r.reqPerSec, fastify?.reqPerSec)} bare Fastify req/s`;
      else if (r.kind === 'sustained') vs = `${fmtRatio(r.recordsPerSec, raw?.rowsPerSec)} raw insert rows/s`;
      const target =
        db === 'postgres' && r.kind === 'sustained'
          ? `≥ ${fmtInt(TARGETS.pgRecordsPerSec)}/s, all pushed: ${verdict(clean(r) && r.recordsPerSec >= TARGETS.pgRecordsPerSec)}`
          : '—';
      rows.push([
        DB_LABEL[db],
        scenarioName(r),
        fmtInt(r.recordsPerSec),
        fmtInt(r.reqPerSec),
        triple(r.latency),
        r.push ? `${fmtMs(r.push.p50)} / ${fmtMs(r.push.p99)}` : '—',
        pushedText(r.push),
        `${r.errors.count} / ${r.requests.toLocaleString('en-US')} req`,
        cpuText(r.cpu),
        vs,
        target,
      ]);
    }
  }
  return table(head, rows);
}

function latencyTable(ctx) {
  const head = [
    'database',
    'load',
    'intake→`incidents` p50 / p99 / max ms',
    'target p99',
    'records on every socket',
    'intake→`alert:new` p50 / p99 / max ms',
    'target p99',
    'alerts on every socket',
    'request p50 / p99 / max ms',
    'CPU (1 core = 100%)',
    'server RSS',
    'vs reference',
  ];
  const io = ctx.io && !ctx.io.error ? ctx.io : null;
  const rows = [];
  for (const db of ['sqlite', 'postgres']) {
    const r = ctx.latency[db];
    if (!r || r.error) {
      rows.push([
        DB_LABEL[db],
        r?.error ? `failed: ${firstLine(r.error, 160)}` : `skipped: ${ctx.skipped[`latency-${db}`] ?? 'not run'}`,
        ...Array(10).fill(''),
      ]);
      continue;
    }
    const v = latencyVerdicts(r);
    const reached = r.alerts.alerts.filter((a) => a.sockets >= r.sockets).length;
    const flushMs = io ? (LAT_SOCKETS / io.flush.framesPerSec) * 1000 : null;
    rows.push([
      DB_LABEL[db],
      `${scenarioName(r)}, ${LAT_ALERT_SHARE * 100} % raising an alert, ${LAT_MS / 1000} s; ${r.sockets} duty sockets, all measured`,
      triple(r.incidents.latency),
      `≤ ${TARGETS.incidentsP99} ms: ${verdict(v.incidents)}`,
      `${fmtInt(r.incidents.minPerSocket)} / ${fmtInt(r.accepted)}${r.incidents.minPerSocket > r.accepted ? ' (more: requests given up were stored later)' : ''}${r.incidents.uncorrelated ? ` (${fmtInt(r.incidents.uncorrelated)} without an event)` : ''}`,
      triple(r.alerts.all),
      `≤ ${TARGETS.alertP99} ms: ${verdict(v.alerts)}`,
      `${reached} / ${r.alertsSent}${r.alerts.duplicates ? `, ${r.alerts.duplicates} sent twice` : ''}`,
      `${triple(r.latency)}${r.errors.count ? `; **${fmtInt(r.errors.count)} of ${fmtInt(r.measuredRequests)} failed**` : ''}`,
      cpuText(r.cpu),
      `${r.serverRssMb ?? '—'} MiB`,
      flushMs != null ? `bare socket.io: a 100-summary flush to ${LAT_SOCKETS} clients in ${fmtMs(flushMs)} ms` : '—',
    ]);
  }
  return table(head, rows);
}

function socketsTable(ctx) {
  const s = ctx.sockets;
  if (!s) return null;
  const io = ctx.io && !ctx.io.error ? ctx.io : null;
  const rows = s.steps.map((x) => {
    const reachedAll = x.alerts.filter((a) => a.received >= x.n).length;
    const floor = io ? (x.n / io.alert.framesPerSec) * 1000 : null;
    return [
      fmtInt(x.n),
      `${fmtInt(x.open)}${
        x.connectFailures
          ? ` (${x.connectFailures} failed: ${x.failures
              .map(([w, n]) => `${n}× ${w}`)
              .join('; ')
              .slice(0, 120)})`
          : ''
      }`,
      (x.connectMs / 1000).toFixed(1),
      `${x.rssMb ?? '—'} → ${x.rssAfterMb ?? '—'}`,
      `${reachedAll} / ${x.alertsRaised}`,
      `${fmtMs(x.alerts.length ? Math.max(...x.alerts.map((a) => a.p50 ?? 0)) : null)} / ${fmtMs(x.worstP99 === -Infinity ? null : x.worstP99)} / ${fmtMs(x.worstMax === -Infinity ? null : x.worstMax)}`,
      `≤ ${SOCKET_DEADLINE_MS} ms to every socket: ${verdict(x.ok)}`,
      floor != null ? `bare socket.io: one alert to ${fmtInt(x.n)} clients in ${fmtMs(floor)} ms` : '—',
    ];
  });
  return table(
    [
      'sockets',
      'open',
      'connect s',
      'server RSS MiB (before → after alerts)',
      'alerts that reached every socket',
      'intake→`alert:new` p50 / p99 / max ms (worst alert, over sockets)',
      'target',
      'vs reference',
    ],
    rows,
  );
}

function multiTable(ctx) {
  const m = ctx.multi;
  if (!m) return null;
  const row = (label, r, extra) => [
    label,
    scenarioName(r),
    fmtInt(r.recordsPerSec),
    fmtInt(r.reqPerSec),
    triple(r.latency),
    r.push?.perServer
      ? r.push.perServer.map((p, i) => `${'ab'[i]}: ${p.pushed.toLocaleString('en-US')}`).join(', ') +
        ` of ${r.push.expected.toLocaleString('en-US')}`
      : pushedText(r.push),
    `${r.errors.count} / ${r.requests.toLocaleString('en-US')} req`,
    cpuText(r.cpu),
    extra,
  ];
  const ratio = m.multi.recordsPerSec / m.single.recordsPerSec;
  return table(
    [
      'setup',
      'scenario',
      'records/s',
      'requests/s',
      'latency p50 / p99 / max ms',
      'pushed (distinct, per socket)',
      'errors',
      'CPU (1 core = 100%)',
      'target',
    ],
    [
      row('one instance (PostgreSQL)', m.single, '—'),
      row(
        `two instances (PostgreSQL, ${REDIS_URL}), RSS ${m.rssMb.join(' + ')} MiB`,
        m.multi,
        `${ratio.toFixed(2)}× ≥ ${MULTI_TARGET}×, all pushed: ${verdict(clean(m.multi) && ratio >= MULTI_TARGET)}`,
      ),
    ],
  );
}

function referenceTable(ctx) {
  const { fastify } = ctx;
  const rows = [];
  if (fastify)
    rows.push([
      `bare Fastify JSON POST → 202, batch 1 × ${CONCURRENCY}`,
      `${fmtInt(fastify.reqPerSec)} req/s`,
      triple(fastify.latency),
      cpuText(fastify.cpu),
    ]);
  else rows.push(['bare Fastify', ctx.errors.raw ? 'failed' : 'not run', '', '']);
  const rawRow = (label, r, cpu) => [
    label,
    r ? `${fmtInt(r.rowsPerSec)} rows/s` : `skipped${ctx.rawErrors[label] ? ': ' + ctx.rawErrors[label] : ''}`,
    '—',
    cpu,
  ];
  rows.push(rawRow(RAW_LABELS.sqlite, ctx.rawSqlite, 'bench process'));
  rows.push(rawRow(RAW_LABELS.pgTemp, ctx.rawPgTemp, ''));
  rows.push(rawRow(RAW_LABELS.pgLogged, ctx.rawPgLogged, ''));
  const io = ctx.io;
  for (const [k, label] of [
    ['alert', 'bare Socket.IO broadcast of one alert'],
    ['flush', 'bare Socket.IO broadcast of one `incidents` flush (100 summaries)'],
  ]) {
    const r = io?.[k];
    const full = `${label} to ${LAT_SOCKETS} websocket clients`;
    if (!r) rows.push([full, io?.error ? `failed: ${io.error.slice(0, 160)}` : 'not run', '', '']);
    else
      rows.push([
        `${full} (${fmtInt(r.bytes)} B)`,
        `${fmtInt(r.framesPerSec)} frames/s (${fmtInt(r.framesPerSec / r.clients)} broadcasts/s)`,
        '—',
        `server ${r.cpuPct}% · ${r.usPerFrame.toFixed(1)} µs server CPU per frame per client`,
      ]);
  }
  return table(['reference (what this machine does without the product)', 'throughput', 'latency p50 / p99 / max ms', 'CPU'], rows);
}

const RAW_LABELS = {
  sqlite: 'better-sqlite3, 100-row INSERT per transaction (WAL, synchronous=FULL), 1 writer',
  pgTemp: 'pg, 100-row INSERT into a TEMP table (no WAL), 4 connections',
  pgLogged: 'pg, 100-row INSERT into a regular table (WAL, fsync per commit), 4 connections',
};

// ---------------------------------------------------------------- work orders (orders.mjs)
/** What orders.mjs needs of this file: starting and stopping servers and children, logging in. */
function ordersHelpers() {
  return {
    ROOT,
    ARTIFACTS,
    MAIN,
    PG_BENCH_URL,
    Database,
    pg,
    log,
    track,
    spawnNode,
    rpc,
    startServer,
    stop,
    serverEnv,
    tempDir,
    recreateBenchDb,
    login,
    collectLogNotes,
    assertAlive,
  };
}

function ordersSection(ctx) {
  if (!ONLY.has('orders')) return ['Not run (BENCH_ONLY).', ''];
  const t = ordersTables(ctx.orders, ctx.ordersErrors);
  return [
    `${ORDERS_TOTAL.toLocaleString('en-US')} orders over the year before the run, written straight into the database the server made, then the server started on it (see test/bench/README.md).`,
    '',
    ...t.fill.map((f) => `- ${f}`),
    '',
    `Lists over HTTP against the real server, one request at a time from the bench process, round robin over the lists (3 unmeasured requests each first); latency from sending the request to the last byte of the answer. Target: every list p95 < ${ORDERS_TARGET_MS} ms.`,
    '',
    t.lists,
    '',
    'The reminder sweep, timed inside the server (orders-sweep.mjs: the built server in process, its own timers stopped): N orders spread over the table made due now (handling deadline 10 minutes away, first check done, `next_reminder_at` passed), one `OrderReminderSweep.sweep(now)` timed, then the orders put back; each due order gets its group, platform and phone levels (3 reminders). ' +
      'The last row per database is one sweep as of the busiest reminder time of the coming week (a working morning, 08:30), over the orders as stored. Event loop held: the longest gap between two ticks of a 5 ms timer in that server during the sweep. ' +
      `Flat: with ${ORDERS_TOTAL.toLocaleString('en-US')} stored, at most 1.5× the time with the smaller table, + 5 ms.`,
    '',
    t.sweep,
    '',
  ];
}

// ---------------------------------------------------------------- main
let CLK_TCK = 100;

/** Runs one part; a failure is recorded (and fails the run at the end), the other parts go on. */
async function part(ctx, name, fn) {
  try {
    return await fn();
  } catch (err) {
    const msg = String(err?.message ?? err);
    ctx.errors[name] = ctx.errors[name] ? `${ctx.errors[name]}; ${msg}` : msg;
    console.error(`[bench] ${name} failed: ${err?.stack ?? err}`);
    return null;
  }
}

async function main() {
  const t0 = Date.now();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const cpus = os.cpus();
  const machine = `${cpus[0]?.model?.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
  const load0 = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  log(machine, `· load average at start ${load0} · parts: ${[...ONLY].join(', ')}`);
  const tck = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  if (tck.status === 0 && Number(tck.stdout) > 0) CLK_TCK = Number(tck.stdout);

  buildServerIfStale();

  // the brain's own cost first, on a quiet machine (issue 3: ≤ 1 ms per record, flat in the window size)
  let understanding = null;
  if (ONLY.has('understanding')) {
    log('understanding: enrichment + correlation + rules with 10k … 1M incidents in the window …');
    understanding = await benchUnderstanding(log);
  }

  const ctx = {
    product: {},
    latency: {},
    sockets: null,
    multi: null,
    io: null,
    skipped: {},
    errors: {},
    rawErrors: {},
    fastify: null,
    rawSqlite: null,
    rawPgTemp: null,
    rawPgLogged: null,
    orders: {},
    ordersErrors: {},
    ranking: {},
    rankingErrors: {},
  };

  const pgDown = process.env.BENCH_SKIP_PG === '1' ? 'BENCH_SKIP_PG=1' : await pgReachable();
  if (pgDown) log(`PostgreSQL not used: ${pgDown}`);
  const dbs = DBS.filter((db) => {
    if (db === 'postgres' && pgDown) {
      ctx.skipped.postgres = ctx.skipped['latency-postgres'] = `PostgreSQL unreachable at 127.0.0.1:5432 (${pgDown})`;
      return false;
    }
    return true;
  });
  for (const db of ['sqlite', 'postgres']) {
    if (!DBS.includes(db)) ctx.skipped[db] = ctx.skipped[`latency-${db}`] = `BENCH_DB=${DBS.join(',')}`;
    if (!ONLY.has('intake')) ctx.skipped[db] = 'BENCH_ONLY';
    if (!ONLY.has('latency')) ctx.skipped[`latency-${db}`] = 'BENCH_ONLY';
  }

  try {
    for (const db of dbs) {
      if (ONLY.has('intake')) {
        log(`${DB_LABEL[db]}: intake, on a fresh database …`);
        ctx.product[db] = (await part(ctx, 'intake', () => benchProduct(db))) ?? undefined;
      }
      if (ONLY.has('latency')) {
        log(`${DB_LABEL[db]}: latency at a fixed rate with ${LAT_SOCKETS} sockets, on a fresh database …`);
        ctx.latency[db] = await benchLatency(db).catch((err) => {
          console.error(`[bench] latency ${db} failed: ${err?.stack ?? err}`);
          ctx.errors[`latency-${db}`] = String(err?.message ?? err);
          return { error: String(err?.message ?? err) };
        });
      }
    }

    if (ONLY.has('sockets')) {
      const want = process.env.BENCH_SOCKETS_DB ?? (pgDown ? 'sqlite' : 'postgres');
      if (want === 'postgres' && pgDown) ctx.skipped.sockets = `BENCH_SOCKETS_DB=postgres but PostgreSQL is unreachable (${pgDown})`;
      else {
        log(`sockets: steps ${SOCKET_STEPS.join(', ')} on ${DB_LABEL[want]}, ${SOCKET_PROCS} client processes …`);
        ctx.sockets = await part(ctx, 'sockets', () => benchSockets(want));
      }
    }

    if (ONLY.has('multi')) {
      const redisDown = pgDown ? null : await redisReachable(REDIS_URL);
      if (pgDown) ctx.skipped.multi = `needs PostgreSQL (${pgDown})`;
      else if (redisDown) {
        ctx.errors.multi = `Redis unreachable at ${REDIS_URL} (${redisDown}): start it, point BENCH_REDIS_URL at one, or set BENCH_SKIP_MULTI=1`;
        console.error(`[bench] multi: ${ctx.errors.multi}`);
      } else {
        const baseline = ctx.product.postgres?.find(
          (r) => r.kind === 'sustained' && r.batch === MULTI_BATCH && r.concurrency === CONCURRENCY,
        );
        log(`multi: two instances (INSTANCE_ID=a|b) on one PostgreSQL, REDIS_URL=${REDIS_URL} …`);
        ctx.multi = await part(ctx, 'multi', () => benchMulti(baseline));
      }
    } else ctx.skipped.multi = process.env.BENCH_SKIP_MULTI === '1' ? 'BENCH_SKIP_MULTI=1' : 'BENCH_ONLY';
    if (!ONLY.has('sockets')) ctx.skipped.sockets ??= 'BENCH_ONLY';

    if (ONLY.has('orders')) {
      for (const db of ['sqlite', 'postgres']) {
        if (!DBS.includes(db)) ctx.ordersErrors[db] = `skipped: BENCH_DB=${DBS.join(',')}`;
        else if (db === 'postgres' && pgDown) ctx.ordersErrors[db] = `skipped: PostgreSQL unreachable (${pgDown})`;
        else {
          log(`${DB_LABEL[db]}: work orders, ${ORDERS_TOTAL.toLocaleString('en-US')} stored …`);
          const r = await part(ctx, `orders-${db}`, () => benchOrdersDb(db, ordersHelpers()));
          if (r) ctx.orders[db] = r;
          else ctx.ordersErrors[db] = `failed: ${firstLine(ctx.errors[`orders-${db}`], 200)}`;
        }
      }
    }

    if (ONLY.has('ranking')) {
      for (const db of ['sqlite', 'postgres']) {
        if (!DBS.includes(db)) ctx.rankingErrors[db] = `skipped: BENCH_DB=${DBS.join(',')}`;
        else if (db === 'postgres' && pgDown) ctx.rankingErrors[db] = `skipped: PostgreSQL unreachable (${pgDown})`;
        else {
          log(`${DB_LABEL[db]}: unit ranking over a year of orders …`);
          const r = await part(ctx, `ranking-${db}`, () => benchRankingDb(db, ordersHelpers()));
          if (r) ctx.ranking[db] = r;
          else ctx.rankingErrors[db] = `failed: ${firstLine(ctx.errors[`ranking-${db}`], 200)}`;
        }
      }
    }

    if (ONLY.has('raw')) {
      if (!pgDown) {
        log('reference: pg multi-row inserts …');
        await recreateBenchDb();
        for (const [key, temp, label] of [
          ['rawPgTemp', true, RAW_LABELS.pgTemp],
          ['rawPgLogged', false, RAW_LABELS.pgLogged],
        ]) {
          try {
            ctx[key] = await benchRawPg(temp);
          } catch (err) {
            ctx.rawErrors[label] = err.message;
            notes.push(`${label}: ${err.message}`);
          }
        }
      }
      log('reference: bare Fastify …');
      ctx.fastify = await part(ctx, 'raw', () => benchPlainFastify());
      log(`reference: bare Socket.IO broadcast to ${LAT_SOCKETS} clients …`);
      ctx.io = await benchIoBroadcast().catch((err) => {
        console.error(`[bench] socket.io reference failed: ${err?.stack ?? err}`);
        ctx.errors['raw-socketio'] = String(err?.message ?? err);
        return { error: String(err?.message ?? err) };
      });
      log('reference: better-sqlite3 multi-row inserts …');
      globalThis.gc?.();
      ctx.rawSqlite = await part(ctx, 'raw', () => benchRawSqlite());
    }
  } finally {
    if (!pgDown && process.env.BENCH_KEEP_DB !== '1') await pgAdmin(`DROP DATABASE IF EXISTS ${PG_BENCH_DB} WITH (FORCE)`).catch(() => {});
  }

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
  for (const [db, r] of Object.entries(ctx.latency)) {
    if (!r || r.error) continue;
    for (const [why, n] of r.errors.kinds) notes.push(`latency ${db}: ${n}× ${why}`);
    if (r.lateStarts)
      notes.push(`latency ${db}: the load generator started ${r.lateStarts} batches more than one interval late (its own CPU)`);
    if (r.status.closedUnexpectedly)
      notes.push(`latency ${db}: ${r.status.closedUnexpectedly} sockets closed during the run: ${JSON.stringify(r.status.closeReasons)}`);
    if (r.alerts.otherAlerts)
      notes.push(
        `latency ${db}: ${r.alerts.otherAlerts} other \`alert:new\` frames arrived (rules the ordinary records raise), not counted`,
      );
    const ev = Object.entries(r.status.events ?? {});
    if (ev.length)
      notes.push(
        `latency ${db}: what each socket received on average over the run: ${ev
          .map(([name, c]) => `${name} ${fmtInt(c.frames / r.sockets)} frames (${fmtInt(c.bytes / r.sockets / 1024)} KiB)`)
          .join(', ')}`,
      );
  }
  if (ctx.multi) {
    for (const [why, n] of ctx.multi.multi.errors.kinds) notes.push(`multi: ${n}× ${why}`);
    const p = ctx.multi.multi.push;
    if (p?.perServer && p.pushed < p.expected)
      notes.push(
        `multi: of ${p.expected} records accepted across both instances, the duty socket on a got ${p.perServer[0].pushed} and on b ${p.perServer[1].pushed}: ` +
          'a record reaches only the sockets of the instance that took it unless the instances share events (REDIS_URL)',
      );
  }
  for (const [why, n] of ctx.fastify?.errors.kinds ?? []) notes.push(`bare Fastify: ${n}× ${why}`);
  for (const [k, v] of Object.entries(ctx.errors)) notes.push(`**${k} failed**: ${firstLine(v, 600)}`);

  const when = new Date().toISOString();
  const sections = [
    `# jointduty benchmark`,
    '',
    `${when} · ${machine} · load average at start ${load0}, at end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} · total ${Math.round((Date.now() - t0) / 1000)} s · parts: ${[...ONLY].join(', ')}`,
    '',
    '## Targets (issue 5)',
    '',
    targetsTable(ctx),
    '',
    '## Sustained intake',
    '',
    `Load: a separate Node process on loopback (node:http keep-alive), ${WARMUP_MS / 1000} s warm-up then ${MEASURE_MS / 1000} s measured per sustained scenario;` +
      ` channels 12345 : 12315 : 110 : sentiment = 4 : 2 : 2 : 2 by request. Latency is per request; for the open-loop row it counts from the scheduled start.` +
      ` Push = time from sending a record to its summary arriving in an \`incidents\` event on one duty socket (in the load process); pushed = distinct records whose summary arrived / records accepted, "with an event" = summaries carrying an eventId (correlated).` +
      ` CPU is process time over the measured window: srv = server child, pg = all postgres processes, load = load generator, other = the rest of the machine (anything else running on these cores).`,
    '',
    intakeTable(ctx),
    '',
    `## Latency at ${fmtInt((1000 / LAT_INTERVAL_MS) * LAT_BATCH)} records/s with ${LAT_SOCKETS} sockets`,
    '',
    `Open loop: a batch of ${LAT_BATCH} records every ${LAT_INTERVAL_MS} ms on its schedule whatever the answers (${LAT_WARMUP_MS / 1000} s warm-up, then ${LAT_MS / 1000} s measured), channels by request as above;` +
      ` ${LAT_ALERT_SHARE * 100} % of the records are 110 群体性事件 reports (each its own place, so each raises its own \`major\` alert at once), whose id is in the alert's title.` +
      ` ${LAT_SOCKETS} duty sockets in a separate client process, every one measured: intake→\`incidents\` is the time from sending a record to its summary arriving, over every (socket, record);` +
      ` intake→\`alert:new\` the same for the alert records, over every (socket, alert). Request latency counts from the scheduled start.`,
    '',
    latencyTable(ctx),
    '',
    '## Sockets one instance holds',
    '',
    ctx.sockets
      ? `Duty sockets (the same token) opened in ${ctx.sockets.procs} client processes, ${SOCKET_STEPS.join(' → ')}; at each step ${SOCKET_ALERTS} alerts (a 110 群体性事件 record posted every ${SOCKET_ALERT_GAP_MS} ms, no other load), timed from the POST to arrival on each socket. ` +
        `Server ${DB_LABEL[ctx.sockets.db]}, open-files limit ${ctx.sockets.nofile ?? '?'} (clients ${ctx.sockets.clientNofile ?? '?'}), RSS ${ctx.sockets.rssIdleMb ?? '?'} MiB before any socket.`
      : ctx.errors.sockets
        ? `Failed: ${firstLine(ctx.errors.sockets)}`
        : `Not run: ${ctx.skipped.sockets ?? 'BENCH_ONLY'}.`,
    '',
    socketsTable(ctx) ?? '',
    '',
    '## Two instances with Redis',
    '',
    ctx.multi
      ? `Two server processes (INSTANCE_ID a and b) on one PostgreSQL database with REDIS_URL=${REDIS_URL}; the load generator spreads its ${2 * CONCURRENCY} concurrent requests over both (16 each), one duty socket on each instance; a record counts as pushed when both sockets got it. One instance: the same batch with ${CONCURRENCY} in flight.`
      : ctx.errors.multi
        ? `Failed: ${firstLine(ctx.errors.multi)}`
        : `Not run: ${ctx.skipped.multi ?? 'BENCH_ONLY'}.`,
    '',
    multiTable(ctx) ?? '',
    '',
    '## Work orders at scale (issue 14)',
    '',
    ...ordersSection(ctx),
    '## Unit ranking over a year of orders (issue 15)',
    '',
    ...(ONLY.has('ranking') ? rankingSection(ctx.ranking, ctx.rankingErrors) : ['Not run (BENCH_ONLY).', '']),
    '## Reference: the parts on their own',
    '',
    ONLY.has('raw') ? referenceTable(ctx) : 'Not run (BENCH_ONLY).',
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
  ];
  const md = sections.join('\n').replace(/\n{3,}/g, '\n\n');
  fs.writeFileSync(path.join(ARTIFACTS, 'bench.md'), md);
  console.log('\n' + md);
  log(`written to ${path.relative(ROOT, path.join(ARTIFACTS, 'bench.md'))}`);
  const failed = Object.keys(ctx.errors);
  if (failed.length) throw new Error(`parts failed: ${failed.join(', ')} (see the notes above)`);
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
