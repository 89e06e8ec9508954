import { Injectable, Logger } from '@nestjs/common';
import type { Incident } from '@jointduty/shared';
import { CorrelationLease } from '../../infra/cluster/lease.service';
import { Db } from '../../infra/database/db';
import { PipelineMetrics } from './pipeline.metrics';
import { QuarantineRepository } from './quarantine.repository';
import { CorrelationTurns } from './turns';

/** a record understanding fails on this many times on its own is set aside (quarantined) */
export const QUARANTINE_AFTER = 3;

/** Understanding or the rules threw on a batch: something in its records, not the database. */
export class UnderstandingFailedError extends Error {
  constructor(readonly failure: Error) {
    super(`understanding failed: ${failure.message}`);
  }
}

// The search for the record to blame when understanding fails on a batch. The batch's records
// are taken one at a time, each with its failures alone; after QUARANTINE_AFTER one is set aside,
// so one bad record does not stop correlation for every record behind it. Such a failure is
// the records', not the database's: the queue retries at once, without backoff.
@Injectable()
export class QuarantineService {
  private readonly logger = new Logger('pipeline');
  /** records of a failed batch, taken one at a time, with their failures alone */
  private readonly suspects = new Map<string, number>();
  private quarantined = 0;

  constructor(
    private readonly db: Db,
    private readonly lease: CorrelationLease,
    private readonly turns: CorrelationTurns,
    private readonly repo: QuarantineRepository,
    private readonly metrics: PipelineMetrics,
  ) {}

  /** records set aside and not released, as last counted */
  get count(): number {
    return this.quarantined;
  }

  async recount(): Promise<void> {
    this.quarantined = await this.repo.count();
  }

  /** The suspect to try alone next, while a failed batch is searched; undefined otherwise. */
  next(queue: Incident[]): Incident | undefined {
    if (this.suspects.size === 0) return undefined;
    const suspect = queue.find((i) => this.suspects.has(i.id));
    // correlated meanwhile (moved by staff, or by an earlier holder): nothing left to search
    if (!suspect) this.suspects.clear();
    return suspect;
  }

  /** These records were correlated: no longer suspects. */
  cleared(batch: Incident[]): void {
    for (const i of batch) this.suspects.delete(i.id);
  }

  /**
   * Understanding failed on a batch. Several records: each becomes a suspect, tried alone next.
   * One: its failures are counted, and at QUARANTINE_AFTER it is set aside in the database (still
   * stored, listed for staff, out of the queue). Memory is rebuilt before each try, as after any
   * failure, so a record is judged on the database's state and not on a half-taken batch.
   */
  async suspect(batch: Incident[], cause: Error): Promise<void> {
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
    await this.turns.run(() =>
      this.db.transaction(async (tx) => {
        await this.lease.fence(tx);
        await this.repo.add(tx, id, cause.message, attempts, Date.now());
      }),
    );
    this.suspects.delete(id);
    this.quarantined++;
    this.metrics.quarantined();
    this.logger.error(`record ${id} (${batch[0]!.channel} ${batch[0]!.externalId}) set aside after ${attempts} failures: ${cause.message}`);
  }
}
