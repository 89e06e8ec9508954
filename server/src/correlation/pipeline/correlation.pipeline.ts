import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Incident } from '@jointduty/shared';
import type { NewIncident } from '../../incidents/incidents.repository';
import { CorrelationLease } from '../../infra/cluster/lease.service';
import { DirectStore } from './direct-store';
import { GrowthThrottle } from './growth-throttle';
import { PipelineMetrics } from './pipeline.metrics';
import { QuarantineService } from './quarantine.service';
import { QueueWorker } from './queue-worker';
import { CorrelationTurns, type Staged } from './turns';

// The second half of intake, on the instance holding the correlation lease. Enrichment, people
// and correlation run in memory, the rules against the events as they stand after a batch, and
// one fenced transaction writes the incidents' events, the events and the alerts together. Only
// then are `incidents` and alert changes published (AfterCommit). So a crash at any moment leaves
// each record either not stored, or stored and waiting (it is done again, by this or the next
// holder), or done with its alerts (never done twice: the fence and `event_id IS NULL` guard it).
//
// Two ways in: the holder's own intake is stored with its events (DirectStore); records stored
// elsewhere, left by a crash or refused by the direct way wait in the database for the queue
// (QueueWorker), which searches a failed batch for the record to blame (QuarantineService).
// Alert growth alone is written at most every few seconds per event (GrowthThrottle). Every job
// on memory takes its turn (CorrelationTurns). This class starts and stops them in order and is
// the door intake and the tests use.
@Injectable()
export class CorrelationPipeline implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('pipeline');

  constructor(
    private readonly lease: CorrelationLease,
    private readonly turns: CorrelationTurns,
    private readonly queue: QueueWorker,
    private readonly direct: DirectStore,
    private readonly growth: GrowthThrottle,
    private readonly quarantine: QuarantineService,
    private readonly metrics: PipelineMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.queue.start();
    this.metrics.gauges({
      inMemory: () => this.queue.length,
      inDatabase: () => this.queue.inDatabase,
      quarantined: () => this.quarantine.count,
      held: () => this.lease.held,
    });
    await this.lease.start();
  }

  /** Drains: what was handed over is correlated before the database closes (bounded wait). */
  async onModuleDestroy(): Promise<void> {
    await this.queue.stop();
    // direct stores under way commit (or fail) before the lease goes
    await this.turns.idle();
    if (this.lease.held && this.growth.waiting) await this.turns.run(() => this.growth.flush(true)).catch(() => undefined);
    await this.lease.release();
  }

  /** The holder's own intake, stored with its events (DirectStore.store), or null: the plain way. */
  store(rows: NewIncident[]): Staged<Set<string> | null> {
    return this.direct.store(rows);
  }

  /** Records this instance just committed the plain way. */
  accepted(batch: Incident[]): void {
    this.queue.accepted(batch);
  }

  /** A quarantined record was sent back to the queue (the database says which). */
  released(): void {
    this.queue.released();
  }

  /** How many records wait for correlation, for backpressure. */
  backlog(): Promise<number> {
    return this.queue.backlog();
  }

  /** Resolves when everything handed over so far has been correlated (tests, shutdown). */
  async idle(): Promise<void> {
    await this.queue.idle();
    // and the alert growth held back (tests read counts at once; shutdown leaves nothing behind)
    if (this.lease.held && this.growth.waiting) {
      await this.turns.run(() => this.growth.flush(true)).catch((e: unknown) => this.logger.warn(`alert growth not written: ${String(e)}`));
    }
    await this.turns.idle();
  }
}
