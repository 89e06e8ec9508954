import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ORDER_BODY_SCHEMAS,
  ORDER_DUTY_ACTIONS,
  ORDER_UNIT_ACTIONS,
  type Incident,
  type Order,
  type OrderAction,
  type OrderBodies,
  type OrderDeadline,
  type OrderDetail,
  type OrderQuery,
  type OrderReminder,
  type SessionUser,
} from '@jointduty/shared';
import type { ZodType } from 'zod';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { parseOr400 } from '../common/zod';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { EventBus } from '../infra/bus/bus';
import { MetricsService } from '../metrics/metrics.service';
import { Db, type Queryable } from '../infra/database/db';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { calendarWarnings } from '../config/load-calendar';
import { deadlinesFor, dueAfterFirstCheck } from './order-deadlines';
import { LEVEL_VIA, onceKey, planReminders, reminderView, type ReminderSettings } from './order-reminders';
import { decide, type StepContext } from './order-steps';
import { followupOf, toOrder, type ViewContext } from './order-view';
import { firstCheckPending, nextDeadline, type OrderRow, NOTHING_DONE_YET } from './order.types';
import { OrdersRepository, type NewReminder } from './orders.repository';
import { UnitDirectory } from './units';
import { WorkingCalendar } from './working-calendar';

const NOT_FOUND = (id: string) => new AppException('order.not_found', `order ${id.slice(0, 64)} not found`);
const CURSOR = /^(\d{1,16})_([A-Za-z0-9-]{1,64})$/;

/** The orders' calendar, units and the views and steps built on them: one per instance. */
@Injectable()
export class OrdersService implements OnModuleInit {
  private readonly logger = new Logger('orders');
  readonly calendar: WorkingCalendar;
  readonly units: UnitDirectory;
  readonly reminderSettings: ReminderSettings;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly repo: OrdersRepository,
    private readonly incidents: IncidentsRepository,
    private readonly audit: AuditService,
    private readonly bus: EventBus,
    private readonly metrics: MetricsService,
  ) {
    this.calendar = new WorkingCalendar(config.calendar, config.city.timezone);
    this.units = new UnitDirectory(config.departments);
    this.reminderSettings = { levels: config.orders.reminderLevels, minuteOfDay: config.orders.reminderMinute };
  }

  onModuleInit(): void {
    for (const w of calendarWarnings(this.config.calendar, this.config.city.timezone, Date.now())) this.logger.warn(w);
  }

  view(now = Date.now()): ViewContext {
    return { now, units: this.units, workingDaysLeft: (n, d) => this.calendar.workingDaysLeft(n, d) };
  }

  // ---- new orders

  /** The order an incident gets (not stored): its unit and deadlines; fireDue then sets its reminders. */
  draft(incident: Incident, now: number, departmentId?: string): OrderRow {
    const unit = departmentId ? this.units.get(departmentId)! : this.units.route(incident);
    // the hotline's 受理时间 and the 12315 registration time start the clock; an order duty opens
    // by hand counts from its opening
    const receivedAt = departmentId === undefined ? Date.parse(incident.occurredAt) : now;
    const urgent = incident.channel === '12345' && incident.facts.urgency === '紧急';
    const { firstCheckBy, dueBy } = deadlinesFor(
      {
        channel: incident.channel,
        kind: incident.kind,
        urgent,
        receivedAt,
        hotlineDueAt: incident.dueAt ? Date.parse(incident.dueAt) : null,
      },
      this.config.orders,
      this.calendar,
    );
    const row: OrderRow = {
      id: randomUUID(),
      incidentId: incident.id,
      channel: incident.channel,
      externalId: incident.externalId,
      kind: incident.kind,
      title: incident.title,
      district: incident.district,
      category: incident.category,
      departmentId: unit.id,
      status: 'new',
      urgent,
      createdAt: now,
      updatedAt: now,
      firstCheckBy,
      dueBy,
      ...NOTHING_DONE_YET,
      version: 0,
    };
    return row;
  }

  /** When the reminder sweep should look at the order next: now if a level or mark is already due. */
  nextCheck(o: OrderRow, fired: ReadonlySet<string>, now: number): number | null {
    const plan = planReminders(o, fired, now, this.calendar, this.reminderSettings);
    return plan.fire.length > 0 || plan.overdue.length > 0 ? now : plan.nextAt;
  }

  /**
   * What is due on the order now: its overdue marks set, the levels to fire (to be stored), and its
   * next look set after them (intake for a new order, the sweep for a stored one).
   */
  fireDue(o: OrderRow, fired: ReadonlySet<string>, now: number): { next: OrderRow; fire: NewReminder[]; overdue: OrderDeadline[] } {
    const plan = planReminders(o, fired, now, this.calendar, this.reminderSettings);
    const next: OrderRow = { ...o };
    for (const d of plan.overdue) {
      if (d === 'firstCheck') {
        next.firstCheckOverdue = true;
        if (o.signedAt === null) next.signLate = true;
      } else {
        next.dueOverdue = true;
        // without a first check the handling deadline is the sign limit too
        if (o.firstCheckBy === null && o.signedAt === null) next.signLate = true;
      }
    }
    const fire: NewReminder[] = plan.fire.map((r) => ({
      orderId: o.id,
      deadline: r.deadline,
      deadlineAt: r.deadlineAt,
      level: r.level,
      at: now,
      via: LEVEL_VIA[r.level],
      by: null,
      note: null,
      onceKey: onceKey(o.id, r),
    }));
    next.nextReminderAt = this.nextCheck(next, new Set([...fired, ...fire.map((r) => r.onceKey)]), now + 1);
    if (next.nextReminderAt !== null && next.nextReminderAt <= now) next.nextReminderAt = now + 60_000;
    return { next, fire, overdue: plan.overdue };
  }

  /** Tells the sockets (and, through the bus, the notification seam) of orders made or changed. */
  announce(kind: 'new' | 'update', rows: OrderRow[], events?: Map<string, string | null>, alsoTo: string[] = []): void {
    if (kind === 'new') this.metrics.inc('jointduty_orders_created_total', 'Work orders opened', {}, rows.length);
    const ctx = this.view();
    for (const r of rows) {
      this.bus.publish('order.changed', {
        kind,
        order: toOrder(r, ctx, { eventId: events?.get(r.incidentId) ?? null }),
        units: [...new Set([...this.units.audience(r.departmentId), ...alsoTo])],
      });
    }
  }

  announceReminder(r: OrderRow, reminder: OrderReminder): void {
    this.metrics.inc('jointduty_order_reminders_total', 'Work-order reminders (催办) fired, by level', { level: reminder.level });
    this.bus.publish('order.reminded', { order: toOrder(r, this.view()), reminder, units: this.units.audience(r.departmentId) });
  }

  /** `POST /api/incidents/{id}/order`: duty opens an order for any record without one. */
  async openFor(user: SessionUser, incidentId: string, body: { departmentId?: string; note?: string }): Promise<Order> {
    if (body.departmentId !== undefined && !this.units.get(body.departmentId)) {
      throw new AppException('order.unknown_department', `departmentId: ${body.departmentId.slice(0, 64)} is not a department or unit`);
    }
    const incident = (await this.incidents.get(incidentId))?.incident;
    if (!incident) throw new AppException('incident.not_found', `incident ${incidentId.slice(0, 64)} not found`);
    const now = Date.now();
    const { next: row, fire } = this.fireDue(this.draft(incident, now, body.departmentId ?? this.units.route(incident).id), new Set(), now);
    await this.db.transaction(async (tx) => {
      const written = await this.repo.insert(tx, [row]);
      if (written.size === 0) throw new AppException('order.exists', `incident ${incidentId.slice(0, 64)}: already has an order`);
      await this.repo.addReminders(tx, fire);
      await this.repo.addStep(tx, row.id, now, user.username, {
        action: 'create',
        note: body.note ?? null,
        data: { departmentId: row.departmentId },
      });
      await this.audit.record(user.username, 'order.create', 'order', row.id, { before: null, after: this.auditView(row) }, tx);
    });
    this.announce('new', [row], new Map([[incident.id, incident.eventId]]));
    for (const r of fire) this.announceReminder(row, reminderView(r));
    return toOrder(row, this.view(), { eventId: incident.eventId });
  }

  // ---- reading

  /** The units a user may see: a department user's unit and its district units; everyone else all. */
  scopeOf(user: SessionUser): string[] | undefined {
    if (user.role !== 'department') return undefined;
    return user.departmentId ? this.units.scope(user.departmentId) : [];
  }

  async list(user: SessionUser, q: OrderQuery): Promise<{ items: Order[]; next: string | null }> {
    const now = Date.now();
    let departmentIds = this.scopeOf(user);
    if (q.department) {
      const asked = this.units.get(q.department) ? this.units.scope(q.department) : [q.department];
      departmentIds = departmentIds ? asked.filter((d) => departmentIds!.includes(d)) : asked;
    }
    const limit = q.limit ?? 50;
    const sort = q.sort ?? 'newest';
    let after: { key: number; id: string } | undefined;
    if (q.cursor) {
      const m = CURSOR.exec(q.cursor);
      if (!m) throw new AppException('request.invalid_query', 'cursor: must be a cursor from an earlier page');
      after = { key: Number(m[1]), id: m[2]! };
    }
    const today = this.calendar.dayOf(now);
    const range: { deadlineFrom?: number; deadlineTo?: number } = {};
    if (q.due === 'today') Object.assign(range, { deadlineFrom: now, deadlineTo: this.calendar.endOfDay(today) });
    if (q.due === 'overdue') range.deadlineTo = now - 1;
    if (q.due === '3d')
      Object.assign(range, { deadlineFrom: now, deadlineTo: this.calendar.endOfDay(this.calendar.addWorkingDays(today, 3)) });
    const rows = await this.repo.list({
      departmentIds,
      statuses: q.status,
      ...range,
      ledger: q.ledger,
      extensionPending: q.extension === 'pending' ? true : undefined,
      q: q.q,
      sort,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = rows.length > limit && last ? `${sort === 'deadline' ? (nextDeadline(last) ?? 0) : last.createdAt}_${last.id}` : null;
    return { items: await this.views(page, now), next };
  }

  /** Orders with their events, reminders and follow-ups, as the API answers them. */
  async views(rows: OrderRow[], now = Date.now()): Promise<Order[]> {
    const ids = rows.map((r) => r.id);
    const [events, reminders, followups] = await Promise.all([
      this.repo.eventsOf(rows.map((r) => r.incidentId)),
      this.repo.remindersOf(this.db, ids),
      this.repo.followupsOf(this.db, ids),
    ]);
    const ctx = this.view(now);
    return rows.map((r) =>
      toOrder(r, ctx, { eventId: events.get(r.incidentId) ?? null, reminders: reminders.get(r.id), followups: followups.get(r.id) }),
    );
  }

  /** The order with its record (citizen unmasked) and history; every read is audited. */
  async detail(user: SessionUser, id: string): Promise<OrderDetail> {
    const row = await this.visible(this.db, user, id);
    const incident = (await this.incidents.get(row.incidentId))?.incident;
    const [order] = await this.views([row]);
    const steps = await this.repo.steps(this.db, row.id);
    // intake stores no step for an order it makes: its creation is shown from the order itself
    if (steps[0]?.action !== 'create') {
      steps.unshift({ at: new Date(row.createdAt).toISOString(), by: null, action: 'create', note: null, data: null });
    }
    const entry = row.ledgerOf ?? (row.ledger ? row.id : null);
    const related = entry ? (await this.repo.related(this.db, entry)).filter((r) => r.id !== row.id) : [];
    await this.audit.record(user.username, 'order.read', 'order', row.id, { incidentId: row.incidentId });
    return {
      ...order!,
      steps,
      incident: {
        id: row.incidentId,
        channel: row.channel,
        occurredAt: incident?.occurredAt ?? new Date(row.createdAt).toISOString(),
        kind: row.kind,
        title: incident?.title ?? row.title,
        content: incident?.content ?? '',
        address: incident?.address ?? null,
        district: incident?.district ?? row.district,
        category: incident?.category ?? row.category,
        citizen: { name: incident?.reporter?.name ?? null, phone: incident?.reporter?.phone ?? null },
      },
      related: related.map((r) => ({
        id: r.id,
        externalId: r.externalId,
        status: r.status,
        createdAt: new Date(r.createdAt).toISOString(),
      })),
    };
  }

  private async visible(q: Queryable, user: SessionUser, id: string, lock = false): Promise<OrderRow> {
    const row = await this.repo.get(q, id, lock);
    const scope = this.scopeOf(user);
    // another unit's order is answered exactly like a missing one
    if (!row || (scope && !scope.includes(row.departmentId))) throw NOT_FOUND(id);
    return row;
  }

  // ---- steps

  /** One step on an order by a department user (sign … return) or duty (assign … close). */
  async act(user: SessionUser, id: string, action: OrderAction, rawBody: unknown): Promise<Order> {
    const unitAction = (ORDER_UNIT_ACTIONS as readonly string[]).includes(action);
    const dutyAction = (ORDER_DUTY_ACTIONS as readonly string[]).includes(action);
    if (!unitAction && !dutyAction) throw new AppException('order.unknown_action', `action ${String(action).slice(0, 32)}: no such step`);
    if (unitAction && user.role !== 'department') {
      throw new AppException('auth.forbidden', `${action}: only the unit's department users take this step`);
    }
    if (dutyAction && user.role !== 'admin' && user.role !== 'duty') {
      throw new AppException('auth.forbidden', `${action}: only duty officers take this step`);
    }
    const schema: ZodType<unknown> = ORDER_BODY_SCHEMAS[action];
    const body = parseOr400(schema, rawBody ?? {}) as OrderBodies[typeof action];
    const now = Date.now();
    let reminder: NewReminder | null = null;
    const { before, after } = await this.db.transaction(async (tx) => {
      const o = await this.visible(tx, user, id, true);
      const followups = (await this.repo.followupsOf(tx, [o.id])).get(o.id) ?? [];
      const d = decide(
        o,
        action,
        body,
        this.stepContext(user, now, followups.length ? followupOf(followups[followups.length - 1]!) : null),
      );
      if (!d.row || !d.step) return { before: o, after: null };
      const next = d.row;
      const fired = await this.repo.firedKeys(tx, [o.id]);
      next.nextReminderAt = this.nextCheck(next, fired, now);
      if (!(await this.repo.update(tx, next, o))) {
        throw new AppException('order.changed_meanwhile', `${action}: the order changed meanwhile; look at it again`);
      }
      next.version = o.version + 1;
      await this.repo.addStep(tx, o.id, now, user.username, d.step);
      if (action === 'followup' && next.reopened > o.reopened) {
        await this.repo.addStep(tx, o.id, now, null, { action: 'reopen', note: null, data: { dueBy: new Date(next.dueBy).toISOString() } });
      }
      if (action === 'remind') {
        // of the deadline still owed first: the first check while pending, else the handling one
        const firstCheck = firstCheckPending(next);
        reminder = {
          orderId: o.id,
          deadline: firstCheck ? 'firstCheck' : 'due',
          deadlineAt: firstCheck ? next.firstCheckBy! : next.dueBy,
          level: 'manual',
          at: now,
          via: ['inbox', 'socket'],
          by: user.username,
          note: d.step.note,
          onceKey: `manual:${randomUUID()}`,
        };
        await this.repo.addReminders(tx, [reminder]);
      }
      await this.audit.record(
        user.username,
        `order.${action}`,
        'order',
        o.id,
        { before: this.auditView(o), after: this.auditView(next) },
        tx,
      );
      return { before: o, after: next };
    });
    const row = after ?? before;
    const [order] = await this.views([row]);
    if (after) {
      // a reassigned order's old unit learns that it went elsewhere
      const moved = after.departmentId !== before.departmentId ? this.units.audience(before.departmentId) : [];
      this.announce('update', [after], new Map([[after.incidentId, order!.eventId]]), moved);
      const r = reminder as NewReminder | null;
      if (r) this.announceReminder(after, reminderView(r));
    }
    return order!;
  }

  private stepContext(user: SessionUser, now: number, lastFollowup: StepContext['lastFollowup']): StepContext {
    const cal = this.calendar;
    return {
      now,
      actor: user.username,
      deadline: (from, n) => cal.deadline(from, n),
      extend: (ms, n) => cal.endOfDay(cal.addWorkingDays(cal.dayOf(ms), n)),
      maxExtensionDays: this.config.orders.extensionMaxWorkingDays,
      reopenWorkingDays: this.config.orders.reopenWorkingDays,
      unitName: (unitId) => this.units.get(unitId)?.name,
      dueAfterFirstCheck: (o, doneAt) =>
        dueAfterFirstCheck({ channel: o.channel, kind: o.kind, urgent: o.urgent }, doneAt, this.config.orders, cal),
      lastFollowup,
    };
  }

  /** What the audit log keeps of an order before and after a step (no personal data). */
  private auditView(o: OrderRow): Record<string, unknown> {
    return {
      status: o.status,
      departmentId: o.departmentId,
      firstCheckBy: o.firstCheckBy === null ? null : new Date(o.firstCheckBy).toISOString(),
      dueBy: new Date(o.dueBy).toISOString(),
      result: o.result,
      ledger: o.ledger,
      extension: o.extension?.decision ?? null,
      overdue: { firstCheck: o.firstCheckOverdue, due: o.dueOverdue },
    };
  }

  /** Units for the reassign picker. */
  unitList(): Array<{ id: string; name: string; district?: string; parentId?: string }> {
    return this.units.all().map((u) => ({
      id: u.id,
      name: u.name,
      ...(u.district ? { district: u.district } : {}),
      ...(u.parentId ? { parentId: u.parentId } : {}),
    }));
  }
}
