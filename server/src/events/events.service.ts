import { Injectable } from '@nestjs/common';
import type { EventDetail, EventListQuery, SessionUser, WatchedEvent } from '@jointduty/shared';
import { highestSeverity, toIncidentSummary } from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { EventsRepository } from './events.repository';

const MAX_INCIDENTS = 1000;
// a sensitive event whose sensitive-topic alert was silenced or is switched off is found from its
// incidents of this long: a bounded scan, whatever the age of the database
const SENSITIVE_SCAN_MS = 3 * 24 * 3_600_000;
const DEFAULT_WATCHED = 50;

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly incidents: IncidentsRepository,
  ) {}

  /** The leader's list: sensitive events and those carrying a major alert, newest activity first. */
  async watched(q: EventListQuery, user: SessionUser, now = Date.now()): Promise<WatchedEvent[]> {
    const since = q.since === undefined ? 0 : Date.parse(q.since);
    const rows = await this.events.watched({
      since,
      sensitiveSince: Math.max(since, now - SENSITIVE_SCAN_MS),
      limit: q.limit ?? DEFAULT_WATCHED,
    });
    const ids = rows.map((r) => r.id);
    const [alerts, sensitive, read, instructions] = await Promise.all([
      this.events.alertsOf(ids),
      this.events.sensitiveOf(ids),
      this.events.readBy(ids, user.username),
      this.events.latestInstructions(ids),
    ]);
    return rows.map((r) => {
      const list = alerts.get(r.id) ?? [];
      return {
        id: r.id,
        title: r.title,
        severity: highestSeverity(list),
        district: r.district,
        category: r.category,
        channels: r.channels,
        incidentCount: r.incidentCount,
        firstAt: new Date(r.firstAt).toISOString(),
        lastAt: new Date(r.lastAt).toISOString(),
        activityAt: new Date(r.activityAt).toISOString(),
        sensitive: sensitive.has(r.id) || list.some((a) => a.rule === 'sensitive-topic'),
        alerts: list,
        read: read.has(r.id),
        latestInstruction: instructions.get(r.id) ?? null,
      };
    });
  }

  async detail(id: string): Promise<EventDetail> {
    const event = await this.events.get(id);
    if (!event) throw new AppException('event.not_found', `event ${id.slice(0, 64)} not found`);
    const incidents = await this.incidents.list({ eventId: id, limit: MAX_INCIDENTS });
    incidents.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.receivedAt < b.receivedAt ? -1 : 1));
    const notes = await this.events.notes(id);
    return {
      ...event,
      notes,
      incidents: incidents.map((i) => ({
        ...toIncidentSummary(i),
        joinReason: i.joinReason ?? null,
        subject: i.facts.subject ?? null,
        place: i.facts.place ?? null,
      })),
    };
  }
}
