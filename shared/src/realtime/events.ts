import type { Alert, DispatchNotice } from '../alert';
import type { EventNoteNotice } from '../event-note';
import type { IncidentSummary } from '../incident';
import type { StatsOverview } from '../stats';

/** Events the server pushes on /live (CONTRACT §4), typed for both sides. */
export interface ServerToClientEvents {
  'alert:new': (alert: Alert) => void;
  'alert:update': (alert: Alert) => void;
  'alert:escalated': (alert: Alert) => void;
  incidents: (batch: IncidentSummary[]) => void;
  /** An incident a duty officer reclassified or moved to another event, masked: to admin and duty. */
  'incident:update': (incident: IncidentSummary) => void;
  'dispatch:new': (notice: DispatchNotice) => void;
  stats: (overview: StatsOverview) => void;
  /** A leader's 已阅 or 批示 on an event: to admin, duty and leaders, and (instructions) to the teams dispatched to it. */
  'event:note': (notice: EventNoteNotice) => void;
  /** After a `resume`: every missed change was sent; `lastSeq` is the newest one now known. */
  resumed: (info: { lastSeq: number; replayed: number }) => void;
}

export interface ResumeRequest {
  afterSeq: number;
}

export interface ClientToServerEvents {
  resume: (req: ResumeRequest, ack?: (info: { lastSeq: number; replayed: number }) => void) => void;
}
