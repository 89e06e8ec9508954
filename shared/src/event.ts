import type { Channel } from './channels';
import type { EventNote } from './event-note';
import type { IncidentSummary } from './incident';

/** An event's own facts, as `GET /api/events/{id}` gives them before its incidents and notes. */
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

/** An incident of an event (`GET /api/events/{id}`): why it joined, what and where it is about. */
export interface EventIncident extends IncidentSummary {
  joinReason: string | null;
  subject: string | null;
  place: string | null;
}

/** `GET /api/events/{id}` (CONTRACT §5): the event, its incidents oldest first, leaders' 已阅 and 批示 oldest first. */
export interface EventDetail extends EventRecord {
  incidents: EventIncident[];
  notes: EventNote[];
}
