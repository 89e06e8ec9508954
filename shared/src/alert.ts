import type { Channel } from './channels';

export const SEVERITIES = ['general', 'urgent', 'major'] as const;
/** 一般 / 紧急 / 重大 */
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
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
}

export interface DispatchNotice {
  dispatchId: string;
  alert: Alert;
  note: string | null;
}
