import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CHANNELS, type Channel } from '@jointduty/shared';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { FeedsService } from '../feeds/feeds.service';
import { RecordGenerator, rateAt } from './generator';

const TICK_MS = 1000;

// Demo data through the same intake as real feeds, flagged `simulated` on every incident.
@Injectable()
export class SimulatorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('simulator');
  private readonly generator = new RecordGenerator({ seed: Date.now() % 2_147_483_647, idPrefix: 'SIM' });
  private timer: NodeJS.Timeout | null = null;
  private carry = 0;
  private busy = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly feeds: FeedsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.env.simulator) return;
    this.logger.log(`on: about ${this.config.simulator.ratePerMinute} records/min with a daily rhythm (SIMULATOR=off disables it)`);
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Feeds one tick's worth of records; returns how many were generated. */
  async tick(now = new Date()): Promise<number> {
    if (this.busy) return 0; // a slow database must not pile ticks up
    this.busy = true;
    try {
      const hour = (now.getUTCHours() + 8) % 24;
      this.carry += rateAt(this.config.simulator.ratePerMinute, this.config.simulator.hourlyRhythm, hour) / (60_000 / TICK_MS);
      const n = Math.floor(this.carry);
      this.carry -= n;
      const byChannel = new Map<Channel, unknown[]>();
      for (let i = 0; i < n; i++) {
        const channel = this.generator.pickChannel(this.config.simulator.channelMix);
        const list = byChannel.get(channel) ?? [];
        list.push(this.generator.next(channel, now));
        byChannel.set(channel, list);
      }
      for (const channel of CHANNELS) {
        const records = byChannel.get(channel);
        if (records) await this.feeds.intake(channel, records, { simulated: true });
      }
      return n;
    } catch (err) {
      this.logger.warn(`tick failed: ${String(err)}`);
      return 0;
    } finally {
      this.busy = false;
    }
  }
}
