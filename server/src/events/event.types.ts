import type { Channel, Severity } from '@jointduty/shared';

// An event's state as the correlator and the rules keep it in memory and the store keeps it as
// JSON in events.state: the one shape both sides share, so neither imports the other.

/** What the story reader makes of a record's text; compared between records and events. */
export interface StorySignature {
  concepts: string[];
  tokens: string[];
  /** the concepts that happen once at one moment and place (fire, fight …) */
  acute?: string[];
}

/** An event as the correlator and the rules see it; persisted as JSON in events.state. */
export interface EventState {
  id: string;
  title: string;
  district: string | null;
  category: string | null;
  subject: string | null;
  place: string | null;
  channels: Channel[];
  incidentCount: number;
  firstAt: number;
  lastAt: number;
  createdAt: number;
  keys: string[];
  usccs: string[];
  places: string[];
  sigs: StorySignature[];
  harmIncidents: number;
  harmChannels: Channel[];
  /** complainants (person key or incident id when anonymous) and when, claimants left out */
  complainants: Array<{ who: string; at: number }>;
  watchArea: string | null;
  reasons: string[];
  /** praise: never joined */
  standalone?: boolean;
  /** the first house number seen on each road */
  numbers?: Record<string, number>;
  /** names feeds gave in their merchant field (learnt again after a restart) */
  fieldKeys?: string[];
  /** an alert has been raised on it: its alerts follow its growth */
  alerted?: boolean;
  /** when the pipeline last wrote its alerts, and each rule's alert severity then (memory only) */
  alertsAt?: number;
  alertRules?: Record<string, Severity>;
}
