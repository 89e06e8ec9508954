import { OrderIntake } from '../../orders/order-intake';
import type { OrderRow } from '../../orders/order.types';
import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import type { Incident } from '@jointduty/shared';
import type { AlertChangeMade } from '../../alerts/alerts.service';
import { EventsRepository } from '../../events/events.repository';
import { IncidentsRepository, type SettledIncident } from '../../incidents/incidents.repository';
import { InstanceMessages } from '../../infra/cluster/instance-messages';
import { CorrelationLease, LeaseLostError, StaleStateError } from '../../infra/cluster/lease.service';
import { Db } from '../../infra/database/db';
import type { EventState } from '../engine/correlator';
import { OVERDUE_EVERY_MS, RulesEngine, type Verdict } from '../rules/rules.engine';
import { UnderstandingService } from '../understanding.service';
import { AfterCommit } from './after-commit';
import { CorrelationMemory } from './correlation-memory';
import { GROWTH_EVERY_MS, GrowthThrottle } from './growth-throttle';
import { PipelineMetrics } from './pipeline.metrics';
import { QuarantineService, UnderstandingFailedError } from './quarantine.service';
import { CorrelationTurns } from './turns';

const BATCH = 500;
const SWEEP = 2000;
const SWEEP_EVERY_MS = 2000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;

// The queue: records another instance stored (or any left by a crash, or refused by the direct
// way) wait in the database with `event_id IS NULL`. The holder reads them on taking the lease,
// on a `pending` notice from another instance, and every few seconds, and settles them in
// batches, each in one fenced transaction. A database failure backs off (and the direct way
// waits with it); a batch understanding fails on is searched for the record to blame.
@Injectable()
export class QueueWorker {
  private readonly logger = new Logger('pipeline');
  private queue: Incident[] = [];
  private readonly queued = new Set<string>();
  private pumping: Promise<void> | null = null;
  private sweepWanted = true;
  private stopping = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  /** records waiting in the database, as last counted (other instances' included) */
  private pendingInDb = 0;
  private countedAt = 0;

  constructor(
    private readonly db: Db,
    private readonly lease: CorrelationLease,
    private readonly messages: InstanceMessages,
    private readonly turns: CorrelationTurns,
    private readonly memory: CorrelationMemory,
    private readonly understanding: UnderstandingService,
    private readonly incidents: IncidentsRepository,
    private readonly events: EventsRepository,
    private readonly rules: RulesEngine,
    private readonly growth: GrowthThrottle,
    private readonly quarantine: QuarantineService,
    private readonly afterCommit: AfterCommit,
    private readonly orderIntake: OrderIntake,
    private readonly metrics: PipelineMetrics,
  ) {}

  /** records waiting in this instance's memory */
  get length(): number {
    return this.queue.length;
  }

  /** records waiting in the database, as last counted */
  get inDatabase(): number {
    return this.pendingInDb;
  }

  /** Shutting down, or backing off after a database failure: no new work is taken on directly. */
  get paused(): boolean {
    return this.stopping || this.retryTimer !== null;
  }

  /** Follows the lease and the notices, and starts the timers: alert growth, sweeps, overdue checks. */
  start(): void {
    this.lease.onHeld((held) => {
      if (held) {
        this.memory.stale();
        this.sweepWanted = true;
        this.kick();
      } else {
        // the next holder reads what is left from the database
        this.queue = [];
        this.queued.clear();
      }
    });
    this.messages.on('pending', () => {
      if (!this.lease.held) return;
      this.sweepWanted = true;
      this.kick();
    });
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(GROWTH_EVERY_MS / 2, () => {
      if (!this.lease.held || !this.growth.waiting) return;
      void this.turns.run(() => this.growth.flush()).catch((e: unknown) => this.logger.warn(`alert growth not written yet: ${String(e)}`));
    });
    every(SWEEP_EVERY_MS, () => {
      if (!this.lease.held) return;
      this.sweepWanted = true;
      this.kick();
    });
    if (this.rules.checksOverdue) {
      every(OVERDUE_EVERY_MS, () => {
        if (this.lease.held)
          void this.turns
            .run(async () => (this.memory.warm ? this.rules.checkOverdue() : 0))
            .catch((e: unknown) => this.logger.error(`overdue check failed: ${String(e)}`));
      });
    }
  }

  /** Stops the timers and drains: what was handed over is correlated first (bounded wait). */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const deadline = Date.now() + 10_000;
    while (this.lease.held && (this.pumping || this.queue.length > 0) && Date.now() < deadline) {
      this.kick();
      await (this.pumping ?? new Promise((r) => setTimeout(r, 20)));
    }
    this.stopping = true;
    await this.pumping;
  }

  /** Records this instance just committed. */
  accepted(batch: Incident[]): void {
    if (!this.lease.held || this.stopping) return;
    for (const i of batch) {
      if (this.queued.has(i.id)) continue;
      this.queued.add(i.id);
      this.queue.push(i);
    }
    this.kick();
  }

  /** A quarantined record was sent back to the queue (the database says which). */
  released(): void {
    if (!this.lease.held) return;
    this.sweepWanted = true;
    this.kick();
  }

  /** Memory was found ahead of the database elsewhere: rebuilt, and the queue read again. */
  rebuild(): void {
    this.sweepWanted = true;
    this.kick();
  }

  /** How many records wait for correlation, for backpressure (counted at most once a second). */
  async backlog(): Promise<number> {
    if (this.lease.held && !this.lease.shared) return this.queue.length;
    const now = Date.now();
    if (now - this.countedAt > 1000) {
      this.countedAt = now;
      this.pendingInDb = await this.incidents.pendingCount().catch(() => this.pendingInDb);
    }
    return Math.max(this.pendingInDb, this.queue.length);
  }

  /** Resolves when the queue handed over so far has been correlated (not while backing off). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.pumping) {
        await this.pumping;
        continue;
      }
      if (this.lease.held && !this.retryTimer && (this.queue.length > 0 || !this.memory.warm)) {
        this.kick();
        if (this.pumping) continue;
      }
      break;
    }
  }

  private kick(): void {
    if (this.pumping || this.stopping || !this.lease.held || this.retryTimer) return;
    this.pumping = this.pump()
      .catch((err: unknown) => this.logger.error(`pipeline stopped: ${String(err)}`))
      .finally(() => {
        this.pumping = null;
        if (this.lease.held && (this.queue.length > 0 || this.sweepWanted) && !this.retryTimer) this.kick();
      });
  }

  private async pump(): Promise<void> {
    while (this.lease.held && !this.stopping) {
      let batch: Incident[] = [];
      try {
        if (!this.memory.warm) await this.turns.run(() => this.warmUp());
        if (this.sweepWanted) await this.sweep();
        if (this.queue.length === 0) return;
        batch = this.nextBatch();
        await this.turns.run(() => this.process(batch));
        if (batch.length === 1 && batch[0] !== this.queue[0]) this.queue.splice(this.queue.indexOf(batch[0]!), 1);
        else this.queue.splice(0, batch.length);
        for (const i of batch) this.queued.delete(i.id);
        this.quarantine.cleared(batch);
        this.failures = 0;
      } catch (err) {
        // the database is the record: memory and the local queue are rebuilt from it
        this.memory.stale();
        this.queue = [];
        this.queued.clear();
        this.sweepWanted = true;
        if (err instanceof LeaseLostError) return;
        if (err instanceof StaleStateError) continue;
        if (err instanceof UnderstandingFailedError) {
          try {
            await this.quarantine.suspect(batch, err.failure);
            continue;
          } catch (e) {
            err = e;
          }
        }
        this.failures++;
        const wait = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** Math.min(this.failures - 1, 5));
        this.logger.error(`correlation failed (retrying in ${wait} ms): ${(err as Error).message}`);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, wait);
        this.retryTimer.unref();
        return;
      }
    }
  }

  /** The next batch: the queue's head, or a suspect alone while a failed batch is searched. */
  private nextBatch(): Incident[] {
    const suspect = this.quarantine.next(this.queue);
    return suspect ? [suspect] : this.queue.slice(0, BATCH);
  }

  private async warmUp(): Promise<void> {
    await this.memory.warmUp();
    this.sweepWanted = true;
  }

  /** Reads records waiting in the database that this instance does not hold in memory. */
  private async sweep(): Promise<void> {
    this.sweepWanted = false;
    const ids = await this.incidents.pendingIds(SWEEP);
    await this.quarantine.recount();
    this.pendingInDb = ids.length;
    this.countedAt = Date.now();
    const missing = ids.filter((id) => !this.queued.has(id));
    if (missing.length > 0) {
      const rows = await this.incidents.fullByIds(missing);
      for (const r of rows) {
        this.queued.add(r.id);
        this.queue.push(r);
      }
      this.metrics.swept(rows.length);
    }
    // more than one read's worth: read again once these are done
    if (ids.length === SWEEP) this.sweepWanted = true;
  }

  private async process(batch: Incident[]): Promise<void> {
    // a failed direct store changed memory, and warming up again failed too: not on that memory
    if (!this.memory.warm) throw new StaleStateError();
    const t0 = performance.now();
    let changes: AlertChangeMade[];
    let verdicts: Verdict[];
    // orders of records stored elsewhere that turned out to be repeat complaints: on the ledger now
    let ledgered: OrderRow[] = [];
    const now = Date.now();
    let t1: number;
    try {
      let settled: SettledIncident[];
      let states: EventState[];
      try {
        ({ settled, states } = this.understanding.understand(batch));
        verdicts = this.growth.due(this.rules.evaluate(batch, now), now);
      } catch (err) {
        throw new UnderstandingFailedError(err instanceof Error ? err : new Error(String(err)));
      }
      t1 = performance.now();
      changes = await this.db.transaction(async (tx) => {
        await this.lease.fence(tx);
        const written = await this.incidents.settle(tx, settled);
        if (written !== settled.length) throw new StaleStateError();
        ledgered = await this.orderIntake.settledIn(tx, settled);
        await this.events.save(tx, states);
        return this.rules.applyIn(tx, verdicts);
      });
    } catch (err) {
      // before the next job's turn: nothing is decided on this memory any more
      this.memory.lost();
      throw err;
    }
    this.afterCommit.done({ batch, verdicts, changes, now, t0, t1, path: 'queue' }, ledgered, 'update');
  }
}
