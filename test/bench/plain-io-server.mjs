// Reference: a bare Socket.IO server (the same socket.io the product runs, same path and namespace,
// no auth, no rooms, no database) that broadcasts one payload to every connected socket, as fast
// as the clients take it: at most `window` broadcasts unanswered, where the socket that connected
// last (written to last in every broadcast) acks each one. Shows what this machine's Socket.IO
// fan-out costs without the product. Commands over IPC:
//   { cmd: 'run', payload: 'alert' | 'flush', durationMs, window } → { broadcasts, clients, cpuUs, ms }
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beijingIso, CHANNEL_CYCLE, createGenerator } from './records.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'server/package.json'));
const { Server } = require('socket.io');

process.on('disconnect', () => process.exit(0));

// payloads shaped like the product's: an alert, and one `incidents` flush of 100 summaries
// (what 1,000 records/s makes in 100 ms)
const gen = createGenerator(11);
const now = Date.now();
function summary(i) {
  const channel = CHANNEL_CYCLE[i % CHANNEL_CYCLE.length];
  const r = gen.record(channel, now, 'ref', i);
  const text = r.content ?? r.summary ?? r.text;
  return {
    id: `0f8c${String(i).padStart(4, '0')}-5b1e-4c0a-9d7e-3a2b1c0d9e8f`,
    channel,
    externalId: r.orderNo ?? r.regNo ?? r.caseNo ?? r.postId,
    occurredAt: new Date(now - 60_000).toISOString(),
    receivedAt: new Date(now).toISOString(),
    kind: r.appealType ?? r.kind ?? r.alarmType ?? r.platform,
    title: text.slice(0, 40),
    district: '市北区',
    category: '市场监管>价格',
    department: '市市场监管局',
    eventId: '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    flags: [],
    reporter: { name: '王*', phone: '138****5678' },
  };
}
const PAYLOADS = {
  alert: {
    id: '13d6e22d-a41e-44c6-9b10-2136a1fe6c7d',
    seq: 1,
    eventId: 'b7744e88-e6a4-4f6a-9acf-517d12f6a0ee',
    rule: 'police-mass-incident',
    severity: 'major',
    title: '群体性事件：警情JJ-1795472147471-ref-0：报警人称有数十名业主因车位分配问题…',
    summary: '110 群体性事件，青岛市市北区登州路10号',
    channels: ['110'],
    district: '市北区',
    category: '公安>群体性事件',
    incidentCount: 1,
    status: 'open',
    createdAt: beijingIso(now),
    updatedAt: beijingIso(now),
  },
  flush: Array.from({ length: 100 }, (_, i) => summary(i)),
};

const server = http.createServer((req, res) => {
  if (req.url === '/api/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end('{"status":"ok"}');
  }
  res.writeHead(404).end();
});
const io = new Server(server, { path: '/socket.io', serveClient: false, pingInterval: 20_000, pingTimeout: 20_000 });
const ns = io.of('/live');
let acked = 0;
let pump = null;
ns.on('connection', (socket) => {
  socket.on('ack', (seq) => {
    if (typeof seq === 'number' && seq > acked) acked = seq;
    pump?.();
  });
});

function run({ payload, durationMs = 3000, window = 8 }) {
  const body = PAYLOADS[payload];
  const clients = ns.sockets.size;
  acked = 0;
  let seq = 0;
  return new Promise((resolve) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const stopAt = t0 + durationMs;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      pump = null;
      clearTimeout(guard);
      const cpu = process.cpuUsage(cpu0);
      resolve({
        broadcasts: seq,
        acked,
        clients,
        cpuUs: cpu.user + cpu.system,
        ms: performance.now() - t0,
        bytes: JSON.stringify(body).length,
      });
    };
    pump = () => {
      const t = performance.now();
      if (t >= stopAt) {
        if (acked >= seq) finish();
        return;
      }
      while (seq - acked < window) ns.emit('blast', ++seq, body);
    };
    // a client that stops acking must not hang the benchmark
    const guard = setTimeout(finish, durationMs + 10_000);
    pump();
    // the last acks may arrive after the deadline: check again then
    setTimeout(() => pump?.(), durationMs + 1);
  });
}

process.on('message', (m) => {
  if (m.cmd === 'run') run(m).then((result) => process.send({ id: m.id, ok: true, result }));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ ready: true }));
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
