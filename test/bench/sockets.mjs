// Many live sockets in one process (forked by run.mjs; commands and answers over IPC). Each socket
// is a bare websocket speaking just enough Engine.IO 4 / Socket.IO 5 (what socket.io-client speaks
// over `transports: ['websocket']`): the namespace connect with `auth`, ping → pong, and events.
// A frame is timed the moment it arrives and is looked at no further than its first bytes, so
// thousands of sockets (or 200 sockets taking 10 `incidents` frames a second) cost this process
// little; only the first copy of each `incidents` frame is parsed, and every socket's copy of it is
// matched to that parse by the frame's first externalId and byte length (a broadcast is the same
// bytes on every socket).
//
// Commands ({ id, cmd, … } → { id, ok, result | error }):
//   connect  { url, token, count, concurrency, timeoutMs }  opens `count` more sockets
//   reset    {}                 forgets every frame recorded so far
//   progress { tag }            distinct records of a tag seen in `incidents` frames so far
//   incidents { tag }           intake→`incidents` latency of a tag over every (socket, record)
//   alerts   { tag, raw }       intake→`alert:new` latency per alert of a tag, over sockets (raw: every time)
//   acker    { which: 'last' }  the reference broadcast: the last socket acks every `blast` frame
//   blast    {}                 the reference broadcast: `blast` frames counted
//   status   {}                 open / closed sockets, why they closed, this process's RSS
//   close    {}                 closes every socket
import WebSocket from 'ws';
import { caseIdIn, parseId } from './records.mjs';

process.on('disconnect', () => process.exit(0));

const NS = '/live';
const EVENT_PREFIX = Buffer.from(`42${NS},["`);
const EXTERNAL_ID = Buffer.from('"externalId":"');
const HIST_MS = 120_000;

const sockets = []; // { ws, open, idx }
const closeReasons = new Map();
let closedUnexpectedly = 0;
let closing = false;

// ---- what arrived ----
// incidents: every socket's arrivals as (frame index, ms); frames parsed once
const frameIndex = new Map(); // `${firstExternalId}|${byteLength}` → index
const frames = []; // index → Array<{ tag, sendMs, id, correlated }> | null (not parsed yet)
let arrivalsFrame = []; // per socket: number[] of frame indexes
let arrivalsAt = []; // per socket: number[] of Date.now()
// alert:new: record id → { sendMs, tag, times: number[], sockets: Set<idx> }
const alerts = new Map();
let otherAlerts = 0;
// every event by name: frames and bytes over all sockets
const eventCounts = new Map();
// reference blast
const blast = { frames: 0, first: 0, last: 0, perSocket: [] };
let acker = -1;

function eventName(buf) {
  if (buf.length < EVENT_PREFIX.length + 2 || buf.compare(EVENT_PREFIX, 0, EVENT_PREFIX.length, 0, EVENT_PREFIX.length) !== 0) return null;
  const end = buf.indexOf(0x22, EVENT_PREFIX.length); // the closing quote of the name
  return end < 0 ? null : buf.toString('latin1', EVENT_PREFIX.length, end);
}

function onIncidents(s, buf, now) {
  const at = buf.indexOf(EXTERNAL_ID);
  if (at < 0) return;
  const from = at + EXTERNAL_ID.length;
  const key = `${buf.toString('utf8', from, buf.indexOf(0x22, from))}|${buf.length}`;
  let fi = frameIndex.get(key);
  if (fi === undefined) {
    fi = frames.length;
    frameIndex.set(key, fi);
    const recs = [];
    try {
      const [, list] = JSON.parse(buf.toString('utf8', NS.length + 3));
      for (const summary of list) {
        const p = parseId(summary.externalId);
        if (p) recs.push({ tag: p.tag, sendMs: p.sendMs, id: summary.externalId, correlated: !!summary.eventId });
      }
    } catch {
      // not ours to judge here; an unparsable frame counts no records
    }
    frames.push(recs);
  }
  arrivalsFrame[s.idx].push(fi);
  arrivalsAt[s.idx].push(now);
}

function onAlert(s, buf, now) {
  const found = caseIdIn(buf.toString('utf8'));
  if (!found) return void otherAlerts++;
  let a = alerts.get(found.id);
  if (!a) alerts.set(found.id, (a = { sendMs: found.sendMs, tag: found.tag, times: [], sockets: new Set(), dup: 0 }));
  if (a.sockets.has(s.idx)) return void a.dup++;
  a.sockets.add(s.idx);
  a.times.push(now - found.sendMs);
}

function onBlast(s, buf, now) {
  blast.frames++;
  blast.perSocket[s.idx] = (blast.perSocket[s.idx] ?? 0) + 1;
  if (!blast.first) blast.first = now;
  blast.last = now;
  if (s.idx === acker) {
    // `42/live,["blast",<seq>,…`
    const from = EVENT_PREFIX.length + 'blast",'.length;
    const seq = Number(buf.toString('latin1', from, buf.indexOf(0x2c, from)));
    s.ws.send(`42${NS},["ack",${seq}]`);
  }
}

function onMessage(s, buf) {
  const now = Date.now();
  const c0 = buf[0];
  if (c0 === 0x32 && buf.length === 1) return void s.ws.send('3'); // ping → pong
  if (c0 !== 0x34) return; // 0 open, 1 close, 3 pong, 6 noop: nothing to do
  const c1 = buf[1];
  if (c1 === 0x32) {
    const name = eventName(buf);
    if (name) {
      const c = eventCounts.get(name) ?? { frames: 0, bytes: 0 };
      c.frames++;
      c.bytes += buf.length;
      eventCounts.set(name, c);
    }
    if (name === 'incidents') onIncidents(s, buf, now);
    else if (name === 'alert:new') onAlert(s, buf, now);
    else if (name === 'blast') onBlast(s, buf, now);
  }
}

function openOne(url, token, timeoutMs) {
  const idx = sockets.length;
  const s = { idx, ws: null, open: false };
  sockets.push(s);
  arrivalsFrame[idx] = [];
  arrivalsAt[idx] = [];
  const wsUrl = url.replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket';
  return new Promise((resolve) => {
    let settled = false;
    const done = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        try {
          s.ws.terminate();
        } catch {
          // never opened
        }
      }
      resolve(err ?? null);
    };
    const timer = setTimeout(() => done(`no namespace connect within ${timeoutMs} ms`), timeoutMs);
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: timeoutMs });
    s.ws = ws;
    ws.on('message', (data) => {
      if (s.open) return onMessage(s, data);
      const text = data.toString('utf8');
      // the sockets stand for walls, which ask not to be sent work orders (LIVE_MUTABLE)
      if (text[0] === '0') ws.send(`40${NS},${JSON.stringify(token ? { token, mute: ['orders'] } : {})}`);
      else if (text.startsWith(`40${NS},`)) {
        s.open = true;
        done(null);
      } else if (text.startsWith(`44${NS},`)) done(`refused: ${text.slice(NS.length + 3, 200)}`);
      else if (text === '2') ws.send('3');
    });
    ws.on('error', (e) => done(`${e.code ?? ''} ${e.message}`.trim()));
    ws.on('close', (code, reason) => {
      const was = s.open;
      s.open = false;
      if (!settled) return done(`closed before connect (${code})`);
      if (was && !closing) {
        closedUnexpectedly++;
        const why = `${code} ${reason?.toString() ?? ''}`.trim();
        closeReasons.set(why, (closeReasons.get(why) ?? 0) + 1);
      }
    });
  });
}

async function connect({ url, token, count, concurrency = 50, timeoutMs = 20_000 }) {
  const t0 = Date.now();
  const errors = new Map();
  let next = 0;
  let ok = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      const err = await openOne(url, token, timeoutMs);
      if (err) errors.set(err.slice(0, 120), (errors.get(err.slice(0, 120)) ?? 0) + 1);
      else ok++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { connected: ok, failed: count - ok, errors: [...errors.entries()], ms: Date.now() - t0, open: openCount() };
}

const openCount = () => sockets.reduce((n, s) => n + (s.open ? 1 : 0), 0);

function reset() {
  frameIndex.clear();
  frames.length = 0;
  arrivalsFrame = sockets.map(() => []);
  arrivalsAt = sockets.map(() => []);
  alerts.clear();
  otherAlerts = 0;
  eventCounts.clear();
  Object.assign(blast, { frames: 0, first: 0, last: 0, perSocket: [] });
}

function histogram() {
  return { h: new Uint32Array(HIST_MS + 1), n: 0, max: 0, over: 0 };
}
function histAdd(h, ms) {
  const v = Math.max(0, Math.round(ms));
  h.n++;
  if (v > h.max) h.max = v;
  if (v > HIST_MS) h.over++;
  h.h[Math.min(v, HIST_MS)]++;
}
function histPct(h, q) {
  if (h.n === 0) return null;
  const want = Math.max(1, Math.ceil(q * h.n));
  let seen = 0;
  for (let v = 0; v <= HIST_MS; v++) {
    seen += h.h[v];
    if (seen >= want) return v;
  }
  return h.max;
}
const histSummary = (h) => ({ n: h.n, p50: histPct(h, 0.5), p99: histPct(h, 0.99), max: h.n ? h.max : null });

function progress({ tag }) {
  const ids = new Set();
  for (const recs of frames) for (const r of recs) if (r.tag === tag) ids.add(r.id);
  return { records: ids.size, frames: frames.length, lastArrival: Math.max(0, ...arrivalsAt.map((a) => a[a.length - 1] ?? 0)) };
}

function incidents({ tag }) {
  const h = histogram();
  const distinct = new Set();
  let uncorrelated = 0;
  for (const recs of frames)
    for (const r of recs)
      if (r.tag === tag && !distinct.has(r.id)) {
        distinct.add(r.id);
        if (!r.correlated) uncorrelated++;
      }
  let minPerSocket = Infinity;
  let maxPerSocket = 0;
  for (let i = 0; i < sockets.length; i++) {
    const seen = new Set();
    const fr = arrivalsFrame[i];
    const at = arrivalsAt[i];
    for (let k = 0; k < fr.length; k++) {
      for (const r of frames[fr[k]]) {
        if (r.tag !== tag || seen.has(r.id)) continue;
        seen.add(r.id);
        histAdd(h, at[k] - r.sendMs);
      }
    }
    minPerSocket = Math.min(minPerSocket, seen.size);
    maxPerSocket = Math.max(maxPerSocket, seen.size);
  }
  return {
    sockets: sockets.length,
    records: distinct.size,
    uncorrelated,
    minPerSocket: sockets.length ? minPerSocket : 0,
    maxPerSocket,
    latency: histSummary(h),
  };
}

function alertsOf({ tag, raw }) {
  const all = histogram();
  const per = [];
  let dup = 0;
  for (const [id, a] of alerts) {
    if (tag && a.tag !== tag) continue;
    dup += a.dup;
    const h = histogram();
    for (const t of a.times) {
      histAdd(h, t);
      histAdd(all, t);
    }
    per.push({ id, sendMs: a.sendMs, sockets: a.sockets.size, ...histSummary(h), ...(raw ? { times: a.times } : {}) });
  }
  return { sockets: sockets.length, open: openCount(), alerts: per, all: histSummary(all), duplicates: dup, otherAlerts };
}

function status() {
  return {
    sockets: sockets.length,
    open: openCount(),
    closedUnexpectedly,
    closeReasons: [...closeReasons.entries()],
    events: Object.fromEntries(eventCounts),
    rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  };
}

function blastResult() {
  const per = sockets.map((_, i) => blast.perSocket[i] ?? 0);
  return { frames: blast.frames, first: blast.first, last: blast.last, minPerSocket: Math.min(...per), maxPerSocket: Math.max(...per) };
}

async function closeAll() {
  closing = true;
  for (const s of sockets) {
    try {
      s.ws.close();
    } catch {
      // gone
    }
  }
  await new Promise((r) => setTimeout(r, 200));
  for (const s of sockets) s.ws?.terminate();
  return status();
}

const handlers = {
  connect,
  reset: () => (reset(), {}),
  progress,
  incidents,
  alerts: alertsOf,
  acker: (m) => {
    acker = m.which === 'last' ? sockets.length - 1 : -1;
    return { acker };
  },
  blast: blastResult,
  status,
  close: closeAll,
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
