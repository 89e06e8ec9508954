import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { severityRank, type Incident } from '@jointduty/shared';
import { OVERDUE_EVERY_MS, RulesEngine, type Verdict } from '../rules/rules.engine';
import { AlertsService, type AlertChangeMade } from '../../alerts/alerts.service';
import type { EventState } from '../engine/correlator';
import { EventsRepository, type EventRow } from '../../events/events.repository';
import { UnderstandingService } from '../understanding.service';
import { IncidentsRepository, type NewIncident, type SettledIncident } from '../../incidents/incidents.repository';
import { EventBus } from '../../infra/bus/bus';
import { Db } from '../../infra/database/db';
import { MetricsService } from '../../metrics/metrics.service';
import { CorrelationLease, LeaseLostError, StaleStateError, type Staged } from '../../infra/cluster/lease.service';
import { QuarantineRepository } from './quarantine.repository';

// The second half of intake, on the instance holding the correlation lease. Enrichment, people
// and correlation run in memory, the rules against the events as they stand after a batch, and
// one fenced transaction writes the incidents' events, the events and the alerts together. Only
// then are `incidents` and alert changes published. So a crash at any moment leaves each record
// either not stored, or stored and waiting (it is done again, by this or the next holder), or done
// with its alerts (never done twice: the fence and `event_id IS NULL` guard it).
//
// Two ways in:
// - direct (store()): the holder's own intake. The group commit hands its records here, and the
//   transaction that stores them carries their events: no update afterwards, no queue, and the
//   202 means correlated. Groups are decided in turn and commit in that order, each overlapping
//   the decision of the next (CorrelationLease.pipelined).
// - the queue: records another instance stored (or any left by a crash, or refused by the direct
//   way) wait with `event_id IS NULL`. They are read from the database on taking the lease, on a
//   notice from another instance, and every few seconds, and settled in batches.

const BATCH = 500;
/** an event's alerts follow its growth at most this often (new alerts and higher severities at once) */
export const GROWTH_EVERY_MS = 2000;
const BATCH_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500];
const SWEEP = 2000;
const SWEEP_EVERY_MS = 2000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;
/** how long the holder's own intake waits for its turn before it takes the queue instead */
const DIRECT_WAIT_MS = 500;
/** records understood between two turns of the event loop */
const UNDERSTAND_SLICE = 50;
/** a record understanding fails on this many times on its own is set aside (quarantined) */
export const QUARANTINE_AFTER = 3;

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

/** Understanding or the rules threw on a batch: something in its records, not the database. */
class UnderstandingFailedError extends Error {
  constructor(readonly failure: Error) {
    super(`understanding failed: ${failure.message}`);
  }
}

/** Another instance stored one of the records between the check and the insert. */
class StoredMeanwhileError extends Error {
  constructor() {
    super('a record was stored by another instance meanwhile');
  }
}

@Injectable()
export class CorrelationPipeline implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('pipeline');
  private queue: Incident[] = [];
  private readonly queued = new Set<string>();
  private pumping: Promise<void> | null = null;
  private sweepWanted = true;
  private warm = false;
  private stopping = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  /** records waiting in the database, as last counted (other instances' included) */
  private pendingInDb = 0;
  private countedAt = 0;
  /** alert growth waiting for its interval, by event */
  private readonly heldBack = new Map<string, Verdict>();
  /** bumped when memory is found ahead of the database (a failed commit) */
  private generation = 0;
  /** records of direct groups decided and not committed yet, by channel and external id */
  private readonly committing = new Set<string>();
  /**
   * Records of a batch understanding failed on, taken one at a time until the one to blame is
   * found, with its failures alone. After QUARANTINE_AFTER it is set aside, so one bad record no
   * longer stops correlation for every record behind it.
   */
  private readonly suspects = new Map<string, number>();
  private quarantined = 0;

  constructor(
    private readonly db: Db,
    private readonly lease: CorrelationLease,
    private readonly understanding: UnderstandingService,
    private readonly incidents: IncidentsRepository,
    private readonly events: EventsRepository,
    private readonly rules: RulesEngine,
    private readonly alerts: AlertsService,
    private readonly bus: EventBus,
    private readonly metrics: MetricsService,
    private readonly quarantine: QuarantineRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.lease.onHeld((held) => {
      if (held) {
        this.warm = false;
        this.sweepWanted = true;
        this.kick();
      } else {
        // the next holder reads what is left from the database
        this.queue = [];
        this.queued.clear();
      }
    });
    this.lease.onNotice('pending', () => {
      if (!this.lease.held) return;
      this.sweepWanted = true;
      this.kick();
    });
    this.metrics.gauge(
      'jointduty_correlation_queue',
      'Records stored and waiting for correlation (this instance: in memory; database: all instances)',
      () => [
        [{ where: 'memory' }, this.queue.length],
        [{ where: 'database' }, this.pendingInDb],
      ],
    );
    this.metrics.gauge(
      'jointduty_correlation_quarantined',
      'Stored records set aside from correlation because understanding fails on them (as last counted)',
      () => [[{}, this.quarantined]],
    );
    this.metrics.gauge('jointduty_correlation_lease', 'Whether this instance holds the correlation lease', () => [
      [{}, this.lease.held ? 1 : 0],
    ]);
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(GROWTH_EVERY_MS / 2, () => {
      if (!this.lease.held || this.heldBack.size === 0) return;
      void this.lease.run(() => this.flushGrowth()).catch((e: unknown) => this.logger.warn(`alert growth not written yet: ${String(e)}`));
    });
    every(SWEEP_EVERY_MS, () => {
      if (!this.lease.held) return;
      this.sweepWanted = true;
      this.kick();
    });
    if (this.rules.checksOverdue) {
      every(OVERDUE_EVERY_MS, () => {
        if (this.lease.held)
          void this.lease
            .run(async () => (this.warm ? this.rules.checkOverdue() : 0))
            .catch((e: unknown) => this.logger.error(`overdue check failed: ${String(e)}`));
      });
    }
    await this.lease.start();
  }

  /** Drains: what was handed over is correlated before the database closes (bounded wait). */
  async onModuleDestroy(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const deadline = Date.now() + 10_000;
    while (this.lease.held && (this.pumping || this.queue.length > 0) && Date.now() < deadline) {
      this.kick();
      await (this.pumping ?? new Promise((r) => setTimeout(r, 20)));
    }
    this.stopping = true;
    await this.pumping;
    // direct stores under way commit (or fail) before the lease goes
    await this.lease.idle();
    if (this.lease.held && this.heldBack.size > 0) await this.lease.run(() => this.flushGrowth(true)).catch(() => undefined);
    await this.lease.release();
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

  /** Resolves when everything handed over so far has been correlated (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.pumping) {
        await this.pumping;
        continue;
      }
      if (this.lease.held && !this.retryTimer && (this.queue.length > 0 || !this.warm)) {
        this.kick();
        if (this.pumping) continue;
      }
      break;
    }
    // and the alert growth held back (tests read counts at once; shutdown leaves nothing behind)
    if (this.lease.held && this.heldBack.size > 0) {
      await this.lease.run(() => this.flushGrowth(true)).catch((e: unknown) => this.logger.warn(`alert growth not written: ${String(e)}`));
    }
    await this.lease.idle();
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
        if (!this.warm) await this.lease.run(() => this.warmUp());
        if (this.sweepWanted) await this.sweep();
        if (this.queue.length === 0) return;
        batch = this.nextBatch();
        await this.lease.run(() => this.process(batch));
        if (batch.length === 1 && batch[0] !== this.queue[0]) this.queue.splice(this.queue.indexOf(batch[0]!), 1);
        else this.queue.splice(0, batch.length);
        for (const i of batch) {
          this.queued.delete(i.id);
          this.suspects.delete(i.id);
        }
        this.failures = 0;
      } catch (err) {
        // the database is the record: memory and the local queue are rebuilt from it
        this.warm = false;
        this.queue = [];
        this.queued.clear();
        this.sweepWanted = true;
        if (err instanceof LeaseLostError) return;
        if (err instanceof StaleStateError) continue;
        if (err instanceof UnderstandingFailedError) {
          try {
            await this.suspect(batch, err.failure);
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
    if (this.suspects.size > 0) {
      const suspect = this.queue.find((i) => this.suspects.has(i.id));
      if (suspect) return [suspect];
      // correlated meanwhile (moved by staff, or by an earlier holder): nothing left to search
      this.suspects.clear();
    }
    return this.queue.slice(0, BATCH);
  }

  /**
   * Understanding failed on a batch. Several records: each becomes a suspect, tried alone next.
   * One: its failures are counted, and at QUARANTINE_AFTER it is set aside in the database (still
   * stored, listed for staff, out of the queue). Memory is rebuilt before each try, as after any
   * failure, so a record is judged on the database's state and not on a half-taken batch.
   */
  private async suspect(batch: Incident[], cause: Error): Promise<void> {
    if (batch.length !== 1) {
      for (const i of batch) if (!this.suspects.has(i.id)) this.suspects.set(i.id, 0);
      this.logger.warn(`understanding failed on a batch of ${batch.length}, trying its records one by one: ${cause.message}`);
      return;
    }
    const id = batch[0]!.id;
    const attempts = (this.suspects.get(id) ?? 0) + 1;
    if (attempts < QUARANTINE_AFTER) {
      this.suspects.set(id, attempts);
      return;
    }
    await this.lease.run(() =>
      this.db.transaction(async (tx) => {
        await this.lease.fence(tx);
        await this.quarantine.add(tx, id, cause.message, attempts, Date.now());
      }),
    );
    this.suspects.delete(id);
    this.quarantined++;
    this.metrics.inc(
      'jointduty_correlation_quarantined_total',
      'Stored records set aside from correlation because understanding failed on them alone',
    );
    this.logger.error(`record ${id} (${batch[0]!.channel} ${batch[0]!.externalId}) set aside after ${attempts} failures: ${cause.message}`);
  }

  /**
   * The verdicts to write now. An alert's growth alone (one more incident, a new summary of the
   * same rule at the same severity) is written at most every GROWTH_EVERY_MS per event: a busy
   * event would otherwise send an `alert:update` to every screen with each batch. A new alert or a
   * higher severity is written at once. The growth held back is written by the next batch that
   * touches the event after the interval, or by flushGrowth().
   */
  private due(verdicts: Verdict[], now: number): Verdict[] {
    const out: Verdict[] = [];
    for (const v of verdicts) {
      const known = v.event.alertRules ?? {};
      const material = v.matches.some((m) => known[m.rule] === undefined || severityRank(m.severity) > severityRank(known[m.rule]!));
      if (material || now - (v.event.alertsAt ?? 0) >= GROWTH_EVERY_MS) {
        this.heldBack.delete(v.event.id);
        out.push(v);
      } else {
        this.heldBack.set(v.event.id, v);
      }
    }
    return out;
  }

  private written(verdicts: Verdict[], changes: AlertChangeMade[], now: number): void {
    const byId = new Map(verdicts.map((v) => [v.event.id, v.event]));
    for (const v of verdicts) {
      v.event.alertsAt = now;
      v.event.alertRules ??= {};
    }
    for (const c of changes) {
      const e = byId.get(c.alert.eventId);
      if (!e) continue;
      e.alerted = true;
      e.alertRules![c.alert.rule] = c.alert.severity;
    }
    for (const v of verdicts) if (v.matches.length > 0) v.event.alerted = true;
  }

  /** Writes the growth held back longer than the interval (events that stopped growing). */
  private async flushGrowth(all = false): Promise<void> {
    // memory is being rebuilt: the next call writes it
    if (!this.warm) return;
    const now = Date.now();
    const verdicts: Verdict[] = [];
    for (const [id, v] of this.heldBack) {
      if (!all && now - (v.event.alertsAt ?? 0) < GROWTH_EVERY_MS) continue;
      this.heldBack.delete(id);
      // memory may have been rebuilt since: the event as it stands now
      const event = this.understanding.event(id);
      if (event) verdicts.push({ ...v, event });
    }
    if (verdicts.length === 0) return;
    const changes = await this.db.transaction(async (tx) => {
      await this.lease.fence(tx);
      return this.rules.applyIn(tx, verdicts);
    });
    this.written(verdicts, changes, now);
    this.alerts.publish(changes);
  }

  private async warmUp(): Promise<void> {
    // the version first: a change committed while we read shows as a newer version at the fence
    const version = await this.lease.currentVersion();
    await this.understanding.warmUp();
    this.lease.caughtUp(version);
    this.warm = true;
    this.sweepWanted = true;
  }

  /** Reads records waiting in the database that this instance does not hold in memory. */
  private async sweep(): Promise<void> {
    this.sweepWanted = false;
    const ids = await this.incidents.pendingIds(SWEEP);
    this.quarantined = await this.quarantine.count();
    this.pendingInDb = ids.length;
    this.countedAt = Date.now();
    const missing = ids.filter((id) => !this.queued.has(id));
    if (missing.length > 0) {
      const rows = await this.incidents.fullByIds(missing);
      for (const r of rows) {
        this.queued.add(r.id);
        this.queue.push(r);
      }
      this.metrics.inc(
        'jointduty_correlation_swept_total',
        'Records read back from the database for correlation (other instances, crashes)',
        {},
        rows.length,
      );
    }
    // more than one read's worth: read again once these are done
    if (ids.length === SWEEP) this.sweepWanted = true;
  }

  private async process(batch: Incident[]): Promise<void> {
    // a failed direct store changed memory, and warming up again failed too: not on that memory
    if (!this.warm) throw new StaleStateError();
    const t0 = performance.now();
    let changes: AlertChangeMade[];
    let verdicts: Verdict[];
    const now = Date.now();
    let t1: number;
    try {
      let settled: SettledIncident[];
      let states: EventState[];
      try {
        ({ settled, states } = this.understanding.understand(batch));
        verdicts = this.due(this.rules.evaluate(batch, now), now);
      } catch (err) {
        throw new UnderstandingFailedError(err instanceof Error ? err : new Error(String(err)));
      }
      t1 = performance.now();
      changes = await this.db.transaction(async (tx) => {
        await this.lease.fence(tx);
        const written = await this.incidents.settle(tx, settled);
        if (written !== settled.length) throw new StaleStateError();
        await this.events.save(tx, states);
        return this.rules.applyIn(tx, verdicts);
      });
    } catch (err) {
      // before the next job's turn: nothing is decided on this memory any more
      this.generation++;
      this.warm = false;
      throw err;
    }
    this.afterCommit(() => this.done(batch, verdicts, changes, now, t0, t1, 'queue'));
  }

  private afterCommit(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.logger.error(`after a commit: ${(err as Error).message}`);
    }
  }

  /**
   * The holder's own intake, correlated in the transaction that stores it: the records are
   * written with their events already decided, so they never wait in the queue and are never
   * written twice (insert, then settle). Resolves with the ids stored (the others existed), or
   * null when the records must take the queue instead: this instance does not hold the lease or is
   * not warm, a long job holds the turn, or the commit could not be made on this memory (another
   * instance stored one of the records meanwhile, events changed elsewhere, the lease was lost,
   * an earlier commit failed). A database error rejects, and nothing of the records is stored.
   *
   * Two stages (CorrelationLease.pipelined): deciding a group in memory overlaps the commit of the
   * group before it, so the server's CPU and the database's work at the same time.
   */
  store(rows: NewIncident[]): Staged<Set<string> | null> {
    if (!this.direct()) return { prepared: Promise.resolve(), result: Promise.resolve(null) };
    return this.lease.pipelined(
      () => this.prepareDirect(rows),
      (prepared, before) => (prepared ? this.commitDirect(prepared, before) : before.then(() => null)),
      DIRECT_WAIT_MS,
    );
  }

  private direct(): boolean {
    return this.lease.held && this.warm && !this.stopping && !this.retryTimer;
  }

  private async prepareDirect(rows: NewIncident[]): Promise<Direct | null> {
    if (!this.direct()) return null;
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
    if (fresh.length === 0)
      return { generation: this.generation, keys, fresh, batch: [], settled: [], events: [], verdicts: [], alerts: [], now: 0, t0, t1: t0 };
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
      const verdicts = this.due(this.rules.evaluate(batch, now), now);
      // memory moves on while this commits: what is written is taken now
      const events = this.events.rows([...touched.values()]);
      const alerts = verdicts.map((v) => ({ ...v, event: { ...v.event, channels: [...v.event.channels] } }));
      return { generation: this.generation, keys, fresh, batch, settled, events, verdicts, alerts, now, t0, t1: performance.now() };
    } catch (err) {
      // a record understanding cannot take: the group is stored the plain way, and the queue
      // meets the record again (and retries it with backoff) without holding up intake
      for (const k of keys) this.committing.delete(k);
      this.memoryLost();
      this.logger.error(`direct store refused, the group takes the queue: ${(err as Error).message}`);
      this.fellBack('error');
      return null;
    }
  }

  private async commitDirect(d: Direct, before: Promise<unknown>): Promise<Set<string> | null> {
    if (d.batch.length === 0) {
      // nothing new, but a record skipped as being in a group still committing is only a
      // duplicate if that group commits: after it, with memory unchanged, or the plain way
      await before;
      return d.generation === this.generation ? new Set() : null;
    }
    try {
      // an earlier commit failed after this group was decided on the memory it left
      if (d.generation !== this.generation) throw new StaleStateError();
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
        // events, alerts and the running counts in the order decided: after the groups before
        // (counted earlier, this group could hold a count row the group before it waits for)
        await before;
        if (d.generation !== this.generation) throw new StaleStateError();
        await this.lease.fence(tx);
        await this.incidents.addToCounts(tx, rows, written);
        await this.events.saveRows(tx, d.events);
        return this.rules.applyIn(tx, d.alerts);
      });
      // committed: what follows must not turn the 202 into an error
      this.afterCommit(() => this.done(d.batch, d.verdicts, changes, d.now, d.t0, d.t1, 'direct'));
      return new Set(d.batch.map((i) => i.id));
    } catch (err) {
      // memory holds what was not stored: rebuilt before the next decision
      this.memoryLost();
      if (err instanceof StoredMeanwhileError || err instanceof StaleStateError || err instanceof LeaseLostError) {
        this.fellBack(err instanceof StoredMeanwhileError ? 'stored-meanwhile' : err instanceof LeaseLostError ? 'lease' : 'stale');
        return null;
      }
      throw err;
    } finally {
      for (const k of d.keys) this.committing.delete(k);
    }
  }

  private fellBack(why: 'error' | 'stored-meanwhile' | 'lease' | 'stale'): void {
    this.metrics.inc('jointduty_correlation_direct_fallback_total', 'Direct stores that went to the queue instead', { why });
  }

  /** Memory is ahead of the database: no decision on it until warmUp() has rebuilt it. */
  private memoryLost(): void {
    this.generation++;
    this.warm = false;
    this.sweepWanted = true;
    this.kick();
  }

  /** After a batch committed: metrics, memory of what was written, then the pushes. */
  private done(
    batch: Incident[],
    verdicts: Verdict[],
    changes: AlertChangeMade[],
    now: number,
    t0: number,
    t1: number,
    path: 'queue' | 'direct',
  ): void {
    const t2 = performance.now();
    const phase = (name: string, ms: number) =>
      this.metrics.observe(
        'jointduty_correlation_batch_seconds',
        'Time a correlation batch spends: understand (enrich, correlate, rules in memory), write (its transaction)',
        { phase: name },
        ms / 1000,
      );
    phase('understand', t1 - t0);
    phase('write', t2 - t1);
    this.metrics.observe('jointduty_correlation_batch_records', 'Records per correlation batch', {}, batch.length, BATCH_BUCKETS);
    this.metrics.inc(
      'jointduty_correlation_records_total',
      'Records correlated: direct (in the transaction that stored them) or from the queue',
      { path },
      batch.length,
    );
    this.metrics.inc(
      'jointduty_correlation_alert_writes_total',
      'Events whose alerts a batch wrote (raised or followed)',
      {},
      verdicts.length,
    );
    this.written(verdicts, changes, now);
    const doneAt = Date.now();
    for (const i of batch) {
      this.metrics.observe(
        'jointduty_intake_to_event_seconds',
        'From a record received to its event committed',
        { channel: i.channel },
        (doneAt - Date.parse(i.receivedAt)) / 1000,
      );
    }
    this.bus.publish('incident.accepted', batch);
    this.alerts.publish(changes);
  }
}
