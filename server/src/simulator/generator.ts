// Seeded generator of native feed records for the four channels, about the city of the config
// (the shipped one: a Qingdao beer-festival evening). Pure apart from its own state (PRNG,
// counters, merchant pools): the same world, seed and calls give the same records. Nothing here
// reads the clock except when no seed is given.
import type { Channel, FeedRecordByChannel } from '@jointduty/shared';
import { CHANNELS } from '@jointduty/shared';
import { consumerRecord, hotlineRecord, policeRecord, sentimentRecord } from './channels';
import { EpisodeScheduler, type EpisodeOptions } from './episodes/schedule';
import { Rng } from './rng';
import { Sim } from './sim';
import { EPISODE_KINDS, type EpisodeKind, type EpisodeTag, type GeneratedRecord } from './types';
import type { World } from './world';

export { RARE_RATES } from './channels';
export { FESTIVAL_HOURLY_RHYTHM, rateAt } from './rhythm';
export { EPISODE_KINDS, type EpisodeKind, type EpisodeTag, type GeneratedRecord } from './types';
export type { EpisodeOptions } from './episodes/schedule';
export { buildWorld, type World } from './world';

export interface GeneratorOptions {
  /** PRNG seed; without one, the generator seeds itself from the clock */
  seed?: number;
  /** first part of every external id (default 'SIM') */
  idPrefix?: string;
  /** multi-channel stories told between the ordinary records (default DEFAULT_EPISODES; false: none) */
  episodes?: Partial<EpisodeOptions> | false;
}

// How often the simulator tells multi-channel stories, and which. Kept here rather than in
// config/simulator.yaml, which holds the rate, channel mix and rhythm of the ordinary records and
// the phrase banks; a caller overrides it through GeneratorOptions.episodes.
//   poisoning    one eatery: a 110 alarm, 2–3 12345 calls, a 12315 complaint and a post within 90 min
//   vanishedGym  a prepaid-card gym gone (跑路): 6–10 12315 complaints from distinct people, 1–2 calls, maybe a post and a 110
//   viralPost    a 天价/宰客 post with 1,000+ reposts and comments (now and then 100,000+), then 1–3 complaints
//   claimant     one person: 10–13 12315 complaints against 6–8 merchants over 5–10 hours, punitive demands
//   lookalike    records that must stay apart: two shops on one street, two branches of a chain, praise after a bad post
export const DEFAULT_EPISODES: Readonly<EpisodeOptions> = {
  perHour: 2,
  mix: { poisoning: 1, vanishedGym: 1, viralPost: 1, claimant: 1, lookalike: 1 },
};

// A plausible share of records per channel.
export const DEFAULT_CHANNEL_MIX: Readonly<Record<Channel, number>> = { '12345': 0.4, '12315': 0.2, '110': 0.25, sentiment: 0.15 };

export class RecordGenerator {
  // the stream of ordinary records; episodes draw from their own, swapped in while they are
  // planned, so that turning episodes on or off does not change the ordinary records
  private readonly sim: Sim;
  private readonly episodes: EpisodeScheduler;

  constructor(world: World, opts: GeneratorOptions = {}) {
    const seed = opts.seed ?? Date.now() ^ 0x5bd1e995;
    const s = Number.isFinite(seed) ? Math.floor(seed) : 1;
    this.sim = new Sim(world, new Rng(s), (opts.idPrefix ?? 'SIM').slice(0, 24) || 'SIM');
    const episodeRng = new Rng(Math.imul((s ^ 0x2545f491) >>> 0, 0x9e3779b1) ^ 0x68e31da4);
    this.episodes = new EpisodeScheduler(this.sim, episodeRng, episodeOptions(opts.episodes));
  }

  // One native record of the channel, occurring at `at` (ISO with +08:00 offset), valid against the shared schema.
  next<C extends Channel>(channel: C, at: Date): FeedRecordByChannel[C] {
    validDate(at);
    switch (channel) {
      case '12345':
        return hotlineRecord(this.sim, at) as FeedRecordByChannel[C];
      case '12315':
        return consumerRecord(this.sim, at) as FeedRecordByChannel[C];
      case '110':
        return policeRecord(this.sim, at) as FeedRecordByChannel[C];
      case 'sentiment':
        return sentimentRecord(this.sim, at) as FeedRecordByChannel[C];
      default:
        throw new RangeError(`unknown channel ${String(channel)}`);
    }
  }

  // A channel drawn from the weights.
  pickChannel(mix: Record<Channel, number>): Channel {
    const usable = CHANNELS.filter((c) => Number.isFinite(mix[c]) && mix[c] > 0);
    if (usable.length === 0) return '12345';
    return this.sim.rng.weighted(usable, (c) => mix[c]);
  }

  // Episode records that have happened by `at`, in time order, after starting the episodes due by
  // then (about `perHour` an hour, following the hourly rhythm; the first a few minutes after the
  // first call). Calls with rising `at` give every episode record once, each later than `at` of the
  // call before.
  due(at: Date): GeneratedRecord[] {
    validDate(at);
    return this.episodes.due(at.getTime());
  }

  // What happens at `at`: the episode records now due (see `due`), then `count` ordinary records
  // of channels drawn from `mix`, all at `at`: in time order.
  batch(at: Date, count: number, mix: Record<Channel, number>): GeneratedRecord[] {
    const out = this.due(at);
    for (let i = 0; i < count; i++) {
      const channel = this.pickChannel(mix);
      out.push({ channel, at, record: this.next(channel, at) } as GeneratedRecord);
    }
    return out;
  }

  // Starts an episode of the kind now: its records come out of `due` from `at` on.
  startEpisode(kind: EpisodeKind, at: Date): EpisodeTag {
    validDate(at);
    if (!EPISODE_KINDS.includes(kind)) throw new RangeError(`unknown episode kind ${String(kind)}`);
    return this.episodes.plan(kind, Math.ceil(at.getTime() / 1000) * 1000);
  }

  // Episode records planned and not yet due.
  get pendingEpisodeRecords(): number {
    return this.episodes.pendingCount;
  }
}

function validDate(at: Date): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError('at must be a valid Date');
}

function episodeOptions(given: Partial<EpisodeOptions> | false | undefined): EpisodeOptions | null {
  if (given === false) return null;
  const perHour = given?.perHour ?? DEFAULT_EPISODES.perHour;
  if (!Number.isFinite(perHour) || perHour <= 0) return null;
  const mix: Partial<Record<EpisodeKind, number>> = {};
  for (const k of EPISODE_KINDS) {
    const w = (given?.mix ?? DEFAULT_EPISODES.mix)[k];
    if (w !== undefined && Number.isFinite(w) && w > 0) mix[k] = w;
  }
  if (Object.keys(mix).length === 0) return null;
  const rhythm = given?.hourlyRhythm;
  return { perHour, mix, hourlyRhythm: Array.isArray(rhythm) && rhythm.length === 24 ? [...rhythm] : undefined };
}
