import type { Channel, EventNote, IncidentSummary } from '@jointduty/shared';

/** An incident on an event's timeline (`GET /api/events/{id}`): why it joined, what and where it is about. */
export interface TimelineIncident extends IncidentSummary {
  joinReason: string | null;
  subject: string | null;
  place: string | null;
}

/** `GET /api/events/{id}`: the event, its incidents oldest first, leaders' notes oldest first. */
export interface EventDetail {
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
  incidents: TimelineIncident[];
  notes: EventNote[];
}
