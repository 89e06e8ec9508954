import { Injectable } from '@nestjs/common';
import type { EventNote, IncidentSummary } from '@jointduty/shared';
import { toIncidentSummary } from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { EventsRepository, type EventRecord } from './events.repository';

/** An event's incidents, oldest first, each with why it joined (CONTRACT §5 `GET /api/events/{id}`). */
export type EventDetail = EventRecord & {
  incidents: Array<IncidentSummary & { joinReason: string | null; subject: string | null; place: string | null }>;
  /** leaders' 已阅 and 批示, oldest first */
  notes: EventNote[];
};

const MAX_INCIDENTS = 1000;

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly incidents: IncidentsRepository,
  ) {}

  async detail(id: string): Promise<EventDetail> {
    const event = await this.events.get(id);
    if (!event) throw new AppException('not_found', `event ${id.slice(0, 64)} not found`);
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
