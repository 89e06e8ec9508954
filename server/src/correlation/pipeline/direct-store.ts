import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import type { Incident } from '@jointduty/shared';
import type { AlertChangeMade } from '../../alerts/alerts.service';
import { EventsRepository, type EventRow } from '../../events/events.repository';
import { IncidentsRepository, type NewIncident, type SettledIncident } from '../../incidents/incidents.repository';
import { CorrelationLease, LeaseLostError, StaleStateError } from '../../infra/cluster/lease.service';
import { Db } from '../../infra/database/db';
import { OrderIntake } from '../../orders/order-intake';
import type { OrderRow } from '../../orders/order.types';
import type { EventState } from '../engine/correlator';
import { RulesEngine, type Verdict } from '../rules/rules.engine';
import { UnderstandingService } from '../understanding.service';
import { AfterCommit } from './after-commit';
import { CorrelationMemory } from './correlation-memory';
import { GrowthThrottle } from './growth-throttle';
import { PipelineMetrics } from './pipeline.metrics';
import { QueueWorker } from './queue-worker';
import { CorrelationTurns, type Staged } from './turns';

/** how long the holder's own intake waits for its turn before it takes the queue instead */
const DIRECT_WAIT_MS = 500;
/** records understood between two turns of the event loop */
const UNDERSTAND_SLICE = 50;

/** A group of the holder's own intake, decided in memory and waiting for its commit. */
interface Direct {
  /** memory's generation when decided: a failed commit since makes the decision void */
  generation: number;
  keys: string[];
  fresh: NewIncident[];
  batch: Incident[];
  settled: SettledIncident[];
  /** the touched events' rows as they stood when decided */
  events: EventRow[];
  /** the verdicts on the live events (memory notes what was written after the commit) */
  verdicts: Verdict[];
  /** the same on copies of the events as they stood, for the alerts written */
  alerts: Verdict[];
  now: number;
  t0: number;
  t1: number;
}

/** Another instance stored one of the records between the check and the insert. */
class StoredMeanwhileError extends Error {
  constructor() {
    super('a record was stored by another instance meanwhile');
  }
}

// The holder's own intake, correlated in the transaction that stores it. The group commit hands
// its records here, and the transaction that stores them carries their events: no update
// afterwards, no queue, and the 202 means correlated. Groups are decided in turn and commit in
// that order, each overlapping the decision of the next (CorrelationTurns.pipelined).
@Injectable()
export class DirectStore {
  private readonly logger = new Logger('pipeline');
  /** records of direct groups decided and not committed yet, by channel and external id */
  private readonly committing = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly lease: CorrelationLease,
    private readonly turns: CorrelationTurns,
    private readonly memory: CorrelationMemory,
    private readonly understanding: UnderstandingService,
    private readonly incidents: IncidentsRepository,
    private readonly events: EventsRepository,
    private readonly rules: RulesEngine,
    private readonly growth: GrowthThrottle,
    private readonly queue: QueueWorker,
    private readonly afterCommit: AfterCommit,
    private readonly metrics: PipelineMetrics,
    private readonly orderIntake: OrderIntake,
  ) {}

  /**
   * The records are written with their events already decided, so they never wait in the queue
   * and are never written twice (insert, then settle). Resolves with the ids stored (the others
   * existed), or null when the records must take the queue instead: this instance does not hold
   * the lease or is not warm, a long job holds the turn, or the commit could not be made on this
   * memory (another instance stored one of the records meanwhile, events changed elsewhere, the
   * lease was lost, an earlier commit failed). A database error rejects, and nothing of the
   * records is stored.
   *
   * Two stages (CorrelationTurns.pipelined): deciding a group in memory overlaps the commit of the
   * group before it, so the server's CPU and the database's work at the same time.
   */
  store(rows: NewIncident[]): Staged<Set<string> | null> {
    if (!this.open()) return { prepared: Promise.resolve(), result: Promise.resolve(null) };
    return this.turns.pipelined(
      () => this.prepare(rows),
      (prepared, before) => (prepared ? this.commit(prepared, before) : before.then(() => null)),
      DIRECT_WAIT_MS,
    );
  }

  private open(): boolean {
    return this.lease.held && this.memory.warm && !this.queue.paused;
  }

  private async prepare(rows: NewIncident[]): Promise<Direct | null> {
    if (!this.open()) return null;
    const t0 = performance.now();
    // a record stored before, or twice in this group, or in a group not committed yet, is not
    // understood again: the first one counts
    const seen = await this.incidents.storedKeys(rows.map((r) => r.incident));
    const fresh: NewIncident[] = [];
    const keys: string[] = [];
    for (const r of rows) {
      const key = `${r.incident.channel}\n${r.incident.externalId}`;
      if (seen.has(key) || this.committing.has(key)) continue;
      seen.add(key);
      keys.push(key);
      fresh.push(r);
    }
    const generation = this.memory.generation;
    if (fresh.length === 0)
      return { generation, keys, fresh, batch: [], settled: [], events: [], verdicts: [], alerts: [], now: 0, t0, t1: t0 };
    for (const k of keys) this.committing.add(k);
    const batch = fresh.map((r) => r.incident);
    try {
      // in slices, letting the commit under way (and requests) have the event loop in between
      const settled: SettledIncident[] = [];
      const touched = new Map<string, EventState>();
      for (let i = 0; i < batch.length; i += UNDERSTAND_SLICE) {
        if (i > 0) await new Promise((r) => setImmediate(r));
        const u = this.understanding.understand(batch.slice(i, i + UNDERSTAND_SLICE));
        for (const x of u.settled) settled.push(x);
        for (const e of u.states) touched.set(e.id, e);
      }
      const now = Date.now();
      const verdicts = this.growth.due(this.rules.evaluate(batch, now), now);
      // memory moves on while this commits: what is written is taken now
      const events = this.events.rows([...touched.values()]);
      const alerts = verdicts.map((v) => ({ ...v, event: { ...v.event, channels: [...v.event.channels] } }));
      return { generation: this.memory.generation, keys, fresh, batch, settled, events, verdicts, alerts, now, t0, t1: performance.now() };
    } catch (err) {
      // a record understanding cannot take: the group is stored the plain way, and the queue
      // meets the record again (and retries it with backoff) without holding up intake
      for (const k of keys) this.committing.delete(k);
      this.memoryLost();
      this.logger.error(`direct store refused, the group takes the queue: ${(err as Error).message}`);
      this.metrics.fellBack('error');
      return null;
    }
  }

  private async commit(d: Direct, before: Promise<unknown>): Promise<Set<string> | null> {
    if (d.batch.length === 0) {
      // nothing new, but a record skipped as being in a group still committing is only a
      // duplicate if that group commits: after it, with memory unchanged, or the plain way
      await before;
      return d.generation === this.memory.generation ? new Set() : null;
    }
    try {
      // an earlier commit failed after this group was decided on the memory it left
      if (d.generation !== this.memory.generation) throw new StaleStateError();
      let orders: OrderRow[] = [];
      const changes: AlertChangeMade[] = await this.db.transaction(async (tx) => {
        // the records first: no other group writes them, so this overlaps the commit before
        const rows = d.settled.map((s, i) => ({
          incident: s.incident,
          raw: d.fresh[i]!.raw,
          personKey: s.personKey,
          subjectKey: s.subjectKey,
        }));
        const written = await this.incidents.insertNew(tx, rows, { counted: false });
        if (written.size !== d.fresh.length) throw new StoredMeanwhileError();
        // new rows of their own, like the records: written before waiting for the groups before;
        // counted in the rollups with the incident counts, after them
        orders = await this.orderIntake.createIn(tx, d.settled, { counted: false });
        // events, alerts and the running counts in the order decided: after the groups before
        // (counted earlier, this group could hold a count row the group before it waits for)
        await before;
        if (d.generation !== this.memory.generation) throw new StaleStateError();
        await this.lease.fence(tx);
        await this.incidents.addToCounts(tx, rows, written);
        await this.orderIntake.countIn(tx, orders);
        await this.events.saveRows(tx, d.events);
        return this.rules.applyIn(tx, d.alerts);
      });
      // committed: what follows must not turn the 202 into an error
      this.afterCommit.done({ batch: d.batch, verdicts: d.verdicts, changes, now: d.now, t0: d.t0, t1: d.t1, path: 'direct' }, orders);
      return new Set(d.batch.map((i) => i.id));
    } catch (err) {
      // memory holds what was not stored: rebuilt before the next decision
      this.memoryLost();
      if (err instanceof StoredMeanwhileError || err instanceof StaleStateError || err instanceof LeaseLostError) {
        this.metrics.fellBack(err instanceof StoredMeanwhileError ? 'stored-meanwhile' : err instanceof LeaseLostError ? 'lease' : 'stale');
        return null;
      }
      throw err;
    } finally {
      for (const k of d.keys) this.committing.delete(k);
    }
  }

  /** Memory is ahead of the database: no decision on it until the queue has rebuilt it. */
  private memoryLost(): void {
    this.memory.lost();
    this.queue.rebuild();
  }
}
