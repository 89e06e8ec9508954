import { Injectable } from '@nestjs/common';
import { CorrelationLease } from '../../infra/cluster/lease.service';

// Correlation's turns on the instance holding the lease: the events live in one memory, so the
// work on it (batches, direct stores, alert growth, overdue checks, event moves) runs one job at
// a time. A job in two stages lets the next one decide while its commit is under way, with the
// commits still in the order they were decided.

/** A job in two stages: decided (the turn passed on), then done. */
export interface Staged<T> {
  prepared: Promise<void>;
  result: Promise<T>;
}

@Injectable()
export class CorrelationTurns {
  // correlation work of this process, one job at a time (batches, overdue checks, event moves)
  private chain: Promise<unknown> = Promise.resolve();
  // the commits of pipelined jobs, in the order they were prepared
  private commits: Promise<unknown> = Promise.resolve();

  constructor(private readonly lease: CorrelationLease) {}

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
   * Runs a change to events made by a person (move, reclassify): on the holder, in turn with the
   * batches, so memory and database change together; elsewhere at once (the holder rebuilds
   * its memory when it sees the version moved).
   */
  changeEvents<T>(job: () => Promise<T>): Promise<T> {
    return this.lease.held ? this.run(job) : job();
  }
}
