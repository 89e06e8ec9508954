import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { OrderDeadline, OrderReminder } from '@jointduty/shared';
import { CorrelationLease } from '../infra/cluster/lease.service';
import { Db } from '../infra/database/db';
import { reminderView } from './order-reminders';
import type { OrderRow } from './order.types';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

const EVERY_MS = 30_000;
// orders per transaction; between two, the event loop takes its turn (on SQLite a transaction
// holds it: a working morning's thousands of due levels must not stall intake for seconds)
const BATCH = 200;

// The reminder sweep (催办): on the instance holding the correlation lease only, every 30 s and
// just after intake. It reads only the orders whose next reminder or deadline mark is due (by
// `next_reminder_at`, indexed), so its cost follows what falls due, not how many orders are
// stored. A level is stored once per deadline (a unique key), so neither a second instance nor a
// restart fires it twice; one that fell due while the server was down fires at the first sweep.
@Injectable()
export class OrderReminderSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('orders');
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly repo: OrdersRepository,
    private readonly orders: OrdersService,
    private readonly lease: CorrelationLease,
  ) {}

  onApplicationBootstrap(): void {
    // a new holder looks at once: what fell due while the old one was gone fires now
    this.lease.onHeld((held) => {
      if (held) this.poke(0);
    });
    this.timer = setInterval(() => this.poke(0), EVERY_MS);
    this.timer.unref();
    this.poke(1_000);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
  }

  /** A sweep soon (after intake stored orders): coalesced. */
  poke(delayMs = 200): void {
    if (this.stopped || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.sweep().catch((e: unknown) => this.logger.warn(`reminder sweep: ${String(e)}`));
    }, delayMs);
    this.soon.unref();
  }

  /** One sweep now, if this instance holds the lease: the number of orders looked at. */
  async sweep(now = Date.now()): Promise<number> {
    if (!this.lease.held) return 0;
    if (this.running) return this.running;
    this.running = this.sweepAll(now).finally(() => (this.running = null));
    return this.running;
  }

  private async sweepAll(now: number): Promise<number> {
    let seen = 0;
    for (;;) {
      const due = await this.repo.dueForReminder(now, BATCH);
      if (due.length === 0) return seen;
      seen += due.length;
      await this.handle(due, now);
      if (due.length < BATCH || this.stopped || !this.lease.held) return seen;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async handle(rows: OrderRow[], now: number): Promise<void> {
    const fired = await this.repo.firedKeys(
      this.db,
      rows.map((r) => r.id),
    );
    const changed: OrderRow[] = [];
    const reminders: Array<{ row: OrderRow; reminder: OrderReminder }> = [];
    await this.db.transaction(async (tx) => {
      await this.lease.fence(tx);
      for (const o of rows) {
        const { next, fire: news, overdue } = this.orders.fireDue(o, fired, now);
        if (overdue.length > 0) next.updatedAt = now;
        // a step taken meanwhile (its own transaction set the next check): the order waits for the next sweep
        if (!(await this.repo.update(tx, next, o))) continue;
        next.version = o.version + 1;
        const written = await this.repo.addReminders(tx, news);
        for (const d of overdue) {
          await this.repo.addStep(tx, o.id, now, null, { action: 'overdue', note: null, data: { deadline: d satisfies OrderDeadline } });
        }
        if (overdue.length > 0 || written.length > 0) changed.push(next);
        for (const r of written) reminders.push({ row: next, reminder: reminderView(r) });
      }
    });
    this.orders.announce('update', changed);
    for (const { row, reminder } of reminders) {
      this.orders.announceReminder(row, reminder);
    }
  }
}
