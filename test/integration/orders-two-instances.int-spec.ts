// Work-order reminders (催办) on two real server processes sharing one PostgreSQL and a Redis of the
// test's own: only the instance holding the lease sweeps; each level of each deadline is stored
// once and pushed once (a unit's socket on either instance gets it once); when the holder is
// killed, the other takes the sweep over and repeats no level.
import { Client } from 'pg';
import type { Order, OrderReminder } from '@jointduty/shared';
import { collect, connectLive, login, postFeed, resetPostgres, type LiveSocket } from '../support/harness';
import { PG_URL, privateRedis, startInstance, type Instance, type PrivateRedis } from '../support/processes';
import { hotline } from '../support/records';

jest.setTimeout(240_000);

let pg: Client;
const query = async (sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows as Array<Record<string, unknown>>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls an async condition until it holds. */
async function until(cond: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

let citizen = 0;
/** 12345 complaints for 市场监管局, each from a citizen of its own; `urgent` ones have a 2-hour first check. */
function complaints(n: number, tag: string, urgent = false) {
  return Array.from({ length: n }, () => {
    const i = ++citizen;
    return hotline({
      category: '市场监管>价格监管',
      district: '市北区',
      citizen: { name: '赵先生', phone: `1370000${String(i).padStart(4, '0')}` },
      content: `${tag} 台东一家超市促销商品结算时未按标价收费，多收${i}元。`,
      ...(urgent ? { urgency: '紧急' } : {}),
    });
  });
}

interface Stored {
  orderId: string;
  key: string;
  level: string;
}

/** The automatic reminders stored for these orders, each as `order:deadline:deadlineAt(ISO):level`. */
async function stored(orderIds: string[]): Promise<Stored[]> {
  const rows = await query(
    `SELECT order_id, deadline, deadline_at, level FROM order_reminders WHERE level <> 'manual' AND order_id = ANY($1) ORDER BY at`,
    [orderIds],
  );
  return rows.map((r) => ({
    orderId: String(r.order_id),
    level: String(r.level),
    key: `${String(r.order_id)}:${String(r.deadline)}:${new Date(Number(r.deadline_at)).toISOString()}:${String(r.level)}`,
  }));
}

const pushedKey = (n: { order: Order; reminder: OrderReminder }) =>
  `${n.order.id}:${n.reminder.deadline}:${n.reminder.deadlineAt}:${n.reminder.level}`;

/** Each key once: the keys seen more often than that. */
function repeated(keys: string[]): string[] {
  const seen = new Map<string, number>();
  for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}

describe('order reminders on two instances', () => {
  let redis: PrivateRedis;
  let a: Instance;
  let b: Instance;
  const sockets: LiveSocket[] = [];

  beforeAll(async () => {
    pg = new Client({ connectionString: PG_URL });
    await pg.connect();
    await resetPostgres(PG_URL);
    redis = await privateRedis();
    const env = { DATABASE_URL: PG_URL, REDIS_URL: redis.url };
    a = await startInstance('orders-a', env);
    b = await startInstance('orders-b', env);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await redis?.stop();
    await pg?.end();
  });

  const holderName = async () => String((await query(`SELECT holder FROM pipeline_lease WHERE name = 'correlation'`))[0]!.holder);
  const orderIdsOf = async (externalIds: string[]) =>
    (await query(`SELECT id FROM orders WHERE external_id = ANY($1)`, [externalIds])).map((r) => String(r.id));

  it('each level is stored and pushed once; the standby takes the sweep over when the holder is killed', async () => {
    const holder = (await holderName()).startsWith(`${a.name}:`) ? a : b;
    const standby = holder === a ? b : a;
    const token = await login(standby, 'dept-market');
    const onHolder = await connectLive(holder, token);
    const onStandby = await connectLive(standby, token);
    sockets.push(onHolder, onStandby);
    const gotOnHolder = collect<{ order: Order; reminder: OrderReminder }>(onHolder, 'order:reminder');
    const gotOnStandby = collect<{ order: Order; reminder: OrderReminder }>(onStandby, 'order:reminder');

    // records to both instances at once, some of them urgent: their orders' first levels are due
    // at intake (the first check is the next working day, or 2 hours away)
    const toHolder = [...complaints(6, '甲'), ...complaints(2, '甲', true)];
    const toStandby = [...complaints(6, '乙'), ...complaints(2, '乙', true)];
    const [r1, r2] = await Promise.all([postFeed(holder, '12345', toHolder), postFeed(standby, '12345', toStandby)]);
    expect([r1.status, r2.status]).toEqual([202, 202]);
    const before = await orderIdsOf([...toHolder, ...toStandby].map((r) => r.orderNo));
    expect(before).toHaveLength(16);

    // the holder sweeps just after its own intake, and within 30 s for the standby's
    const firstLevels = async (ids: string[]) => {
      const got = await stored(ids);
      return ids.every((id) =>
        ['group', 'platform'].every((l) => got.some((s) => s.orderId === id && s.level === l && s.key.includes(':firstCheck:'))),
      );
    };
    await until(() => firstLevels(before), 60_000, 'the first levels of every order');
    // only the holder fired them
    expect(await holderName()).toMatch(new RegExp(`^${holder.name}:`));

    // stored once each (the once-key), and pushed once to the unit's socket on each instance
    // (the work-group level goes to the work group, not to the platform)
    expect(await query(`SELECT once_key, COUNT(*)::int AS n FROM order_reminders GROUP BY once_key HAVING COUNT(*) > 1`)).toEqual([]);
    const firstStored = await stored(before);
    expect(repeated(firstStored.map((s) => s.key))).toEqual([]);
    const firstPushed = firstStored
      .filter((s) => s.level !== 'group')
      .map((s) => s.key)
      .sort();
    await until(async () => gotOnHolder.length >= firstPushed.length && gotOnStandby.length >= firstPushed.length, 10_000, 'the pushes');
    await sleep(500);
    expect(gotOnHolder.map(pushedKey).sort()).toEqual(firstPushed);
    expect(gotOnStandby.map(pushedKey).sort()).toEqual(firstPushed);

    // the holder dies (kill -9): the standby takes the lease
    await holder.kill();
    await until(async () => (await holderName()).startsWith(`${standby.name}:`), 30_000, 'the standby to take the lease');

    // meanwhile every order is due a look again, and one order's handling deadline comes within
    // hours: its levels are new; those fired before must not fire again
    const moved = before[0]!;
    const dueBy = Date.now() + 3 * 3_600_000;
    await query(`UPDATE orders SET next_reminder_at = $1, version = version + 1 WHERE id = ANY($2)`, [Date.now() - 1000, before]);
    await query(`UPDATE orders SET due_by = $1, version = version + 1 WHERE id = $2`, [dueBy, moved]);
    const movedKey = (level: string) => `${moved}:due:${new Date(dueBy).toISOString()}:${level}`;
    // the standby sweeps on its own timer, every 30 s
    await until(
      async () => {
        const keys = (await stored([moved])).map((s) => s.key);
        return keys.includes(movedKey('group')) && keys.includes(movedKey('platform'));
      },
      60_000,
      'the new levels of the moved deadline, fired by the standby',
    );
    await until(
      async () => (await query(`SELECT 1 FROM orders WHERE id = ANY($1) AND next_reminder_at <= $2`, [before, Date.now()])).length === 0,
      60_000,
      'every order looked at',
    );

    // new records to the survivor: fired just after its intake
    const late = complaints(4, '丙');
    expect((await postFeed(standby, '12345', late)).status).toBe(202);
    const after = await orderIdsOf(late.map((r) => r.orderNo));
    await until(() => firstLevels(after), 30_000, 'the first levels of the new orders');

    // nothing fired twice: the earlier orders gained only the moved deadline's levels
    const all = await stored([...before, ...after]);
    expect(repeated(all.map((s) => s.key))).toEqual([]);
    const earlier = new Set(firstStored.map((s) => s.key));
    const gained = all.filter((s) => before.includes(s.orderId) && !earlier.has(s.key));
    expect(gained.every((s) => s.orderId === moved && s.key.startsWith(`${moved}:due:${new Date(dueBy).toISOString()}:`))).toBe(true);
    expect(await query(`SELECT once_key, COUNT(*)::int AS n FROM order_reminders GROUP BY once_key HAVING COUNT(*) > 1`)).toEqual([]);

    // the survivor's socket got every pushed level once, before and after the takeover
    const allPushed = all
      .filter((s) => s.level !== 'group')
      .map((s) => s.key)
      .sort();
    await until(async () => gotOnStandby.length >= allPushed.length, 10_000, 'the pushes after the takeover');
    await sleep(500);
    expect(gotOnStandby.map(pushedKey).sort()).toEqual(allPushed);
    // the killed instance's socket saw each of the first ones once, then nothing
    expect(gotOnHolder.map(pushedKey).sort()).toEqual(firstPushed);
  });
});
