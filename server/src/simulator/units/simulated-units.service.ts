import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { OrderStatus, SessionUser } from '@jointduty/shared';
import { AppException } from '../../common/app.exception';
import { APP_CONFIG } from '../../config/app-config.token';
import type { AppConfig } from '../../config/config.schema';
import type { UnitsSettings } from '../../config/simulator.schema';
import { CorrelationLease } from '../../infra/cluster/lease.service';
import { Db } from '../../infra/database/db';
import { followupOf } from '../../orders/order-view';
import type { OrderRow } from '../../orders/order.types';
import { OrdersRepository } from '../../orders/orders.repository';
import { OrdersService } from '../../orders/orders.service';
import { reassignTarget } from './reassign';
import { dueStep, type OrderFacts, type PlanContext, type PlannedStep } from './unit-plan';

const TICK_MS = 5_000;
/** orders read per status and tick: the scan goes round every status's orders a page at a time */
const PAGE = 250;
/** steps taken per tick at most, the longest-due first */
const STEPS_PER_TICK = 40;
/** an order whose step failed this often is left alone until the next start */
const MAX_FAILURES = 3;
const STATUSES: readonly OrderStatus[] = ['new', 'signed', 'returned', 'replied'];
// refusals a human step taken meanwhile explains: the order is planned again as it now stands
const RACES = new Set(['order.step_out_of_order', 'order.changed_meanwhile', 'order.not_found', 'order.extension_pending']);
const DUTY: SessionUser = { username: 'sim-duty', role: 'duty' };

type Cursor = { createdAt: number; id: string } | null;
interface Page {
  status: OrderStatus;
  /** the page as read, for the scan's position */
  rows: OrderRow[];
  /** of them, those of simulated incidents */
  simulated: OrderRow[];
  full: boolean;
}

// The units of the simulated city at work: they sign, contact, reply to, return and ask to
// extend the orders of simulated incidents, and duty reassigns, reviews, follows up and closes
// them off, each through OrdersService.act as a user of its own (sim-<unit id>, sim-duty), so
// every step is validated, audited and pushed like a person's. Only on the instance holding the
// correlation lease, and only with the simulator on. What to do next is read from each order as it
// stands (unit-plan.ts), so a restart carries on where the orders are; the scan position in memory
// only spreads the reading over ticks.
@Injectable()
export class SimulatedUnits implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('simulator');
  private readonly plan: PlanContext | null;
  private readonly cursors = new Map<OrderStatus, Cursor>();
  private readonly failures = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orders: OrdersService,
    private readonly repo: OrdersRepository,
    private readonly db: Db,
    private readonly lease: CorrelationLease,
  ) {
    const settings: UnitsSettings | undefined = config.simulator?.units;
    const cal = orders.calendar;
    this.plan = settings
      ? {
          settings,
          dayStart: (ms) => cal.startOfDay(cal.dayOf(ms)),
          reassign: (o, rng) => reassignTarget(orders.units, o, rng),
          maxExtensionDays: config.orders.extensionMaxWorkingDays,
        }
      : null;
  }

  onApplicationBootstrap(): void {
    if (!this.config.env.simulator || !this.config.simulator) return;
    if (!this.plan) {
      this.logger.log('the simulated units are off: simulator.yaml has no units section, so simulated orders stay unanswered');
      return;
    }
    this.logger.log('the simulated units answer the orders of simulated records (as sim-<unit>, duty as sim-duty)');
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One round at `now` (the units' clock): the steps taken. Nothing off the lease holder. */
  async tick(now = Date.now()): Promise<number> {
    if (this.busy || !this.plan || !this.lease.held) return 0;
    this.busy = true;
    try {
      return await this.round(this.plan, now);
    } catch (err) {
      this.logger.warn(`simulated units: ${String(err)}`);
      return 0;
    } finally {
      this.busy = false;
    }
  }

  private async round(plan: PlanContext, now: number): Promise<number> {
    // a page of each status, where its scan left off; the orders of other incidents pass with it
    const pages: Page[] = [];
    for (const status of STATUSES) {
      const page = await this.repo.simulatedByStatus(status, this.cursors.get(status) ?? null, PAGE);
      pages.push({
        status,
        rows: page.map((p) => p.order),
        simulated: page.filter((p) => p.flags.includes('simulated')).map((p) => p.order),
        full: page.length === PAGE,
      });
    }
    const rows = pages.flatMap((p) => p.simulated);
    const facts = await this.factsOf(rows);
    const due: Array<{ row: OrderRow; step: PlannedStep }> = [];
    for (const row of rows) {
      if ((this.failures.get(row.id) ?? 0) >= MAX_FAILURES) continue;
      const step = dueStep(row, facts.get(row.id) ?? { lastFollowup: null }, plan, now);
      if (step) due.push({ row, step });
    }
    due.sort((a, b) => a.step.at - b.step.at);
    const left = new Set(due.slice(STEPS_PER_TICK).map((d) => d.row.id));
    let steps = 0;
    for (const { row, step } of due.slice(0, STEPS_PER_TICK)) if (await this.take(row, step)) steps++;
    // each scan moves past its page (back to the start after the last), but stops before a due
    // order the budget left for the next tick
    for (const page of pages) {
      const i = page.rows.findIndex((r) => left.has(r.id));
      if (i === 0) continue;
      const stop = i > 0 ? page.rows[i - 1]! : page.full ? page.rows[page.rows.length - 1]! : null;
      this.cursors.set(page.status, stop && { createdAt: stop.createdAt, id: stop.id });
    }
    return steps;
  }

  /** The latest follow-up of the orders that may need it (replied, or reopened). */
  private async factsOf(rows: OrderRow[]): Promise<Map<string, OrderFacts>> {
    const ids = rows.filter((r) => r.status === 'replied' || r.reopened > 0).map((r) => r.id);
    const out = new Map<string, OrderFacts>();
    if (ids.length === 0) return out;
    const followups = await this.repo.followupsOf(this.db, ids);
    for (const [id, list] of followups) {
      const last = list[list.length - 1];
      out.set(id, { lastFollowup: last ? followupOf(last) : null });
    }
    return out;
  }

  private async take(row: OrderRow, step: PlannedStep): Promise<boolean> {
    // the name fits the steps' and the audit's actor column
    const user: SessionUser =
      step.by === 'duty' ? DUTY : { username: `sim-${row.departmentId}`.slice(0, 64), role: 'department', departmentId: row.departmentId };
    try {
      await this.orders.act(user, row.id, step.action, step.body);
      this.failures.delete(row.id);
      return true;
    } catch (err) {
      if (err instanceof AppException && RACES.has(err.code)) return false;
      const n = (this.failures.get(row.id) ?? 0) + 1;
      if (this.failures.size > 10_000) this.failures.clear();
      this.failures.set(row.id, n);
      if (n === MAX_FAILURES) this.logger.warn(`simulated ${step.action} on order ${row.id} failed ${n} times, left alone: ${String(err)}`);
      return false;
    }
  }
}
