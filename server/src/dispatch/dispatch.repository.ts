import { Injectable } from '@nestjs/common';
import type { Dispatch, DispatchStatus } from '@jointduty/shared';
import { Db, num, whereEquals, type Param, type Queryable, type Row } from '../infra/database/db';

const iso = (v: unknown) => (v == null ? null : new Date(num(v)).toISOString());

function fromRow(r: Row): Dispatch {
  return {
    id: String(r.id),
    alertId: String(r.alert_id),
    teamId: String(r.team_id),
    status: String(r.status) as DispatchStatus,
    note: r.note == null ? null : String(r.note),
    dispatchedBy: String(r.dispatched_by),
    createdAt: iso(r.created_at)!,
    ackedAt: iso(r.acked_at),
    contactedAt: iso(r.contacted_at),
    onsiteAt: iso(r.onsite_at),
    resolvedAt: iso(r.resolved_at),
    resultNote: r.result_note == null ? null : String(r.result_note),
  };
}

export const STEP_COLUMN: Record<DispatchStatus, string | null> = {
  dispatched: null,
  acknowledged: 'acked_at',
  contacted: 'contacted_at',
  onsite: 'onsite_at',
  resolved: 'resolved_at',
};

@Injectable()
export class DispatchRepository {
  constructor(private readonly db: Db) {}

  async insert(tx: Queryable, d: Dispatch): Promise<void> {
    await tx.execute(
      `INSERT INTO dispatches (id, alert_id, team_id, status, note, dispatched_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [d.id, d.alertId, d.teamId, d.status, d.note, d.dispatchedBy, Date.parse(d.createdAt)],
    );
  }

  async getIn(tx: Queryable, id: string): Promise<Dispatch | null> {
    const rows = await tx.query(`SELECT * FROM dispatches WHERE id = ?`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async setStatus(tx: Queryable, id: string, status: DispatchStatus, at: number, resultNote?: string): Promise<void> {
    const col = STEP_COLUMN[status];
    const sets = ['status = ?'];
    const params: Param[] = [status];
    if (col) {
      sets.push(`${col} = ?`);
      params.push(at);
    }
    if (resultNote !== undefined) {
      sets.push('result_note = ?');
      params.push(resultNote);
    }
    await tx.execute(`UPDATE dispatches SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
  }

  async list(filter: { teamId?: string; status?: DispatchStatus; limit: number }): Promise<Dispatch[]> {
    const where = whereEquals([
      ['team_id = ?', filter.teamId],
      ['status = ?', filter.status],
    ]);
    const rows = await this.db.query(`SELECT * FROM dispatches ${where.sql} ORDER BY created_at DESC LIMIT ?`, [...where.params, filter.limit]);
    return rows.map(fromRow);
  }
}
