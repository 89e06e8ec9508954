import type { Channel } from './channels';
import { maskReporter, maskText, type Reporter } from './masking';

export const INCIDENT_FLAGS = ['sensitive', 'repeat', 'professional-claimant', 'simulated'] as const;
export type IncidentFlag = (typeof INCIDENT_FLAGS)[number];

export interface Coordinates {
  lng: number;
  lat: number;
}

export interface Merchant {
  name: string;
  uscc: string | null;
  address: string | null;
}

/** One record from one channel, normalized (工单 / 来件). Holds personal data: never sent as is. */
export interface Incident {
  id: string;
  channel: Channel;
  externalId: string;
  occurredAt: string;
  receivedAt: string;
  /** The channel's own kind: appeal type, complaint kind, alarm type or platform. */
  kind: string;
  title: string;
  content: string;
  address: string | null;
  district: string | null;
  location: Coordinates | null;
  category: string | null;
  department: string | null;
  eventId: string | null;
  flags: IncidentFlag[];
  reporter: Reporter | null;
  merchant: Merchant | null;
  dueAt: string | null;
  /** Channel-specific facts rules read: level, casualties, amount, reach, topics … */
  facts: IncidentFacts;
  /** why it joined its event ("same merchant 海韵渔家大排档"); null for an event's first incident */
  joinReason?: string | null;
}

export interface IncidentFacts {
  urgency?: string;
  source?: string;
  industry?: string;
  amount?: number;
  level?: number;
  casualties?: number;
  platform?: string;
  url?: string;
  author?: string;
  followers?: number;
  verified?: boolean;
  reposts?: number;
  comments?: number;
  likes?: number;
  views?: number;
  topics?: string[];
  // what the server understood: shown to duty staff, read by the rules
  /** the merchant the record is about, as written */
  subject?: string;
  /** the landmark or road it happened at */
  place?: string;
  /** posts: 0 (positive) … 0.5 (neutral) … 1 (negative) */
  negativity?: number;
  /** posts: estimated reach from followers and engagement */
  reach?: number;
  /** sensitive topics the text touches (labels, e.g. 非法集资) */
  sensitive?: string[];
  /** the peak-season watch area it falls in */
  watchArea?: string;
  /** why the reporter is taken for a professional claimant */
  claimantWhy?: string;
}

/** What lists and the live stream show of an incident (CONTRACT §4); the reporter is masked. */
export type IncidentSummary = Pick<
  Incident,
  | 'id'
  | 'channel'
  | 'externalId'
  | 'occurredAt'
  | 'receivedAt'
  | 'kind'
  | 'title'
  | 'district'
  | 'category'
  | 'department'
  | 'eventId'
  | 'flags'
  | 'reporter'
>;

export function toIncidentSummary(i: Incident): IncidentSummary {
  return {
    id: i.id,
    channel: i.channel,
    externalId: i.externalId,
    occurredAt: i.occurredAt,
    receivedAt: i.receivedAt,
    kind: i.kind,
    title: maskText(i.title),
    district: i.district,
    category: i.category,
    department: i.department,
    eventId: i.eventId,
    flags: i.flags,
    reporter: maskReporter(i.reporter),
  };
}
