import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Channel, OrderExtension, OrderReminder, OrderStep, OrderStatus } from '@jointduty/shared';
import { Db, insertRows, num, numOrNull, type Param, type Queryable, type Row } from '../infra/database/db';
import { forUpdate } from '../infra/database/dialect';
import { applyRollups, categoryCounts, sumCounts, type CountsGroup, type RollupGrouping } from './order-rollups';
import { nextDeadline, type OrderRow, type StepRecord } from './order.types';

const COLUMNS = [
  'id',
  'incident_id',
  'channel',
  'external_id',
  'kind',
  'title',
  'district',
  'category',
  'department_id',
  'status',
  'urgent',
  'open',
  'created_at',
  'updated_at',
  'first_check_by',
  'due_by',
  'next_deadline_at',
  'signed_at',
  'contacted_at',
  'replied_at',
  'closed_at',
  'returned_at',
  'result',
  'satisfaction',
  'followup_resolved',
  'first_check_overdue',
  'due_overdue',
  'sign_late',
  'ledger',
  'ledger_at',
  'ledger_reason',
  'ledger_of',
  'ledger_closed_at',
  'reopened',
  'extension',
  'extension_pending',
  'next_reminder_at',
  'version',
] as const;
const TYPES: readonly string[] = COLUMNS.map((c) => {
  if (['urgent', 'open', 'followup_resolved', 'first_check_overdue', 'due_overdue', 'sign_late', 'ledger', 'extension_pending'].includes(c))
    return 'boolean';
  if (c.endsWith('_at') || c.endsWith('_by') || c === 'reopened' || c === 'version') return 'bigint';
  return 'text';
});
const SELECT = COLUMNS.join(', ');
// 38 columns × 200 rows stays far below SQLite's parameter limit
const CHUNK = 200;

// Step ids sort in the order the steps were written, so that two steps of one moment (a follow-up
// and the reopening it causes) are listed as they happened: the time, a counter, a random tail.
let stepCounter = 0;
function stepId(at: number): string {
  stepCounter = (stepCounter + 1) % 1_000_000;
  return `${String(at).padStart(15, '0')}-${String(stepCounter).padStart(6, '0')}-${randomUUID().slice(0, 8)}`;
}

const bool = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';

export function toOrderRow(r: Row): OrderRow {
  return {
    id: String(r.id),
    incidentId: String(r.incident_id),
    channel: r.channel as Channel,
    externalId: String(r.external_id),
    kind: String(r.kind),
    title: String(r.title),
    district: (r.district as string | null) ?? null,
    category: (r.category as string | null) ?? null,
    departmentId: String(r.department_id),
    status: r.status as OrderStatus,
    urgent: bool(r.urgent),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    firstCheckBy: numOrNull(r.first_check_by),
    dueBy: num(r.due_by),
    signedAt: numOrNull(r.signed_at),
    contactedAt: numOrNull(r.contacted_at),
    repliedAt: numOrNull(r.replied_at),
    closedAt: numOrNull(r.closed_at),
    returnedAt: numOrNull(r.returned_at),
    result: (r.result as OrderRow['result']) ?? null,
    satisfaction: (r.satisfaction as OrderRow['satisfaction']) ?? null,
    followupResolved: r.followup_resolved == null ? null : bool(r.followup_resolved),
    firstCheckOverdue: bool(r.first_check_overdue),
    dueOverdue: bool(r.due_overdue),
    signLate: bool(r.sign_late),
    ledger: bool(r.ledger),
    ledgerAt: numOrNull(r.ledger_at),
    ledgerReason: (r.ledger_reason as OrderRow['ledgerReason']) ?? null,
    ledgerOf: (r.ledger_of as string | null) ?? null,
    ledgerClosedAt: numOrNull(r.ledger_closed_at),
    reopened: num(r.reopened ?? 0),
    extension: r.extension ? (JSON.parse(String(r.extension)) as OrderExtension) : null,
    nextReminderAt: numOrNull(r.next_reminder_at),
    version: num(r.version ?? 0),
  };
}

function toParams(o: OrderRow): Param[] {
  const open = o.status === 'new' || o.status === 'signed' || o.status === 'returned';
  return [
    o.id,
    o.incidentId,
    o.channel,
    o.externalId,
    o.kind,
    o.title,
    o.district,
    o.category,
    o.departmentId,
    o.status,
    o.urgent,
    open,
    o.createdAt,
    o.updatedAt,
    o.firstCheckBy,
    o.dueBy,
    nextDeadline(o),
    o.signedAt,
    o.contactedAt,
    o.repliedAt,
    o.closedAt,
    o.returnedAt,
    o.result,
    o.satisfaction,
    o.followupResolved,
    o.firstCheckOverdue,
    o.dueOverdue,
    o.signLate,
    o.ledger,
    o.ledgerAt,
    o.ledgerReason,
    o.ledgerOf,
    o.ledgerClosedAt,
    o.reopened,
    o.extension ? JSON.stringify(o.extension) : null,
    o.extension?.decision === 'pending',
    o.nextReminderAt,
    o.version,
  ];
}

/** What a list asks for, already narrowed to what the user may see. */
export interface OrderFilter {
  /** the units the list may hold (a department user's unit and its district units); undefined: all */
  departmentIds?: string[];
  statuses?: OrderStatus[];
  /** the next owed deadline falls in [from, to] (due today, in 3 working days) or before `to` (overdue) */
  deadlineFrom?: number;
  deadlineTo?: number;
  ledger?: boolean;
  extensionPending?: boolean;
  /** an external id or words of the title */
  q?: string;
  sort: 'newest' | 'deadline';
  /** the last row of the page before, by the sort's key */
  after?: { key: number; id: string };
  limit: number;
}

export interface NewReminder {
  orderId: string;
  deadline: string;
  deadlineAt: number;
  level: string;
  at: number;
  via: string[];
  by: string | null;
  note: string | null;
  onceKey: string;
}

@Injectable()
export class OrdersRepository {
  constructor(private readonly db: Db) {}

  // Every order row is written by insert or update below, and each applies what the write changes
  // in the rollups (order-rollups.ts) in the same transaction: nothing else writes orders.

  /**
   * Inserts orders; one whose incident has an order already is skipped. Returns the ids written.
   * `counted: false` leaves the rollups to `addToRollups` later in the same transaction: the
   * holder's direct store counts only after the groups decided before it have committed, as it
   * does the incident counts (a rollup row is shared by every order of its day and unit).
   */
  async insert(tx: Queryable, rows: OrderRow[], opts: { counted?: boolean } = {}): Promise<Set<string>> {
    const written = await insertRows<{ id: unknown }>(
      tx,
      { table: 'orders', columns: COLUMNS, types: TYPES, tail: 'ON CONFLICT (incident_id) DO NOTHING RETURNING id', chunk: CHUNK },
      rows.map(toParams),
    );
    const ids = new Set(written.map((r) => String(r.id)));
    if (opts.counted !== false) await this.addToRollups(tx, ids.size === rows.length ? rows : rows.filter((r) => ids.has(r.id)));
    return ids;
  }

  /** Counts new orders, inserted with `counted: false`, in the rollups. */
  addToRollups(tx: Queryable, rows: readonly OrderRow[]): Promise<void> {
    return applyRollups(
      tx,
      rows.map((after) => ({ before: null, after })),
    );
  }

  /**
   * Writes the row if nobody changed it since it was read (`before`, by its version), bumping the
   * version. Only the columns that differ from `before` are set: SQLite rewrites the entries of
   * every index on a column an UPDATE sets, changed or not, and orders have a dozen indexes.
   */
  async update(tx: Queryable, o: OrderRow, before: OrderRow): Promise<boolean> {
    const params = toParams({ ...o, version: before.version + 1 });
    const was = toParams(before);
    const set = COLUMNS.map((_, k) => k).filter((k) => k > 0 && params[k] !== was[k]);
    const changed = await tx.execute(`UPDATE orders SET ${set.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ? AND version = ?`, [
      ...set.map((k) => params[k]!),
      o.id,
      before.version,
    ]);
    if (changed !== 1) return false;
    await applyRollups(tx, [{ before, after: o }]);
    return true;
  }

  /** The orders' running counts over city days [fromDay, toDay] ('YYYY-MM-DD'), grouped (order-rollups.ts). */
  sumCounts(fromDay: string, toDay: string, groupBy: RollupGrouping): Promise<CountsGroup[]> {
    return sumCounts(this.db, fromDay, toDay, groupBy);
  }

  /** Orders received per first-level category over city days [fromDay, toDay], most first. */
  categoryCounts(fromDay: string, toDay: string): Promise<Array<{ category: string; n: number }>> {
    return categoryCounts(this.db, fromDay, toDay);
  }

  async get(q: Queryable, id: string, lock = false): Promise<OrderRow | null> {
    const rows = await q.query(`SELECT ${SELECT} FROM orders WHERE id = ?${lock ? forUpdate(q) : ''}`, [id]);
    return rows[0] ? toOrderRow(rows[0]) : null;
  }

  async byIncident(q: Queryable, incidentId: string): Promise<OrderRow | null> {
    const rows = await q.query(`SELECT ${SELECT} FROM orders WHERE incident_id = ?`, [incidentId]);
    return rows[0] ? toOrderRow(rows[0]) : null;
  }

  async list(f: OrderFilter): Promise<OrderRow[]> {
    // no unit the user may see (a department user asking for another department's): nothing
    const units = f.departmentIds ? [...new Set(f.departmentIds)] : undefined;
    if (units?.length === 0) return [];
    const where: string[] = [];
    const params: Param[] = [];
    if (f.statuses?.length) {
      where.push(`status IN (${f.statuses.map(() => '?').join(', ')})`);
      params.push(...f.statuses);
    }
    if (f.deadlineFrom !== undefined || f.deadlineTo !== undefined) {
      where.push('open = ?');
      params.push(true);
      if (f.deadlineFrom !== undefined) {
        where.push('next_deadline_at >= ?');
        params.push(f.deadlineFrom);
      }
      if (f.deadlineTo !== undefined) {
        where.push('next_deadline_at <= ?');
        params.push(f.deadlineTo);
      }
    }
    if (f.ledger !== undefined) {
      where.push('ledger = ?');
      params.push(f.ledger);
    }
    if (f.extensionPending) {
      where.push('extension_pending = ?');
      params.push(true);
    }
    if (f.q) {
      where.push(`(external_id = ? OR title LIKE ? ESCAPE '\\')`);
      params.push(f.q, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    const key = f.sort === 'deadline' ? 'next_deadline_at' : 'created_at';
    const dir = f.sort === 'deadline' ? 'ASC' : 'DESC';
    if (f.sort === 'deadline') where.push('next_deadline_at IS NOT NULL');
    if (f.after) {
      // after the cursor row; the first term bounds the index range, so a deep page starts where
      // the one before ended instead of reading every row before it
      const cmp = dir === 'DESC' ? '<' : '>';
      where.push(`${key} ${cmp}= ? AND (${key} ${cmp} ? OR id ${cmp} ?)`);
      params.push(f.after.key, f.after.key, f.after.id);
    }
    const order = `ORDER BY ${key} ${dir}, id ${dir} LIMIT ?`;
    const select = (cond: string[]) => `SELECT ${SELECT} FROM orders${cond.length ? ' WHERE ' + cond.join(' AND ') : ''} ${order}`;
    if (!units) return (await this.db.query(select(where), [...params, f.limit])).map(toOrderRow);
    // One page per unit, each read in order from the unit's own range of an index that leads with
    // the department, then merged. A department user sees the department and its district units;
    // an IN over them would have SQLite read and sort every order they hold, as such an index is
    // in order within one unit only.
    const one = select(['department_id = ?', ...where]);
    if (units.length === 1) return (await this.db.query(one, [units[0]!, ...params, f.limit])).map(toOrderRow);
    const rows = await this.db.query(
      `SELECT * FROM (${units.map((_, k) => `SELECT * FROM (${one}) u${k}`).join(' UNION ALL ')}) pages ${order}`,
      [...units.flatMap((u) => [u, ...params, f.limit]), f.limit],
    );
    return rows.map(toOrderRow);
  }

  /** Orders whose next reminder or deadline mark is due, oldest first (the sweep's whole read). */
  async dueForReminder(now: number, limit: number): Promise<OrderRow[]> {
    const rows = await this.db.query(
      `SELECT ${SELECT} FROM orders WHERE next_reminder_at IS NOT NULL AND next_reminder_at <= ? ORDER BY next_reminder_at LIMIT ?`,
      [now, limit],
    );
    return rows.map(toOrderRow);
  }

  /**
   * The orders of simulated incidents in one status, in order of creation after `after` (the
   * simulated units page through them, a page a tick): a range of ix_orders_status_created, each
   * row joined to its incident by key. Each comes with its incident's flags.
   */
  async simulatedByStatus(
    status: OrderStatus,
    after: { createdAt: number; id: string } | null,
    limit: number,
  ): Promise<Array<{ order: OrderRow; flags: string[] }>> {
    const params: Param[] = [status];
    let from = '';
    if (after) {
      from = ' AND (o.created_at > ? OR (o.created_at = ? AND o.id > ?))';
      params.push(after.createdAt, after.createdAt, after.id);
    }
    const rows = await this.db.query(
      `SELECT ${COLUMNS.map((c) => `o.${c}`).join(', ')}, i.flags AS incident_flags FROM orders o JOIN incidents i ON i.id = o.incident_id
        WHERE o.status = ?${from} AND i.simulated = ? ORDER BY o.created_at, o.id LIMIT ?`,
      [...params, true, limit],
    );
    const flags = (r: Row) => String(r.incident_flags ?? '').split(',');
    return rows.map((r) => ({ order: toOrderRow(r), flags: flags(r).filter(Boolean) }));
  }

  async addStep(tx: Queryable, orderId: string, at: number, by: string | null, s: StepRecord): Promise<void> {
    await tx.execute(`INSERT INTO order_steps (id, order_id, at, actor, action, note, data) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
      stepId(at),
      orderId,
      at,
      by,
      s.action,
      s.note,
      s.data ? JSON.stringify(s.data) : null,
    ]);
  }

  /** Many `create` steps at once (intake). */
  async addSteps(tx: Queryable, steps: Array<{ orderId: string; at: number; by: string | null; step: StepRecord }>): Promise<void> {
    await insertRows(
      tx,
      {
        table: 'order_steps',
        columns: ['id', 'order_id', 'at', 'actor', 'action', 'note', 'data'],
        types: ['text', 'text', 'bigint', 'text', 'text', 'text', 'text'],
        tail: '',
        chunk: 100,
      },
      steps.map((s) => [stepId(s.at), s.orderId, s.at, s.by, s.step.action, s.step.note, s.step.data ? JSON.stringify(s.step.data) : null]),
    );
  }

  async steps(q: Queryable, orderId: string): Promise<OrderStep[]> {
    const rows = await q.query(`SELECT at, actor, action, note, data FROM order_steps WHERE order_id = ? ORDER BY at, id`, [orderId]);
    return rows.map((r) => ({
      at: new Date(num(r.at)).toISOString(),
      by: (r.actor as string | null) ?? null,
      action: r.action as OrderStep['action'],
      note: (r.note as string | null) ?? null,
      data: r.data ? (JSON.parse(String(r.data)) as Record<string, unknown>) : null,
    }));
  }

  /** The follow-ups of many orders (steps `followup`), oldest first. */
  async followupsOf(q: Queryable, orderIds: string[]): Promise<Map<string, OrderStep[]>> {
    return this.stepsOf(q, orderIds, 'followup');
  }

  private async stepsOf(q: Queryable, orderIds: string[], action: string): Promise<Map<string, OrderStep[]>> {
    const out = new Map<string, OrderStep[]>();
    if (orderIds.length === 0) return out;
    const rows = await q.query(
      `SELECT order_id, at, actor, action, note, data FROM order_steps WHERE action = ? AND order_id IN (${orderIds.map(() => '?').join(', ')}) ORDER BY at, id`,
      [action, ...orderIds],
    );
    for (const r of rows) {
      const list = out.get(String(r.order_id)) ?? [];
      list.push({
        at: new Date(num(r.at)).toISOString(),
        by: (r.actor as string | null) ?? null,
        action: r.action as OrderStep['action'],
        note: (r.note as string | null) ?? null,
        data: r.data ? (JSON.parse(String(r.data)) as Record<string, unknown>) : null,
      });
      out.set(String(r.order_id), list);
    }
    return out;
  }

  /** Inserts reminders; an automatic level already fired (its once-key stored) is skipped. Returns those written. */
  async addReminders(tx: Queryable, rows: NewReminder[]): Promise<NewReminder[]> {
    if (rows.length === 0) return [];
    const written = await insertRows<{ once_key: unknown }>(
      tx,
      {
        table: 'order_reminders',
        columns: ['id', 'order_id', 'deadline', 'deadline_at', 'level', 'at', 'via', 'actor', 'note', 'once_key'],
        types: ['text', 'text', 'text', 'bigint', 'text', 'bigint', 'text', 'text', 'text', 'text'],
        tail: 'ON CONFLICT (once_key) DO NOTHING RETURNING once_key',
        chunk: 100,
      },
      rows.map((r) => [randomUUID(), r.orderId, r.deadline, r.deadlineAt, r.level, r.at, r.via.join(','), r.by, r.note, r.onceKey]),
    );
    const keys = new Set(written.map((w) => String(w.once_key)));
    return rows.filter((r) => keys.has(r.onceKey));
  }

  /** The once-keys fired for these orders. */
  async firedKeys(q: Queryable, orderIds: string[]): Promise<Set<string>> {
    if (orderIds.length === 0) return new Set();
    const rows = await q.query<{ once_key: string }>(
      `SELECT once_key FROM order_reminders WHERE level <> 'manual' AND order_id IN (${orderIds.map(() => '?').join(', ')})`,
      orderIds,
    );
    return new Set(rows.map((r) => String(r.once_key)));
  }

  async remindersOf(q: Queryable, orderIds: string[]): Promise<Map<string, OrderReminder[]>> {
    const out = new Map<string, OrderReminder[]>();
    if (orderIds.length === 0) return out;
    const rows = await q.query(
      `SELECT order_id, deadline, deadline_at, level, at, via, actor, note FROM order_reminders
        WHERE order_id IN (${orderIds.map(() => '?').join(', ')}) ORDER BY at, id`,
      orderIds,
    );
    for (const r of rows) {
      const list = out.get(String(r.order_id)) ?? [];
      list.push({
        deadline: r.deadline as OrderReminder['deadline'],
        deadlineAt: new Date(num(r.deadline_at)).toISOString(),
        level: r.level as OrderReminder['level'],
        at: new Date(num(r.at)).toISOString(),
        via: String(r.via).split(',').filter(Boolean),
        by: (r.actor as string | null) ?? null,
        note: (r.note as string | null) ?? null,
      });
      out.set(String(r.order_id), list);
    }
    return out;
  }

  /** The orders of the same person about the same subject (a repeat complaint's earlier ones), oldest first. */
  async sameSubject(q: Queryable, personKey: string, subjectKey: string, exceptIncident: string): Promise<OrderRow[]> {
    const rows = await q.query(
      `SELECT ${COLUMNS.map((c) => `o.${c}`).join(', ')} FROM orders o JOIN incidents i ON i.id = o.incident_id
        WHERE i.person_key = ? AND i.subject_key = ? AND o.incident_id <> ? ORDER BY o.created_at LIMIT 50`,
      [personKey, subjectKey, exceptIncident],
    );
    return rows.map(toOrderRow);
  }

  async related(q: Queryable, entryId: string): Promise<OrderRow[]> {
    const rows = await q.query(`SELECT ${SELECT} FROM orders WHERE ledger_of = ? OR id = ? ORDER BY created_at LIMIT 100`, [
      entryId,
      entryId,
    ]);
    return rows.map(toOrderRow);
  }

  /**
   * Open orders past their handling deadline since `since`, whose record is in an event and not
   * yet alerted on as overdue (the overdue-order rule marks `incidents.overdue_at`), oldest first.
   */
  async pastDue(now: number, since: number, limit: number): Promise<Array<{ incidentId: string; departmentId: string; dueBy: number }>> {
    const rows = await this.db.query(
      `SELECT o.incident_id, o.department_id, o.due_by FROM orders o JOIN incidents i ON i.id = o.incident_id
        WHERE o.open = ? AND o.due_by < ? AND o.due_by >= ? AND i.overdue_at IS NULL AND i.event_id IS NOT NULL
        ORDER BY o.due_by LIMIT ?`,
      [true, now, since, limit],
    );
    return rows.map((r) => ({ incidentId: String(r.incident_id), departmentId: String(r.department_id), dueBy: num(r.due_by) }));
  }

  /** The event each incident is in now (orders are read with their incident's event). */
  async eventsOf(incidentIds: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    if (incidentIds.length === 0) return out;
    const rows = await this.db.query<{ id: string; event_id: string | null }>(
      `SELECT id, event_id FROM incidents WHERE id IN (${incidentIds.map(() => '?').join(', ')})`,
      incidentIds,
    );
    for (const r of rows) out.set(String(r.id), r.event_id ?? null);
    return out;
  }

  async count(sql: string, params: Param[]): Promise<number> {
    const rows = await this.db.query<{ n: unknown }>(sql, params);
    return num(rows[0]?.n ?? 0);
  }
}
