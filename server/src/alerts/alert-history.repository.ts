import { Injectable } from '@nestjs/common';
import type { AlertHistoryKind, DispatchStep, Severity } from '@jointduty/shared';
import { Db, num, valuesClause, type Queryable } from '../infra/database/db';

/** What an entry needs beyond its kind, stored as JSON. */
export interface HistoryDetail {
  rule?: string;
  severity?: Severity;
  previousSeverity?: Severity;
  teamIds?: string[];
  teamId?: string;
  dispatchId?: string;
  step?: DispatchStep;
  waitedMinutes?: number;
  note?: string | null;
}

export interface HistoryRecord {
  id: number;
  alertId: string;
  kind: AlertHistoryKind;
  at: number;
  actor: string | null;
  detail: HistoryDetail;
}

/** A dispatch's recorded step times, as the dispatches table holds them (epoch ms). */
export interface DispatchTimes {
  id: string;
  alertId: string;
  teamId: string;
  ackedAt: number | null;
  contactedAt: number | null;
  onsiteAt: number | null;
  resolvedAt: number | null;
  resultNote: string | null;
}

const numOrNull = (v: unknown) => (v == null ? null : num(v));

// The alert_history table: append-only, written in the same transaction as the change it records.
@Injectable()
export class AlertHistoryRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends one entry. With `onceKey` the alert holds at most one entry of that key: a second
   * attempt (another instance, or after a restart) writes nothing and answers false.
   */
  async add(tx: Queryable, e: Omit<HistoryRecord, 'id'>, onceKey: string | null = null): Promise<boolean> {
    const changed = await tx.execute(
      `INSERT INTO alert_history (alert_id, kind, at, actor, detail, once_key) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [e.alertId, e.kind, e.at, e.actor, JSON.stringify(e.detail), onceKey],
    );
    return changed > 0;
  }

  /** Several entries (none of them once-only), in statements of 200. */
  async addMany(tx: Queryable, entries: Array<Omit<HistoryRecord, 'id'>>): Promise<void> {
    for (let i = 0; i < entries.length; i += 200) {
      const chunk = entries.slice(i, i + 200);
      await tx.execute(
        `INSERT INTO alert_history (alert_id, kind, at, actor, detail, once_key) VALUES ${valuesClause(chunk.length, 6)}`,
        chunk.flatMap((e) => [e.alertId, e.kind, e.at, e.actor, JSON.stringify(e.detail), null]),
      );
    }
  }

  /** One alert's entries, oldest first (same time: in the order written). */
  async list(alertId: string): Promise<HistoryRecord[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT id, alert_id, kind, at, actor, detail FROM alert_history WHERE alert_id = ? ORDER BY at ASC, id ASC LIMIT 2000`,
      [alertId],
    );
    return rows.map((r) => ({
      id: num(r.id),
      alertId: String(r.alert_id),
      kind: String(r.kind) as AlertHistoryKind,
      at: num(r.at),
      actor: r.actor == null ? null : String(r.actor),
      detail: parseDetail(r.detail),
    }));
  }

  /** When each of these alerts went to the leaders, for those that did. */
  async escalatedAt(alertIds: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < alertIds.length; i += 200) {
      const chunk = alertIds.slice(i, i + 200);
      const rows = await this.db.query<{ alert_id: string; at: unknown }>(
        `SELECT alert_id, at FROM alert_history WHERE kind = 'escalated' AND alert_id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const r of rows) out.set(String(r.alert_id), num(r.at));
    }
    return out;
  }

  async dispatchTimes(tx: Queryable, dispatchId: string): Promise<DispatchTimes | null> {
    const rows = await tx.query<Record<string, unknown>>(
      `SELECT id, alert_id, team_id, acked_at, contacted_at, onsite_at, resolved_at, result_note FROM dispatches WHERE id = ?`,
      [dispatchId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: String(r.id),
      alertId: String(r.alert_id),
      teamId: String(r.team_id),
      ackedAt: numOrNull(r.acked_at),
      contactedAt: numOrNull(r.contacted_at),
      onsiteAt: numOrNull(r.onsite_at),
      resolvedAt: numOrNull(r.resolved_at),
      resultNote: r.result_note == null ? null : String(r.result_note),
    };
  }
}

function parseDetail(v: unknown): HistoryDetail {
  try {
    const d = JSON.parse(String(v ?? '{}')) as unknown;
    return d && typeof d === 'object' ? (d as HistoryDetail) : {};
  } catch {
    return {};
  }
}
