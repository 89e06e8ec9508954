import type { NewIncident, IncidentsRepository } from '../incidents/incidents.repository';
import type { Db } from '../infra/database/db';

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
  /** inside the transaction, after the insert (e.g. a notice to other instances) */
  beforeCommit?: (tx: Parameters<Parameters<Db['transaction']>[0]>[0], written: Set<string>) => Promise<void>;
  /** after the commit, before any request is answered */
  afterCommit?: (rows: NewIncident[], written: Set<string>) => void;
}

/**
 * Group commit: records from concurrent requests are written together, one transaction for all
 * that arrived while the previous one was committing. Each request is answered only after the
 * transaction holding its records committed, so a 202 is a commit; a failed transaction fails
 * every request in it, and none of their records is stored.
 */
export class IntakeWriter {
  private waiting: Waiting[] = [];
  private queuedRecords = 0;
  private writing: Promise<void> | null = null;

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
    if (!this.writing) this.writing = this.drain().finally(() => (this.writing = null));
    return done;
  }

  /** Resolves when every record handed over so far is written (or failed). */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group: Waiting[] = [];
      let n = 0;
      while (this.waiting.length > 0 && (n === 0 || n + this.waiting[0]!.rows.length <= this.opts.maxGroup)) {
        const w = this.waiting.shift()!;
        group.push(w);
        n += w.rows.length;
      }
      const all = group.length === 1 ? group[0]!.rows : group.flatMap((w) => w.rows);
      try {
        const written = await this.db.transaction(async (tx) => {
          const w = await this.incidents.insertNew(tx, all);
          if (this.opts.beforeCommit) await this.opts.beforeCommit(tx, w);
          return w;
        });
        this.queuedRecords -= n;
        this.opts.afterCommit?.(all, written);
        for (const w of group) w.resolve(written);
      } catch (err) {
        this.queuedRecords -= n;
        for (const w of group) w.reject(err);
      }
    }
  }
}
