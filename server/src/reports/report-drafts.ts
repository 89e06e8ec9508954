import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { shiftAt, type ShiftContext } from '../handover/shifts';
import { EventBus } from '../infra/bus/bus';
import { CorrelationLease } from '../infra/cluster/lease.service';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

const EVERY_MS = 60_000;

// The duty report drafted at each shift's end (config/reports.yaml `shifts`): on the instance
// holding the lease, a look every minute at the shift that ended last; if it has no draft yet,
// the daily report of the day it began on is stored as it stands (report_snapshots), announced on
// the bus (`report.drafted`) and audited. The shift's key is unique in the table, so neither a
// second instance nor a restart drafts it twice; a shift that ended while no instance held the
// lease is drafted at the next look, as long as no later shift has ended since.
@Injectable()
export class ReportDrafts implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('reports');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<string | null> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ReportsRepository,
    private readonly reports: ReportsService,
    private readonly lease: CorrelationLease,
    private readonly bus: EventBus,
    private readonly audit: AuditService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      void this.draftDue().catch((e: unknown) => this.logger.warn(`shift-end draft: ${String(e)}`));
    }, EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private get shifts(): ShiftContext {
    const r = this.config.reports;
    return { shifts: r.shifts, timeZone: this.config.city.timezone, roster: this.config.roster, officeUnit: r.officeUnit };
  }

  /** Drafts the report of the shift that ended last, if not drafted yet: the snapshot's id, else null. */
  async draftDue(now = Date.now()): Promise<string | null> {
    if (!this.lease.held) return null;
    if (this.running) return this.running;
    this.running = this.draft(now).finally(() => (this.running = null));
    return this.running;
  }

  private async draft(now: number): Promise<string | null> {
    const current = shiftAt(this.shifts, now);
    const ended = shiftAt(this.shifts, Date.parse(current.start) - 1);
    if (await this.repo.hasSnapshot('daily', ended.key)) return null;
    // a shift belongs to the city day it began on: the night shift's end drafts the whole day before
    const date = ended.key.slice(0, 10);
    const report = await this.reports.dailyOf(date, now);
    const id = await this.repo.addSnapshot({ kind: 'daily', date, shiftKey: ended.key, createdAt: now, body: JSON.stringify(report) });
    if (id === null) return null;
    this.bus.publish('report.drafted', { kind: 'daily', date, shiftKey: ended.key, snapshotId: id });
    await this.audit.record('system', 'report.drafted', 'report', id, { kind: 'daily', date, shiftKey: ended.key });
    return id;
  }
}
