// The reminder sweep of the `orders` part, timed inside the server: this process builds the whole
// server from server/dist (createApp: every module, the database as DATA_DIR / DATABASE_URL say,
// no HTTP listener) on the database the bench filled, and answers over IPC:
//
//   { cmd: 'sweep', ids }  makes these orders fall due now (open, signed, first check done, the
//                          handling deadline 10 minutes away, next_reminder_at passed), times one
//                          OrderReminderSweep.sweep(now), counts what it wrote, and puts the orders
//                          back as they were (rows restored, the reminders and steps it wrote
//                          removed), so every run starts from the same table.
//   { cmd: 'morning' }     the busiest next_reminder_at of the coming week (a working morning's
//                          reminder time): one sweep as of that moment, over every order whose
//                          next look comes by then, as stored; then put back the same way.
//
// Each answer says how long the event loop was held: the longest gap between two ticks of a 5 ms
// timer during the sweep (on SQLite the driver is synchronous; a statement holds the loop).
//
// The sweep's own timers (every 30 s, and 1 s after start) are stopped: only the timed call sweeps.
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serverRequire = createRequire(path.join(ROOT, 'server/package.json'));
const dist = (p) => serverRequire(path.join(ROOT, 'server/dist', p));

process.on('disconnect', () => process.exit(0));

const { loadConfig } = dist('config/config.loader.js');
const { createApp } = dist('app.factory.js');
const { OrderReminderSweep } = dist('orders/order-reminders.service.js');
const { CorrelationLease } = dist('infra/cluster/lease.service.js');
const { Db } = dist('infra/database/db.js');

const app = await createApp(loadConfig(), { logger: ['error', 'warn'] });
const sweep = app.get(OrderReminderSweep);
const db = app.get(Db);
const lease = app.get(CorrelationLease);
// the sweep's timers are private to it: stopped here so that no other sweep runs meanwhile
clearInterval(sweep.timer);
clearTimeout(sweep.soon);
sweep.soon = null;
sweep.poke = () => {};
for (const until = Date.now() + 30_000; !lease.held;) {
  if (Date.now() > until) throw new Error('the correlation lease was not taken within 30 s');
  await new Promise((r) => setTimeout(r, 100));
}

const MIN = 60_000;
const inList = (ids) => ids.map(() => '?').join(', ');

/** One sweep as of `now`, timed, with the longest gap between two ticks of a 5 ms timer meanwhile. */
async function timedSweep(now) {
  let last = 0;
  let worst = 0;
  const ticker = setInterval(() => {
    const t = performance.now();
    if (last) worst = Math.max(worst, t - last);
    last = t;
  }, 5);
  await new Promise((r) => setTimeout(r, 12));
  worst = 0;
  const t0 = performance.now();
  const seen = await sweep.sweep(now);
  const ms = performance.now() - t0;
  // the tick that waited for the sweep to let go
  await new Promise((r) => setTimeout(r, 12));
  clearInterval(ticker);
  return { seen, ms, loopMs: worst };
}

/** What the sweep wrote as of `now` for these orders; then the rows as they were, and nothing it wrote. */
async function countAndRestore(now, before) {
  const ids = before.map((r) => r.id);
  let reminders = 0;
  let steps = 0;
  const columns = Object.keys(before[0]).filter((c) => c !== 'id');
  for (let k = 0; k < ids.length; k += 500) {
    const part = ids.slice(k, k + 500);
    const count = async (table) =>
      Number((await db.query(`SELECT COUNT(*) AS n FROM ${table} WHERE at = ? AND order_id IN (${inList(part)})`, [now, ...part]))[0].n);
    reminders += await count('order_reminders');
    steps += await count('order_steps');
    await db.transaction(async (tx) => {
      await tx.execute(`DELETE FROM order_reminders WHERE at = ? AND order_id IN (${inList(part)})`, [now, ...part]);
      await tx.execute(`DELETE FROM order_steps WHERE at = ? AND order_id IN (${inList(part)})`, [now, ...part]);
    });
  }
  await db.transaction(async (tx) => {
    for (const row of before) {
      await tx.execute(`UPDATE orders SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [
        ...columns.map((c) => row[c]),
        row.id,
      ]);
    }
  });
  return { reminders, steps };
}

async function run({ ids }) {
  const now = Date.now();
  const due = now + 10 * MIN;
  const before = await db.query(`SELECT * FROM orders WHERE id IN (${inList(ids)})`, ids);
  if (before.length !== ids.length) throw new Error(`${ids.length} orders asked for, ${before.length} stored`);
  await db.execute(
    `UPDATE orders SET status = 'signed', open = ?, signed_at = ?, contacted_at = ?, replied_at = NULL, closed_at = NULL,
            returned_at = NULL, result = NULL, due_by = ?, first_check_by = NULL, next_deadline_at = ?, first_check_overdue = ?,
            due_overdue = ?, sign_late = ?, extension = NULL, extension_pending = ?, reopened = 0, next_reminder_at = ?
      WHERE id IN (${inList(ids)})`,
    [true, now - 2 * 60 * MIN, now - 60 * MIN, due, due, false, false, false, false, now - 1000, ...ids],
  );
  const t = await timedSweep(now);
  return { due: ids.length, ...t, ...(await countAndRestore(now, before)) };
}

async function morning() {
  const now = Date.now();
  const [busiest] = await db.query(
    `SELECT next_reminder_at AS at, COUNT(*) AS n FROM orders WHERE next_reminder_at > ? AND next_reminder_at <= ?
      GROUP BY next_reminder_at ORDER BY COUNT(*) DESC LIMIT 1`,
    [now, now + 7 * 24 * 60 * MIN],
  );
  if (!busiest) return null;
  const at = Number(busiest.at);
  const before = await db.query(`SELECT * FROM orders WHERE next_reminder_at <= ?`, [at]);
  const t = await timedSweep(at);
  return {
    at: new Date(at).toISOString(),
    sameMoment: Number(busiest.n),
    due: before.length,
    ...t,
    ...(await countAndRestore(at, before)),
  };
}

const handlers = {
  sweep: run,
  morning,
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
