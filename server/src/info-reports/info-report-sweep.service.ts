import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CorrelationLease } from '../infra/cluster/lease.service';
import { InfoReportsService } from './info-reports.service';

const EVERY_MS = 20_000;

// The lateness sweep of information reports: on the instance holding the correlation lease only,
// every 20 s and at once on takeover. A takeover first opens the reports of major alerts that have
// none (raised while no instance listened), then marks what fell due meanwhile. Late marks are
// stored once per step (a unique key), so neither a second instance nor a restart repeats one.
@Injectable()
export class InfoReportSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('info-reports');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly reports: InfoReportsService,
    private readonly lease: CorrelationLease,
  ) {}

  onApplicationBootstrap(): void {
    this.lease.onHeld((held) => {
      if (held) this.soon(true);
    });
    this.timer = setInterval(() => this.soon(false), EVERY_MS);
    this.timer.unref();
    this.soon(true);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  private soon(takeover: boolean): void {
    if (this.stopped) return;
    void this.sweep(Date.now(), takeover).catch((e: unknown) => this.logger.warn(`info report sweep: ${String(e)}`));
  }

  /** One sweep now, if this instance holds the lease: how many steps it marked late. */
  async sweep(now = Date.now(), takeover = false): Promise<number> {
    if (!this.lease.held || this.stopped) return 0;
    if (this.running) return this.running;
    this.running = (async () => {
      if (takeover) await this.reports.reconcile();
      return this.reports.markLate(now);
    })().finally(() => (this.running = null));
    return this.running;
  }
}
