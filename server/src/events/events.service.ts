import { Injectable } from '@nestjs/common';
import type { IncidentSummary } from '@jointduty/shared';
import { toIncidentSummary } from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { EventsRepository, type EventRecord } from './events.repository';

export type EventDetail = EventRecord & { incidents: IncidentSummary[] };

@Injectable()
export class EventsService {
  constructor(
    private readonly events: EventsRepository,
    private readonly incidents: IncidentsRepository,
  ) {}

  async detail(id: string): Promise<EventDetail> {
    const event = await this.events.get(id);
    if (!event) throw new AppException('not_found', `event ${id.slice(0, 64)} not found`);
    const incidents = await this.incidents.list({ eventId: id, limit: 1000 });
    return { ...event, incidents: incidents.map(toIncidentSummary) };
  }
}
