import { Injectable } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import type { Incident } from '@jointduty/shared';
import { MetricsService } from '../../metrics/metrics.service';

const BATCH_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500];

export type CorrelationPath = 'queue' | 'direct';
export type FallbackReason = 'error' | 'stored-meanwhile' | 'lease' | 'stale';

// Every metric of the correlation pipeline, named in one place.
@Injectable()
export class PipelineMetrics {
  constructor(private readonly metrics: MetricsService) {}

  /** The gauges, read when scraped. */
  gauges(read: { inMemory: () => number; inDatabase: () => number; quarantined: () => number; held: () => boolean }): void {
    this.metrics.gauge(
      'jointduty_correlation_queue',
      'Records stored and waiting for correlation (this instance: in memory; database: all instances)',
      () => [
        [{ where: 'memory' }, read.inMemory()],
        [{ where: 'database' }, read.inDatabase()],
      ],
    );
    this.metrics.gauge(
      'jointduty_correlation_quarantined',
      'Stored records set aside from correlation because understanding fails on them (as last counted)',
      () => [[{}, read.quarantined()]],
    );
    this.metrics.gauge('jointduty_correlation_lease', 'Whether this instance holds the correlation lease', () => [
      [{}, read.held() ? 1 : 0],
    ]);
  }

  /** A batch committed: its phases (t0 started, t1 understood, now written), size and alert writes. */
  batch(path: CorrelationPath, records: number, alertWrites: number, t0: number, t1: number): void {
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
    this.metrics.observe('jointduty_correlation_batch_records', 'Records per correlation batch', {}, records, BATCH_BUCKETS);
    this.metrics.inc(
      'jointduty_correlation_records_total',
      'Records correlated: direct (in the transaction that stored them) or from the queue',
      { path },
      records,
    );
    this.metrics.inc('jointduty_correlation_alert_writes_total', 'Events whose alerts a batch wrote (raised or followed)', {}, alertWrites);
  }

  /** From each record received to its event committed (now). */
  reached(batch: Incident[]): void {
    const doneAt = Date.now();
    for (const i of batch) {
      this.metrics.observe(
        'jointduty_intake_to_event_seconds',
        'From a record received to its event committed',
        { channel: i.channel },
        (doneAt - Date.parse(i.receivedAt)) / 1000,
      );
    }
  }

  swept(records: number): void {
    this.metrics.inc(
      'jointduty_correlation_swept_total',
      'Records read back from the database for correlation (other instances, crashes)',
      {},
      records,
    );
  }

  fellBack(why: FallbackReason): void {
    this.metrics.inc('jointduty_correlation_direct_fallback_total', 'Direct stores that went to the queue instead', { why });
  }

  quarantined(): void {
    this.metrics.inc(
      'jointduty_correlation_quarantined_total',
      'Stored records set aside from correlation because understanding failed on them alone',
    );
  }
}
