import { Injectable } from '@nestjs/common';
import type { AlertStatus, Channel, EventNote, EventNoteKind, EventRecord, Severity, WatchedEventAlert } from '@jointduty/shared';
import { Db, insertRows, num, type Param, type Queryable } from '../infra/database/db';
import type { EventState } from './event.types';

/** An event on the leader's list, before its alerts and notes are added. */
export interface WatchedEventRow {
  id: string;
  title: string;
  district: string | null;
  category: string | null;
  channels: Channel[];
  incidentCount: number;
  firstAt: number;
  lastAt: number;
  activityAt: number;
}

const EVENT_COLUMNS = [
  'id',
  'title',
  'district',
  'category',
  'channels',
  'incident_count',
  'first_at',
  'last_at',
  'reasons',
  'created_at',
  'updated_at',
  'subject',
  'place',
  'state',
] as const;

const EVENT_TYPES = EVENT_COLUMNS.map((c) => (c === 'incident_count' ? 'integer' : c.endsWith('_at') ? 'bigint' : 'text'));

/** An event's row as EventsRepository.rows() took it. */
export type EventRow = Param[];

const inList = (ids: readonly string[]) => ids.map(() => '?').join(', ');

function noteFromRow(r: Record<string, unknown>): EventNote {
  const note: EventNote = {
    id: String(r.id),
    eventId: String(r.event_id),
    kind: String(r.kind) as EventNoteKind,
    actor: String(r.actor),
    actorName: String(r.actor_name),
    text: r.text == null ? null : String(r.text),
    createdAt: new Date(num(r.created_at)).toISOString(),
  };
  // only an instruction is carried out
  if (note.kind === 'instruction') {
    note.doneAt = r.done_at == null ? null : new Date(num(r.done_at)).toISOString();
    note.doneBy = r.done_by == null ? null : String(r.done_by);
  }
  return note;
}

@Injectable()
export class EventsRepository {
  constructor(private readonly db: Db) {}

  /** Writes the events a batch touched, new or grown: one statement per 100. */
  save(tx: Queryable, states: EventState[]): Promise<void> {
    return this.saveRows(tx, this.rows(states));
  }

  /**
   * The events as they stand now, ready to write: memory may move on before the write (the next
   * batch is decided while this one commits), and what is written is this moment's state.
   */
  rows(states: EventState[]): EventRow[] {
    const now = Date.now();
    return states.map((e) => [
      e.id,
      e.title,
      e.district,
      e.category,
      e.channels.join(','),
      e.incidentCount,
      e.firstAt,
      e.lastAt,
      JSON.stringify(e.reasons),
      e.createdAt,
      now,
      e.subject?.slice(0, 200) ?? null,
      e.place?.slice(0, 200) ?? null,
      JSON.stringify(e),
    ]);
  }

  async saveRows(tx: Queryable, rows: EventRow[]): Promise<void> {
    await insertRows(
      tx,
      {
        table: 'events',
        columns: EVENT_COLUMNS,
        types: EVENT_TYPES,
        tail: `ON CONFLICT (id) DO UPDATE SET district = excluded.district, category = excluded.category, channels = excluded.channels,
           incident_count = excluded.incident_count, first_at = excluded.first_at, last_at = excluded.last_at, reasons = excluded.reasons,
           updated_at = excluded.updated_at, subject = excluded.subject, place = excluded.place, state = excluded.state`,
        chunk: 100,
      },
      rows,
    );
  }

  async addNote(n: EventNote): Promise<void> {
    await this.db.execute(
      `INSERT INTO event_notes (id, event_id, kind, actor, actor_name, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [n.id, n.eventId, n.kind, n.actor, n.actorName, n.text, Date.parse(n.createdAt)],
    );
  }

  async note(eventId: string, noteId: string): Promise<EventNote | null> {
    const rows = await this.db.query<Record<string, unknown>>(`SELECT * FROM event_notes WHERE id = ? AND event_id = ?`, [noteId, eventId]);
    return rows[0] ? noteFromRow(rows[0]) : null;
  }

  /** Marks an instruction carried out; false when it already was (the first mark stays). */
  async markDone(noteId: string, at: number, by: string): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE event_notes SET done_at = ?, done_by = ? WHERE id = ? AND kind = 'instruction' AND done_at IS NULL`,
      [at, by, noteId],
    );
    return changed > 0;
  }

  /** An event's notes, oldest first. */
  async notes(eventId: string): Promise<EventNote[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT * FROM event_notes WHERE event_id = ? ORDER BY created_at ASC, id ASC`,
      [eventId],
    );
    return rows.map(noteFromRow);
  }

  /** The field teams dispatched to any alert of the event. */
  async dispatchedTeams(eventId: string): Promise<string[]> {
    const rows = await this.db.query<{ team_id: string }>(
      `SELECT DISTINCT d.team_id FROM dispatches d JOIN alerts a ON a.id = d.alert_id WHERE a.event_id = ?`,
      [eventId],
    );
    return rows.map((r) => String(r.team_id));
  }

  /** Ids of the events that have alerts changed since `since` (the rules follow their growth). */
  async alertedSince(since: number): Promise<Set<string>> {
    const rows = await this.db.query<{ event_id: string }>(`SELECT DISTINCT event_id FROM alerts WHERE updated_at >= ?`, [since]);
    return new Set(rows.map((r) => String(r.event_id)));
  }

  /** Events whose latest incident is at or after `since`, with their correlation state. */
  async recent(since: number): Promise<EventState[]> {
    const rows = await this.db.query<{ state: string }>(`SELECT state FROM events WHERE last_at >= ? ORDER BY last_at ASC`, [since]);
    const out: EventState[] = [];
    for (const r of rows) {
      const s = JSON.parse(r.state) as Partial<EventState>;
      // events from before correlation kept no state: they are not joined to
      if (s.id && Array.isArray(s.sigs)) out.push(s as EventState);
    }
    return out;
  }

  /**
   * The events a leader watches: those carrying a major alert or a sensitive-topic alert,
   * and those with an incident flagged sensitive received since `sensitiveSince` (a sensitive event
   * whose alert was silenced). Only those with activity (an incident, an alert change, a leader's
   * note) at or after `since`; newest activity first.
   */
  async watched(q: { since: number; sensitiveSince: number; limit: number }): Promise<WatchedEventRow[]> {
    // the greatest of three, written so that SQLite and PostgreSQL both read it
    const activity = `CASE WHEN w.last_at >= w.alert_at AND w.last_at >= w.note_at THEN w.last_at WHEN w.alert_at >= w.note_at THEN w.alert_at ELSE w.note_at END`;
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT w.*, ${activity} AS activity_at FROM (
         SELECT e.id, e.title, e.district, e.category, e.channels, e.incident_count, e.first_at, e.last_at,
           COALESCE((SELECT MAX(a.updated_at) FROM alerts a WHERE a.event_id = e.id), 0) AS alert_at,
           COALESCE((SELECT MAX(n.created_at) FROM event_notes n WHERE n.event_id = e.id), 0) AS note_at
         FROM events e
         WHERE e.id IN (
           SELECT a.event_id FROM alerts a WHERE a.severity = 'major' OR a.rule = 'sensitive-topic'
           UNION
           SELECT i.event_id FROM incidents i WHERE i.received_at >= ? AND i.event_id IS NOT NULL AND i.flags LIKE '%sensitive%'
         )
       ) w
       WHERE w.last_at >= ? OR w.alert_at >= ? OR w.note_at >= ?
       ORDER BY activity_at DESC, w.id DESC
       LIMIT ?`,
      [q.sensitiveSince, q.since, q.since, q.since, q.limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      district: r.district == null ? null : String(r.district),
      category: r.category == null ? null : String(r.category),
      channels: String(r.channels).split(',').filter(Boolean) as Channel[],
      incidentCount: num(r.incident_count),
      firstAt: num(r.first_at),
      lastAt: num(r.last_at),
      activityAt: num(r.activity_at),
    }));
  }

  /** The alerts of these events, oldest first, each with when it was escalated to the leaders. */
  async alertsOf(eventIds: readonly string[]): Promise<Map<string, WatchedEventAlert[]>> {
    const out = new Map<string, WatchedEventAlert[]>();
    if (eventIds.length === 0) return out;
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT a.id, a.event_id, a.seq, a.rule, a.severity, a.status, a.title, a.created_at, a.updated_at,
         (SELECT MIN(h.at) FROM alert_history h WHERE h.alert_id = a.id AND h.kind = 'escalated') AS escalated_at
       FROM alerts a WHERE a.event_id IN (${inList(eventIds)}) ORDER BY a.created_at ASC, a.seq ASC`,
      [...eventIds],
    );
    for (const r of rows) {
      const eventId = String(r.event_id);
      const list = out.get(eventId) ?? [];
      list.push({
        id: String(r.id),
        seq: num(r.seq),
        rule: String(r.rule),
        severity: String(r.severity) as Severity,
        status: String(r.status) as AlertStatus,
        title: String(r.title),
        createdAt: new Date(num(r.created_at)).toISOString(),
        updatedAt: new Date(num(r.updated_at)).toISOString(),
        escalatedAt: r.escalated_at == null ? null : new Date(num(r.escalated_at)).toISOString(),
      });
      out.set(eventId, list);
    }
    return out;
  }

  /** Which of these events hold an incident flagged sensitive. */
  async sensitiveOf(eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows = await this.db.query<{ event_id: string }>(
      `SELECT DISTINCT event_id FROM incidents WHERE event_id IN (${inList(eventIds)}) AND flags LIKE '%sensitive%'`,
      [...eventIds],
    );
    return new Set(rows.map((r) => String(r.event_id)));
  }

  /** Which of these events the user has marked 已阅. */
  async readBy(eventIds: readonly string[], username: string): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows = await this.db.query<{ event_id: string }>(
      `SELECT DISTINCT event_id FROM event_notes WHERE kind = 'read' AND actor = ? AND event_id IN (${inList(eventIds)})`,
      [username, ...eventIds],
    );
    return new Set(rows.map((r) => String(r.event_id)));
  }

  /** The newest 批示 of each of these events that has one. */
  async latestInstructions(eventIds: readonly string[]): Promise<Map<string, EventNote>> {
    const out = new Map<string, EventNote>();
    if (eventIds.length === 0) return out;
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT n.* FROM event_notes n
       WHERE n.kind = 'instruction' AND n.event_id IN (${inList(eventIds)})
         AND n.created_at = (SELECT MAX(m.created_at) FROM event_notes m WHERE m.event_id = n.event_id AND m.kind = 'instruction')
       ORDER BY n.created_at DESC, n.id DESC`,
      [...eventIds],
    );
    for (const r of rows) {
      const note = noteFromRow(r);
      if (!out.has(note.eventId)) out.set(note.eventId, note);
    }
    return out;
  }

  async get(id: string): Promise<EventRecord | null> {
    const rows = await this.db.query<Record<string, unknown>>(`SELECT * FROM events WHERE id = ?`, [id]);
    const r = rows[0];
    if (!r) return null;
    return {
      id: String(r.id),
      title: String(r.title),
      district: r.district == null ? null : String(r.district),
      category: r.category == null ? null : String(r.category),
      subject: r.subject == null ? null : String(r.subject),
      place: r.place == null ? null : String(r.place),
      channels: String(r.channels).split(',').filter(Boolean) as Channel[],
      incidentCount: num(r.incident_count),
      firstAt: new Date(num(r.first_at)).toISOString(),
      lastAt: new Date(num(r.last_at)).toISOString(),
      reasons: JSON.parse(String(r.reasons)) as string[],
      createdAt: new Date(num(r.created_at)).toISOString(),
      updatedAt: new Date(num(r.updated_at)).toISOString(),
    };
  }
}
