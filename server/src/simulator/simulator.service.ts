import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CHANNELS, type Channel } from '@jointduty/shared';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { FeedsService } from '../feeds/feeds.service';
import { buildWorld, DEFAULT_EPISODES, RecordGenerator, rateAt } from './generator';

const TICK_MS = 1000;

// Demo data through the same intake as real feeds, flagged `simulated` on every incident.
@Injectable()
export class SimulatorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('simulator');
  // none when the city has no simulator.yaml (allowed only with SIMULATOR=off)
  private readonly generator: RecordGenerator | null;
  private timer: NodeJS.Timeout | null = null;
  private carry = 0;
  private busy = false;
  private readonly announced = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly feeds: FeedsService,
  ) {
    // the city of the config; episodes (multi-channel stories) at DEFAULT_EPISODES' rate,
    // starting by the configured rhythm
    this.generator = config.simulator
      ? new RecordGenerator(buildWorld(config.city, config.simulator), {
          seed: Date.now() % 2_147_483_647,
          idPrefix: 'SIM',
          episodes: { hourlyRhythm: config.simulator.hourlyRhythm },
        })
      : null;
  }

  onApplicationBootstrap(): void {
    if (!this.config.env.simulator || !this.config.simulator) return;
    this.logger.log(
      `on: about ${this.config.simulator.ratePerMinute} records/min with a daily rhythm, and about ${DEFAULT_EPISODES.perHour} multi-channel episodes an hour (SIMULATOR=off disables it)`,
    );
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Feeds one tick's worth of records; returns how many were generated. */
  async tick(now = new Date()): Promise<number> {
    if (this.busy) return 0; // a slow database must not pile ticks up
    const settings = this.config.simulator;
    if (!this.generator || !settings) return 0;
    this.busy = true;
    try {
      const hour = (now.getUTCHours() + 8) % 24;
      this.carry += rateAt(settings.ratePerMinute, settings.hourlyRhythm, hour) / (60_000 / TICK_MS);
      const n = Math.floor(this.carry);
      this.carry -= n;
      // the episode records due by now (in time order), then this tick's ordinary records
      const batch = this.generator.batch(now, n, settings.channelMix);
      const byChannel = new Map<Channel, unknown[]>();
      for (const item of batch) {
        if (item.episode && !this.announced.has(item.episode.id)) {
          this.announced.add(item.episode.id);
          if (this.announced.size > 200) this.announced.delete(this.announced.values().next().value!);
          this.logger.log(`episode ${item.episode.kind} ${item.episode.id}: ${item.episode.subject} (${item.episode.district})`);
        }
        const list = byChannel.get(item.channel) ?? [];
        list.push(item.record);
        byChannel.set(item.channel, list);
      }
      for (const channel of CHANNELS) {
        const records = byChannel.get(channel);
        if (records) await this.feeds.intake(channel, records, { simulated: true });
      }
      return batch.length;
    } catch (err) {
      this.logger.warn(`tick failed: ${String(err)}`);
      return 0;
    } finally {
      this.busy = false;
    }
  }
}
