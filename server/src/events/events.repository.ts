import { Injectable } from '@nestjs/common';
import type { Channel, EventNote, EventNoteKind } from '@jointduty/shared';
import { Db, num, valuesClause, type Param, type Queryable } from '../infra/database/db';
import type { EventState } from './correlator';

export interface EventRecord {
  id: string;
  title: string;
  district: string | null;
  category: string | null;
  subject: string | null;
  place: string | null;
  channels: Channel[];
  incidentCount: number;
  firstAt: string;
  lastAt: string;
  reasons: string[];
  createdAt: string;
  updatedAt: string;
}

@Injectable()
export class EventsRepository {
  constructor(private readonly db: Db) {}

  /** Writes the events a batch touched, new or grown: one statement per 100. */
  async save(tx: Queryable, states: EventState[]): Promise<void> {
    const now = Date.now();
    const cols = [
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
    ];
    for (let i = 0; i < states.length; i += 100) {
      const chunk = states.slice(i, i + 100);
      const params: Param[] = chunk.flatMap((e) => [
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
      await tx.execute(
        `INSERT INTO events (${cols.join(', ')}) VALUES ${valuesClause(chunk.length, cols.length)}
         ON CONFLICT (id) DO UPDATE SET district = excluded.district, category = excluded.category, channels = excluded.channels,
           incident_count = excluded.incident_count, first_at = excluded.first_at, last_at = excluded.last_at, reasons = excluded.reasons,
           updated_at = excluded.updated_at, subject = excluded.subject, place = excluded.place, state = excluded.state`,
        params,
      );
    }
  }

  async addNote(n: EventNote): Promise<void> {
    await this.db.execute(
      `INSERT INTO event_notes (id, event_id, kind, actor, actor_name, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [n.id, n.eventId, n.kind, n.actor, n.actorName, n.text, Date.parse(n.createdAt)],
    );
  }

  /** An event's notes, oldest first. */
  async notes(eventId: string): Promise<EventNote[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT * FROM event_notes WHERE event_id = ? ORDER BY created_at ASC, id ASC`,
      [eventId],
    );
    return rows.map((r) => ({
      id: String(r.id),
      eventId: String(r.event_id),
      kind: String(r.kind) as EventNoteKind,
      actor: String(r.actor),
      actorName: String(r.actor_name),
      text: r.text == null ? null : String(r.text),
      createdAt: new Date(num(r.created_at)).toISOString(),
    }));
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
