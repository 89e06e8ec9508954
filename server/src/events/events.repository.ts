import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Channel, Incident } from '@jointduty/shared';
import { Db, num, type Queryable } from '../infra/database/db';

export interface EventRecord {
  id: string;
  title: string;
  district: string | null;
  category: string | null;
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

  /** An event that starts with this one incident (correlation joins more in a later issue). */
  async createFor(tx: Queryable, incident: Incident, reason: string): Promise<string> {
    const id = randomUUID();
    const now = Date.now();
    const at = Date.parse(incident.occurredAt);
    await tx.execute(
      `INSERT INTO events (id, title, district, category, channels, incident_count, first_at, last_at, reasons, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
      [id, incident.title.slice(0, 200), incident.district, incident.category, incident.channel, at, at, JSON.stringify([reason]), now, now],
    );
    await tx.execute(`UPDATE incidents SET event_id = ? WHERE id = ?`, [id, incident.id]);
    return id;
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
