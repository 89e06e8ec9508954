import { validateFeedRecord, type Channel } from '@jointduty/shared';
import { SimulatorService } from './simulator.service';
import { loadConfig } from '../config/config.loader';
import type { AppConfig } from '../config/config.schema';
import type { FeedsService } from '../feeds/feeds.service';

describe('SimulatorService', () => {
  // the shipped city, simulated at these settings
  const shipped = loadConfig({ env: {} });
  const config = {
    ...shipped,
    env: { ...shipped.env, simulator: true },
    simulator: {
      ...shipped.simulator!,
      ratePerMinute: 600,
      channelMix: { '12345': 4, '12315': 3, '110': 2, sentiment: 1 },
      hourlyRhythm: new Array(24).fill(1),
    },
  } as AppConfig;

  it('feeds about rate/60 records a second through the intake, every one flagged simulated', async () => {
    const calls: Array<{ channel: string; records: unknown[]; simulated?: boolean }> = [];
    const feeds = {
      intake: async (channel: string, records: unknown[], opts: { simulated?: boolean }) => {
        calls.push({ channel, records, simulated: opts.simulated });
        return { accepted: records.length, duplicates: 0, rejected: [] };
      },
    } as unknown as FeedsService;
    const sim = new SimulatorService(config, feeds);
    let total = 0;
    for (let s = 0; s < 30; s++) total += await sim.tick(new Date(Date.UTC(2026, 6, 20, 12, 0, s)));
    expect(total).toBeGreaterThanOrEqual(290);
    expect(total).toBeLessThanOrEqual(310);
    expect(calls.every((c) => c.simulated === true)).toBe(true);
    expect(new Set(calls.map((c) => c.channel))).toEqual(new Set(['12345', '12315', '110', 'sentiment']));
  });

  it('passes the episodes (stories told by several channels) through the intake too, every record valid', async () => {
    const records: Array<{ channel: string; record: unknown }> = [];
    const feeds = {
      intake: async (channel: string, batch: unknown[]) => {
        for (const record of batch) records.push({ channel, record });
        return { accepted: batch.length, duplicates: 0, rejected: [] };
      },
    } as unknown as FeedsService;
    const slow = { ...config, simulator: { ...config.simulator, ratePerMinute: 60 } } as AppConfig;
    const sim = new SimulatorService(slow, feeds);
    // 40 minutes in 10 s ticks: one ordinary record a tick, and the first episode within minutes
    let total = 0;
    for (let s = 0; s < 240; s++) total += await sim.tick(new Date(Date.UTC(2026, 6, 20, 11, 0, 0) + s * 10_000));
    expect(records.length).toBe(total);
    expect(total).toBeGreaterThan(240);
    for (const { channel, record } of records) expect(validateFeedRecord(channel as Channel, record).ok).toBe(true);
  });
});
