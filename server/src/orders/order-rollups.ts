import type { OrderCounts } from '@jointduty/shared';
import { insertRows, num, type Param, type Queryable } from '../infra/database/db';
import { LOCAL_OFFSET_MS, localDayOf } from '../incidents/incident-counts';
import type { OrderRow } from './order.types';
import { COUNT_KEYS, countsOf, isZero, subtractCounts, zeroCounts, type Counted } from './rates';

// Running counts of the orders (migration 1764800000000, docs/rates.md): per city day of an
// order's creation and its unit, the sum of what each order contributes (rates.ts countsOf); and
// orders received per day by first-level category. Every insert or update of an order row applies
// countsOf(after) − countsOf(before) in the same transaction (OrdersRepository.insert / update), so
// the rates of a year are read from 365 × units rows, not from the orders.

/** The rollup's columns, one per counts field. */
const COLUMN_OF: Record<keyof OrderCounts, string> = {
  received: 'received',
  signDecided: 'sign_decided',
  signOnTime: 'sign_on_time',
  firstCheckDecided: 'first_check_decided',
  firstCheckOnTime: 'first_check_on_time',
  dueDecided: 'due_decided',
  dueOnTime: 'due_on_time',
  replied: 'replied',
  untrue: 'untrue',
  followedUp: 'followed_up',
  satisfied: 'satisfied',
  resolved: 'resolved',
  overdue: 'overdue',
  open: 'open',
};
export const ROLLUP_COUNT_COLUMNS = COUNT_KEYS.map((k) => COLUMN_OF[k]);

/** What of an order the rollups look at. */
export type RolledUp = Counted & Pick<OrderRow, 'createdAt' | 'departmentId' | 'category'>;

/** An order row written: as it was (null for a new one) and as it is now. */
export interface OrderChange {
  before: RolledUp | null;
  after: RolledUp;
}

/** The city day 'YYYY-MM-DD' of a rollup day (epoch ms of its midnight), and back. */
export const dayKey = (day: number): string => new Date(day + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
export const dayStart = (key: string): number => Date.parse(`${key}T00:00:00Z`) - LOCAL_OFFSET_MS;

/** The first level of a category path (市场监管>食品安全 → 市场监管); '' when none. */
export const categoryTop = (category: string | null): string => (category ?? '').split('>')[0]!;

export interface RollupDeltas {
  units: Array<{ day: number; departmentId: string; counts: OrderCounts }>;
  categories: Array<{ day: number; category: string; n: number }>;
}

/**
 * What a batch of order writes changes in the rollups, summed per (day, unit) and per (day,
 * category), rows with no change left out, in key order (two transactions lock shared rows in the
 * same order).
 */
export function rollupDeltas(changes: readonly OrderChange[]): RollupDeltas {
  const units = new Map<string, { day: number; departmentId: string; counts: OrderCounts }>();
  const categories = new Map<string, { day: number; category: string; n: number }>();
  const addUnit = (day: number, departmentId: string, c: OrderCounts, sign: 1 | -1) => {
    const key = `${day}\n${departmentId}`;
    let u = units.get(key);
    if (!u) units.set(key, (u = { day, departmentId, counts: zeroCounts() }));
    for (const k of COUNT_KEYS) u.counts[k] += sign * c[k];
  };
  const addCategory = (day: number, category: string, n: number) => {
    const key = `${day}\n${category}`;
    const c = categories.get(key);
    if (c) c.n += n;
    else categories.set(key, { day, category, n });
  };
  // the orders of one batch share their creation time: its day is worked out once per run
  let at = NaN;
  let day = 0;
  const dayOf = (ms: number) => {
    if (ms !== at) {
      at = ms;
      day = localDayOf(ms);
    }
    return day;
  };
  for (const { before, after } of changes) {
    const now = countsOf(after);
    const dayAfter = dayOf(after.createdAt);
    if (!before) {
      addUnit(dayAfter, after.departmentId, now, 1);
      addCategory(dayAfter, categoryTop(after.category), 1);
      continue;
    }
    const was = countsOf(before);
    const dayBefore = dayOf(before.createdAt);
    if (dayBefore === dayAfter && before.departmentId === after.departmentId) {
      const delta = subtractCounts(now, was);
      if (!isZero(delta)) addUnit(dayAfter, after.departmentId, delta, 1);
    } else {
      // a reassigned order takes all it counts to its new unit
      addUnit(dayBefore, before.departmentId, was, -1);
      addUnit(dayAfter, after.departmentId, now, 1);
    }
    const topBefore = categoryTop(before.category);
    const topAfter = categoryTop(after.category);
    if (dayBefore !== dayAfter || topBefore !== topAfter) {
      addCategory(dayBefore, topBefore, -1);
      addCategory(dayAfter, topAfter, 1);
    }
  }
  const sorted = <T>(m: Map<string, T>) => [...m.keys()].sort().map((k) => m.get(k)!);
  return {
    units: sorted(units).filter((u) => !isZero(u.counts)),
    categories: sorted(categories).filter((c) => c.n !== 0),
  };
}

/** Applies a batch of order writes to the rollups (inside the transaction that wrote them). */
export async function applyRollups(tx: Queryable, changes: readonly OrderChange[]): Promise<void> {
  if (changes.length === 0) return;
  const { units, categories } = rollupDeltas(changes);
  if (units.length > 0) {
    const columns = ['day', 'department_id', ...ROLLUP_COUNT_COLUMNS];
    await insertRows(
      tx,
      {
        table: 'order_rollups_day',
        columns,
        types: ['bigint', 'text', ...ROLLUP_COUNT_COLUMNS.map(() => 'integer')],
        tail: `ON CONFLICT (day, department_id) DO UPDATE SET ${ROLLUP_COUNT_COLUMNS.map((c) => `${c} = order_rollups_day.${c} + excluded.${c}`).join(', ')}`,
        chunk: 100,
      },
      units.map((u): Param[] => [u.day, u.departmentId, ...COUNT_KEYS.map((k) => u.counts[k])]),
    );
  }
  if (categories.length > 0) {
    await insertRows(
      tx,
      {
        table: 'order_categories_day',
        columns: ['day', 'category', 'n'],
        types: ['bigint', 'text', 'integer'],
        tail: 'ON CONFLICT (day, category) DO UPDATE SET n = order_categories_day.n + excluded.n',
        chunk: 100,
      },
      categories.map((c): Param[] => [c.day, c.category, c.n]),
    );
  }
}

export type RollupGrouping = 'unit' | 'month' | 'day' | 'unitMonth';

/** Summed counts of one group: its unit (by unit) and its period ('YYYY-MM' by month, 'YYYY-MM-DD' by day). */
export interface CountsGroup {
  departmentId: string | null;
  period: string | null;
  counts: OrderCounts;
}

const sums = ROLLUP_COUNT_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ');

function countsFrom(r: Record<string, unknown>): OrderCounts {
  const c = zeroCounts();
  for (const k of COUNT_KEYS) c[k] = num(r[COLUMN_OF[k]] ?? 0);
  return c;
}

/**
 * The orders' counts summed over the city days [fromDay, toDay] ('YYYY-MM-DD', both included),
 * per unit, month, day, or unit and month; groups in key order.
 */
export async function sumCounts(q: Queryable, fromDay: string, toDay: string, groupBy: RollupGrouping): Promise<CountsGroup[]> {
  const range = [dayStart(fromDay), dayStart(toDay)];
  if (groupBy === 'unit') {
    const rows = await q.query(
      `SELECT department_id, ${sums} FROM order_rollups_day WHERE day >= ? AND day <= ? GROUP BY department_id ORDER BY department_id`,
      range,
    );
    return rows.map((r) => ({ departmentId: String(r.department_id), period: null, counts: countsFrom(r) }));
  }
  const byUnit = groupBy === 'unitMonth';
  const rows = await q.query(
    `SELECT day${byUnit ? ', department_id' : ''}, ${sums} FROM order_rollups_day WHERE day >= ? AND day <= ?
      GROUP BY day${byUnit ? ', department_id' : ''}`,
    range,
  );
  const out = new Map<string, CountsGroup>();
  for (const r of rows) {
    const d = dayKey(num(r.day));
    const period = groupBy === 'day' ? d : d.slice(0, 7);
    const departmentId = byUnit ? String(r.department_id) : null;
    const key = `${period}\n${departmentId ?? ''}`;
    const g = out.get(key);
    const c = countsFrom(r);
    if (!g) out.set(key, { departmentId, period, counts: c });
    else for (const k of COUNT_KEYS) g.counts[k] += c[k];
  }
  return [...out.keys()].sort().map((k) => out.get(k)!);
}

/** Orders received per first-level category over the city days [fromDay, toDay], most first ('' for none). */
export async function categoryCounts(q: Queryable, fromDay: string, toDay: string): Promise<Array<{ category: string; n: number }>> {
  const rows = await q.query(`SELECT category, SUM(n) AS n FROM order_categories_day WHERE day >= ? AND day <= ? GROUP BY category`, [
    dayStart(fromDay),
    dayStart(toDay),
  ]);
  return rows
    .map((r) => ({ category: String(r.category), n: num(r.n) }))
    .filter((c) => c.n > 0)
    .sort((a, b) => b.n - a.n || a.category.localeCompare(b.category));
}
