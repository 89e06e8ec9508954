import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG } from '../../config/app-config.token';
import type { AppConfig } from '../../config/config.schema';
import { Db, num, toPg, type Queryable } from '../database/db';

// The correlation lease: which instance joins incidents into events and runs the rules.
//
// Correlation keeps its recent events in memory, and the rules read that memory, so exactly one
// process may do it at a time. On PostgreSQL the lease is a session advisory lock held on a
// connection of its own: when the holder dies (even kill -9) its connection closes and
// PostgreSQL frees the lock at once, and another instance takes it within a poll. Each taking
// raises `epoch` in `pipeline_lease`; the holder checks its epoch inside every transaction it
// writes (the fence), so a holder that lost the lock without noticing can never commit after
// the next one. On SQLite there is one process: it holds the lease from the start.
//
// The same connection LISTENs: `jointduty_pending` (records stored by another instance, for the
// holder to pick up) and `jointduty_alerts` (alert changes committed anywhere, for every instance
// to push to its own sockets).

/** A job in two stages: decided (the turn passed on), then done. */
export interface Staged<T> {
  prepared: Promise<void>;
  result: Promise<T>;
}

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

export type Notice = 'pending' | 'alerts';
export const NOTICE_CHANNELS: Record<Notice, string> = { pending: 'jointduty_pending', alerts: 'jointduty_alerts' };
const CHANNELS = NOTICE_CHANNELS;

// any fixed 64-bit number both sides agree on: "jointdut" in ASCII
const LOCK_KEY = '7597131513585300852';
const POLL_MS = 1000;

@Injectable()
export class CorrelationLease implements OnApplicationShutdown {
  private readonly logger = new Logger('lease');
  readonly instance: string;
  private heldEpoch: number | null = null;
  /** the `version` the holder's memory was built at */
  private knownVersion = 0;
  private client: Client | null = null;
  private connecting = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private warnedAt = 0;
  private readonly holdHandlers: Array<(held: boolean) => void> = [];
  private readonly noticeHandlers: Record<Notice, Array<() => void>> = { pending: [], alerts: [] };
  // correlation work of this process, one job at a time (batches, overdue checks, event moves)
  private chain: Promise<unknown> = Promise.resolve();
  // the commits of pipelined jobs, in the order they were prepared
  private commits: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
  ) {
    this.instance = `${config.env.instanceId}:${process.pid}`;
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

  onNotice(notice: Notice, handler: () => void): void {
    this.noticeHandlers[notice].push(handler);
  }

  /** Starts taking part: takes the lease at once on SQLite, or polls for it on PostgreSQL. */
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
   * Runs correlation work after the work handed over before it: one job at a time, and only once
   * every commit of a pipelined job before it has finished (the job sees memory as stored).
   */
  run<T>(job: () => Promise<T>): Promise<T> {
    const run = this.chain.then(async () => {
      await this.commits;
      return job();
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * A job in two stages, so that one job's commit overlaps the next one's preparation: `prepare`
   * runs in turn like run()'s jobs (it decides in memory), then the turn passes on while `commit`
   * runs. `commit` is given the commits prepared before it (`before`) and must wait for them
   * before it writes anything another job may write too: its own new rows may go first. run()'s
   * jobs wait for every commit under way. If the turn does not come within
   * `waitMs` (a long job holds it), resolves with null at that moment and neither stage runs.
   * A commit that fails leaves memory ahead of the database: the caller rebuilds it, and makes
   * the commits prepared after it fail too (they were decided on that memory). `prepared`
   * resolves when the turn has passed on (or was given up), `result` with the commit.
   */
  pipelined<P, T>(
    prepare: () => Promise<P>,
    commit: (prepared: P, before: Promise<unknown>) => Promise<T>,
    waitMs: number,
  ): Staged<T | null> {
    let prepared!: () => void;
    const decided = new Promise<void>((r) => (prepared = r));
    const result = new Promise<T | null>((resolve, reject) => {
      let gaveUp = false;
      const timer = setTimeout(() => {
        gaveUp = true;
        prepared();
        resolve(null);
      }, waitMs);
      this.chain = this.chain.then(async () => {
        if (gaveUp) return;
        clearTimeout(timer);
        let p: P;
        try {
          p = await prepare();
        } catch (err) {
          prepared();
          reject(err);
          return;
        }
        const committed = commit(p, this.commits);
        this.commits = committed.catch(() => undefined);
        prepared();
        committed.then(resolve, reject);
      });
    });
    return { prepared: decided, result };
  }

  /** Resolves when every job handed to run() or pipelined() so far has finished. */
  async idle(): Promise<void> {
    let chain: Promise<unknown> | null = null;
    let commits: Promise<unknown> | null = null;
    while (chain !== this.chain || commits !== this.commits) {
      chain = this.chain;
      commits = this.commits;
      await chain;
      await commits;
    }
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

  /**
   * Runs a change to events made by a person (move, reclassify): on the holder, in turn with the
   * batches, so memory and database change together; elsewhere at once (the holder rebuilds
   * its memory when it sees the version moved).
   */
  changeEvents<T>(job: () => Promise<T>): Promise<T> {
    return this.held ? this.run(job) : job();
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

  /** Tells the other instances (inside the transaction: delivered when it commits). */
  async notifyIn(tx: Queryable, notice: Notice): Promise<void> {
    if (tx.dialect !== 'postgres') return;
    await tx.query(`SELECT pg_notify(?, '')`, [CHANNELS[notice]]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.release();
  }

  /** Gives the lease up (graceful shutdown): another instance takes it at its next poll. */
  async release(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const c = this.client;
    this.client = null;
    if (this.heldEpoch !== null) this.lose('released');
    if (c) await c.end().catch(() => undefined);
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
    if (this.stopped || this.connecting) return;
    try {
      if (!this.client) await this.connect();
      if (this.heldEpoch === null && this.client) {
        const rows = await this.client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`);
        if (rows.rows[0]?.ok) {
          const c = this.client;
          await this.take({
            dialect: 'postgres',
            query: async (sql, params = []) => (await c.query(toPg(sql), params)).rows,
            execute: async () => 0,
          });
        }
      }
    } catch (err) {
      // once every 10 s while the database is away, not every poll
      if (Date.now() - this.warnedAt > 10_000) {
        this.warnedAt = Date.now();
        this.logger.warn(`lease connection: ${(err as Error).message}`);
      }
      this.dropClient();
    }
  }

  private async connect(): Promise<void> {
    this.connecting = true;
    const c = new Client({
      connectionString: this.config.env.databaseUrl!,
      application_name: `jointduty-lease ${this.instance}`.slice(0, 63),
      keepAlive: true,
      connectionTimeoutMillis: 5000,
    });
    c.on('error', (err) => {
      this.logger.warn(`lease connection lost: ${err.message}`);
      if (this.client === c) this.dropClient();
    });
    c.on('end', () => {
      if (this.client === c) this.dropClient();
    });
    c.on('notification', (n) => {
      const notice = (Object.keys(CHANNELS) as Notice[]).find((k) => CHANNELS[k] === n.channel);
      if (notice) for (const h of this.noticeHandlers[notice]) h();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNELS.pending}; LISTEN ${CHANNELS.alerts}`);
      this.client = c;
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    } finally {
      this.connecting = false;
    }
    // notices may have been missed while there was no connection
    for (const n of Object.keys(CHANNELS) as Notice[]) for (const h of this.noticeHandlers[n]) h();
  }

  // the session is gone, and the advisory lock with it
  private dropClient(): void {
    const c = this.client;
    this.client = null;
    if (c) void c.end().catch(() => undefined);
    this.lose('its database connection closed');
  }
}
