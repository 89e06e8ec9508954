import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  INFO_REPORT_TEXT_MAX,
  type Alert,
  type InfoReport,
  type InfoReportDetail,
  type InfoReportStatus,
  type InfoReportStep,
  type InfoReportSubmission,
  type SessionUser,
} from '@jointduty/shared';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { infoReportToDocx } from '../documents/info-report-docx';
import { EventsRepository } from '../events/events.repository';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { EventBus } from '../infra/bus/bus';
import { CorrelationLease } from '../infra/cluster/lease.service';
import { Db } from '../infra/database/db';
import { lateStepsOf, owedNow, stepRefusal, type InfoReportLimits, type ReportClock } from './info-report-deadlines';
import { draftText, factsOf, type DraftSource } from './info-report-drafts';
import { InfoReportsRepository, type LateMark, type ReportRow, type SubmissionRow } from './info-reports.repository';

/** The closed reports a list without `status` carries beside every open one. */
export const CLOSED_IN_DEFAULT_LIST = 100;
// a draft is written from at most this many of the event's records
const MAX_INCIDENTS = 1000;
// control characters other than line breaks and tabs are dropped from a submitted text
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const notFound = (id: string) => new AppException('info_report.not_found', `information report ${id.slice(0, 64)} not found`);

function clockOf(r: ReportRow): ReportClock {
  return {
    closed: r.status === 'closed',
    openedAt: r.openedAt,
    initialAt: r.initialAt,
    lastSubmittedAt: r.lastSubmittedAt,
    updates: r.updates,
    resolvedAt: r.resolvedAt,
  };
}

/** A submitted text: control characters dropped, trimmed, 1…INFO_REPORT_TEXT_MAX characters. */
export function submittedText(body: unknown): string {
  const raw = (body as { text?: unknown } | null)?.text;
  if (typeof raw !== 'string') throw new AppException('info_report.text_empty', 'text: required, the report in words');
  const text = raw.replace(CONTROL, '').trim();
  if (text.length === 0) throw new AppException('info_report.text_empty', 'text: must not be empty');
  if ([...text].length > INFO_REPORT_TEXT_MAX)
    throw new AppException('info_report.text_too_long', `text: at most ${INFO_REPORT_TEXT_MAX} characters`);
  return text;
}

// Information reports (信息报送): every major alert opens one; duty submits 首报, 续报 and 终报 on
// the deadlines of config/reports.yaml, from drafts the server writes out of the event. Lateness
// is found by InfoReportSweep on the lease holder.
@Injectable()
export class InfoReportsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('info-reports');
  private readonly limits: InfoReportLimits;
  private readonly people: Map<string, string>;
  private readonly teams: Map<string, string>;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly repo: InfoReportsRepository,
    private readonly events: EventsRepository,
    private readonly incidents: IncidentsRepository,
    private readonly audit: AuditService,
    private readonly bus: EventBus,
    private readonly lease: CorrelationLease,
  ) {
    this.limits = config.reports.infoReports;
    this.people = new Map(config.accounts.map((a) => [a.username, a.displayName]));
    this.teams = new Map(config.teams.map((t) => [t.id, t.name]));
  }

  onModuleInit(): void {
    // alerts are raised and grow on the lease holder (the pipeline); resolved on any instance
    this.unsubscribe.push(
      this.bus.subscribe('alert.raised', (a) => this.follow(a, true)),
      this.bus.subscribe('alert.updated', (a) => this.follow(a, false)),
    );
  }

  onModuleDestroy(): void {
    for (const u of this.unsubscribe) u();
  }

  /** A major alert opens its report (once, ever); a resolved one's report now owes the final. */
  async follow(alert: Alert, isNew: boolean): Promise<void> {
    if (alert.severity !== 'major') return;
    const existing = isNew ? null : await this.repo.byAlert(alert.id);
    if (!existing) {
      await this.open(alert, isNew ? Date.parse(alert.createdAt) : null);
      return;
    }
    if (alert.status === 'resolved' && existing.status === 'open') await this.announce(existing);
  }

  /** Opens the alert's report unless it has one; `openedAt` null: when the alert became major. */
  async open(
    alert: Pick<Alert, 'id' | 'eventId' | 'title' | 'district' | 'simulated' | 'updatedAt'>,
    openedAt: number | null,
  ): Promise<boolean> {
    const at = openedAt ?? (await this.repo.becameMajorAt(alert.id)) ?? Date.parse(alert.updatedAt);
    const id = randomUUID();
    const opened = await this.repo.insertIfAbsent({
      id,
      alert: {
        id: alert.id,
        eventId: alert.eventId,
        title: alert.title,
        district: alert.district,
        simulated: alert.simulated === true,
        createdAt: at,
      },
      openedAt: at,
    });
    if (!opened) return false;
    await this.audit.record('system', 'info_report.open', 'info_report', id, {
      before: null,
      after: { alertId: alert.id, openedAt: new Date(at).toISOString() },
    });
    const row = await this.repo.get(id);
    if (row) await this.announce(row);
    return true;
  }

  /** Opens the reports of major alerts that have none (raised while this feature did not listen). */
  async reconcile(): Promise<number> {
    let n = 0;
    for (const a of await this.repo.majorWithoutReport(500)) {
      const opened = await this.open(
        {
          id: a.id,
          eventId: a.eventId,
          title: a.title,
          district: a.district,
          simulated: a.simulated,
          updatedAt: new Date(a.createdAt).toISOString(),
        },
        null,
      );
      if (opened) n++;
    }
    return n;
  }

  /** Open reports and the newest closed ones (status absent: every open one and the last 100 closed), newest first. */
  async list(status: InfoReportStatus | undefined, now = Date.now()): Promise<InfoReport[]> {
    const rows =
      status === 'open'
        ? await this.repo.open()
        : status === 'closed'
          ? await this.repo.closed(CLOSED_IN_DEFAULT_LIST)
          : [...(await this.repo.open()), ...(await this.repo.closed(CLOSED_IN_DEFAULT_LIST))];
    rows.sort((a, b) => b.openedAt - a.openedAt || (a.id < b.id ? -1 : 1));
    return this.views(rows, now);
  }

  async detail(id: string, now = Date.now()): Promise<InfoReportDetail> {
    const row = await this.repo.get(id);
    if (!row) throw notFound(id);
    return this.detailOf(row, now);
  }

  /** The report as a Word document (信息报送单), named for its title and opening day. */
  async word(id: string): Promise<{ filename: string; contentType: string; body: Buffer }> {
    const detail = await this.detail(id);
    const title = detail.title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').slice(0, 60);
    const day = new Intl.DateTimeFormat('en-CA', {
      timeZone: this.config.city.timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    return {
      filename: `信息报送-${title}-${day.format(Date.parse(detail.openedAt))}.docx`,
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      body: await infoReportToDocx(detail, this.config.city.timezone),
    };
  }

  /** Submits 首报 / 续报 / 终报: in its turn only, once per step (and update number). */
  async submit(user: SessionUser, id: string, step: InfoReportStep, body: unknown): Promise<InfoReportDetail> {
    const text = submittedText(body);
    const now = Date.now();
    // the report as this request found it: a submission that lands in between (the same step sent
    // twice at once) changes its version, and this one is refused rather than taken as the next
    const seen = await this.repo.get(id);
    if (!seen) throw notFound(id);
    const stored = await this.db.transaction(async (tx) => {
      const row = await this.repo.get(id, tx);
      if (!row) throw notFound(id);
      if (row.version !== seen.version)
        throw new AppException('info_report.step_out_of_order', `${step}: submitted at the same moment by someone else`);
      const clock = clockOf(row);
      const refusal = stepRefusal(step, clock);
      if (refusal) throw new AppException('info_report.step_out_of_order', refusal);
      const owed = owedNow(clock, this.limits)!;
      const marks = (await this.repo.lateMarks([row.id])).get(row.id) ?? [];
      const late = now > owed.dueAt || marks.some((m) => m.step === owed.step && m.number === owed.number);
      const sub: SubmissionRow = {
        id: randomUUID(),
        reportId: row.id,
        step,
        number: owed.number,
        text,
        submittedBy: user.username,
        submittedAt: now,
        dueAt: owed.dueAt,
        late,
      };
      const next = {
        id: row.id,
        version: row.version,
        status: (step === 'final' ? 'closed' : 'open') as InfoReportStatus,
        initialAt: step === 'initial' ? now : row.initialAt,
        lastSubmittedAt: now,
        updates: step === 'update' ? row.updates + 1 : row.updates,
        closedAt: step === 'final' ? now : null,
      };
      // someone submitted the same step at the same moment: theirs stands
      const raced = `${step}: submitted at the same moment by someone else`;
      if (!(await this.repo.addSubmission(tx, sub))) throw new AppException('info_report.step_out_of_order', raced);
      if (!(await this.repo.afterSubmission(tx, next))) throw new AppException('info_report.step_out_of_order', raced);
      await this.audit.record(
        user.username,
        `info_report.${step}`,
        'info_report',
        row.id,
        {
          before: { status: row.status, submissions: row.updates + (row.initialAt === null ? 0 : 1) },
          after: { status: next.status, step, number: sub.number, dueAt: new Date(owed.dueAt).toISOString(), late, text },
        },
        tx,
      );
      return sub;
    });
    const row = (await this.repo.get(id))!;
    const detail = await this.detailOf(row, Date.now());
    await this.announce(row);
    this.logger.log(`info report ${id} ${step} ${stored.number} submitted${stored.late ? ' late' : ''}`);
    return detail;
  }

  /**
   * Marks each open report whose owed step passed its deadline late, once per step and number
   * (stored, so sticky across restarts and instances), and announces it. On the lease holder only.
   */
  async markLate(now = Date.now()): Promise<number> {
    const rows = await this.repo.open();
    if (rows.length === 0) return 0;
    const marks = await this.repo.lateMarks(rows.map((r) => r.id));
    let n = 0;
    for (const row of rows) {
      const owed = owedNow(clockOf(row), this.limits);
      if (!owed || now <= owed.dueAt) continue;
      if ((marks.get(row.id) ?? []).some((m) => m.step === owed.step && m.number === owed.number)) continue;
      const mark: LateMark = { reportId: row.id, step: owed.step, number: owed.number, dueAt: owed.dueAt };
      const fresh = await this.db.transaction(async (tx) => {
        await this.lease.fence(tx);
        const stored = await this.repo.markLate(tx, randomUUID(), mark, now);
        if (stored) {
          await this.audit.record(
            'system',
            'info_report.late',
            'info_report',
            row.id,
            { before: null, after: { step: owed.step, number: owed.number, dueAt: new Date(owed.dueAt).toISOString() } },
            tx,
          );
        }
        return stored;
      });
      if (!fresh) continue;
      n++;
      const [report] = await this.views([row], now);
      this.bus.publish('info-report.late', { report: report!, step: owed.step, dueAt: new Date(owed.dueAt).toISOString() });
      this.bus.publish('info-report.changed', report!);
    }
    return n;
  }

  private async announce(row: ReportRow): Promise<void> {
    const [report] = await this.views([row], Date.now());
    this.bus.publish('info-report.changed', report!);
  }

  private async views(rows: ReportRow[], now: number): Promise<InfoReport[]> {
    const ids = rows.map((r) => r.id);
    const [marks, subs] = await Promise.all([this.repo.lateMarks(ids), this.repo.submissionSummary(ids)]);
    return rows.map((r) => this.view(r, marks.get(r.id) ?? [], subs.get(r.id) ?? { count: 0, lateSteps: [] }, now));
  }

  private view(r: ReportRow, marks: LateMark[], subs: { count: number; lateSteps: InfoReportStep[] }, now: number): InfoReport {
    const owed = owedNow(clockOf(r), this.limits);
    const lateNow = owed !== null && now > owed.dueAt;
    const report: InfoReport = {
      id: r.id,
      alertId: r.alertId,
      eventId: r.eventId,
      title: r.title,
      severity: r.severity,
      district: r.district,
      status: r.status,
      openedAt: new Date(r.openedAt).toISOString(),
      resolvedAt: r.resolvedAt === null ? null : new Date(r.resolvedAt).toISOString(),
      closedAt: r.closedAt === null ? null : new Date(r.closedAt).toISOString(),
      next: owed ? { step: owed.step, dueAt: new Date(owed.dueAt).toISOString(), late: lateNow } : null,
      submissions: subs.count,
      lateSteps: lateStepsOf([...marks.map((m) => m.step), ...subs.lateSteps, ...(lateNow ? [owed.step] : [])]),
    };
    if (r.simulated) report.simulated = true;
    return report;
  }

  private async detailOf(row: ReportRow, now: number): Promise<InfoReportDetail> {
    const [[report], source, subs] = await Promise.all([this.views([row], now), this.sourceOf(row), this.repo.submissions(row.id)]);
    const tz = this.config.city.timezone;
    const owed = owedNow(clockOf(row), this.limits);
    const history: InfoReportSubmission[] = subs.map((s) => ({
      id: s.id,
      step: s.step,
      number: s.number,
      text: s.text,
      submittedBy: s.submittedBy,
      submittedByName: this.people.get(s.submittedBy) ?? s.submittedBy,
      submittedAt: new Date(s.submittedAt).toISOString(),
      dueAt: s.dueAt === null ? null : new Date(s.dueAt).toISOString(),
      late: s.late,
    }));
    return {
      ...report!,
      draft: owed ? { step: owed.step, text: draftText(owed.step, owed.number, source, tz, now, row.lastSubmittedAt) } : null,
      facts: factsOf(source, tz),
      history,
    };
  }

  /** What a draft is written from: the alert, its event, records, teams and leaders' instructions. */
  private async sourceOf(row: ReportRow): Promise<DraftSource> {
    const [event, incidents, notes, dispatches] = await Promise.all([
      this.events.get(row.eventId),
      this.incidents.list({ eventId: row.eventId, limit: MAX_INCIDENTS }),
      this.events.notes(row.eventId),
      this.repo.dispatchesOf(row.alertId),
    ]);
    const firstAt = incidents.reduce((m, i) => Math.min(m, Date.parse(i.occurredAt)), event ? Date.parse(event.firstAt) : row.openedAt);
    return {
      title: row.title,
      summary: row.alertSummary,
      firstAt,
      district: row.district ?? event?.district ?? null,
      place: event?.place ?? null,
      incidents: incidents.map((i) => ({
        channel: i.channel,
        receivedAt: Date.parse(i.receivedAt),
        casualties: typeof i.facts.casualties === 'number' ? i.facts.casualties : null,
        amount: typeof i.facts.amount === 'number' ? i.facts.amount : null,
      })),
      dispatches: dispatches.map((d) => ({ ...d, teamName: this.teams.get(d.teamId) ?? d.teamId })),
      instructions: notes
        .filter((n) => n.kind === 'instruction' && n.text)
        .map((n) => ({ actorName: n.actorName, text: n.text!, createdAt: Date.parse(n.createdAt) })),
      resolvedAt: row.resolvedAt,
      resolutionNote: row.resolutionNote,
    };
  }
}
