// Reminders (催办) across a restart: a level that fell due while the server was down fires once
// after it starts again, and never again after another restart. The order's deadline is moved in
// the database while the server is down, as days passing would move it closer.
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { OrderDetail, OrderReminder } from '@jointduty/shared';
import { EventBus } from '@jointduty/server/infra/bus/bus';
import { Db } from '@jointduty/server/infra/database/db';
import { OrderReminderSweep } from '@jointduty/server/orders/order-reminders.service';
import { login, postFeed, request, startServer, waitFor, type TestServer } from '../support/harness';
import { consumer } from '../support/records';

/** Runs one statement on the stopped server's database: its SQLite file, or the PostgreSQL of the run. */
async function edit(dataDir: string, sql: string, params: Array<string | number>): Promise<number> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      let i = 0;
      return (
        (
          await c.query(
            sql.replace(/\?/g, () => `$${++i}`),
            params,
          )
        ).rowCount ?? 0
      );
    } finally {
      await c.end();
    }
  }
  const db = new Database(path.join(dataDir, 'jointduty.sqlite'));
  try {
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

/** Starts on the data it had, with every `order.reminded` the instance publishes from then on. */
async function restart(dataDir: string): Promise<{ server: TestServer; pushed: OrderReminder[]; orderId: { value: string } }> {
  const server = await startServer({ dataDir, restart: true });
  const pushed: OrderReminder[] = [];
  const orderId = { value: '' };
  // subscribed before the first sweep, which runs a second after start
  server.app.get(EventBus).subscribe('order.reminded', ({ order, reminder }) => {
    if (order.id === orderId.value) pushed.push(reminder);
  });
  return { server, pushed, orderId };
}

const key = (r: OrderReminder) => `${r.deadline}:${r.deadlineAt}:${r.level}`;

describe('order reminders across a restart', () => {
  it('a reminder that fell due while the server was down fires once after start, and not again after another', async () => {
    // a 12315 complaint received now: its first check (受理决定) is 7 working days away, no level due yet
    const first = await startServer();
    const dataDir = first.dataDir;
    const record = consumer({ kind: '投诉', content: '在该美容院办理的会员卡，门店更换老板后拒绝继续服务，也不退款。' });
    let orderId: string;
    try {
      expect((await postFeed(first, '12315', record)).status).toBe(202);
      await first.settled();
      await first.app.get(OrderReminderSweep).sweep();
      const token = await login(first, 'duty');
      const list = await request<OrderDetail[]>(first, 'GET', `/api/orders?q=${encodeURIComponent(record.regNo)}`, { token });
      expect(list.body).toHaveLength(1);
      orderId = list.body[0]!.id;
      expect(list.body[0]!.reminders).toEqual([]);
      expect(list.body[0]!.firstCheckBy).not.toBeNull();
    } finally {
      await first.close();
    }

    // while it is down, the first check comes within hours, and the order's next look falls due
    const firstCheckBy = Date.now() + 2 * 3_600_000;
    const changed = await edit(dataDir, `UPDATE orders SET first_check_by = ?, next_deadline_at = ?, next_reminder_at = ? WHERE id = ?`, [
      firstCheckBy,
      firstCheckBy,
      Date.now() - 60_000,
      orderId,
    ]);
    expect(changed).toBe(1);

    const second = await restart(dataDir);
    second.orderId.value = orderId;
    let fired: OrderReminder[];
    try {
      const token = await login(second.server, 'duty');
      const read = async () => (await request<OrderDetail>(second.server, 'GET', `/api/orders/${orderId}`, { token })).body;
      // the first sweep after start fires every level of the moved deadline that is due by now
      await waitFor(() => second.pushed.some((r) => r.level === 'platform'), 10_000, 'the reminders after start');
      // more sweeps fire nothing more
      await second.server.app.get(OrderReminderSweep).sweep();
      await second.server.app.get(OrderReminderSweep).sweep();
      fired = (await read()).reminders;
      expect(fired.length).toBeGreaterThan(0);
      // 3 and 2 working days or fewer left: certainly due; due today too, from the reminder time
      expect(fired.map((r) => r.level)).toEqual(expect.arrayContaining(['group', 'platform']));
      expect(fired.every((r) => r.deadline === 'firstCheck' && r.deadlineAt === new Date(firstCheckBy).toISOString())).toBe(true);
      // each stored once, and pushed once
      expect(new Set(fired.map(key)).size).toBe(fired.length);
      expect(second.pushed.map(key).sort()).toEqual(fired.map(key).sort());
    } finally {
      await second.server.close();
    }

    // down again: the order's next look falls due once more, but its levels have fired
    await edit(dataDir, `UPDATE orders SET next_reminder_at = ? WHERE id = ?`, [Date.now() - 60_000, orderId]);
    const third = await restart(dataDir);
    third.orderId.value = orderId;
    try {
      const sweep = third.server.app.get(OrderReminderSweep);
      // a sweep after start (the first one, or this one if it comes first) looks at the order again
      await sweep.sweep();
      const [row] = await third.server.app
        .get(Db)
        .query<{ next_reminder_at: unknown }>(`SELECT next_reminder_at FROM orders WHERE id = ?`, [orderId]);
      expect(row!.next_reminder_at === null || Number(row!.next_reminder_at) > Date.now()).toBe(true);
      await sweep.sweep();
      const token = await login(third.server, 'duty');
      const after = (await request<OrderDetail>(third.server, 'GET', `/api/orders/${orderId}`, { token })).body.reminders;
      const again = new Set(fired.map(key));
      expect(third.pushed.filter((r) => again.has(key(r)))).toEqual([]);
      expect(
        after
          .filter((r) => again.has(key(r)))
          .map(key)
          .sort(),
      ).toEqual([...again].sort());
      expect(new Set(after.map(key)).size).toBe(after.length);
    } finally {
      await third.server.close();
    }
  });
});
