import { Injectable } from '@nestjs/common';
import { CorrelationLease } from '../../infra/cluster/lease.service';
import { UnderstandingService } from '../understanding.service';

// Whether the holder may decide on its memory of recent events. Memory is built from the
// database on taking the lease and after any failure; a commit that failed leaves memory ahead of
// the database, and every decision made on it since (a direct group waiting for its commit) is
// void: `generation` tells them apart.
@Injectable()
export class CorrelationMemory {
  private isWarm = false;
  private gen = 0;

  constructor(
    private readonly lease: CorrelationLease,
    private readonly understanding: UnderstandingService,
  ) {}

  /** built from the database, and nothing failed since */
  get warm(): boolean {
    return this.isWarm;
  }

  /** bumped when memory is found ahead of the database (a failed commit) */
  get generation(): number {
    return this.gen;
  }

  /** Rebuilds memory from the database (in turn). */
  async warmUp(): Promise<void> {
    // the version first: a change committed while we read shows as a newer version at the fence
    const version = await this.lease.currentVersion();
    await this.understanding.warmUp();
    this.lease.caughtUp(version);
    this.isWarm = true;
  }

  /** To be rebuilt before the next decision (the lease was taken, a job failed). */
  stale(): void {
    this.isWarm = false;
  }

  /** Memory is ahead of the database: what was decided on it is void, and it is rebuilt. */
  lost(): void {
    this.gen++;
    this.isWarm = false;
  }
}
