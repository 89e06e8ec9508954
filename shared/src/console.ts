import type { Channel } from './channels';
import type { IncidentFlag, IncidentSummary } from './incident';

// What the duty console and the server share besides the request schemas
// (./console-schemas): result shapes, page cursors, the live filter match. No zod here: the web
// bundles this file.

/** Most incidents or audit entries one page answers (1000, as lists answered before the console). */
export const PAGE_MAX = 1000;

/** The cursor of the page after this incident (older ones), for `before`. */
export function incidentCursor(i: Pick<IncidentSummary, 'receivedAt' | 'id'>): string {
  return `${i.receivedAt}~${i.id}`;
}

/** What the queue filters by, as the web keeps it (all optional; times ISO). */
export interface IncidentFilters {
  channel?: Channel;
  district?: string;
  category?: string;
  department?: string;
  flags?: IncidentFlag[];
  since?: string;
  until?: string;
  eventId?: string;
  q?: string;
}

/** Whether an incident summary passes the filters as the server's list decides (for live pushes). */
export function matchesIncidentFilters(i: IncidentSummary, f: IncidentFilters): boolean {
  if (f.channel && i.channel !== f.channel) return false;
  if (f.district && i.district !== f.district) return false;
  if (f.category && !(i.category === f.category || (i.category ?? '').startsWith(`${f.category}>`))) return false;
  if (f.department && i.department !== f.department) return false;
  if (f.flags && f.flags.length > 0 && !f.flags.some((x) => i.flags.includes(x))) return false;
  const at = Date.parse(i.receivedAt);
  if (f.since && at < Date.parse(f.since)) return false;
  if (f.until && at >= Date.parse(f.until)) return false;
  if (f.eventId && i.eventId !== f.eventId) return false;
  // pushed titles are masked like listed ones; the search is case-blind as on the server
  if (f.q && !i.title.toLowerCase().includes(f.q.toLowerCase())) return false;
  return true;
}

/** An event's counts as a move left them. */
export interface EventCounts {
  id: string;
  title: string;
  incidentCount: number;
  channels: Channel[];
  firstAt: string;
  lastAt: string;
}

/** The answer to a move. */
export interface MoveResult {
  incident: IncidentSummary;
  /** the event it left (null when it had none) */
  from: EventCounts | null;
  to: EventCounts;
  /** true when the move started an event of its own */
  created: boolean;
}

/** The answer to a reclassify. */
export interface ReclassifyResult {
  incident: IncidentSummary;
  /** the event's category followed: the incident is the one that defines its event */
  eventFollowed: boolean;
}

/** `GET /api/taxonomy`: the departments with their category paths, and the districts (config). */
export interface Taxonomy {
  departments: Array<{ id: string; name: string; categories: string[] }>;
  districts: string[];
}

/** `GET /api/teams`: a field team. */
export interface TeamInfo {
  id: string;
  name: string;
  district: string;
  department: string;
}

/** `GET /api/silences`: one silence (an event, a rule, or a rule on an event, muted for a while). */
export interface Silence {
  id: string;
  eventId: string | null;
  rule: string | null;
  reason: string;
  createdBy: string;
  startsAt: string;
  endsAt: string;
  cancelledAt: string | null;
}

/** Duty actions written to the audit log, each with `detail.before` and `detail.after`. */
export const AUDIT_ACTIONS = [
  'alert.acknowledge',
  'alert.dispatch',
  'alert.resolve',
  'silence.create',
  'silence.cancel',
  'profile.choose',
  'incident.reclassify',
  'incident.move',
  'incident.release',
  'incident.read-personal-data',
  'event.read',
  'event.instruct',
  'dispatch.ack',
  'dispatch.contacted',
  'dispatch.onsite',
  'dispatch.resolve',
] as const;

/** One audit log entry: who did what to which record, when, and what it was before and after. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: unknown;
}

/** The cursor of the page after this entry (older ones), for `before`. */
export function auditCursor(e: Pick<AuditEntry, 'at' | 'id'>): string {
  return `${e.at}~${e.id}`;
}

/**
 * A stored record that understanding failed on, on its own, again and again: it left the
 * correlation queue so the records behind it go on (GET /api/pipeline/quarantine). The title is
 * masked like a summary's.
 */
export interface QuarantinedRecord {
  incidentId: string;
  channel: Channel;
  externalId: string;
  title: string;
  district: string | null;
  receivedAt: string;
  /** the error's first line */
  reason: string;
  /** failed attempts on its own before it was set aside */
  attempts: number;
  quarantinedAt: string;
}
