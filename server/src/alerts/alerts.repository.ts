import { Injectable } from '@nestjs/common';
import type { Alert, AlertStatus, Channel, DispatchProgress, Severity } from '@jointduty/shared';
import { Db, num, valuesClause, whereEquals, type Param, type Queryable, type Row } from '../infra/database/db';
import { InstanceMessages } from '../infra/cluster/instance-messages';

export interface AlertQuery {
  status?: AlertStatus;
  severity?: Severity;
  eventId?: string;
  limit: number;
}

export interface AlertChange {
  seq: number;
  kind: 'new' | 'update';
  alert: Alert;
}

function fromRow(r: Row): Alert {
  const a: Alert = {
    id: String(r.id),
    seq: num(r.seq),
    eventId: String(r.event_id),
    rule: String(r.rule),
    severity: String(r.severity) as Severity,
    title: String(r.title),
    summary: String(r.summary),
    channels: String(r.channels).split(',').filter(Boolean) as Channel[],
    district: r.district == null ? null : String(r.district),
    category: r.category == null ? null : String(r.category),
    incidentCount: num(r.incident_count),
    status: String(r.status) as AlertStatus,
    createdAt: new Date(num(r.created_at)).toISOString(),
    updatedAt: new Date(num(r.updated_at)).toISOString(),
  };
  if (r.simulated === true || r.simulated === 1) a.simulated = true;
  return a;
}

const ALERT_COLUMNS = [
  'id',
  'seq',
  'event_id',
  'rule',
  'severity',
  'title',
  'summary',
  'channels',
  'district',
  'category',
  'incident_count',
  'status',
  'simulated',
  'created_at',
  'updated_at',
] as const;

function alertRow(a: Alert): Param[] {
  return [
    a.id,
    a.seq,
    a.eventId,
    a.rule,
    a.severity,
    a.title,
    a.summary,
    a.channels.join(','),
    a.district,
    a.category,
    a.incidentCount,
    a.status,
    a.simulated === true,
    Date.parse(a.createdAt),
    Date.parse(a.updatedAt),
  ];
}

@Injectable()
export class AlertsRepository {
  constructor(
    private readonly db: Db,
    private readonly messages: InstanceMessages,
  ) {}

  /**
   * The next system-wide seq. The counter row stays locked until the transaction commits, so
   * changes become visible in seq order: a client resuming after N never misses a lower one.
   */
  async nextSeq(tx: Queryable): Promise<number> {
    const rows = await tx.query<{ value: unknown }>(`UPDATE counters SET value = value + 1 WHERE name = 'alert_seq' RETURNING value`);
    return num(rows[0]!.value);
  }

  /** Takes `n` seqs at once; returns the last (the first is last - n + 1). The row stays locked to commit. */
  async takeSeqs(tx: Queryable, n: number): Promise<number> {
    const rows = await tx.query<{ value: unknown }>(`UPDATE counters SET value = value + ? WHERE name = 'alert_seq' RETURNING value`, [n]);
    return num(rows[0]!.value);
  }

  /** The alerts of several events, by event, oldest first. */
  async byEvents(tx: Queryable, eventIds: string[]): Promise<Map<string, Alert[]>> {
    const out = new Map<string, Alert[]>();
    const unique = [...new Set(eventIds)];
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      const rows = await tx.query(
        `SELECT * FROM alerts WHERE event_id IN (${chunk.map(() => '?').join(', ')}) ORDER BY created_at ASC`,
        chunk,
      );
      for (const r of rows) {
        const a = fromRow(r);
        const list = out.get(a.eventId) ?? [];
        list.push(a);
        out.set(a.eventId, list);
      }
    }
    return out;
  }

  async insertMany(tx: Queryable, alerts: Alert[]): Promise<void> {
    for (let i = 0; i < alerts.length; i += 100) {
      const chunk = alerts.slice(i, i + 100);
      await tx.execute(
        `INSERT INTO alerts (${ALERT_COLUMNS.join(', ')}) VALUES ${valuesClause(chunk.length, ALERT_COLUMNS.length)}`,
        chunk.flatMap(alertRow),
      );
    }
  }

  /** What an event's growth changes in its alerts (seq, severity, summary, channels, count), for many. */
  async updateGrowth(tx: Queryable, alerts: Alert[]): Promise<void> {
    for (let i = 0; i < alerts.length; i += 200) {
      const chunk = alerts.slice(i, i + 200);
      await tx.execute(
        `UPDATE alerts SET seq = CAST(v.column2 AS BIGINT), severity = v.column3, summary = v.column4, channels = v.column5,
           incident_count = CAST(v.column6 AS INTEGER), updated_at = CAST(v.column7 AS BIGINT)
         FROM (VALUES ${valuesClause(chunk.length, 7)}) AS v WHERE alerts.id = v.column1`,
        chunk.flatMap((a) => [a.id, a.seq, a.severity, a.summary, a.channels.join(','), a.incidentCount, Date.parse(a.updatedAt)]),
      );
    }
  }

  /**
   * Changes into the log, in one statement, and one notice: every instance pushes alert changes to
   * its own sockets from this log, woken at commit.
   */
  async addChanges(tx: Queryable, changes: Array<{ kind: 'new' | 'update'; alert: Alert; actor: string | null }>): Promise<void> {
    if (changes.length === 0) return;
    const now = Date.now();
    for (let i = 0; i < changes.length; i += 200) {
      const chunk = changes.slice(i, i + 200);
      await tx.execute(
        `INSERT INTO alert_changes (seq, alert_id, kind, actor, payload, created_at) VALUES ${valuesClause(chunk.length, 6)}`,
        chunk.flatMap((c) => [c.alert.seq, c.alert.id, c.kind, c.actor, JSON.stringify(c.alert), now]),
      );
    }
    await this.messages.notifyIn(tx, 'alerts');
  }

  async findByEventRule(tx: Queryable, eventId: string, rule: string): Promise<Alert | null> {
    const rows = await tx.query(`SELECT * FROM alerts WHERE event_id = ? AND rule = ?`, [eventId, rule]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async byEvent(tx: Queryable, eventId: string): Promise<Alert[]> {
    const rows = await tx.query(`SELECT * FROM alerts WHERE event_id = ? ORDER BY created_at ASC`, [eventId]);
    return rows.map(fromRow);
  }

  async getIn(tx: Queryable, id: string): Promise<Alert | null> {
    const rows = await tx.query(`SELECT * FROM alerts WHERE id = ?`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  get(id: string): Promise<Alert | null> {
    return this.getIn(this.db, id);
  }

  /** Several alerts in one query (unknown ids are left out). */
  async getMany(ids: string[]): Promise<Alert[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query(`SELECT * FROM alerts WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
    return rows.map(fromRow);
  }

  async insert(tx: Queryable, a: Alert): Promise<void> {
    await this.insertMany(tx, [a]);
  }

  async update(
    tx: Queryable,
    a: Alert,
    extra: { acknowledgedAt?: number; resolvedAt?: number; resolutionNote?: string } = {},
  ): Promise<void> {
    const sets = ['seq = ?', 'severity = ?', 'summary = ?', 'channels = ?', 'incident_count = ?', 'status = ?', 'updated_at = ?'];
    const params: Param[] = [a.seq, a.severity, a.summary, a.channels.join(','), a.incidentCount, a.status, Date.parse(a.updatedAt)];
    const add = (clause: string, value: Param) => {
      sets.push(clause);
      params.push(value);
    };
    if (extra.acknowledgedAt !== undefined) add('acknowledged_at = COALESCE(acknowledged_at, ?)', extra.acknowledgedAt);
    if (extra.resolvedAt !== undefined) add('resolved_at = ?', extra.resolvedAt);
    if (extra.resolutionNote !== undefined) add('resolution_note = ?', extra.resolutionNote);
    await tx.execute(`UPDATE alerts SET ${sets.join(', ')} WHERE id = ?`, [...params, a.id]);
  }

  addChange(tx: Queryable, kind: 'new' | 'update', alert: Alert, actor: string | null): Promise<void> {
    return this.addChanges(tx, [{ kind, alert, actor }]);
  }

  async list(q: AlertQuery): Promise<Alert[]> {
    const where = whereEquals([
      ['status = ?', q.status],
      ['severity = ?', q.severity],
      ['event_id = ?', q.eventId],
    ]);
    const rows = await this.db.query(`SELECT * FROM alerts ${where.sql} ORDER BY created_at DESC, seq DESC LIMIT ?`, [
      ...where.params,
      q.limit,
    ]);
    return rows.map(fromRow);
  }

  /** The version of an alert stored before `seq` (its change log entry): null for the first. */
  async previousVersion(alertId: string, seq: number): Promise<{ seq: number; updatedAt: string } | null> {
    const rows = await this.db.query<{ seq: unknown; payload: string }>(
      `SELECT seq, payload FROM alert_changes WHERE alert_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1`,
      [alertId, seq],
    );
    const r = rows[0];
    return r ? { seq: num(r.seq), updatedAt: (JSON.parse(r.payload) as Alert).updatedAt } : null;
  }

  /** Every change after `afterSeq`, oldest first (what `resume` replays). */
  async changesAfter(afterSeq: number, limit: number): Promise<AlertChange[]> {
    const rows = await this.db.query<{ seq: unknown; kind: string; payload: string }>(
      `SELECT seq, kind, payload FROM alert_changes WHERE seq > ? ORDER BY seq ASC LIMIT ?`,
      [afterSeq, limit],
    );
    return rows.map((r) => ({ seq: num(r.seq), kind: r.kind === 'new' ? 'new' : 'update', alert: JSON.parse(r.payload) as Alert }));
  }

  /** Open major alerts nobody has acknowledged since before `before`, not yet escalated. */
  async waitingMajor(before: number): Promise<Alert[]> {
    const rows = await this.db.query(
      `SELECT * FROM alerts WHERE severity = 'major' AND status = 'open' AND created_at <= ?
         AND NOT EXISTS (SELECT 1 FROM alert_history h WHERE h.alert_id = alerts.id AND h.kind = 'escalated')
       ORDER BY created_at ASC LIMIT 100`,
      [before],
    );
    return rows.map(fromRow);
  }

  async lastSeq(): Promise<number> {
    const rows = await this.db.query<{ value: unknown }>(`SELECT value FROM counters WHERE name = 'alert_seq'`);
    return num(rows[0]?.value ?? 0);
  }

  async openBySeverity(): Promise<Record<Severity, number>> {
    const rows = await this.db.query<{ severity: string; n: unknown }>(
      `SELECT severity, COUNT(*) AS n FROM alerts WHERE status <> 'resolved' GROUP BY severity`,
    );
    const out: Record<Severity, number> = { general: 0, urgent: 0, major: 0 };
    for (const r of rows) if (r.severity in out) out[r.severity as Severity] = num(r.n);
    return out;
  }

  /** Alerts raised since `since`, and how many of them were acknowledged within 24 h. */
  async responseSince(since: number): Promise<{ raised: number; answered: number }> {
    const rows = await this.db.query<{ raised: unknown; answered: unknown }>(
      `SELECT COUNT(*) AS raised, SUM(CASE WHEN acknowledged_at IS NOT NULL AND acknowledged_at - created_at <= 86400000 THEN 1 ELSE 0 END) AS answered
       FROM alerts WHERE created_at >= ?`,
      [since],
    );
    return { raised: num(rows[0]?.raised ?? 0), answered: num(rows[0]?.answered ?? 0) };
  }

  async dispatchProgress(tx: Queryable, alertId: string): Promise<DispatchProgress[]> {
    return (await this.dispatchProgressOf(tx, [alertId])).get(alertId) ?? [];
  }

  /** Each alert's teams and their steps, for several alerts in one query. */
  async dispatchProgressOf(tx: Queryable, alertIds: string[]): Promise<Map<string, DispatchProgress[]>> {
    const out = new Map<string, DispatchProgress[]>();
    if (alertIds.length === 0) return out;
    const rows = await tx.query<Record<string, unknown>>(
      `SELECT id, alert_id, team_id, status, created_at, acked_at, contacted_at, onsite_at, resolved_at FROM dispatches
       WHERE alert_id IN (${alertIds.map(() => '?').join(', ')}) ORDER BY created_at ASC`,
      alertIds,
    );
    for (const r of rows) {
      const key = String(r.alert_id);
      const list = out.get(key) ?? [];
      list.push(progressOf(r));
      out.set(key, list);
    }
    return out;
  }
}

function progressOf(r: Record<string, unknown>): DispatchProgress {
  const times = [r.created_at, r.acked_at, r.contacted_at, r.onsite_at, r.resolved_at].filter((t) => t != null).map(num);
  return {
    dispatchId: String(r.id),
    teamId: String(r.team_id),
    status: String(r.status) as DispatchProgress['status'],
    updatedAt: new Date(Math.max(...times)).toISOString(),
  };
}
