import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AlertStatus, InfoReportStatus, InfoReportStep, Severity } from '@jointduty/shared';
import { Db, num, numOrNull, type Param } from '../infra/database/db';
import { dayCounts, localDayOf, type DayCounts } from '../incidents/incident-counts';
import { categoryCounts, sumCounts, type CountsGroup, type RollupGrouping } from '../orders/order-rollups';

// What the reports read, each by an index range of its period: the incident and order rollups,
// the day's alerts, dispatches and instructions by creation time, orders by their deadlines, and
// the handovers and information reports of the day (their tables, read here without their
// services' lifecycle). Times are epoch ms; [start, end) is the period.

export interface AlertRow {
  id: string;
  severity: Severity;
  status: AlertStatus;
  title: string;
  district: string | null;
  createdAt: number;
  resolvedAt: number | null;
}

export interface DispatchRow {
  id: string;
  alertId: string;
  teamId: string;
  status: string;
  createdAt: number;
  ackedAt: number | null;
  onsiteAt: number | null;
}

export interface InstructionRow {
  eventId: string;
  eventTitle: string;
  actorName: string;
  text: string;
  createdAt: number;
}

/** Orders with a deadline in the period, per unit: how many, and how many missed it. */
export interface DeadlineCount {
  departmentId: string;
  due: number;
  overdue: number;
}

/** An order that missed a deadline inside the period (title as stored: the service masks it). */
export interface MissedRow {
  id: string;
  channel: string;
  externalId: string;
  title: string;
  departmentId: string;
  district: string | null;
  category: string | null;
  status: string;
  createdAt: number;
  firstCheckBy: number | null;
  dueBy: number;
  contactedAt: number | null;
  repliedAt: number | null;
  missedFirstCheck: boolean;
  missedDue: boolean;
}

export interface HandoverRow {
  id: string;
  shiftKey: string;
  status: string;
  fromUser: string;
  fromName: string;
  handedAt: number;
  toUser: string | null;
  toName: string | null;
  acceptedAt: number | null;
}

export interface InfoReportRow {
  id: string;
  title: string;
  status: InfoReportStatus;
  lateSteps: InfoReportStep[];
}

export interface SnapshotRow {
  id: string;
  kind: string;
  date: string;
  shiftKey: string;
  createdAt: number;
  body: string;
}

const str = (v: unknown) => String(v);
const strOrNull = (v: unknown) => (v == null ? null : String(v));

@Injectable()
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /** Incidents of the city day holding `start`, by channel, district and category (the running counts). */
  intakeOfDay(start: number): Promise<DayCounts> {
    return dayCounts(this.db, localDayOf(start), '未知');
  }

  async alertsBetween(start: number, end: number): Promise<AlertRow[]> {
    const rows = await this.db.query(
      `SELECT id, severity, status, title, district, created_at, resolved_at FROM alerts
        WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`,
      [start, end],
    );
    return rows.map((r) => ({
      id: str(r.id),
      severity: str(r.severity) as Severity,
      status: str(r.status) as AlertStatus,
      title: str(r.title),
      district: strOrNull(r.district),
      createdAt: num(r.created_at),
      resolvedAt: numOrNull(r.resolved_at),
    }));
  }

  async dispatchesBetween(start: number, end: number): Promise<DispatchRow[]> {
    const rows = await this.db.query(
      `SELECT id, alert_id, team_id, status, created_at, acked_at, onsite_at FROM dispatches
        WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id`,
      [start, end],
    );
    return rows.map((r) => ({
      id: str(r.id),
      alertId: str(r.alert_id),
      teamId: str(r.team_id),
      status: str(r.status),
      createdAt: num(r.created_at),
      ackedAt: numOrNull(r.acked_at),
      onsiteAt: numOrNull(r.onsite_at),
    }));
  }

  /** Leaders' instructions (批示) made in the period, with their event's title. */
  async instructionsBetween(start: number, end: number): Promise<InstructionRow[]> {
    const rows = await this.db.query(
      `SELECT n.event_id, e.title, n.actor_name, n.text, n.created_at FROM event_notes n LEFT JOIN events e ON e.id = n.event_id
        WHERE n.kind = 'instruction' AND n.created_at >= ? AND n.created_at < ? ORDER BY n.created_at, n.id`,
      [start, end],
    );
    return rows.map((r) => ({
      eventId: str(r.event_id),
      eventTitle: r.title == null ? '' : str(r.title),
      actorName: str(r.actor_name),
      text: r.text == null ? '' : str(r.text),
      createdAt: num(r.created_at),
    }));
  }

  /** Orders received (created), replied and closed in the period. */
  async orderSteps(start: number, end: number): Promise<{ received: number; replied: number; closed: number }> {
    const count = async (column: string) =>
      num((await this.db.query(`SELECT COUNT(*) AS n FROM orders WHERE ${column} >= ? AND ${column} < ?`, [start, end]))[0]?.n ?? 0);
    const [received, replied, closed] = await Promise.all([count('created_at'), count('replied_at'), count('closed_at')]);
    return { received, replied, closed };
  }

  /**
   * The deadline tests of the period: a first check (初查) or a handling deadline (办理期限) falling
   * in [start, end), missed when its overdue mark is set or, still owed, it has passed `now`.
   */
  private deadlineSql(
    start: number,
    end: number,
    now: number,
  ): { fcIn: string; dueIn: string; missedFc: string; missedDue: string; params: Record<string, Param[]> } {
    return {
      fcIn: `(first_check_by >= ? AND first_check_by < ?)`,
      dueIn: `(due_by >= ? AND due_by < ?)`,
      missedFc: `(first_check_overdue = ? OR (first_check_by < ? AND contacted_at IS NULL AND replied_at IS NULL AND reopened = 0 AND open = ?))`,
      missedDue: `(due_overdue = ? OR (open = ? AND due_by < ?))`,
      params: { fcIn: [start, end], dueIn: [start, end], missedFc: [true, now, true], missedDue: [true, true, now] },
    };
  }

  async deadlineCounts(start: number, end: number, now: number): Promise<DeadlineCount[]> {
    const s = this.deadlineSql(start, end, now);
    const p = s.params;
    const rows = await this.db.query(
      `SELECT department_id, COUNT(*) AS due,
              SUM(CASE WHEN (${s.fcIn} AND ${s.missedFc}) OR (${s.dueIn} AND ${s.missedDue}) THEN 1 ELSE 0 END) AS overdue
         FROM orders WHERE ${s.fcIn} OR ${s.dueIn} GROUP BY department_id ORDER BY department_id`,
      [...p.fcIn!, ...p.missedFc!, ...p.dueIn!, ...p.missedDue!, ...p.fcIn!, ...p.dueIn!],
    );
    return rows.map((r) => ({ departmentId: str(r.department_id), due: num(r.due), overdue: num(r.overdue) }));
  }

  /** The orders that missed a deadline in the period, by unit and deadline, at most `limit`. */
  async missedOrders(start: number, end: number, now: number, limit: number): Promise<MissedRow[]> {
    const s = this.deadlineSql(start, end, now);
    const p = s.params;
    const rows = await this.db.query(
      `SELECT id, channel, external_id, title, department_id, district, category, status, created_at, first_check_by, due_by,
              contacted_at, replied_at,
              CASE WHEN ${s.fcIn} AND ${s.missedFc} THEN 1 ELSE 0 END AS missed_fc,
              CASE WHEN ${s.dueIn} AND ${s.missedDue} THEN 1 ELSE 0 END AS missed_due
         FROM orders WHERE (${s.fcIn} AND ${s.missedFc}) OR (${s.dueIn} AND ${s.missedDue})
        ORDER BY department_id, created_at, id LIMIT ?`,
      [...p.fcIn!, ...p.missedFc!, ...p.dueIn!, ...p.missedDue!, ...p.fcIn!, ...p.missedFc!, ...p.dueIn!, ...p.missedDue!, limit],
    );
    return rows.map((r) => ({
      id: str(r.id),
      channel: str(r.channel),
      externalId: str(r.external_id),
      title: str(r.title),
      departmentId: str(r.department_id),
      district: strOrNull(r.district),
      category: strOrNull(r.category),
      status: str(r.status),
      createdAt: num(r.created_at),
      firstCheckBy: numOrNull(r.first_check_by),
      dueBy: num(r.due_by),
      contactedAt: numOrNull(r.contacted_at),
      repliedAt: numOrNull(r.replied_at),
      missedFirstCheck: num(r.missed_fc) === 1,
      missedDue: num(r.missed_due) === 1,
    }));
  }

  /** The orders' running counts over city days [from, to] (both included). */
  orderCounts(from: string, to: string, groupBy: RollupGrouping): Promise<CountsGroup[]> {
    return sumCounts(this.db, from, to, groupBy);
  }

  orderCategories(from: string, to: string): Promise<Array<{ category: string; n: number }>> {
    return categoryCounts(this.db, from, to);
  }

  /** Handovers made in the period (table handovers, server/src/handover). */
  async handoversBetween(start: number, end: number): Promise<HandoverRow[]> {
    const rows = await this.db.query(
      `SELECT id, shift_key, status, from_user, from_name, handed_at, to_user, to_name, accepted_at FROM handovers
        WHERE shift_start >= ? AND shift_start < ? ORDER BY shift_start`,
      [start, end],
    );
    return rows.map((r) => ({
      id: str(r.id),
      shiftKey: str(r.shift_key),
      status: str(r.status),
      fromUser: str(r.from_user),
      fromName: str(r.from_name),
      handedAt: num(r.handed_at),
      toUser: strOrNull(r.to_user),
      toName: strOrNull(r.to_name),
      acceptedAt: numOrNull(r.accepted_at),
    }));
  }

  /**
   * Information reports open at some time in the period (tables info_reports, info_report_late,
   * info_report_submissions; server/src/info-reports), with the steps that were late.
   */
  async infoReportsBetween(start: number, end: number): Promise<InfoReportRow[]> {
    const rows = await this.db.query(
      `SELECT id, title, status FROM info_reports WHERE opened_at < ? AND (closed_at IS NULL OR closed_at >= ?) ORDER BY opened_at, id`,
      [end, start],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((r) => str(r.id));
    const marks = ids.map(() => '?').join(', ');
    const late = await this.db.query(
      `SELECT report_id, step FROM info_report_late WHERE report_id IN (${marks})
       UNION SELECT report_id, step FROM info_report_submissions WHERE late = ? AND report_id IN (${marks})`,
      [...ids, true, ...ids],
    );
    const steps = new Map<string, Set<InfoReportStep>>();
    for (const l of late) {
      const id = str(l.report_id);
      if (!steps.has(id)) steps.set(id, new Set());
      steps.get(id)!.add(str(l.step) as InfoReportStep);
    }
    const order: InfoReportStep[] = ['initial', 'update', 'final'];
    return rows.map((r) => ({
      id: str(r.id),
      title: str(r.title),
      status: str(r.status) as InfoReportStatus,
      lateSteps: order.filter((s) => steps.get(str(r.id))?.has(s)),
    }));
  }

  // ---- the shift-end drafts

  /** Stores a snapshot unless its shift has one: the id stored, or null when it was there. */
  async addSnapshot(s: Omit<SnapshotRow, 'id'>): Promise<string | null> {
    const id = randomUUID();
    const rows = await this.db.query(
      `INSERT INTO report_snapshots (id, kind, date, shift_key, created_at, body) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, shift_key) DO NOTHING RETURNING id`,
      [id, s.kind, s.date, s.shiftKey, s.createdAt, s.body],
    );
    return rows.length > 0 ? id : null;
  }

  async hasSnapshot(kind: string, shiftKey: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT id FROM report_snapshots WHERE kind = ? AND shift_key = ?`, [kind, shiftKey]);
    return rows.length > 0;
  }

  /** The snapshots of a city date, oldest first, without their bodies. */
  async snapshotsOf(date: string): Promise<Array<Omit<SnapshotRow, 'body'>>> {
    const rows = await this.db.query(
      `SELECT id, kind, date, shift_key, created_at FROM report_snapshots WHERE date = ? ORDER BY created_at, id`,
      [date],
    );
    return rows.map((r) => ({
      id: str(r.id),
      kind: str(r.kind),
      date: str(r.date),
      shiftKey: str(r.shift_key),
      createdAt: num(r.created_at),
    }));
  }

  async snapshot(id: string): Promise<SnapshotRow | null> {
    const r = (await this.db.query(`SELECT id, kind, date, shift_key, created_at, body FROM report_snapshots WHERE id = ?`, [id]))[0];
    if (!r) return null;
    return {
      id: str(r.id),
      kind: str(r.kind),
      date: str(r.date),
      shiftKey: str(r.shift_key),
      createdAt: num(r.created_at),
      body: str(r.body),
    };
  }
}
