import type { Alert, DispatchNotice } from '../alert';
import type { EventNoteNotice } from '../event-note';
import type { IncidentSummary } from '../incident';
import type { Order, OrderReminderNotice } from '../orders';
import type { DutyState, InfoReport } from '../reports';
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
  /** A work order opened (masked): to admin, duty and the unit's department users. */
  'order:new': (order: Order) => void;
  /** A work order changed (a step, a reassignment, a reminder, an overdue mark): to the same. */
  'order:update': (order: Order) => void;
  /** A 催办 on an order, with the order: to the unit's department users. */
  'order:reminder': (notice: OrderReminderNotice) => void;
  /** An information report opened, submitted, closed or gone late: to admin, duty and leaders. */
  'info-report:update': (report: InfoReport) => void;
  /** The duty strip changed (a shift began, a handover was made or accepted, the nudge before a change): to admin, duty and leaders. */
  'duty:state': (state: DutyState) => void;
  /** After a `resume`: every missed change was sent; `lastSeq` is the newest one now known. */
  resumed: (info: { lastSeq: number; replayed: number }) => void;
}

/**
 * What a screen may ask, in the handshake's `auth` (`{ token, mute: ['orders'] }`), not to be
 * sent: `orders` — `order:new` and `order:update`, which a screen showing no work order list (the
 * wall, the console) would only pay for: at 1,000 records/s most of them are orders, one frame
 * each to every duty socket. It holds for the connection and every reconnect of the socket.
 */
export const LIVE_MUTABLE = ['orders'] as const;
export type LiveMutable = (typeof LIVE_MUTABLE)[number];

export interface ResumeRequest {
  afterSeq: number;
}

export interface ClientToServerEvents {
  resume: (req: ResumeRequest, ack?: (info: { lastSeq: number; replayed: number }) => void) => void;
}
