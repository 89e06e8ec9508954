import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { Alert, DispatchNotice, EventNoteNotice, Incident, Order, OrderReminder } from '@jointduty/shared';

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
