import { Injectable } from '@nestjs/common';
import type { DispatchStep, InfoReportStatus, InfoReportStep, Severity } from '@jointduty/shared';
import { Db, num, type Queryable, type Row } from '../infra/database/db';

/** A report as stored, with what its alert says now (status, resolution). Times epoch ms. */
export interface ReportRow {
  id: string;
  alertId: string;
  eventId: string;
  title: string;
  severity: Severity;
  district: string | null;
  simulated: boolean;
  status: InfoReportStatus;
  openedAt: number;
  initialAt: number | null;
  lastSubmittedAt: number | null;
  updates: number;
  closedAt: number | null;
  version: number;
  alertSummary: string;
  alertStatus: string;
  resolvedAt: number | null;
  resolutionNote: string | null;
}

export interface SubmissionRow {
  id: string;
  reportId: string;
  step: InfoReportStep;
  number: number;
  text: string;
  submittedBy: string;
  submittedAt: number;
  dueAt: number | null;
  late: boolean;
}

export interface LateMark {
  reportId: string;
  step: InfoReportStep;
  number: number;
  dueAt: number;
}

/** A major alert as a new report is opened from it. */
export interface MajorAlert {
  id: string;
  eventId: string;
  title: string;
  district: string | null;
  simulated: boolean;
  createdAt: number;
}

export interface DispatchRow {
  teamId: string;
  status: string;
  createdAt: number;
  steps: Array<{ step: DispatchStep; at: number }>;
}

const msOrNull = (v: unknown) => (v == null ? null : num(v));
const bool = (v: unknown) => v === true || v === 1 || v === '1';

const SELECT = `SELECT r.*, a.summary AS alert_summary, a.status AS alert_status, a.resolved_at AS alert_resolved_at,
  a.resolution_note AS alert_resolution_note FROM info_reports r JOIN alerts a ON a.id = r.alert_id`;

function fromRow(r: Row): ReportRow {
  const resolved = String(r.alert_status) === 'resolved';
  return {
    id: String(r.id),
    alertId: String(r.alert_id),
    eventId: String(r.event_id),
    title: String(r.title),
    severity: String(r.severity) as Severity,
    district: r.district == null ? null : String(r.district),
    simulated: bool(r.simulated),
    status: String(r.status) as InfoReportStatus,
    openedAt: num(r.opened_at),
    initialAt: msOrNull(r.initial_at),
    lastSubmittedAt: msOrNull(r.last_submitted_at),
    updates: num(r.updates),
    closedAt: msOrNull(r.closed_at),
    version: num(r.version),
    alertSummary: String(r.alert_summary ?? ''),
    alertStatus: String(r.alert_status),
    // a resolved alert without its time (never so today) counts as resolved when it was last seen
    resolvedAt: resolved ? (msOrNull(r.alert_resolved_at) ?? num(r.opened_at)) : null,
    resolutionNote: r.alert_resolution_note == null ? null : String(r.alert_resolution_note),
  };
}

function submissionFrom(r: Row): SubmissionRow {
  return {
    id: String(r.id),
    reportId: String(r.report_id),
    step: String(r.step) as InfoReportStep,
    number: num(r.number),
    text: String(r.text),
    submittedBy: String(r.submitted_by),
    submittedAt: num(r.submitted_at),
    dueAt: msOrNull(r.due_at),
    late: bool(r.late),
  };
}

const DISPATCH_STEP_COLUMNS: Array<[DispatchStep, string]> = [
  ['ack', 'acked_at'],
  ['contacted', 'contacted_at'],
  ['onsite', 'onsite_at'],
  ['resolve', 'resolved_at'],
];

// info_reports, their submissions and late marks; and, read only, what a draft is written from.
@Injectable()
export class InfoReportsRepository {
  constructor(private readonly db: Db) {}

  /** Opens a report unless its alert has one: true when this call opened it. */
  async insertIfAbsent(r: { id: string; alert: MajorAlert; openedAt: number }): Promise<boolean> {
    const changed = await this.db.execute(
      `INSERT INTO info_reports (id, alert_id, event_id, title, severity, district, simulated, status, opened_at, updates, version)
       VALUES (?, ?, ?, ?, 'major', ?, ?, 'open', ?, 0, 0) ON CONFLICT DO NOTHING`,
      [r.id, r.alert.id, r.alert.eventId, r.alert.title.slice(0, 200), r.alert.district, r.alert.simulated, r.openedAt],
    );
    return changed > 0;
  }

  /** When the alert became major: its raising as major, or the rise to major; null when neither is recorded. */
  async becameMajorAt(alertId: string): Promise<number | null> {
    const rows = await this.db.query<{ at: unknown }>(
      `SELECT MIN(at) AS at FROM alert_history WHERE alert_id = ? AND kind IN ('raised', 'severity') AND detail LIKE '%"severity":"major"%'`,
      [alertId],
    );
    return msOrNull(rows[0]?.at);
  }

  /** Major alerts not resolved and without a report (opened while no instance was listening). */
  async majorWithoutReport(limit: number): Promise<MajorAlert[]> {
    const rows = await this.db.query(
      `SELECT a.id, a.event_id, a.title, a.district, a.simulated, a.created_at FROM alerts a
       LEFT JOIN info_reports r ON r.alert_id = a.id
       WHERE a.severity = 'major' AND a.status <> 'resolved' AND r.id IS NULL ORDER BY a.created_at ASC LIMIT ?`,
      [limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      eventId: String(r.event_id),
      title: String(r.title),
      district: r.district == null ? null : String(r.district),
      simulated: bool(r.simulated),
      createdAt: num(r.created_at),
    }));
  }

  async get(id: string, tx: Queryable = this.db): Promise<ReportRow | null> {
    const rows = await tx.query(`${SELECT} WHERE r.id = ?`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async byAlert(alertId: string): Promise<ReportRow | null> {
    const rows = await this.db.query(`${SELECT} WHERE r.alert_id = ?`, [alertId]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** Every open report, newest first. */
  async open(): Promise<ReportRow[]> {
    return (await this.db.query(`${SELECT} WHERE r.status = 'open' ORDER BY r.opened_at DESC`)).map(fromRow);
  }

  /** The newest closed reports, by closing. */
  async closed(limit: number): Promise<ReportRow[]> {
    return (await this.db.query(`${SELECT} WHERE r.status = 'closed' ORDER BY r.closed_at DESC LIMIT ?`, [limit])).map(fromRow);
  }

  async submissions(reportId: string): Promise<SubmissionRow[]> {
    const rows = await this.db.query(`SELECT * FROM info_report_submissions WHERE report_id = ? ORDER BY submitted_at ASC, number ASC`, [
      reportId,
    ]);
    return rows.map(submissionFrom);
  }

  /** How many submissions each report has, and the steps submitted late. */
  async submissionSummary(reportIds: string[]): Promise<Map<string, { count: number; lateSteps: InfoReportStep[] }>> {
    const out = new Map<string, { count: number; lateSteps: InfoReportStep[] }>();
    for (let i = 0; i < reportIds.length; i += 500) {
      const chunk = reportIds.slice(i, i + 500);
      const rows = await this.db.query(
        `SELECT report_id, step, late FROM info_report_submissions WHERE report_id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const r of rows) {
        const e = out.get(String(r.report_id)) ?? { count: 0, lateSteps: [] };
        e.count++;
        if (bool(r.late)) e.lateSteps.push(String(r.step) as InfoReportStep);
        out.set(String(r.report_id), e);
      }
    }
    return out;
  }

  /** The late marks of several reports. */
  async lateMarks(reportIds: string[]): Promise<Map<string, LateMark[]>> {
    const out = new Map<string, LateMark[]>();
    for (let i = 0; i < reportIds.length; i += 500) {
      const chunk = reportIds.slice(i, i + 500);
      const rows = await this.db.query(
        `SELECT report_id, step, number, due_at FROM info_report_late WHERE report_id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const r of rows) {
        const list = out.get(String(r.report_id)) ?? [];
        list.push({ reportId: String(r.report_id), step: String(r.step) as InfoReportStep, number: num(r.number), dueAt: num(r.due_at) });
        out.set(String(r.report_id), list);
      }
    }
    return out;
  }

  /** Stores a late mark once per step and number: true when this call stored it. */
  async markLate(tx: Queryable, id: string, m: LateMark, at: number): Promise<boolean> {
    const changed = await tx.execute(
      `INSERT INTO info_report_late (id, report_id, step, number, due_at, marked_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [id, m.reportId, m.step, m.number, m.dueAt, at],
    );
    return changed > 0;
  }

  /** Stores a submission: false when that step and number is already stored. */
  async addSubmission(tx: Queryable, s: SubmissionRow): Promise<boolean> {
    const changed = await tx.execute(
      `INSERT INTO info_report_submissions (id, report_id, step, number, text, submitted_by, submitted_at, due_at, late)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [s.id, s.reportId, s.step, s.number, s.text, s.submittedBy, s.submittedAt, s.dueAt, s.late],
    );
    return changed > 0;
  }

  /** The report after a submission, if it is still at `version` (no one submitted meanwhile). */
  async afterSubmission(
    tx: Queryable,
    r: Pick<ReportRow, 'id' | 'version' | 'status' | 'initialAt' | 'lastSubmittedAt' | 'updates' | 'closedAt'>,
  ): Promise<boolean> {
    const changed = await tx.execute(
      `UPDATE info_reports SET status = ?, initial_at = ?, last_submitted_at = ?, updates = ?, closed_at = ?, version = version + 1
       WHERE id = ? AND version = ?`,
      [r.status, r.initialAt, r.lastSubmittedAt, r.updates, r.closedAt, r.id, r.version],
    );
    return changed > 0;
  }

  /** The teams sent to an alert and the times of their steps, oldest first. */
  async dispatchesOf(alertId: string): Promise<DispatchRow[]> {
    const rows = await this.db.query(
      `SELECT team_id, status, created_at, acked_at, contacted_at, onsite_at, resolved_at FROM dispatches WHERE alert_id = ? ORDER BY created_at ASC`,
      [alertId],
    );
    return rows.map((r) => ({
      teamId: String(r.team_id),
      status: String(r.status),
      createdAt: num(r.created_at),
      steps: DISPATCH_STEP_COLUMNS.filter(([, col]) => r[col] != null).map(([step, col]) => ({ step, at: num(r[col]) })),
    }));
  }
}
