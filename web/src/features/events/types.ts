import type { Channel, IncidentSummary } from '@jointduty/shared';

/** An incident of an event (`GET /api/events/{id}`): why it joined, what and where it is about. */
export interface EventIncident extends IncidentSummary {
  joinReason: string | null;
  subject: string | null;
  place: string | null;
}

/** What the console shows of `GET /api/events/{id}` (the answer holds more). */
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
  incidents: EventIncident[];
}
