import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { EventBus } from '../infra/bus/bus';
import { AlertsRepository } from './alerts.repository';

const CHECK_EVERY_MS = 15_000;

// A major alert nobody acknowledged within the configured minutes goes to the leaders.
@Injectable()
export class EscalationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('escalation');
  private timer: NodeJS.Timeout | null = null;
  private readonly escalated = new Set<string>();
  private readonly waitMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repo: AlertsRepository,
    private readonly bus: EventBus,
  ) {
    const minutes = Number(config.rules.find((r) => r.id === 'escalation')?.params.minutes ?? 5);
    this.waitMs = (Number.isFinite(minutes) && minutes > 0 ? minutes : 5) * 60_000;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.check().catch((e: unknown) => this.logger.warn(String(e))), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async check(now = Date.now()): Promise<number> {
    const waiting = await this.repo.waitingMajor(now - this.waitMs);
    let n = 0;
    for (const a of waiting) {
      if (this.escalated.has(a.id)) continue;
      this.escalated.add(a.id);
      this.bus.publish('alert.escalated', a);
      n++;
    }
    if (this.escalated.size > 10_000) this.escalated.clear();
    return n;
  }
}
