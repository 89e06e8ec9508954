import { Injectable } from '@nestjs/common';
import { maskText, type AlertStatus, type Dispatch, type DispatchStatus, type EventNote } from '@jointduty/shared';
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

  /** The dispatch and the status of its alert, for a step. */
  async getForStep(tx: Queryable, id: string): Promise<{ dispatch: Dispatch; alertStatus: AlertStatus } | null> {
    const rows = await tx.query(
      `SELECT d.*, a.status AS alert_status FROM dispatches d JOIN alerts a ON a.id = d.alert_id WHERE d.id = ?`,
      [id],
    );
    return rows[0] ? { dispatch: fromRow(rows[0]), alertStatus: String(rows[0].alert_status) as AlertStatus } : null;
  }

  /**
   * Moves a dispatch on; with `expected`, only from that status (false when another request moved
   * it first: on PostgreSQL two phones of a team may race).
   */
  async setStatus(
    tx: Queryable,
    id: string,
    status: DispatchStatus,
    at: number,
    resultNote?: string,
    expected?: DispatchStatus,
  ): Promise<boolean> {
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
    const guard = expected === undefined ? '' : ' AND status = ?';
    const changed = await tx.execute(`UPDATE dispatches SET ${sets.join(', ')} WHERE id = ?${guard}`, [
      ...params,
      id,
      ...(expected === undefined ? [] : [expected]),
    ]);
    return changed > 0;
  }

  /** Leaders' 批示 on these events, oldest first, by event. */
  async instructionsFor(eventIds: readonly string[]): Promise<Map<string, EventNote[]>> {
    const out = new Map<string, EventNote[]>();
    if (eventIds.length === 0) return out;
    const rows = await this.db.query(
      `SELECT * FROM event_notes WHERE kind = 'instruction' AND event_id IN (${eventIds.map(() => '?').join(', ')}) ORDER BY created_at ASC, id ASC`,
      [...eventIds],
    );
    for (const r of rows) {
      const note: EventNote = {
        id: String(r.id),
        eventId: String(r.event_id),
        kind: 'instruction',
        actor: String(r.actor),
        actorName: String(r.actor_name),
        text: r.text == null ? null : String(r.text),
        createdAt: new Date(num(r.created_at)).toISOString(),
      };
      const list = out.get(note.eventId) ?? [];
      list.push(note);
      out.set(note.eventId, list);
    }
    return out;
  }

  /** Where each event happened (its place as the server understood it; phone and ID numbers masked). */
  async placesFor(eventIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (eventIds.length === 0) return out;
    const rows = await this.db.query(`SELECT id, place FROM events WHERE id IN (${eventIds.map(() => '?').join(', ')})`, [...eventIds]);
    for (const r of rows) {
      if (typeof r.place === 'string' && r.place.trim()) out.set(String(r.id), maskText(r.place.trim()));
    }
    return out;
  }

  async list(filter: { teamId?: string; status?: DispatchStatus; limit: number }): Promise<Dispatch[]> {
    const where = whereEquals([
      ['team_id = ?', filter.teamId],
      ['status = ?', filter.status],
    ]);
    const rows = await this.db.query(`SELECT * FROM dispatches ${where.sql} ORDER BY created_at DESC LIMIT ?`, [
      ...where.params,
      filter.limit,
    ]);
    return rows.map(fromRow);
  }
}
