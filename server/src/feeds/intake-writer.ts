import type { NewIncident, IncidentsRepository } from '../incidents/incidents.repository';
import type { Db } from '../infra/database/db';
import type { Staged } from '../correlation/pipeline/turns';

// groups under way at once: on the correlation holder one is being decided (its records
// understood), the one before it inserts its records, and the one before that finishes its commit
const IN_FLIGHT = 3;

/** The writer's queue is full: the caller answers 503 and the sender retries later. */
export class IntakeFullError extends Error {
  constructor(readonly queued: number) {
    super(`intake queue is full (${queued} records waiting to be written)`);
  }
}

interface Waiting {
  rows: NewIncident[];
  resolve: (written: Set<string>) => void;
  reject: (err: unknown) => void;
}

export interface IntakeWriterOptions {
  /** records that may wait to be written before intake refuses more */
  maxQueued: number;
  /** records written in one transaction at most (whole requests: one request is never split) */
  maxGroup: number;
  /**
   * Stores a group another way if it can (the correlation holder stores its records with their
   * events): the ids stored, or null to take the plain insert below.
   */
  store?: (rows: NewIncident[]) => Staged<Set<string> | null>;
  /**
   * Inside the transaction, after the insert (the records' work orders, a notice to other
   * instances): what it answers is handed to afterCommit.
   */
  beforeCommit?: (tx: Parameters<Parameters<Db['transaction']>[0]>[0], written: Set<string>, rows: NewIncident[]) => Promise<unknown>;
  /** after the commit, before any request is answered */
  afterCommit?: (rows: NewIncident[], written: Set<string>, made: unknown) => void;
}

/**
 * Group commit: records from concurrent requests are written together, one transaction for all
 * that arrived while the previous one was being written (up to IN_FLIGHT groups may be under
 * way: on the correlation holder, one being decided while those before it commit). Each request is answered only after the
 * transaction holding its records committed, so a 202 is a commit; a failed transaction fails
 * every request in it, and none of their records is stored.
 */
export class IntakeWriter {
  private waiting: Waiting[] = [];
  private queuedRecords = 0;
  private writing: Promise<void> | null = null;
  private arrived: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentsRepository,
    private readonly opts: IntakeWriterOptions,
  ) {}

  /** Records waiting to be written (in the queue and in the transaction under way). */
  get depth(): number {
    return this.queuedRecords;
  }

  /** Writes the rows; resolves with the ids actually stored (the others existed already). */
  write(rows: NewIncident[]): Promise<Set<string>> {
    if (rows.length === 0) return Promise.resolve(new Set());
    if (this.queuedRecords > 0 && this.queuedRecords + rows.length > this.opts.maxQueued) {
      return Promise.reject(new IntakeFullError(this.queuedRecords));
    }
    this.queuedRecords += rows.length;
    const done = new Promise<Set<string>>((resolve, reject) => this.waiting.push({ rows, resolve, reject }));
    this.arrived?.();
    if (!this.writing) this.writing = this.drain().finally(() => (this.writing = null));
    return done;
  }

  /** Resolves when every record handed over so far is written (or failed). */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private take(): { group: Waiting[]; n: number; all: NewIncident[] } {
    const group: Waiting[] = [];
    let n = 0;
    while (this.waiting.length > 0 && (n === 0 || n + this.waiting[0]!.rows.length <= this.opts.maxGroup)) {
      const w = this.waiting.shift()!;
      group.push(w);
      n += w.rows.length;
    }
    return { group, n, all: group.length === 1 ? group[0]!.rows : group.flatMap((w) => w.rows) };
  }

  /**
   * Takes groups while requests wait: a group is taken once the one before it has been decided
   * (its commit may still be under way), and at most IN_FLIGHT groups are unfinished.
   */
  private async drain(): Promise<void> {
    const unfinished = new Set<Promise<void>>();
    for (;;) {
      if (this.waiting.length > 0 && unfinished.size < IN_FLIGHT) {
        const { group, n, all } = this.take();
        const { prepared, done } = this.writeGroup(all);
        const settled: Promise<void> = done.then(
          (written) => {
            this.queuedRecords -= n;
            for (const w of group) w.resolve(written);
          },
          (err: unknown) => {
            this.queuedRecords -= n;
            for (const w of group) w.reject(err);
          },
        );
        const tracked = settled.finally(() => unfinished.delete(tracked));
        unfinished.add(tracked);
        await prepared;
        continue;
      }
      if (this.waiting.length === 0 && unfinished.size === 0) return;
      // a group finished, or (with room for one more) a request arrived
      await Promise.race([...unfinished, ...(unfinished.size < IN_FLIGHT ? [new Promise<void>((r) => (this.arrived = r))] : [])]);
      this.arrived = null;
    }
  }

  private writeGroup(all: NewIncident[]): { prepared: Promise<void>; done: Promise<Set<string>> } {
    const direct = this.opts.store?.(all);
    const done = (async () => {
      const written = direct ? await direct.result : null;
      if (written !== null) return written;
      const { ids: w, made } = await this.db.transaction(async (tx) => {
        const ids = await this.incidents.insertNew(tx, all);
        const made = this.opts.beforeCommit ? await this.opts.beforeCommit(tx, ids, all) : undefined;
        return { ids, made };
      });
      this.opts.afterCommit?.(all, w, made);
      return w;
    })();
    // the plain insert decides nothing in memory: the next group may start at once
    return { prepared: direct ? direct.prepared : Promise.resolve(), done };
  }
}
