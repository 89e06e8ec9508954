import { iso, localDay, localParts } from '../clock';
import { FESTIVAL_HOURLY_RHYTHM, rateAt } from '../rhythm';
import type { Rng } from '../rng';
import type { Sim } from '../sim';
import { EPISODE_KINDS, type EpisodeKind, type EpisodePlan, type EpisodeTag, type GeneratedRecord } from '../types';
import { planClaimant } from './claimant';
import { planLookalike } from './lookalike';
import { planPoisoning } from './poisoning';
import { planVanishedGym } from './vanished-gym';
import { planViralPost } from './viral-post';

export interface EpisodeOptions {
  /** episodes started per hour, on average over a day (0: none) */
  perHour: number;
  /** relative weights of the kinds of episode */
  mix: Partial<Record<EpisodeKind, number>>;
  /** 24 hourly weights, hour 0 to 23 in the city's timezone, for when episodes start (default: the festival day) */
  hourlyRhythm?: readonly number[];
}

// an episode's records happen within hours; after a longer pause the generator does not replay the gap
const EPISODE_CATCH_UP_MS = 2 * 3600_000;

const PLANNERS: Record<EpisodeKind, (sim: Sim, start: number) => EpisodePlan> = {
  poisoning: planPoisoning,
  vanishedGym: planVanishedGym,
  viralPost: planViralPost,
  claimant: planClaimant,
  lookalike: planLookalike,
};

// When episodes start (about perHour an hour, following the rhythm, drawn from the episodes' own
// stream), and their planned records, kept in time order until they are due.
export class EpisodeScheduler {
  private readonly pending: Array<{ at: number; seq: number; item: GeneratedRecord }> = [];
  private pendingSeq = 0;
  private count = 0;
  private clock: number | null = null;

  constructor(
    private readonly sim: Sim,
    private readonly rng: Rng,
    private readonly options: EpisodeOptions | null,
  ) {}

  get pendingCount(): number {
    return this.pending.length;
  }

  // The records due by `now`, in time order, after starting the episodes due by then.
  due(now: number): GeneratedRecord[] {
    this.startEpisodes(now);
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.at <= now) n++;
    return this.pending.splice(0, n).map((p) => p.item);
  }

  // Plans the episode's records (drawing from the episode stream) and queues them in time order.
  plan(kind: EpisodeKind, start: number): EpisodeTag {
    return this.sim.drawingFrom(this.rng, () => {
      const id = `EP-${localDay(new Date(start))}-${(++this.count).toString(36)}`;
      const plan = PLANNERS[kind](this.sim, start);
      const tag: EpisodeTag = { id, kind, subject: plan.subject, district: plan.district, startsAt: iso(new Date(start)) };
      for (const p of plan.records)
        this.enqueue({ channel: p.channel, at: new Date(p.at), record: p.record, episode: tag } as GeneratedRecord);
      return tag;
    });
  }

  // Starts the episodes whose time has come by `now`: one chance a minute, at the configured rate.
  private startEpisodes(now: number): void {
    const ep = this.options;
    if (!ep) return;
    if (this.clock === null) {
      // a fresh demo shows a story within minutes
      this.clock = now;
      const kind = this.kind(ep);
      if (kind) this.plan(kind, (Math.floor(now / 1000) + this.rng.int(60, 180)) * 1000);
      return;
    }
    if (now <= this.clock) return;
    const from = Math.max(this.clock, now - EPISODE_CATCH_UP_MS);
    this.clock = now;
    const rhythm = ep.hourlyRhythm ?? FESTIVAL_HOURLY_RHYTHM;
    for (let minute = Math.floor(from / 60_000) * 60_000 + 60_000; minute <= now; minute += 60_000) {
      const expected = rateAt(ep.perHour / 60, rhythm, Number(localParts(new Date(minute)).h));
      let starts = Math.floor(expected) + (this.rng.chance(expected - Math.floor(expected)) ? 1 : 0);
      while (starts-- > 0) {
        const kind = this.kind(ep);
        // within the minute, never before it: records already given out stay earlier
        if (kind) this.plan(kind, minute + this.rng.int(0, 59) * 1000);
      }
    }
  }

  private kind(ep: EpisodeOptions): EpisodeKind | undefined {
    const usable = EPISODE_KINDS.filter((k) => (ep.mix[k] ?? 0) > 0);
    return usable.length === 0 ? undefined : this.rng.weighted(usable, (k) => ep.mix[k]!);
  }

  private enqueue(item: GeneratedRecord): void {
    const at = item.at.getTime();
    let lo = 0;
    let hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pending[mid]!.at <= at) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, { at, seq: this.pendingSeq++, item });
  }
}
