import { Injectable, Logger } from '@nestjs/common';
import type { Incident } from '@jointduty/shared';
import { AlertsService, type AlertChangeMade } from '../../alerts/alerts.service';
import { EventBus } from '../../infra/bus/bus';
import { OrderIntake } from '../../orders/order-intake';
import type { OrderRow } from '../../orders/order.types';
import type { Verdict } from '../rules/rules.engine';
import { GrowthThrottle } from './growth-throttle';
import { PipelineMetrics, type CorrelationPath } from './pipeline.metrics';

/** A batch whose transaction committed: its records, the verdicts and alert changes written. */
export interface CommittedBatch {
  batch: Incident[];
  verdicts: Verdict[];
  changes: AlertChangeMade[];
  /** when the verdicts were reached */
  now: number;
  /** performance.now() when the batch started, and when it was understood */
  t0: number;
  t1: number;
  path: CorrelationPath;
}

// Only once the transaction committed are `incidents` and alert changes published.
@Injectable()
export class AfterCommit {
  private readonly logger = new Logger('pipeline');

  constructor(
    private readonly metrics: PipelineMetrics,
    private readonly growth: GrowthThrottle,
    private readonly bus: EventBus,
    private readonly alerts: AlertsService,
    private readonly orders: OrderIntake,
  ) {}

  /**
   * Metrics, memory of what was written, then the pushes (with the work orders the transaction
   * made or changed). Never throws: the commit stands.
   */
  done(b: CommittedBatch, orders: OrderRow[] = [], kind: 'new' | 'update' = 'new'): void {
    try {
      this.metrics.batch(b.path, b.batch.length, b.verdicts.length, b.t0, b.t1);
      this.growth.written(b.verdicts, b.changes, b.now);
      this.metrics.reached(b.batch);
      this.bus.publish('incident.accepted', b.batch);
      this.alerts.publish(b.changes);
      if (orders.length > 0) this.orders.announce(kind, orders, new Map(b.batch.map((i) => [i.id, i.eventId])));
    } catch (err) {
      this.logger.error(`after a commit: ${(err as Error).message}`);
    }
  }
}
