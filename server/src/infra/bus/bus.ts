import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { Alert, DispatchNotice, DutyState, EventNoteNotice, Incident, InfoReport, Order, OrderReminder } from '@jointduty/shared';

/** Internal domain events (`domain.pastTense`) and their payloads. */
export interface BusEvents {
  'incident.accepted': Incident[];
  /** reclassified or moved by a duty officer */
  'incident.updated': Incident;
  'alert.raised': Alert;
  'alert.updated': Alert;
  'alert.escalated': Alert;
  'dispatch.created': { teamId: string; notice: DispatchNotice };
  'event.noted': { notice: EventNoteNotice; teamIds: string[] };
  /** a work order opened or changed; `units` are the department rooms that see it */
  'order.changed': { kind: 'new' | 'update'; order: Order; units: string[] };
  /** a 催办 fired (automatic level or duty's own): for the unit's users and the notification seam */
  'order.reminded': { order: Order; reminder: OrderReminder; units: string[] };
  /** an information report opened, submitted or closed: for the wall, the console and leaders */
  'info-report.changed': InfoReport;
  /** a report step passed its deadline unsubmitted: the notification seam tells the duty leader (§9) */
  'info-report.late': { report: InfoReport; step: 'initial' | 'update' | 'final'; dueAt: string };
  /** the duty strip changed: a shift began, a handover was made or accepted, the nudge before a change */
  'duty.changed': DutyState;
  /** a shift's end drafted the day's duty report (值班日报): the notification seam may send it on */
  'report.drafted': { kind: 'daily'; date: string; shiftKey: string; snapshotId: string };
}
export type BusTopic = keyof BusEvents;

// The event bus: in-process, one per instance; what is published reaches this instance's
// subscribers only. Other instances learn of changes without it: alert changes and records stored
// elsewhere through the database (each instance reads the alert change log, woken by PostgreSQL
// LISTEN/NOTIFY on its cluster connection: infra/cluster's InstanceMessages), and what one instance
// emits to a room reaches the others' sockets through the Socket.IO Redis Streams adapter when
// REDIS_URL is set (infra/realtime). Publishers and subscribers know only this abstract class.
export abstract class EventBus {
  abstract publish<T extends BusTopic>(topic: T, payload: BusEvents[T]): void;
  abstract subscribe<T extends BusTopic>(topic: T, handler: (payload: BusEvents[T]) => void | Promise<void>): () => void;
  abstract healthy(): boolean;
}

export class InProcessBus extends EventBus {
  private readonly emitter = new EventEmitter();
  private readonly logger = new Logger('bus');

  constructor() {
    super();
    this.emitter.setMaxListeners(50);
  }

  publish<T extends BusTopic>(topic: T, payload: BusEvents[T]): void {
    this.emitter.emit(topic, payload);
  }

  subscribe<T extends BusTopic>(topic: T, handler: (payload: BusEvents[T]) => void | Promise<void>): () => void {
    // a failing subscriber is logged; it never breaks the publisher or the other subscribers
    const wrapped = (payload: BusEvents[T]) => {
      try {
        const r = handler(payload);
        if (r instanceof Promise) r.catch((err: unknown) => this.logger.error(`${topic} handler failed: ${String(err)}`));
      } catch (err) {
        this.logger.error(`${topic} handler failed: ${String(err)}`);
      }
    };
    this.emitter.on(topic, wrapped);
    return () => this.emitter.off(topic, wrapped);
  }

  healthy(): boolean {
    return true;
  }
}
