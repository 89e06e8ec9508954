import type { Channel } from './channels';
import type { EventNote } from './event-note';

export const SEVERITIES = ['general', 'urgent', 'major'] as const;
/** 一般 / 紧急 / 重大 */
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** The highest severity among alerts; null when there are none. */
export function highestSeverity(alerts: Iterable<{ severity: Severity }>): Severity | null {
  let max: Severity | null = null;
  for (const a of alerts) if (max === null || severityRank(a.severity) > severityRank(max)) max = a.severity;
  return max;
}

export const ALERT_STATUSES = ['open', 'acknowledged', 'dispatched', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** What a rule raised on an event (CONTRACT §4). */
export interface Alert {
  id: string;
  /** Rises with every alert change across the whole system; never repeated. */
  seq: number;
  eventId: string;
  rule: string;
  severity: Severity;
  title: string;
  summary: string;
  channels: Channel[];
  district: string | null;
  category: string | null;
  incidentCount: number;
  status: AlertStatus;
  createdAt: string;
  updatedAt: string;
  simulated?: boolean;
  /** Field teams sent to it and how far each has got (extension to CONTRACT §4). */
  dispatches?: DispatchProgress[];
}

export const DISPATCH_STEPS = ['ack', 'contacted', 'onsite', 'resolve'] as const;
/** 签收 已联系 到场 办结 */
export type DispatchStep = (typeof DISPATCH_STEPS)[number];
export const DISPATCH_STATUSES = ['dispatched', 'acknowledged', 'contacted', 'onsite', 'resolved'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];
export const STEP_STATUS: Record<DispatchStep, DispatchStatus> = {
  ack: 'acknowledged',
  contacted: 'contacted',
  onsite: 'onsite',
  resolve: 'resolved',
};

export interface DispatchProgress {
  dispatchId: string;
  teamId: string;
  status: DispatchStatus;
  updatedAt: string;
}

export interface Dispatch {
  id: string;
  alertId: string;
  teamId: string;
  status: DispatchStatus;
  note: string | null;
  dispatchedBy: string;
  createdAt: string;
  ackedAt: string | null;
  contactedAt: string | null;
  onsiteAt: string | null;
  resolvedAt: string | null;
  resultNote: string | null;
  alert?: Alert;
  /** the duty officer's display name (lists; extension) */
  dispatchedByName?: string;
  /** where to go: the place understood from the event's reports, masked (lists; extension) */
  place?: string | null;
  /** leaders' 批示 on the alert's event, oldest first (lists; extension) */
  instructions?: EventNote[];
}

export interface DispatchNotice {
  dispatchId: string;
  alert: Alert;
  note: string | null;
  /** extensions: when and by whom it was sent */
  createdAt?: string;
  dispatchedBy?: string;
  dispatchedByName?: string;
}

/** A step's note, and 办结's result (required for `resolve`). */
export const DISPATCH_NOTE_MAX = 1000;
/** How far ahead of the server's clock a phone's `at` may be (clock skew); within it, `at` is clamped. */
export const STEP_CLOCK_SKEW_MS = 2 * 60_000;
/** How old a step's `at` may be: a phone offline longer than this has its step refused. */
export const STEP_MAX_AGE_MS = 24 * 3_600_000;

/** What can happen to an alert, in the order a response usually goes (the leader view). */
export const ALERT_HISTORY_KINDS = ['raised', 'severity', 'acknowledged', 'dispatched', 'step', 'escalated', 'resolved'] as const;
export type AlertHistoryKind = (typeof ALERT_HISTORY_KINDS)[number];

/**
 * One entry of an alert's response timeline, oldest first: raised (rule, severity), severity
 * raised, acknowledged, dispatched (teams), each team's step (签收 已联系 到场 办结, at the time the
 * step was recorded), escalated to the leaders, resolved (note). `actor` is null for the system.
 */
export interface AlertHistoryEntry {
  id: number;
  alertId: string;
  kind: AlertHistoryKind;
  at: string;
  /** the username of who did it; null when the system did (raised, severity, escalated) */
  actor: string | null;
  /** their display name, for the screens */
  actorName: string | null;
  /** raised: the rule that fired */
  rule?: string;
  /** raised, severity, escalated: the grade at that moment */
  severity?: Severity;
  /** severity: the grade before */
  previousSeverity?: Severity;
  /** dispatched: the teams sent */
  teams?: Array<{ id: string; name: string }>;
  /** step: the team and its dispatch */
  team?: { id: string; name: string };
  dispatchId?: string;
  step?: DispatchStep;
  /** escalated: minutes it had waited unacknowledged */
  waitedMinutes?: number;
  /** dispatched: the dispatch note; step: the team's note; resolved: the result */
  note?: string | null;
}
