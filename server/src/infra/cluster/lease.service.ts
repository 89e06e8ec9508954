import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Db, num, type Queryable } from '../database/db';
import { ClusterSession } from './cluster-session';

// The correlation lease: which instance joins incidents into events and runs the rules.
//
// Correlation keeps its recent events in memory, and the rules read that memory, so exactly one
// process may do it at a time. On PostgreSQL the lease is a session advisory lock held on the
// instance's own connection (ClusterSession): when the holder dies (even kill -9) its connection
// closes and PostgreSQL frees the lock at once, and another instance takes it within a poll. Each
// taking raises `epoch` in `pipeline_lease`; the holder checks its epoch inside every transaction
// it writes (the fence), so a holder that lost the lock without noticing can never commit after
// the next one. `version` counts changes to events made outside the holder's memory. On SQLite
// there is one process: it holds the lease from the start.

export class LeaseLostError extends Error {
  constructor() {
    super('the correlation lease was taken by another instance');
  }
}

/** Events were changed outside the holder (an event move on another instance). */
export class StaleStateError extends Error {
  constructor() {
    super('events were changed by another instance: memory must be rebuilt');
  }
}

// any fixed 64-bit number both sides agree on: "jointdut" in ASCII
const LOCK_KEY = '7597131513585300852';
const POLL_MS = 1000;

@Injectable()
export class CorrelationLease implements OnApplicationShutdown {
  private readonly logger = new Logger('lease');
  private heldEpoch: number | null = null;
  /** the `version` the holder's memory was built at */
  private knownVersion = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private warnedAt = 0;
  private readonly holdHandlers: Array<(held: boolean) => void> = [];

  constructor(
    private readonly db: Db,
    private readonly session: ClusterSession,
  ) {
    // the session is gone, and the advisory lock with it
    session.onClosed(() => this.lose('its database connection closed'));
  }

  /** who this process is among the instances */
  get instance(): string {
    return this.session.instance;
  }

  get held(): boolean {
    return this.heldEpoch !== null && !this.stopped;
  }

  get epoch(): number | null {
    return this.heldEpoch;
  }

  /** Whether other instances may exist: only PostgreSQL is shared. */
  get shared(): boolean {
    return this.db.dialect === 'postgres';
  }

  onHeld(handler: (held: boolean) => void): void {
    this.holdHandlers.push(handler);
  }

  /**
   * Starts taking part: takes the lease at once on SQLite; on PostgreSQL keeps the session open
   * and polls for the lock (standby instances too: their session carries the messages).
   */
  async start(): Promise<void> {
    this.stopped = false;
    if (!this.shared) {
      await this.take(this.db);
      return;
    }
    await this.tick();
    this.timer = setInterval(() => void this.tick(), POLL_MS);
    this.timer.unref();
  }

  /**
   * In every transaction the holder writes, before it writes events or alerts (a direct store
   * inserts its new incidents first): throws when another instance took the lease since, or
   * changed events behind the holder's memory. Its row lock, held to the commit, also orders the
   * holder's transactions with each other and with event moves made elsewhere.
   */
  async fence(tx: Queryable): Promise<void> {
    if (this.heldEpoch === null) throw new LeaseLostError();
    const rows = await tx.query<{ version: unknown }>(
      `UPDATE pipeline_lease SET updated_at = ? WHERE name = 'correlation' AND epoch = ? RETURNING version`,
      [Date.now(), this.heldEpoch],
    );
    if (rows.length === 0) {
      this.lose('another instance holds the lease now');
      throw new LeaseLostError();
    }
    if (num(rows[0]!.version) !== this.knownVersion) throw new StaleStateError();
  }

  /**
   * Marks events as changed outside correlation (inside the changing transaction). Returns the
   * new version: the holder that changed its own memory to match calls `caughtUp` with it.
   */
  async bump(tx: Queryable): Promise<number> {
    const rows = await tx.query<{ version: unknown }>(
      `UPDATE pipeline_lease SET version = version + 1 WHERE name = 'correlation' RETURNING version`,
    );
    return num(rows[0]!.version);
  }

  /** The holder's memory now matches the database at `version`. */
  caughtUp(version: number): void {
    this.knownVersion = version;
  }

  /** After a change committed with bump(): the holder that changed its memory to match is caught up. */
  changed(version: number): void {
    if (this.held && version === this.knownVersion + 1) this.knownVersion = version;
  }

  /** The current version, read before the memory is rebuilt from the database. */
  async currentVersion(): Promise<number> {
    const rows = await this.db.query<{ version: unknown }>(`SELECT version FROM pipeline_lease WHERE name = 'correlation'`);
    return num(rows[0]?.version ?? 0);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.release();
  }

  /** Gives the lease up (graceful shutdown): another instance takes it at its next poll. */
  async release(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.heldEpoch !== null) this.lose('released');
    await this.session.close();
  }

  private async take(q: Queryable): Promise<void> {
    const rows = await q.query<{ epoch: unknown; version: unknown }>(
      `UPDATE pipeline_lease SET epoch = epoch + 1, holder = ?, updated_at = ? WHERE name = 'correlation' RETURNING epoch, version`,
      [this.instance.slice(0, 128), Date.now()],
    );
    this.heldEpoch = num(rows[0]!.epoch);
    this.knownVersion = num(rows[0]!.version);
    this.logger.log(`holding the correlation lease (epoch ${this.heldEpoch})`);
    for (const h of this.holdHandlers) h(true);
  }

  private lose(why: string): void {
    if (this.heldEpoch === null) return;
    this.logger.warn(`correlation lease lost (epoch ${this.heldEpoch}): ${why}`);
    this.heldEpoch = null;
    for (const h of this.holdHandlers) h(false);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      if (!(await this.session.ensure())) return;
      const q = this.session.queryable();
      if (this.heldEpoch === null && q) {
        const rows = await q.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`);
        if (rows[0]?.ok) await this.take(q);
      }
    } catch (err) {
      // once every 10 s while the database is away, not every poll
      if (Date.now() - this.warnedAt > 10_000) {
        this.warnedAt = Date.now();
        this.logger.warn(`lease connection: ${(err as Error).message}`);
      }
      this.session.drop();
    }
  }
}
