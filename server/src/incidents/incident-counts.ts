import type { Channel, Incident } from '@jointduty/shared';
import { insertRows, num, type Param, type Queryable } from '../infra/database/db';

// Running counts of incidents, kept in the transaction that stores them (migration
// 1764600000000): per local day by channel, district and category, for the overview every screen
// gets every few seconds; and per minute by channel, for the wall's line chart. Reading them costs
// the same at ten incidents a day or ten million. Counting `incidents` itself did not: three
// GROUP BYs over the day's rows every 5 s per instance (0.5 s of PostgreSQL at a million rows) and
// a range scan per chart request, on SQLite on the event loop itself.
//
// A missing district or category is counted under '' (a key column cannot be NULL).

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** the city's offset from UTC (China Standard Time, no daylight saving) */
export const LOCAL_OFFSET_MS = 8 * 3_600_000;

/** The local day an instant belongs to, as the epoch milliseconds of its local midnight. */
export function localDayOf(ms: number): number {
  const shifted = ms + LOCAL_OFFSET_MS;
  return shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS) - LOCAL_OFFSET_MS;
}

export const minuteOf = (ms: number): number => ms - (((ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);

type Counted = Pick<Incident, 'channel' | 'district' | 'category' | 'receivedAt'>;

/** Adds the incidents just stored to the counts (same transaction). */
export async function addCounts(tx: Queryable, incidents: readonly Counted[]): Promise<void> {
  if (incidents.length === 0) return;
  const days = new Map<string, Param[]>();
  const minutes = new Map<string, Param[]>();
  // the records of one request share their receipt time: parsed once per run of equal ones
  let iso = '';
  let day = 0;
  let minute = 0;
  for (const i of incidents) {
    if (i.receivedAt !== iso) {
      iso = i.receivedAt;
      const at = Date.parse(iso);
      day = localDayOf(at);
      minute = minuteOf(at);
    }
    const dk = `${day}\n${i.channel}\n${i.district ?? ''}\n${i.category ?? ''}`;
    const d = days.get(dk);
    if (d) d[4] = (d[4] as number) + 1;
    else days.set(dk, [day, i.channel, i.district ?? '', i.category ?? '', 1]);
    const mk = `${minute}\n${i.channel}`;
    const m = minutes.get(mk);
    if (m) m[2] = (m[2] as number) + 1;
    else minutes.set(mk, [minute, i.channel, 1]);
  }
  await upsert(
    tx,
    'incident_counts_day',
    ['day', 'channel', 'district', 'category', 'n'],
    ['bigint', 'text', 'text', 'text', 'bigint'],
    days,
  );
  await upsert(tx, 'incident_counts_minute', ['minute', 'channel', 'n'], ['bigint', 'text', 'bigint'], minutes);
}

/** A reclassified incident leaves its old category's count for the new one's. */
export async function moveCategory(tx: Queryable, i: Counted, from: string | null, to: string | null): Promise<void> {
  if ((from ?? '') === (to ?? '')) return;
  const day = localDayOf(Date.parse(i.receivedAt));
  const key = (category: string | null, n: number): [string, Param[]] => [
    `${day}\n${i.channel}\n${i.district ?? ''}\n${category ?? ''}`,
    [day, i.channel, i.district ?? '', category ?? '', n],
  ];
  await upsert(
    tx,
    'incident_counts_day',
    ['day', 'channel', 'district', 'category', 'n'],
    ['bigint', 'text', 'text', 'text', 'bigint'],
    new Map([key(from, -1), key(to, 1)]),
  );
}

/**
 * Adds `n` to each row, creating it if new. Rows go in key order: two transactions touching the
 * same counts take their row locks in the same order, so they wait for each other, never deadlock.
 */
async function upsert(tx: Queryable, table: string, columns: string[], types: string[], rows: Map<string, Param[]>): Promise<void> {
  const sorted = [...rows.keys()].sort().map((k) => rows.get(k)!);
  const tail = `ON CONFLICT (${columns.slice(0, -1).join(', ')}) DO UPDATE SET n = ${table}.n + excluded.n`;
  await insertRows(tx, { table, columns, types, tail, chunk: 100 }, sorted);
}

export interface DayCounts {
  byChannel: Record<string, number>;
  byDistrict: Record<string, number>;
  byCategory: Record<string, number>;
}

/** The counts of one local day; a missing district or category is reported under `unknown`. */
export async function dayCounts(db: Queryable, day: number, unknown: string): Promise<DayCounts> {
  const rows = await db.query<{ channel: unknown; district: unknown; category: unknown; n: unknown }>(
    `SELECT channel, district, category, n FROM incident_counts_day WHERE day = ?`,
    [day],
  );
  const out: DayCounts = { byChannel: {}, byDistrict: {}, byCategory: {} };
  const add = (into: Record<string, number>, k: string, n: number) => {
    into[k] = (into[k] ?? 0) + n;
  };
  for (const r of rows) {
    const n = num(r.n);
    add(out.byChannel, String(r.channel), n);
    add(out.byDistrict, String(r.district) || unknown, n);
    add(out.byCategory, String(r.category) || unknown, n);
  }
  // a category every incident left (reclassified away) is not shown as 0
  for (const m of [out.byChannel, out.byDistrict, out.byCategory]) for (const k of Object.keys(m)) if (m[k] === 0) delete m[k];
  return out;
}

/** Incidents per minute per channel in [start, end) (both on minute boundaries). */
export async function minuteCounts(
  db: Queryable,
  start: number,
  end: number,
): Promise<Array<{ minute: number; channel: Channel; n: number }>> {
  const rows = await db.query<{ minute: unknown; channel: unknown; n: unknown }>(
    `SELECT minute, channel, n FROM incident_counts_minute WHERE minute >= ? AND minute < ?`,
    [start, end],
  );
  return rows.map((r) => ({ minute: num(r.minute), channel: String(r.channel) as Channel, n: num(r.n) }));
}
