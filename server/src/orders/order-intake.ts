import { Injectable } from '@nestjs/common';
import type { Incident, OrderReminder } from '@jointduty/shared';
import type { Queryable } from '../infra/database/db';
import { reminderView } from './order-reminders';
import type { OrderRow } from './order.types';
import { OrdersRepository, type NewReminder } from './orders.repository';
import { OrdersService } from './orders.service';

/** A record being stored, with what understanding made of its person and subject when known. */
export interface OrderSource {
  incident: Incident;
  personKey?: string | null;
  subjectKey?: string | null;
}

/** The channels whose every record is a work order (CONTRACT §7); duty opens others by hand. */
const ORDER_CHANNELS = new Set(['12345', '12315']);

// Orders are made in the transaction that stores their records: a 202 means the order exists.
// A repeat complaint (the same person about the same subject, flagged by understanding) goes on
// the ledger and joins the entry of that subject's earlier orders; on the holder that is known
// when the record is stored, elsewhere when the holder settles it from the queue.
@Injectable()
export class OrderIntake {
  /** the reminders an order fired as it was made, until announced after the commit */
  private readonly firedAtIntake = new WeakMap<OrderRow, OrderReminder[]>();

  constructor(
    private readonly orders: OrdersService,
    private readonly repo: OrdersRepository,
  ) {}

  /** After the commit: the orders made (or changed) and the reminders they fired, pushed. */
  announce(kind: 'new' | 'update', rows: OrderRow[], events?: Map<string, string | null>): void {
    if (rows.length === 0) return;
    this.orders.announce(kind, rows, events);
    for (const row of rows) {
      for (const reminder of this.firedAtIntake.get(row) ?? []) {
        this.orders.announceReminder(row, reminder);
      }
      this.firedAtIntake.delete(row);
    }
  }

  /**
   * Inside the records' transaction: their orders, stored. Returns the orders written.
   * `counted: false`: the caller counts them in the rollups later in the transaction (`countIn`).
   */
  async createIn(tx: Queryable, sources: OrderSource[], opts: { counted?: boolean } = {}): Promise<OrderRow[]> {
    const wanted = sources.filter((s) => ORDER_CHANNELS.has(s.incident.channel));
    if (wanted.length === 0) return [];
    const now = Date.now();
    const rows = wanted.map((s) => this.orders.draft(s.incident, now));
    const repeats: Array<{ row: OrderRow; personKey: string; subjectKey: string }> = [];
    wanted.forEach((s, i) => {
      if (s.incident.flags.includes('repeat') && s.personKey && s.subjectKey) {
        repeats.push({ row: rows[i]!, personKey: s.personKey, subjectKey: s.subjectKey });
      }
    });
    for (const r of repeats) {
      const entry = await this.entryOf(tx, r.personKey, r.subjectKey, r.row.incidentId);
      Object.assign(r.row, { ledger: true, ledgerAt: now, ledgerReason: 'repeat', ledgerOf: entry });
    }
    // what is due already fires in this transaction: the levels a short limit reaches at once
    // (a 1-working-day first check is 3 and 2 days away), and the overdue marks of an old record;
    // the sweep then looks at the order only when its next level comes
    const reminders = new Map<OrderRow, NewReminder[]>();
    for (const row of rows) {
      const { next, fire } = this.orders.fireDue(row, new Set(), now);
      Object.assign(row, next);
      reminders.set(row, fire);
    }
    const written = await this.repo.insert(tx, rows, opts);
    const stored = written.size === rows.length ? rows : rows.filter((r) => written.has(r.id));
    const news = stored.flatMap((r) => reminders.get(r) ?? []);
    if (news.length > 0) await this.repo.addReminders(tx, news);
    for (const r of stored) {
      const fired = reminders.get(r) ?? [];
      if (fired.length === 0) continue;
      this.firedAtIntake.set(r, fired.map(reminderView));
    }
    // an order's creation is its own row (the detail shows it as the first step); only a repeat's
    // ledger entry is a step to record
    await this.repo.addSteps(
      tx,
      stored
        .filter((r) => r.ledger)
        .map((r) => ({
          orderId: r.id,
          at: now,
          by: null,
          step: { action: 'ledger', note: null, data: { reason: 'repeat', entry: r.ledgerOf } },
        })),
    );
    return stored;
  }

  /** The orders `createIn` stored with `counted: false`, counted in the rollups. */
  countIn(tx: Queryable, orders: readonly OrderRow[]): Promise<void> {
    return orders.length === 0 ? Promise.resolve() : this.repo.addToRollups(tx, orders);
  }

  /**
   * Inside the transaction that settles records stored elsewhere: the repeat complaints among
   * them go on the ledger now. Returns the orders changed.
   */
  async settledIn(
    tx: Queryable,
    settled: Array<{ incident: Incident; personKey: string | null; subjectKey: string | null }>,
  ): Promise<OrderRow[]> {
    const changed: OrderRow[] = [];
    for (const s of settled) {
      if (!ORDER_CHANNELS.has(s.incident.channel) || !s.incident.flags.includes('repeat') || !s.personKey || !s.subjectKey) continue;
      const o = await this.repo.byIncident(tx, s.incident.id);
      if (!o || o.ledger) continue;
      const now = Date.now();
      const next: OrderRow = {
        ...o,
        ledger: true,
        ledgerAt: now,
        ledgerReason: 'repeat',
        ledgerOf: await this.entryOf(tx, s.personKey, s.subjectKey, s.incident.id),
        updatedAt: now,
      };
      if (!(await this.repo.update(tx, next, o))) continue;
      next.version = o.version + 1;
      await this.repo.addStep(tx, o.id, now, null, { action: 'ledger', note: null, data: { reason: 'repeat', entry: next.ledgerOf } });
      changed.push(next);
    }
    return changed;
  }

  /** The ledger entry of a subject: the first of the person's earlier orders on it that is on the ledger. */
  private async entryOf(tx: Queryable, personKey: string, subjectKey: string, exceptIncident: string): Promise<string | null> {
    const earlier = await this.repo.sameSubject(tx, personKey, subjectKey, exceptIncident);
    const onLedger = earlier.find((o) => o.ledger);
    return onLedger ? (onLedger.ledgerOf ?? onLedger.id) : (earlier[0]?.id ?? null);
  }
}
