import type { Incident, IncidentFlag } from '@jointduty/shared';

// The shapes of a record on its way in and of its link to an event: shared by the store and the
// understanding engine, which must not import the store itself.

export interface NewIncident {
  incident: Incident;
  raw: string;
  /** one-way key of the reporter's phone (repeat complaints, claimants) */
  personKey?: string | null;
  /** what the record is about, for repeat complaints: a merchant key, else place and category */
  subjectKey?: string | null;
}

export interface EventLink {
  id: string;
  eventId: string;
  joinReason: string | null;
  flags: IncidentFlag[];
}
