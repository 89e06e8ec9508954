import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { EventBus } from '../infra/bus/bus';
import { Db } from '../infra/database/db';
import { AlertHistoryService } from './alert-history.service';
import { AlertsRepository } from './alerts.repository';

const DEFAULT_MINUTES = 5;
const MAX_CHECK_EVERY_MS = 15_000;
const MIN_CHECK_EVERY_MS = 250;

/** The wait before a major alert nobody acknowledged goes to the leaders: `escalation` in config/rules.yaml. */
export function escalationSettings(config: AppConfig): { enabled: boolean; waitMs: number; problem: string | null } {
  const rule = config.rules.find((r) => r.id === 'escalation');
  const minutes = Number(rule?.params.minutes ?? DEFAULT_MINUTES);
  const valid = Number.isFinite(minutes) && minutes > 0;
  return {
    enabled: rule?.enabled ?? true,
    waitMs: (valid ? minutes : DEFAULT_MINUTES) * 60_000,
    problem: valid
      ? null
      : `config/rules.yaml: escalation.params.minutes must be a number above 0 (got ${String(rule?.params.minutes)}): using ${DEFAULT_MINUTES}`,
  };
}

// A major alert nobody acknowledged within the configured minutes goes to the leaders, once.
// The escalation is written to the alert's history (a unique row per alert), so neither a restart
// nor a second instance escalates the same alert again.
@Injectable()
export class EscalationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('escalation');
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly enabled: boolean;
  private readonly waitMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Db,
    private readonly repo: AlertsRepository,
    private readonly history: AlertHistoryService,
    private readonly bus: EventBus,
  ) {
    const settings = escalationSettings(config);
    ({ enabled: this.enabled, waitMs: this.waitMs } = settings);
    if (settings.problem) this.logger.warn(settings.problem);
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    // a short setting is checked often enough to keep its promise; the default every 15 s
    const every = Math.min(MAX_CHECK_EVERY_MS, Math.max(MIN_CHECK_EVERY_MS, Math.floor(this.waitMs / 4)));
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = true;
      this.check()
        .catch((e: unknown) => this.logger.warn(String(e)))
        .finally(() => (this.running = false));
    }, every);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Escalates every major alert still open after the wait and not escalated before; answers how many. */
  async check(now = Date.now()): Promise<number> {
    if (!this.enabled) return 0;
    const waiting = await this.repo.waitingMajor(now - this.waitMs);
    let n = 0;
    for (const a of waiting) {
      const escalated = await this.db.transaction(async (tx) => {
        // acknowledged meanwhile: nothing to escalate
        const current = await this.repo.getIn(tx, a.id);
        if (!current || current.status !== 'open' || current.severity !== 'major') return null;
        const fresh = await this.history.escalated(tx, current, now, (now - Date.parse(current.createdAt)) / 60_000);
        return fresh ? current : null;
      });
      if (!escalated) continue;
      this.bus.publish('alert.escalated', escalated);
      n++;
    }
    return n;
  }
}
