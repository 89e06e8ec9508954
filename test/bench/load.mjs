// The load generator: a separate process (forked by run.mjs, plan and results over IPC) so the
// server under test never shares an event loop with the client. Plain node:http with keep-alive
// agents; one duty socket per server (socket.io-client) measures intake → push latency and counts
// the records pushed. The open-loop latency scenario leaves the listening to sockets.mjs.
import fs from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { CHANNEL_CYCLE, createGenerator, massIncident, parseId } from './records.mjs';

const FEED_KEY = 'dev-feed-key';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// the benchmark must never outlive run.mjs
process.on('disconnect', () => process.exit(0));

export function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function summary(samples) {
  const s = Float64Array.from(samples).sort();
  return { n: s.length, p50: percentile(s, 0.5), p99: percentile(s, 0.99), max: s.length ? s[s.length - 1] : null };
}

// ---- CPU accounting from /proc (Linux): the server, PostgreSQL's processes, this process ----
function procTicks(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}
function postgresTicks() {
  let t = 0;
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const p = procTicks(d);
    if (p && p.comm === 'postgres') t += p.ticks;
  }
  return t;
}
function machineTicks() {
  // cpu  user nice system idle iowait irq softirq steal …
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { busy: f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0), iowait: f[4] };
}
// every server process (two with BENCH multi): their ticks summed
const serverPids = (plan) => plan.serverPids ?? (plan.serverPid ? [plan.serverPid] : []);
function cpuSnapshot(plan) {
  return {
    at: performance.now(),
    machine: machineTicks(),
    server: serverPids(plan).reduce((t, pid) => t + (procTicks(pid)?.ticks ?? 0), 0),
    clients: (plan.clientPids ?? []).reduce((t, pid) => t + (procTicks(pid)?.ticks ?? 0), 0),
    pg: plan.postgres ? postgresTicks() : 0,
    load: process.cpuUsage(),
  };
}
function cpuShare(plan, a, b) {
  const wallS = (b.at - a.at) / 1000;
  const tick = 1 / (plan.clkTck || 100);
  const pct = (x) => Math.round((100 * x) / wallS);
  const hasServer = serverPids(plan).length > 0;
  const server = hasServer ? pct((b.server - a.server) * tick) : 0;
  const pg = plan.postgres ? pct((b.pg - a.pg) * tick) : 0;
  const load = pct((b.load.user - a.load.user + b.load.system - a.load.system) / 1e6);
  const machine = pct((b.machine.busy - a.machine.busy) * tick);
  const clients = plan.clientPids?.length ? pct((b.clients - a.clients) * tick) : null;
  return {
    server: hasServer ? server : null,
    pg: plan.postgres ? pg : null,
    load,
    // everything else on the machine (other people's builds and tests share these cores)
    clients,
    other: Math.max(0, machine - server - pg - load - (clients ?? 0)),
    iowait: pct((b.machine.iowait - a.machine.iowait) * tick),
  };
}

// ---- HTTP ----
function makePost(base) {
  const u = new URL(base);
  return (agent, path, body, signal) =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          path,
          method: 'POST',
          agent,
          signal,
          headers: { 'content-type': 'application/json', 'x-feed-key': FEED_KEY, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8'), end: performance.now(), t0 }),
          );
          res.on('error', (e) => resolve({ status: 0, text: String(e), end: performance.now(), t0 }));
        },
      );
      req.on('error', (e) => {
        const text = signal?.aborted ? `given up: ${signal.reason?.message ?? 'aborted'}` : `${e.code ?? ''} ${e.message}`;
        resolve({ status: 0, text, end: performance.now(), t0 });
      });
      req.end(body);
    });
}

/** Was the answer the 202 it should be, with every record accepted? */
function judge(res, batch) {
  if (res.status !== 202) return { ok: false, accepted: 0, why: `HTTP ${res.status}: ${res.text.slice(0, 300)}` };
  let b;
  try {
    b = JSON.parse(res.text);
  } catch {
    return { ok: false, accepted: 0, why: `202 with a body that is not JSON: ${res.text.slice(0, 200)}` };
  }
  const accepted = Number(b.accepted) || 0;
  if (accepted !== batch || b.duplicates !== 0 || (b.rejected && b.rejected.length)) {
    return {
      ok: false,
      accepted,
      why: `202 but accepted ${b.accepted}/${batch}, duplicates ${b.duplicates}, rejected ${JSON.stringify(b.rejected).slice(0, 300)}`,
    };
  }
  return { ok: true, accepted };
}

class Errors {
  count = 0;
  kinds = new Map();
  add(why) {
    this.count++;
    const key = why.slice(0, 120);
    this.kinds.set(key, (this.kinds.get(key) ?? 0) + 1);
  }
  toJSON() {
    return { count: this.count, kinds: [...this.kinds.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5) };
  }
}

// ---- the duty socket ----
// Counts each record once, by its externalId, when its summary arrives in an `incidents` event
// (a summary sent twice is not two records pushed); `correlated` = summaries with an eventId.
class PushMeter {
  byTag = new Map(); // tag → { ids: Set, lat: number[], correlated: number }
  lastFrameAt = 0;
  frames = 0;
  error = null;
  socket = null;

  async connect(base) {
    const res = await fetch(base + '/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'duty', password: 'jointduty' }),
    });
    if (res.status !== 200) throw new Error(`login as duty: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    const { token } = await res.json();
    const socket = io(base + '/live', {
      path: '/socket.io',
      auth: { token, mute: ['orders'] },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.socket = socket;
    socket.on('incidents', (list) => {
      const now = Date.now();
      this.frames++;
      this.lastFrameAt = now;
      for (const s of list) {
        const id = parseId(s.externalId);
        if (!id) continue;
        let t = this.byTag.get(id.tag);
        if (!t) this.byTag.set(id.tag, (t = { ids: new Set(), lat: [], correlated: 0 }));
        if (t.ids.has(s.externalId)) continue;
        t.ids.add(s.externalId);
        t.lat.push(now - id.sendMs);
        if (s.eventId) t.correlated++;
      }
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') this.error = `socket disconnected: ${reason}`;
    });
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', (e) => reject(new Error(`socket connect: ${e.message}`)));
    });
  }

  count(tag) {
    return this.byTag.get(tag)?.ids.size ?? 0;
  }

  /** Waits until `expected` pushes of a tag arrived, or nothing arrived for `quietMs`. */
  async settle(tag, expected, quietMs = 600, maxMs = 5000) {
    if (!this.socket) return;
    const start = Date.now();
    while (Date.now() - start < maxMs) {
      if (this.count(tag) >= expected) return;
      if (Date.now() - start > quietMs && Date.now() - Math.max(this.lastFrameAt, start) > quietMs) return;
      await sleep(25);
    }
  }

  result(tag, expected) {
    if (!this.socket) return null;
    const t = this.byTag.get(tag);
    const s = summary(t?.lat ?? []);
    return { ...s, pushed: s.n, correlated: t?.correlated ?? 0, expected };
  }

  close() {
    this.socket?.close();
  }
}

/** One duty socket per server: a record counts as pushed when every server's socket got it. */
class PushMeters {
  constructor(meters) {
    this.meters = meters;
  }
  get error() {
    return this.meters.map((m) => m.error).find(Boolean) ?? null;
  }
  get frames() {
    return this.meters.reduce((n, m) => n + m.frames, 0);
  }
  async settle(tag, expected) {
    await Promise.all(this.meters.map((m) => m.settle(tag, expected)));
  }
  result(tag, expected) {
    const rs = this.meters.map((m) => m.result(tag, expected));
    if (rs.length === 1) return rs[0];
    // the worst socket's count and latency; each socket's own figures alongside
    const worst = rs.reduce((a, b) => (b.pushed < a.pushed ? b : a));
    const p99 = Math.max(...rs.map((r) => r.p99 ?? 0));
    return { ...worst, p99, perServer: rs.map((r) => ({ pushed: r.pushed, correlated: r.correlated, p50: r.p50, p99: r.p99 })) };
  }
  close() {
    for (const m of this.meters) m.close();
  }
}

// ---- scenarios ----
const gen = createGenerator(Number(process.env.BENCH_SEED) || 20260720);
let recordNo = 0;
let cycle = 0;

function body(channel, batch, sendMs, tag, asArray = true) {
  if (batch === 1 && !asArray) return JSON.stringify(gen.record(channel, sendMs, tag, ++recordNo));
  const recs = new Array(batch);
  for (let i = 0; i < batch; i++) recs[i] = gen.record(channel, sendMs, tag, ++recordNo);
  return JSON.stringify(recs);
}

/** Waits for the requests in flight, at most `ms`; then aborts the rest (each answers status 0, an error). */
async function drain(inflight, abort, ms) {
  let timer;
  const late = new Promise((r) => (timer = setTimeout(r, ms, 'late')));
  const first = await Promise.race([Promise.all(inflight), late]);
  clearTimeout(timer);
  if (first !== 'late') return;
  abort.abort(new Error(`no answer within ${ms / 1000} s after the last request was sent`));
  await Promise.all(inflight);
}

/**
 * `concurrency` requests always in flight for warmupMs + measureMs. With several servers, worker
 * w posts to server w % servers (each server gets `concurrency / servers` workers).
 */
async function sustained(plan, sc, posts, push) {
  const agents = posts.map(() => new http.Agent({ keepAlive: true, maxSockets: sc.concurrency }));
  const tagW = `${sc.id}w`;
  const tagM = `${sc.id}m`;
  const start = Date.now();
  const ws = start + sc.warmupMs;
  const we = ws + sc.measureMs;
  const errors = new Errors();
  const lat = [];
  let sent = 0;
  let measuredSent = 0;
  let acceptedSentInWindow = 0;
  let doneInWindow = 0;
  let recordsInWindow = 0;
  let cpuA = null;
  const cpuTimer = setTimeout(() => (cpuA = cpuSnapshot(plan)), ws - start);
  let cpuB = null;
  const cpuTimerB = setTimeout(() => (cpuB = cpuSnapshot(plan)), we - start);

  async function worker(w) {
    const post = posts[w % posts.length];
    const agent = agents[w % posts.length];
    for (;;) {
      const now = Date.now();
      if (now >= we) return;
      const measured = now >= ws;
      const channel = CHANNEL_CYCLE[cycle++ % CHANNEL_CYCLE.length];
      const res = await post(agent, `/api/feeds/${channel}`, body(channel, sc.batch, now, measured ? tagM : tagW));
      sent++;
      const v = judge(res, sc.batch);
      if (!v.ok) errors.add(v.why);
      const done = Date.now();
      if (measured) {
        measuredSent++;
        lat.push(res.end - res.t0);
        acceptedSentInWindow += v.accepted;
      }
      if (done >= ws && done < we) {
        doneInWindow++;
        recordsInWindow += v.accepted;
      }
    }
  }
  await Promise.all(Array.from({ length: sc.concurrency }, (_, w) => worker(w)));
  clearTimeout(cpuTimer);
  clearTimeout(cpuTimerB);
  cpuB ??= cpuSnapshot(plan);
  for (const a of agents) a.destroy();
  await push?.settle(tagM, acceptedSentInWindow);
  const secs = sc.measureMs / 1000;
  return {
    id: sc.id,
    kind: 'sustained',
    batch: sc.batch,
    concurrency: sc.concurrency,
    servers: posts.length,
    requests: sent,
    measuredRequests: measuredSent,
    reqPerSec: doneInWindow / secs,
    recordsPerSec: recordsInWindow / secs,
    latency: summary(lat),
    push: push ? push.result(tagM, acceptedSentInWindow) : null,
    errors: errors.toJSON(),
    cpu: cpuA && cpuB ? cpuShare(plan, cpuA, cpuB) : null,
  };
}

/** Open loop: requests start on a fixed schedule whatever the answers; latency from the scheduled start. */
async function fixedRate(plan, sc, posts, push) {
  const post = posts[0];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const tag = `${sc.id}m`;
  const total = Math.round((sc.rate * sc.durationMs) / 1000);
  const interval = 1000 / sc.rate;
  const errors = new Errors();
  const lat = [];
  let accepted = 0;
  const inflight = [];
  const abort = new AbortController();
  const cpuA = cpuSnapshot(plan);
  const t0 = performance.now() + 20;
  let i = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < total && t0 + i * interval <= now) {
        const scheduled = t0 + i * interval;
        const channel = CHANNEL_CYCLE[cycle++ % CHANNEL_CYCLE.length];
        inflight.push(
          post(agent, `/api/feeds/${channel}`, body(channel, 1, Date.now(), tag, false), abort.signal).then((res) => {
            const v = judge(res, 1);
            if (!v.ok) errors.add(v.why);
            accepted += v.accepted;
            lat.push(res.end - scheduled);
          }),
        );
        i++;
      }
      if (i < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await drain(inflight, abort, sc.drainMs ?? 20_000);
  const cpuB = cpuSnapshot(plan);
  agent.destroy();
  await push?.settle(tag, accepted);
  return {
    id: sc.id,
    kind: 'rate',
    batch: 1,
    rate: sc.rate,
    requests: total,
    measuredRequests: total,
    reqPerSec: total / (sc.durationMs / 1000),
    recordsPerSec: accepted / (sc.durationMs / 1000),
    latency: summary(lat),
    push: push ? push.result(tag, accepted) : null,
    errors: errors.toJSON(),
    cpu: cpuShare(plan, cpuA, cpuB),
  };
}

/**
 * Open loop at a fixed record rate for the latency figures: a batch of `batch` records every
 * `intervalMs` (scheduled, whatever the answers), channels in the usual 4:2:2:2 mix by request;
 * `alertShare` of the records are 110 群体性事件 records that raise an alert at once, one in a 110
 * batch whenever the share is due. The sockets listening are in their own process (sockets.mjs);
 * this answers what was sent: records accepted per tag and the alert records (their ids carry
 * their send time). Warm-up records are tagged `<id>w`, measured ones `<id>m`.
 */
async function openLoop(plan, sc, posts) {
  const post = posts[0];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const tagW = `${sc.id}w`;
  const tagM = `${sc.id}m`;
  const total = Math.round((sc.warmupMs + sc.measureMs) / sc.intervalMs);
  const warm = Math.round(sc.warmupMs / sc.intervalMs);
  const errors = new Errors();
  const lat = [];
  const accepted = { [tagW]: 0, [tagM]: 0 };
  const alertsSent = { [tagW]: 0, [tagM]: 0 };
  let records = 0;
  let alertRecords = 0;
  let lateStarts = 0;
  const inflight = [];
  const abort = new AbortController();
  let cpuA = null;
  const t0 = performance.now() + 20;
  let i = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < total && t0 + i * sc.intervalMs <= now) {
        const scheduled = t0 + i * sc.intervalMs;
        if (now - scheduled > sc.intervalMs) lateStarts++;
        const measured = i >= warm;
        if (i === warm) cpuA = cpuSnapshot(plan);
        const tag = measured ? tagM : tagW;
        const channel = CHANNEL_CYCLE[cycle++ % CHANNEL_CYCLE.length];
        const sendMs = Date.now();
        const recs = new Array(sc.batch);
        for (let k = 0; k < sc.batch; k++) recs[k] = gen.record(channel, sendMs, tag, ++recordNo);
        let alerts = 0;
        if (channel === '110' && alertRecords < Math.floor((records + sc.batch) * sc.alertShare)) {
          recs[0] = massIncident(sendMs, tag, ++recordNo);
          alertRecords++;
          alerts = 1;
        }
        records += sc.batch;
        const n = recs.length;
        inflight.push(
          post(agent, `/api/feeds/${channel}`, JSON.stringify(recs), abort.signal).then((res) => {
            const v = judge(res, n);
            if (!v.ok) errors.add(v.why);
            accepted[tag] += v.accepted;
            if (v.ok) alertsSent[tag] += alerts;
            if (measured) lat.push(res.end - scheduled);
          }),
        );
        i++;
      }
      if (i < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  const cpuB = cpuSnapshot(plan);
  // an overloaded server: what has no answer `drainMs` after the last send is given up (an error)
  await drain(inflight, abort, sc.drainMs ?? 20_000);
  agent.destroy();
  const secs = sc.measureMs / 1000;
  return {
    id: sc.id,
    kind: 'openloop',
    batch: sc.batch,
    intervalMs: sc.intervalMs,
    tag: tagM,
    requests: total,
    measuredRequests: total - warm,
    reqPerSec: (total - warm) / secs,
    recordsPerSec: accepted[tagM] / secs,
    accepted: accepted[tagM],
    alertsSent: alertsSent[tagM],
    lateStarts,
    latency: summary(lat),
    errors: errors.toJSON(),
    cpu: cpuA ? cpuShare(plan, cpuA, cpuB) : null,
  };
}

async function run(plan) {
  const urls = plan.urls ?? [plan.url];
  const posts = urls.map(makePost);
  let push = null;
  let socketError = null;
  if (plan.socket) {
    const meters = urls.map(() => new PushMeter());
    try {
      for (const [i, m] of meters.entries()) await m.connect(urls[i]);
      push = new PushMeters(meters);
    } catch (err) {
      socketError = String(err.message ?? err);
      for (const m of meters) m.close();
    }
  }
  const results = [];
  for (const sc of plan.scenarios) {
    globalThis.gc?.();
    const fn = { rate: fixedRate, openloop: openLoop, sustained }[sc.kind];
    results.push(await fn(plan, sc, posts, push));
    if (push?.error) socketError = push.error;
    if (sc.pauseAfterMs) await sleep(sc.pauseAfterMs);
  }
  push?.close();
  return { results, socketError, pushFrames: push?.frames ?? 0 };
}

process.once('message', (plan) => {
  run(plan).then(
    (r) => process.send({ ok: true, ...r }, () => process.exit(0)),
    (err) => process.send({ ok: false, error: String(err?.stack ?? err) }, () => process.exit(1)),
  );
});
