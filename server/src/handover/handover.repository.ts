import { Injectable } from '@nestjs/common';
import type { AlertStatus, Handover, HandoverDraft, HandoverStatus, HandoverSummary, Severity } from '@jointduty/shared';
import { Db, num, type Row } from '../infra/database/db';

const iso = (v: unknown) => (v == null ? null : new Date(num(v)).toISOString());
const inList = (ids: readonly string[]) => ids.map(() => '?').join(', ');

function summaryOf(r: Row): HandoverSummary {
  return {
    id: String(r.id),
    shiftKey: String(r.shift_key),
    status: String(r.status) as HandoverStatus,
    fromUser: String(r.from_user),
    fromName: String(r.from_name),
    handedAt: iso(r.handed_at)!,
    toUser: r.to_user == null ? null : String(r.to_user),
    toName: r.to_name == null ? null : String(r.to_name),
    acceptedAt: iso(r.accepted_at),
  };
}

/** An open order with a deadline, as the draft reads it (title unmasked: the service masks). */
export interface OrderDueRow {
  id: string;
  externalId: string;
  title: string;
  departmentId: string;
  firstCheckBy: number | null;
  firstCheckPending: boolean;
  dueBy: number;
}

/** A line of the audit log, for the duty log. */
export interface AuditRow {
  at: number;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: Record<string, unknown> | null;
}

export interface NewHandover {
  id: string;
  shiftKey: string;
  shiftStart: number;
  shiftEnd: number;
  fromUser: string;
  fromName: string;
  handedAt: number;
  notes: string;
  draft: HandoverDraft;
}

// The handovers table, and the reads the draft and the duty log make of the records around it
// (alerts, dispatches, orders, leaders' instructions, the audit log): plain SQL, read only.
@Injectable()
export class HandoverRepository {
  constructor(private readonly db: Db) {}

  /** Stores a handover unless its shift has one already (false then). */
  async insert(h: NewHandover): Promise<boolean> {
    const changed = await this.db.execute(
      `INSERT INTO handovers (id, shift_key, shift_start, shift_end, status, from_user, from_name, handed_at, notes, draft)
       VALUES (?, ?, ?, ?, 'handed', ?, ?, ?, ?, ?) ON CONFLICT (shift_key) DO NOTHING`,
      [h.id, h.shiftKey, h.shiftStart, h.shiftEnd, h.fromUser, h.fromName, h.handedAt, h.notes, JSON.stringify(h.draft)],
    );
    return changed > 0;
  }

  /** Accepts a handover still waiting, by someone other than who made it (false otherwise). */
  async accept(id: string, user: string, name: string, at: number): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE handovers SET status = 'accepted', to_user = ?, to_name = ?, accepted_at = ?
       WHERE id = ? AND status = 'handed' AND from_user <> ?`,
      [user, name, at, id, user],
    );
    return changed > 0;
  }

  async get(id: string): Promise<Handover | null> {
    const rows = await this.db.query<Row>(`SELECT * FROM handovers WHERE id = ?`, [id]);
    const r = rows[0];
    if (!r) return null;
    return { ...summaryOf(r), notes: String(r.notes), draft: JSON.parse(String(r.draft)) as HandoverDraft };
  }

  async byShift(shiftKey: string): Promise<HandoverSummary | null> {
    const rows = await this.db.query<Row>(
      `SELECT id, shift_key, status, from_user, from_name, handed_at, to_user, to_name, accepted_at FROM handovers WHERE shift_key = ?`,
      [shiftKey],
    );
    return rows[0] ? summaryOf(rows[0]) : null;
  }

  /** Handovers of shifts starting in [from, to), oldest first. */
  async startingBetween(from: number, to: number): Promise<HandoverSummary[]> {
    const rows = await this.db.query<Row>(
      `SELECT id, shift_key, status, from_user, from_name, handed_at, to_user, to_name, accepted_at FROM handovers
       WHERE shift_start >= ? AND shift_start < ? ORDER BY shift_start ASC`,
      [from, to],
    );
    return rows.map(summaryOf);
  }

  async openAlerts(limit: number): Promise<HandoverDraft['openAlerts']> {
    const rows = await this.db.query<Row>(
      `SELECT id, severity, status, title, created_at FROM alerts WHERE status <> 'resolved' ORDER BY created_at ASC, id ASC LIMIT ?`,
      [limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      severity: String(r.severity) as Severity,
      status: String(r.status) as AlertStatus,
      title: String(r.title),
      createdAt: iso(r.created_at)!,
    }));
  }

  async activeDispatches(
    limit: number,
  ): Promise<Array<{ id: string; alertId: string; teamId: string; status: string; createdAt: string }>> {
    const rows = await this.db.query<Row>(
      `SELECT id, alert_id, team_id, status, created_at FROM dispatches WHERE status <> 'resolved' ORDER BY created_at ASC, id ASC LIMIT ?`,
      [limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      alertId: String(r.alert_id),
      teamId: String(r.team_id),
      status: String(r.status),
      createdAt: iso(r.created_at)!,
    }));
  }

  /** Open orders whose first check (still owed) or handling deadline falls in [from, to). */
  async ordersDueBetween(from: number, to: number, limit: number): Promise<OrderDueRow[]> {
    const rows = await this.db.query<Row>(
      `SELECT id, external_id, title, department_id, first_check_by, due_by,
         CASE WHEN first_check_by IS NOT NULL AND contacted_at IS NULL AND replied_at IS NULL AND reopened = 0 THEN 1 ELSE 0 END AS fc_pending
       FROM orders
       WHERE open = ? AND ((due_by >= ? AND due_by < ?)
         OR (first_check_by >= ? AND first_check_by < ? AND contacted_at IS NULL AND replied_at IS NULL AND reopened = 0))
       ORDER BY created_at ASC, id ASC LIMIT ?`,
      [true, from, to, from, to, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      externalId: String(r.external_id),
      title: String(r.title),
      departmentId: String(r.department_id),
      firstCheckBy: r.first_check_by == null ? null : num(r.first_check_by),
      firstCheckPending: num(r.fc_pending) === 1,
      dueBy: num(r.due_by),
    }));
  }

  /**
   * Leaders' instructions not yet carried out: no done mark, and the event still has an alert
   * that is not resolved. Oldest first.
   */
  async instructionsOpen(limit: number): Promise<HandoverDraft['instructions']> {
    const rows = await this.db.query<Row>(
      `SELECT n.id, n.event_id, n.actor_name, n.text, n.created_at, e.title AS event_title
       FROM event_notes n JOIN events e ON e.id = n.event_id
       WHERE n.kind = 'instruction' AND n.done_at IS NULL
         AND EXISTS (SELECT 1 FROM alerts a WHERE a.event_id = n.event_id AND a.status <> 'resolved')
       ORDER BY n.created_at ASC, n.id ASC LIMIT ?`,
      [limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      eventId: String(r.event_id),
      eventTitle: String(r.event_title),
      actorName: String(r.actor_name),
      text: r.text == null ? '' : String(r.text),
      createdAt: iso(r.created_at)!,
    }));
  }

  /** Audit entries with these actions (or prefixes ending in '.') in [from, to), oldest first. */
  async auditBetween(
    from: number,
    to: number,
    actions: readonly string[],
    prefixes: readonly string[],
    limit: number,
  ): Promise<AuditRow[]> {
    const ors = [`action IN (${inList(actions)})`, ...prefixes.map(() => 'action LIKE ?')];
    const rows = await this.db.query<Row>(
      `SELECT at, actor, action, target_type, target_id, detail FROM audit_log
       WHERE at >= ? AND at < ? AND (${ors.join(' OR ')}) ORDER BY at ASC, id ASC LIMIT ?`,
      [from, to, ...actions, ...prefixes.map((p) => `${p}%`), limit],
    );
    return rows.map((r) => ({
      at: num(r.at),
      actor: String(r.actor),
      action: String(r.action),
      targetType: String(r.target_type),
      targetId: String(r.target_id),
      detail: r.detail == null ? null : (JSON.parse(String(r.detail)) as Record<string, unknown>),
    }));
  }

  /** Alerts escalated to the leaders in [from, to) (kept in the alerts' history, not the audit log). */
  async escalationsBetween(from: number, to: number, limit: number): Promise<Array<{ at: number; alertId: string }>> {
    const rows = await this.db.query<Row>(
      `SELECT alert_id, at FROM alert_history WHERE kind = 'escalated' AND at >= ? AND at < ? ORDER BY at ASC LIMIT ?`,
      [from, to, limit],
    );
    return rows.map((r) => ({ at: num(r.at), alertId: String(r.alert_id) }));
  }

  async alertTitles(ids: readonly string[]): Promise<Map<string, string>> {
    return this.titles(`SELECT id, title FROM alerts WHERE id IN`, ids);
  }

  async eventTitles(ids: readonly string[]): Promise<Map<string, string>> {
    return this.titles(`SELECT id, title FROM events WHERE id IN`, ids);
  }

  async orderNumbers(ids: readonly string[]): Promise<Map<string, string>> {
    return this.titles(`SELECT id, external_id AS title FROM orders WHERE id IN`, ids);
  }

  async infoReportTitles(ids: readonly string[]): Promise<Map<string, string>> {
    return this.titles(`SELECT id, title FROM info_reports WHERE id IN`, ids);
  }

  /** Each dispatch's team and its alert's title. */
  async dispatchInfo(ids: readonly string[]): Promise<Map<string, { teamId: string; alertTitle: string }>> {
    const out = new Map<string, { teamId: string; alertTitle: string }>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.db.query<Row>(
        `SELECT d.id, d.team_id, a.title FROM dispatches d JOIN alerts a ON a.id = d.alert_id WHERE d.id IN (${inList(chunk)})`,
        [...chunk],
      );
      for (const r of rows) out.set(String(r.id), { teamId: String(r.team_id), alertTitle: String(r.title) });
    }
    return out;
  }

  private async titles(select: string, ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const rows = await this.db.query<Row>(`${select} (${inList(chunk)})`, [...chunk]);
      for (const r of rows) out.set(String(r.id), String(r.title));
    }
    return out;
  }
}
