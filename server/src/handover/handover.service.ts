import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  HANDOVER_NOTES_MAX,
  maskText,
  type DutyState,
  type Handover,
  type HandoverDraft,
  type HandoverSummary,
  type DutyLog,
  type SessionUser,
} from '@jointduty/shared';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { EventBus } from '../infra/bus/bus';
import { InfoReportsService } from '../info-reports/info-reports.service';
import { UnitDirectory } from '../orders/units';
import { dutyLogOf, DUTY_LOG_ACTIONS, DUTY_LOG_MAX, DUTY_LOG_PREFIXES } from './duty-log';
import { HandoverRepository } from './handover.repository';
import { addDays, cityDay, cityInstant, isCityDate, minutesToChange, nextShift, shiftAt, shiftsOfDay, type ShiftContext } from './shifts';

// each list of the draft is capped: a handover is read by a person
const DRAFT_LIST_MAX = 200;
// how often each instance looks whether the duty strip changed (a shift began, the nudge, a
// handover made on another instance)
const DUTY_TICK_MS = 10_000;
// control characters other than line breaks and tabs, and halves of broken characters
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// The shift handover (交接班), the duty strip (DutyState) and the duty log (值班日志), CONTRACT §10.
@Injectable()
export class HandoverService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('handover');
  private readonly shifts: ShiftContext;
  private readonly names: Map<string, string>;
  private readonly teams: Map<string, string>;
  private readonly units: UnitDirectory;
  private timer: NodeJS.Timeout | null = null;
  private lastState: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: HandoverRepository,
    private readonly audit: AuditService,
    private readonly bus: EventBus,
    private readonly infoReports: InfoReportsService,
  ) {
    this.shifts = {
      shifts: config.reports.shifts,
      timeZone: config.city.timezone,
      roster: config.roster,
      officeUnit: config.reports.officeUnit,
    };
    this.names = new Map(config.accounts.map((a) => [a.username, a.displayName]));
    this.teams = new Map(config.teams.map((t) => [t.id, t.name]));
    this.units = new UnitDirectory(config.departments);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), DUTY_TICK_MS);
    this.timer.unref();
  }

  // before the database closes
  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** What the current shift hands over, as it stands now. */
  async draft(now = Date.now()): Promise<HandoverDraft> {
    const shift = shiftAt(this.shifts, now);
    const next = nextShift(this.shifts, now);
    const nextStart = Date.parse(next.start);
    const nextEnd = Date.parse(next.end);
    const [openAlerts, dispatches, orders, instructions, reports] = await Promise.all([
      this.repo.openAlerts(DRAFT_LIST_MAX),
      this.repo.activeDispatches(DRAFT_LIST_MAX),
      this.repo.ordersDueBetween(nextStart, nextEnd, DRAFT_LIST_MAX),
      this.repo.instructionsOpen(DRAFT_LIST_MAX),
      this.infoReports.list('open', now),
    ]);
    // information reports owed before the next shift ends: late ones, and those falling due by then
    const infoReportsDue: HandoverDraft['infoReportsDue'] = [];
    for (const r of reports) {
      if (r.next && Date.parse(r.next.dueAt) < nextEnd) infoReportsDue.push({ id: r.id, title: maskText(r.title), ...r.next });
    }
    infoReportsDue.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    const inNext = (t: number | null) => t !== null && t >= nextStart && t < nextEnd;
    const ordersDue: HandoverDraft['ordersDue'] = [];
    for (const o of orders) {
      const base = {
        id: o.id,
        externalId: o.externalId,
        title: maskText(o.title),
        departmentName: this.units.get(o.departmentId)?.name ?? o.departmentId,
      };
      if (o.firstCheckPending && inNext(o.firstCheckBy))
        ordersDue.push({ ...base, deadline: 'firstCheck', dueAt: new Date(o.firstCheckBy!).toISOString() });
      if (inNext(o.dueBy)) ordersDue.push({ ...base, deadline: 'due', dueAt: new Date(o.dueBy).toISOString() });
    }
    ordersDue.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    return {
      shift,
      next,
      generatedAt: new Date(now).toISOString(),
      openAlerts: openAlerts.map((a) => ({ ...a, title: maskText(a.title) })),
      activeDispatches: dispatches.map((d) => ({
        id: d.id,
        alertId: d.alertId,
        teamName: this.teams.get(d.teamId) ?? d.teamId,
        status: d.status,
        createdAt: d.createdAt,
      })),
      ordersDue,
      infoReportsDue: infoReportsDue.slice(0, DRAFT_LIST_MAX),
      instructions: instructions.map((i) => ({ ...i, eventTitle: maskText(i.eventTitle), text: maskText(i.text) })),
    };
  }

  /** The outgoing officer hands the current shift over: the draft as it stands, and their notes. */
  async handOver(body: unknown, user: SessionUser): Promise<Handover> {
    const notes = notesOf(body);
    const now = Date.now();
    const draft = await this.draft(now);
    const id = randomUUID();
    const stored = await this.repo.insert({
      id,
      shiftKey: draft.shift.key,
      shiftStart: Date.parse(draft.shift.start),
      shiftEnd: Date.parse(draft.shift.end),
      fromUser: user.username,
      fromName: this.nameOf(user.username),
      handedAt: now,
      notes,
      draft,
    });
    if (!stored) throw new AppException('handover.already_handed', `shift ${draft.shift.key}: already handed over`);
    await this.audit.record(user.username, 'handover.handed', 'handover', id, {
      before: null,
      after: { shiftKey: draft.shift.key, notes },
    });
    await this.publishState();
    return (await this.repo.get(id))!;
  }

  /** The incoming officer accepts: not the one who handed it over, and once. */
  async accept(id: string, user: SessionUser): Promise<Handover> {
    const found = await this.repo.get(id);
    if (!found) throw new AppException('handover.not_found', `handover ${id.slice(0, 64)} not found`);
    if (found.fromUser === user.username)
      throw new AppException('handover.cannot_accept', 'id: the officer who handed the shift over cannot accept it');
    if (!(await this.repo.accept(id, user.username, this.nameOf(user.username), Date.now()))) {
      // accepted meanwhile, or before
      throw new AppException('handover.cannot_accept', `id: already accepted by ${(await this.repo.get(id))?.toName ?? 'another officer'}`);
    }
    await this.audit.record(user.username, 'handover.accepted', 'handover', id, {
      before: { status: 'handed' },
      after: { status: 'accepted', shiftKey: found.shiftKey },
    });
    await this.publishState();
    return (await this.repo.get(id))!;
  }

  async get(id: string): Promise<Handover> {
    const found = await this.repo.get(id);
    if (!found) throw new AppException('handover.not_found', `handover ${id.slice(0, 64)} not found`);
    return found;
  }

  /** The handovers of the shifts touching a city day ('YYYY-MM-DD', default today), oldest first. */
  async list(date: unknown): Promise<HandoverSummary[]> {
    return this.handoversOfDay(this.dayParam(date));
  }

  /** The handovers of the shifts touching a city day, oldest first (the daily report lists them). */
  async handoversOfDay(day: string): Promise<HandoverSummary[]> {
    const keys = new Set(shiftsOfDay(this.shifts, day).map((s) => s.key));
    const tz = this.shifts.timeZone;
    const found = await this.repo.startingBetween(cityInstant(addDays(day, -1), 0, tz), cityInstant(addDays(day, 1), 0, tz));
    return found.filter((h) => keys.has(h.shiftKey));
  }

  /** The duty strip: who is on, the next shift, and whether this one was handed over. */
  async state(now = Date.now()): Promise<DutyState> {
    const shift = shiftAt(this.shifts, now);
    const next = nextShift(this.shifts, now);
    const minutes = minutesToChange(shift, now);
    let handover = await this.repo.byShift(shift.key);
    // early in a shift, the last one's handover while it waits for the incoming officer
    if (!handover) {
      const before = shiftAt(this.shifts, Date.parse(shift.start) - 1);
      const last = await this.repo.byShift(before.key);
      if (last?.status === 'handed') handover = last;
    }
    const handedThisShift = handover !== null && handover.shiftKey === shift.key;
    return {
      shift,
      next,
      minutesToChange: minutes,
      nudge: minutes <= this.config.reports.handoverNudgeMinutes && !handedThisShift,
      handover,
    };
  }

  /** The day's duty log: its shifts, handovers and notable actions, oldest first. */
  async dutyLog(date: unknown, now = Date.now()): Promise<DutyLog> {
    const day = this.dayParam(date, now);
    const tz = this.shifts.timeZone;
    const from = cityInstant(day, 0, tz);
    const to = cityInstant(addDays(day, 1), 0, tz);
    const shifts = shiftsOfDay(this.shifts, day);
    const [handovers, audit, escalations] = await Promise.all([
      this.handoversOfDay(day),
      this.repo.auditBetween(from, to, DUTY_LOG_ACTIONS, DUTY_LOG_PREFIXES, DUTY_LOG_MAX),
      this.repo.escalationsBetween(from, to, DUTY_LOG_MAX),
    ]);
    const entries = await dutyLogOf(
      { day, from, to, now, shifts, audit, escalations },
      { repo: this.repo, names: this.names, teams: this.teams },
    );
    return { date: day, shifts, handovers, entries };
  }

  private dayParam(date: unknown, now = Date.now()): string {
    if (date === undefined || date === '') return cityDay(now, this.shifts.timeZone);
    if (typeof date !== 'string' || !isCityDate(date))
      throw new AppException('report.invalid_period', `date: ${String(date).slice(0, 32)} is not a day written YYYY-MM-DD`);
    return date;
  }

  private nameOf(username: string): string {
    return this.names.get(username) ?? username;
  }

  private async publishState(): Promise<void> {
    const state = await this.state();
    this.lastState = signature(state);
    this.bus.publish('duty.changed', state);
  }

  // publishes when the strip changed since this instance last looked: each instance tells its own
  // sockets, so a wall learns of a new shift, the nudge, or a handover made elsewhere within a tick
  private async tick(): Promise<void> {
    try {
      const state = await this.state();
      const sig = signature(state);
      if (sig === this.lastState) return;
      this.lastState = sig;
      this.bus.publish('duty.changed', state);
    } catch (err) {
      this.logger.warn(`duty state check failed: ${String(err)}`);
    }
  }
}

function signature(s: DutyState): string {
  return [s.shift.key, s.nudge, s.handover?.id ?? '', s.handover?.status ?? ''].join('|');
}

/** The notes of a handover: text kept as written (markup included), control characters dropped. */
export function notesOf(body: unknown): string {
  const raw = (body as { notes?: unknown } | null)?.notes;
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') throw new AppException('request.invalid_body', 'notes: must be text');
  const notes = raw.replace(CONTROL, '').replace(LONE_SURROGATE, '').trim();
  if ([...notes].length > HANDOVER_NOTES_MAX)
    throw new AppException('handover.notes_too_long', `notes: at most ${HANDOVER_NOTES_MAX} characters`);
  return notes;
}
