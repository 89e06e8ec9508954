// Seeded generator of native feed records for the four channels: a Qingdao beer-festival evening.
// Pure apart from its own state (PRNG, counters, merchant pools): the same seed and the same calls
// give the same records. Nothing here reads the clock except when no seed is given.
import type { Channel, FeedRecordByChannel } from '@jointduty/shared';
import { CHANNELS, usccCheckChar } from '@jointduty/shared';
import {
  APPLIANCES,
  AUTHOR_CORES,
  AUTHOR_HEADS,
  AUTHOR_TAILS,
  CARD_TYPES,
  COLORS,
  CONSUMER_OPENERS,
  CONSUMER_STORIES,
  DISTRICTS,
  FOOD_ISSUES,
  GARMENTS,
  GIVEN_CHARS,
  GOODS,
  HASHTAGS_BY_TONE,
  HASHTAGS_COMMON,
  HOTLINE_CLOSERS,
  HOTLINE_OPENERS,
  HOTLINE_STORIES,
  LOST_ITEMS,
  MEDIA_AUTHORS,
  MERCHANT_STYLES,
  METRO_LINES,
  MOBILE_PREFIXES,
  POLICE_HARM_STORIES,
  POLICE_MASS_STORIES,
  POLICE_OPENERS,
  POLICE_STORIES,
  SEAFOOD,
  SENTIMENT_STORIES,
  SUBJECTS,
  SURNAMES,
  type AlarmType,
  type AppealType,
  type ConsumerKind,
  type ConsumerStory,
  type DistrictInfo,
  type HotlineStory,
  type MerchantKind,
  type Place,
  type PlaceTag,
  type PoliceStory,
  type SentimentStory,
  type Tone,
} from './phrases';
import {
  CLAIMANT_KINDS,
  EPISODE_KINDS,
  EPISODE_TAILS,
  GYM_CONSUMER,
  GYM_HOTLINE,
  GYM_POLICE,
  GYM_POSTS,
  HOSPITALS,
  LOOKALIKE_BAD_POSTS,
  LOOKALIKE_BRANCH_CONSUMER,
  LOOKALIKE_BRANCH_HOTLINE,
  LOOKALIKE_NOISE,
  LOOKALIKE_PRAISE,
  LOOKALIKE_SHOP,
  NAME_BREAKERS,
  POISON_CONSUMER,
  POISON_DISHES,
  POISON_HOTLINE,
  POISON_POLICE,
  POISON_POLICE_OPENERS,
  POISON_POSTS_NAMED,
  POISON_POSTS_UNNAMED,
  VIRAL_CONSUMER,
  VIRAL_HOTLINE,
  VIRAL_MEDIA_POSTS,
  VIRAL_POSTS_NAMED,
  VIRAL_POSTS_UNNAMED,
  type EpisodeKind,
} from './episode-phrases';

export { EPISODE_KINDS, type EpisodeKind } from './episode-phrases';

export interface GeneratorOptions {
  /** PRNG seed; without one, the generator seeds itself from the clock */
  seed?: number;
  /** first part of every external id (default 'SIM') */
  idPrefix?: string;
  /** multi-channel stories told between the ordinary records (default DEFAULT_EPISODES; false: none) */
  episodes?: Partial<EpisodeOptions> | false;
}

export interface EpisodeOptions {
  /** episodes started per hour, on average over a day (0: none) */
  perHour: number;
  /** relative weights of the kinds of episode */
  mix: Partial<Record<EpisodeKind, number>>;
  /** 24 hourly weights, hour 0 to 23 in the city's timezone, for when episodes start (default: the festival day) */
  hourlyRhythm?: readonly number[];
}

/**
 * How often the simulator tells multi-channel stories, and which. Kept here rather than in
 * config/simulator.yaml, whose schema accepts only the rate, channel mix and rhythm; a caller
 * overrides it through GeneratorOptions.episodes.
 *   poisoning    one eatery: a 110 alarm, 2–3 12345 calls, a 12315 complaint and a post within 90 min
 *   vanishedGym  a prepaid-card gym gone (跑路): 6–10 12315 complaints from distinct people, 1–2 calls, maybe a post and a 110
 *   viralPost    a 天价/宰客 post with 1,000+ reposts and comments (now and then 100,000+), then 1–3 complaints
 *   claimant     one person: 10–13 12315 complaints against 6–8 merchants over 5–10 hours, punitive demands
 *   lookalike    records that must stay apart: two shops on one street, two branches of a chain, praise after a bad post
 */
export const DEFAULT_EPISODES: Readonly<EpisodeOptions> = {
  perHour: 2,
  mix: { poisoning: 1, vanishedGym: 1, viralPost: 1, claimant: 1, lookalike: 1 },
};

/** Which episode a record belongs to (not part of the record: the server must find the story itself). */
export interface EpisodeTag {
  id: string;
  kind: EpisodeKind;
  /** what the story is about: the merchant's name, the place, or the claimant (masked) */
  subject: string;
  district: string;
  /** when the episode's first record happens (ISO, +08:00) */
  startsAt: string;
}

/** A record with its channel and time; `episode` is set on records of an episode. */
export type GeneratedRecord = {
  [C in Channel]: { channel: C; at: Date; record: FeedRecordByChannel[C]; episode?: EpisodeTag };
}[Channel];

type HotlineRecord = FeedRecordByChannel['12345'];
type ConsumerRecord = FeedRecordByChannel['12315'];
type PoliceRecord = FeedRecordByChannel['110'];
type SentimentRecord = FeedRecordByChannel['sentiment'];
type Coordinates = { lng: number; lat: number };

/** Share of 110 records that are a 群体性事件, and that harm 3 or more people at once. */
export const RARE_RATES = { mass: 1 / 400, harm: 1 / 400 } as const;

/** A festival day: quiet at night, busy from late afternoon, peaking around 20–21 h (mean 1). */
export const FESTIVAL_HOURLY_RHYTHM: readonly number[] = [
  0.55, 0.35, 0.22, 0.16, 0.15, 0.2, 0.4, 0.6, 0.85, 1.05, 1.15, 1.2, 1.1, 1.0, 1.0, 1.1, 1.2, 1.4, 1.75, 2.05, 2.25, 2.15, 1.65, 1.05,
];

/** A plausible share of records per channel. */
export const DEFAULT_CHANNEL_MIX: Readonly<Record<Channel, number>> = { '12345': 0.4, '12315': 0.2, '110': 0.25, sentiment: 0.15 };

/** Records per minute at local hour `hour` (0–23) given the base rate and 24 hourly weights (normalized so their mean is 1). */
export function rateAt(ratePerMinute: number, hourlyRhythm: number[] | readonly number[], hour: number): number {
  if (!Number.isFinite(ratePerMinute) || ratePerMinute <= 0) return 0;
  if (!Array.isArray(hourlyRhythm) || hourlyRhythm.length !== 24) return ratePerMinute;
  const weights = hourlyRhythm.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const mean = weights.reduce((a, b) => a + b, 0) / 24;
  if (mean <= 0) return ratePerMinute;
  const h = Number.isFinite(hour) ? ((Math.floor(hour) % 24) + 24) % 24 : 0;
  return (ratePerMinute * weights[h]!) / mean;
}

// ---- randomness -------------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG, good enough for simulated data. */
class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += Math.max(0, weightOf(item));
    let r = this.next() * total;
    for (const item of items) {
      r -= Math.max(0, weightOf(item));
      if (r < 0) return item;
    }
    return items[items.length - 1]!;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }
}

function typeMix<T extends string>(rng: Rng, mix: Record<T, number>): T {
  return rng.weighted(Object.keys(mix) as T[], (k) => mix[k]);
}

const APPEAL_MIX: Record<AppealType, number> = { 投诉: 46, 求助: 14, 咨询: 18, 举报: 7, 建议: 8, 表扬: 7 };
const CONSUMER_MIX: Record<ConsumerKind, number> = { 投诉: 78, 举报: 12, 咨询: 10 };
const ALARM_MIX: Partial<Record<AlarmType, number>> = { 纠纷: 30, 求助: 25, 治安: 18, 交通: 18, 其他: 6, 刑事: 2, 火灾: 1 };
const TONE_MIX: Record<Tone, number> = { negative: 55, neutral: 22, positive: 23 };
const SOURCE_MIX = { phone: 60, wechat: 15, app: 10, web: 8, mailbox: 4, letter: 3 } as const;
const PLATFORM_MIX = { weibo: 42, douyin: 26, xiaohongshu: 16, wechat: 9, forum: 4, news: 3 } as const;
const ID_PART: Record<Channel, string> = { '12345': 'GD', '12315': 'TS', '110': 'JJ', sentiment: 'YQ' };

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ID_MAX = 64;

// ---- the world the stories happen in ----------------------------------------------------------

interface Person {
  name: string;
  phone: string;
}

interface Merchant {
  name: string;
  kind: MerchantKind;
  district: DistrictInfo;
  place?: Place;
  street: string;
  num: number;
  address: string;
  location: Coordinates;
  uscc?: string;
}

interface RepeatCaller {
  person: Person;
  /** not before this time again (ms) */
  nextAt: number;
  callsLeft: number;
  story: HotlineStory;
  district?: DistrictInfo;
  merchant?: Merchant;
  place?: Place;
}

type AnyStory = HotlineStory | ConsumerStory | PoliceStory | SentimentStory;

// Everything one record's template may ask for; a slot asked twice answers the same.
interface Ctx {
  at: Date;
  story: AnyStory;
  district: DistrictInfo;
  place?: Place;
  merchant?: Merchant;
  memo: Map<string, string>;
}

const PLACES: Array<{ place: Place; district: DistrictInfo }> = DISTRICTS.flatMap((district) =>
  district.places.map((place) => ({ place, district })),
);
// districts joined by road without crossing the bay
const CITY_CORE = ['市南区', '市北区', '李沧区', '崂山区', '城阳区'];
const HOT_MERCHANTS_PER_DAY = 2;
const MERCHANT_POOL_CAP = 60;
const REPEAT_CALLERS = 8;
const CLAIMANTS_PER_DAY = 3;

type Planned = { [C in Channel]: { at: number; channel: C; record: FeedRecordByChannel[C] } }[Channel];

interface EpisodePlan {
  subject: string;
  district: string;
  records: Planned[];
}

interface MerchantOptions {
  /** name endings to choose from; also keeps out heads a reader would cut a name at (see NAME_BREAKERS) */
  tails?: readonly string[];
  /** a street address even at the festival grounds (no 帐篷) */
  noTent?: boolean;
  /** always has a USCC */
  uscc?: boolean;
  district?: DistrictInfo;
  street?: string;
  name?: string;
}

// sentinel story for episode records, whose texts come from episode-phrases.ts
const EPISODE_STORY: SentimentStory = { tone: 'negative', text: '' };
// an episode's records happen within hours; after a longer pause the generator does not replay the gap
const EPISODE_CATCH_UP_MS = 2 * 3600_000;

export class RecordGenerator {
  // the stream of ordinary records; episodes draw from their own (episodeRng), swapped in while they are
  // planned, so that turning episodes on or off does not change the ordinary records
  private rng: Rng;
  private readonly episodeRng: Rng;
  private readonly episodes: EpisodeOptions | null;
  private readonly pending: Array<{ at: number; seq: number; item: GeneratedRecord }> = [];
  private pendingSeq = 0;
  private episodeCount = 0;
  private episodeClock: number | null = null;
  private readonly idPrefix: string;
  private counter = 0;
  private readonly pools = new Map<string, Merchant[]>();
  private readonly hot = new Map<string, Merchant[]>();
  private readonly names = new Set<string>();
  private readonly repeatCallers: RepeatCaller[] = [];
  private readonly claimants = new Map<string, Person[]>();

  constructor(opts: GeneratorOptions = {}) {
    const seed = opts.seed ?? Date.now() ^ 0x5bd1e995;
    const s = Number.isFinite(seed) ? Math.floor(seed) : 1;
    this.rng = new Rng(s);
    this.episodeRng = new Rng(Math.imul((s ^ 0x2545f491) >>> 0, 0x9e3779b1) ^ 0x68e31da4);
    this.idPrefix = (opts.idPrefix ?? 'SIM').slice(0, 24) || 'SIM';
    this.episodes = episodeOptions(opts.episodes);
  }

  /** One native record of the channel, occurring at `at` (ISO with +08:00 offset), valid against the shared schema. */
  next<C extends Channel>(channel: C, at: Date): FeedRecordByChannel[C] {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError('at must be a valid Date');
    switch (channel) {
      case '12345':
        return this.hotline(at) as FeedRecordByChannel[C];
      case '12315':
        return this.consumer(at) as FeedRecordByChannel[C];
      case '110':
        return this.police(at) as FeedRecordByChannel[C];
      case 'sentiment':
        return this.sentiment(at) as FeedRecordByChannel[C];
      default:
        throw new RangeError(`unknown channel ${String(channel)}`);
    }
  }

  /** A channel drawn from the weights. */
  pickChannel(mix: Record<Channel, number>): Channel {
    const usable = CHANNELS.filter((c) => Number.isFinite(mix[c]) && mix[c] > 0);
    if (usable.length === 0) return '12345';
    return this.rng.weighted(usable, (c) => mix[c]);
  }

  /**
   * Episode records that have happened by `at`, in time order, after starting the episodes due by
   * then (about `perHour` an hour, following the hourly rhythm; the first a few minutes after the
   * first call). Calls with rising `at` give every episode record once, each later than `at` of the
   * call before.
   */
  due(at: Date): GeneratedRecord[] {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError('at must be a valid Date');
    const now = at.getTime();
    this.startEpisodes(now);
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.at <= now) n++;
    return this.pending.splice(0, n).map((p) => p.item);
  }

  /**
   * What happens at `at`: the episode records now due (see `due`), then `count` ordinary records
   * of channels drawn from `mix`, all at `at`: in time order.
   */
  batch(at: Date, count: number, mix: Record<Channel, number>): GeneratedRecord[] {
    const out = this.due(at);
    for (let i = 0; i < count; i++) {
      const channel = this.pickChannel(mix);
      out.push({ channel, at, record: this.next(channel, at) } as GeneratedRecord);
    }
    return out;
  }

  /** Starts an episode of the kind now: its records come out of `due` from `at` on. */
  startEpisode(kind: EpisodeKind, at: Date): EpisodeTag {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError('at must be a valid Date');
    if (!EPISODE_KINDS.includes(kind)) throw new RangeError(`unknown episode kind ${String(kind)}`);
    return this.plan(kind, Math.ceil(at.getTime() / 1000) * 1000);
  }

  /** Episode records planned and not yet due. */
  get pendingEpisodeRecords(): number {
    return this.pending.length;
  }

  // ---- channels ------------------------------------------------------------------------------

  private hotline(at: Date): HotlineRecord {
    const rng = this.rng;
    let story: HotlineStory;
    let ctx: Ctx;
    let citizen: Person | undefined;
    const caller = rng.chance(0.03) ? this.repeatCaller(at) : undefined;
    if (caller) {
      // the same person about the same thing again (反复投诉)
      story = caller.story;
      ctx = this.context(story, at, caller);
      citizen = caller.person;
    } else {
      const type = typeMix(rng, APPEAL_MIX);
      story = rng.weighted(
        HOTLINE_STORIES.filter((s) => s.appealType === type),
        (s) => s.weight ?? 1,
      );
      ctx = this.context(story, at);
    }
    const source = typeMix(rng, SOURCE_MIX);
    const body = this.fill(story.text, ctx);
    const content = `${this.fill(rng.pick(HOTLINE_OPENERS[source]), ctx)}${body}${rng.pick(HOTLINE_CLOSERS[story.appealType])}`;
    const record: HotlineRecord = {
      orderNo: this.id('12345', at),
      acceptedAt: iso(at),
      appealType: story.appealType,
      content,
    };
    if (rng.chance(0.95)) record.source = source;
    if (rng.chance(0.9)) record.category = story.category;
    if (story.title && rng.chance(0.6)) record.title = this.fill(story.title, ctx);
    this.placeFields(record, ctx, 0.5, 0.5, true);
    if (rng.chance(0.85)) record.citizen = this.citizen(citizen ?? this.person(), story.appealType !== '表扬');
    const urgent = rng.chance(story.urgent ?? 0.03);
    if (urgent || rng.chance(0.5)) record.urgency = urgent ? '紧急' : '一般';
    // 办理时限: the shared time check refuses times more than a day ahead, so deadlines stay within 23 h
    if (rng.chance(0.4)) record.dueAt = iso(new Date(at.getTime() + (urgent ? 2 : rng.int(12, 23)) * 3600_000));
    if (rng.chance(0.3)) {
      const department = departmentFor(story.category, ctx.district.name);
      if (department) record.department = department;
    }
    return record;
  }

  private consumer(at: Date): ConsumerRecord {
    const rng = this.rng;
    const kind = typeMix(rng, CONSUMER_MIX);
    const story = rng.weighted(
      CONSUMER_STORIES.filter((s) => s.kind === kind),
      (s) => s.weight ?? 1,
    );
    const ctx = this.context(story, at);
    const opener = story.claimant ? '' : rng.pick(CONSUMER_OPENERS[story.kind]);
    const record: ConsumerRecord = {
      regNo: this.id('12315', at),
      kind: story.kind,
      receivedAt: iso(at),
      content: opener + this.fill(story.text, ctx),
    };
    const m = ctx.merchant;
    if (m && (story.kind !== '咨询' || rng.chance(0.5))) {
      record.merchant = { name: m.name };
      if (m.uscc && rng.chance(0.8)) record.merchant.uscc = m.uscc;
      if (rng.chance(0.6)) record.merchant.address = m.address;
    }
    const person = story.claimant ? rng.pick(this.claimantsOf(at)) : this.person();
    if (rng.chance(0.9)) record.consumer = this.citizen(person, true);
    if (rng.chance(0.95)) record.industry = story.industry;
    if (story.amount && rng.chance(0.85)) record.amount = Number(this.slot(ctx, 'amount'));
    this.placeFields(record, ctx, 0.4, 0.45, false);
    return record;
  }

  private police(at: Date): PoliceRecord {
    const rng = this.rng;
    const r = rng.next();
    let story: PoliceStory;
    if (r < RARE_RATES.mass) story = rng.pick(POLICE_MASS_STORIES);
    else if (r < RARE_RATES.mass + RARE_RATES.harm) story = rng.pick(POLICE_HARM_STORIES);
    else {
      const type = typeMix(rng, ALARM_MIX as Record<AlarmType, number>);
      story = rng.weighted(
        POLICE_STORIES.filter((s) => s.alarmType === type),
        (s) => s.weight ?? 1,
      );
    }
    const ctx = this.context(story, at);
    const casualties =
      story.casualties && rng.chance(story.casualtyChance ?? 0.5) ? rng.int(story.casualties[0], story.casualties[1]) : undefined;
    if (casualties !== undefined) ctx.memo.set('casualties', String(casualties));
    const record: PoliceRecord = {
      caseNo: this.id('110', at),
      reportedAt: iso(at),
      alarmType: story.alarmType,
      summary: this.fill(rng.pick(POLICE_OPENERS), ctx) + this.fill(story.text, ctx),
      address: this.slot(ctx, 'addr'),
    };
    if (rng.chance(0.75) || story.level[1] <= 2) record.level = rng.int(story.level[0], story.level[1]);
    if (casualties !== undefined) record.casualties = casualties;
    if (rng.chance(0.6)) record.district = ctx.district.name;
    if (rng.chance(0.5)) record.location = this.location(ctx);
    if (rng.chance(0.6)) record.callerPhone = rng.chance(0.1) ? `0532-8${rng.digits(7)}` : this.mobile();
    return record;
  }

  private sentiment(at: Date): SentimentRecord {
    const rng = this.rng;
    const tone = typeMix(rng, TONE_MIX);
    const story = rng.weighted(
      SENTIMENT_STORIES.filter((s) => s.tone === tone),
      (s) => s.weight ?? 1,
    );
    const ctx = this.context(story, at);
    const platform = story.media ? rng.pick(['weibo', 'wechat', 'news', 'douyin'] as const) : typeMix(rng, PLATFORM_MIX);
    const closedTags = platform === 'weibo' || platform === 'news' || platform === 'forum' || platform === 'wechat';
    const tagCount = rng.int(0, 2) + (rng.chance(0.7) ? 1 : 0);
    const pool = [...HASHTAGS_COMMON, ...HASHTAGS_BY_TONE[tone]];
    const tags: string[] = [];
    for (let i = 0; i < tagCount; i++) {
      const t = rng.pick(i === 0 ? HASHTAGS_COMMON : pool);
      const shown = closedTags ? t : t.slice(0, -1);
      if (!tags.includes(shown)) tags.push(shown);
    }
    const body = this.fill(story.text, ctx);
    const tagLine = tags.join(closedTags ? '' : ' ');
    const text = tags.length === 0 ? body : rng.chance(0.5) ? `${tagLine} ${body}` : `${body} ${tagLine}`;

    const media = story.media === true;
    const followers = media ? rng.int(50_000, 3_000_000) : Math.floor(Math.exp(2 + rng.next() * rng.next() * 11));
    const record: SentimentRecord = {
      postId: this.id('sentiment', at),
      platform,
      publishedAt: iso(at),
      text,
    };
    if (rng.chance(0.9)) {
      const author: NonNullable<SentimentRecord['author']> = { name: media ? rng.pick(MEDIA_AUTHORS) : this.nickname() };
      if (rng.chance(0.85)) author.followers = followers;
      if (media || followers > 100_000) author.verified = media || rng.chance(0.5);
      record.author = author;
    }
    if (rng.chance(0.85)) record.url = this.postUrl(platform, at);
    record.metrics = this.metrics(platform);
    const loc = rng.next();
    if (loc < 0.4) record.location = '山东青岛';
    else if (loc < 0.55) record.location = ctx.district.name;
    else if (loc < 0.7) record.location = `青岛·${ctx.district.name}`;
    if (rng.chance(0.75)) record.topics = rng.chance(0.8) ? ['青岛国际啤酒节'] : ['青岛国际啤酒节', '青岛旅游'];
    return record;
  }

  // ---- contexts, merchants, places -----------------------------------------------------------

  private context(story: AnyStory, at: Date, fixed?: { district?: DistrictInfo; merchant?: Merchant; place?: Place }): Ctx {
    let merchant = fixed?.merchant;
    let place = fixed?.place;
    let district = fixed?.district;
    if (!merchant && story.merchant) merchant = this.merchant(story.merchant, at, story.hot === true && this.rng.chance(0.7), story.place);
    if (merchant) {
      district = merchant.district;
      place = place ?? merchant.place;
    } else if (!place && story.place) {
      const chosen = this.placeWith(story.place);
      place = chosen.place;
      district = chosen.district;
    }
    if (!district) district = place ? districtOf(place) : this.district();
    if (!place && story.place) place = this.placeWith(story.place, district).place;
    return { at, story, district, place, merchant, memo: new Map() };
  }

  private district(): DistrictInfo {
    return this.rng.weighted(DISTRICTS, (d) => d.weight);
  }

  /** A place with the tag, in the district when it has one, else anywhere (weighted by district). */
  private placeWith(tag: PlaceTag, district?: DistrictInfo): { place: Place; district: DistrictInfo } {
    const local = district ? district.places.filter((p) => p.tags.includes(tag)) : [];
    if (local.length > 0) return { place: this.rng.pick(local), district: district! };
    const all = PLACES.filter((e) => e.place.tags.includes(tag));
    return this.rng.weighted(all, (e) => e.district.weight / e.district.places.filter((p) => p.tags.includes(tag)).length);
  }

  private merchant(kind: MerchantKind, at: Date, hot: boolean, tag?: PlaceTag): Merchant {
    const rng = this.rng;
    if (hot) {
      // a few businesses a day "vanish" and draw many complaints (群体性投诉)
      const key = `${kind}|${tag ?? ''}|${localDay(at)}`;
      let list = this.hot.get(key);
      if (!list) {
        list = [];
        this.hot.set(key, list);
        if (this.hot.size > 60) this.hot.delete(this.hot.keys().next().value!);
      }
      if (list.length < HOT_MERCHANTS_PER_DAY) {
        const m = this.newMerchant(kind, tag);
        list.push(m);
        return m;
      }
      return rng.pick(list);
    }
    const key = `${kind}|${tag ?? ''}`;
    let pool = this.pools.get(key);
    if (!pool) this.pools.set(key, (pool = []));
    if (pool.length === 0 || (pool.length < MERCHANT_POOL_CAP && rng.chance(0.35))) {
      const m = this.newMerchant(kind, tag);
      pool.push(m);
      return m;
    }
    // a few merchants draw most complaints
    return pool[Math.floor(pool.length * Math.pow(rng.next(), 1.8))]!;
  }

  private newMerchant(kind: MerchantKind, tag?: PlaceTag, opts: MerchantOptions = {}): Merchant {
    const rng = this.rng;
    const style = MERCHANT_STYLES[kind];
    let district: DistrictInfo;
    let place: Place | undefined;
    if (opts.district) {
      district = opts.district;
      const onStreet = opts.street ? district.places.filter((p) => p.street === opts.street) : [];
      if (onStreet.length > 0) place = rng.pick(onStreet);
    } else if (style.districts) {
      district = rng.weighted(
        DISTRICTS.filter((d) => style.districts!.includes(d.name)),
        (d) => d.weight,
      );
      const near = district.places.filter((p) => (tag ? p.tags.includes(tag) : p.tags.some((t) => style.near?.includes(t))));
      if (near.length > 0) place = rng.pick(near);
    } else if (tag) {
      ({ place, district } = this.placeWith(tag));
    } else {
      district = this.district();
      const near = style.near ? district.places.filter((p) => p.tags.some((t) => style.near!.includes(t))) : [];
      if (near.length > 0 && rng.chance(0.65)) place = rng.pick(near);
    }
    const clean = opts.tails !== undefined;
    const heads = clean ? style.heads.filter((h) => !NAME_BREAKERS.test(h)) : style.heads;
    const tails = opts.tails && opts.tails.length > 0 ? opts.tails : style.tails;
    let name = opts.name ?? '';
    for (let attempt = 0; attempt < 8 && !opts.name; attempt++) {
      // stalls are often named after where they stand (金沙滩海鲜烧烤城)
      let local = place ? shortPlaceName(place.name) : null;
      if (local && clean && NAME_BREAKERS.test(local)) local = null;
      const head = local && rng.chance(0.25) ? local : rng.pick(heads);
      const tail = rng.pick(tails);
      // no 扎啤扎啤城: head and tail must not repeat each other
      if (tail.includes(head) || tail.includes(head.slice(-2))) continue;
      name = head + tail;
      if (rng.chance(style.branch) || attempt >= 4) name += `(${rng.pick(district.areas)}店)`;
      if (!this.names.has(name)) break;
    }
    if (!name) name = rng.pick(heads) + tails[0];
    for (let n = 0; this.names.has(name); n++) {
      const base = name.replace(/\([^()]*\)$/, '');
      name = n < 20 ? `${base}(${rng.pick(district.areas)}${rng.pick(['二', '三', '四', '五', '六'])}店)` : `${base}(${n}店)`;
    }
    this.names.add(name);

    const street = opts.street ?? place?.street ?? rng.pick(district.streets);
    const num = rng.int(1, 288);
    let address: string;
    if (!opts.noTent && place?.tags.includes('beerfest') && rng.chance(0.6)) {
      address = `${district.name}${place.name}${rng.pick(['A', 'B', 'C', 'D', 'E'])}区${rng.int(1, 60)}号帐篷`;
    } else if (place && rng.chance(0.4)) {
      address = `青岛市${district.name}${street}${num}号(${place.name}附近)`;
    } else {
      address = `${rng.chance(0.6) ? '青岛市' : ''}${district.name}${street}${num}号`;
    }
    const anchor = place ?? rng.pick(district.places);
    const merchant: Merchant = {
      name,
      kind,
      district,
      place,
      street,
      num,
      address,
      location: jitter(rng, anchor, 0.0025),
    };
    if (opts.uscc === true || rng.chance(0.65)) merchant.uscc = this.uscc(district, rng.chance(style.individual));
    return merchant;
  }

  private uscc(district: DistrictInfo, individual: boolean): string {
    const rng = this.rng;
    const org = rng.chance(0.7) ? `MA${rng.chars(USCC_ALPHABET, 7)}` : rng.chars(USCC_ALPHABET, 9);
    const first17 = `${individual ? '92' : '91'}${district.code}${org}`;
    return first17 + usccCheckChar(first17)!;
  }

  /** A caller who rings again about the same thing: a few calls each, at least 15 minutes apart; null when none is due. */
  private repeatCaller(at: Date): RepeatCaller | undefined {
    const rng = this.rng;
    const now = at.getTime();
    for (let i = 0; i < this.repeatCallers.length; i++) {
      if (this.repeatCallers[i]!.callsLeft <= 0) this.repeatCallers.splice(i--, 1);
    }
    let caller = this.repeatCallers.find((c) => c.nextAt <= now);
    if (!caller) {
      if (this.repeatCallers.length >= REPEAT_CALLERS) return undefined;
      const story = rng.weighted(
        HOTLINE_STORIES.filter((s) => s.appealType === '投诉'),
        (s) => s.weight ?? 1,
      );
      const ctx = this.context(story, at);
      caller = {
        person: this.person(),
        nextAt: now,
        callsLeft: rng.int(3, 6),
        story,
        district: ctx.district,
        merchant: ctx.merchant,
        place: ctx.place,
      };
      this.repeatCallers.push(caller);
    }
    caller.callsLeft--;
    caller.nextAt = now + rng.int(15, 120) * 60_000;
    return caller;
  }

  /** The day's professional claimants (职业索赔人). */
  private claimantsOf(at: Date): Person[] {
    const day = localDay(at);
    let list = this.claimants.get(day);
    if (!list) {
      list = [];
      while (list.length < CLAIMANTS_PER_DAY) list.push(this.person());
      this.claimants.set(day, list);
      if (this.claimants.size > 7) this.claimants.delete(this.claimants.keys().next().value!);
    }
    return list;
  }

  // ---- episodes: stories told by several channels ---------------------------------------------

  /** Starts the episodes whose time has come by `now`: one chance a minute, at the configured rate. */
  private startEpisodes(now: number): void {
    const ep = this.episodes;
    if (!ep) return;
    if (this.episodeClock === null) {
      // a fresh demo shows a story within minutes
      this.episodeClock = now;
      const kind = this.episodeKind(ep);
      if (kind) this.plan(kind, (Math.floor(now / 1000) + this.episodeRng.int(60, 180)) * 1000);
      return;
    }
    if (now <= this.episodeClock) return;
    const from = Math.max(this.episodeClock, now - EPISODE_CATCH_UP_MS);
    this.episodeClock = now;
    const rhythm = ep.hourlyRhythm ?? FESTIVAL_HOURLY_RHYTHM;
    for (let minute = Math.floor(from / 60_000) * 60_000 + 60_000; minute <= now; minute += 60_000) {
      const expected = rateAt(ep.perHour / 60, rhythm, Number(localParts(new Date(minute)).h));
      const rng = this.episodeRng;
      let starts = Math.floor(expected) + (rng.chance(expected - Math.floor(expected)) ? 1 : 0);
      while (starts-- > 0) {
        const kind = this.episodeKind(ep);
        // within the minute, never before it: records already given out stay earlier
        if (kind) this.plan(kind, minute + rng.int(0, 59) * 1000);
      }
    }
  }

  private episodeKind(ep: EpisodeOptions): EpisodeKind | undefined {
    const usable = EPISODE_KINDS.filter((k) => (ep.mix[k] ?? 0) > 0);
    return usable.length === 0 ? undefined : this.episodeRng.weighted(usable, (k) => ep.mix[k]!);
  }

  /** Plans the episode's records (drawing from the episode stream) and queues them in time order. */
  private plan(kind: EpisodeKind, start: number): EpisodeTag {
    const saved = this.rng;
    this.rng = this.episodeRng;
    try {
      const id = `EP-${localDay(new Date(start))}-${(++this.episodeCount).toString(36)}`;
      let plan: EpisodePlan;
      switch (kind) {
        case 'poisoning':
          plan = this.planPoisoning(start);
          break;
        case 'vanishedGym':
          plan = this.planVanishedGym(start);
          break;
        case 'viralPost':
          plan = this.planViralPost(start);
          break;
        case 'claimant':
          plan = this.planClaimant(start);
          break;
        case 'lookalike':
          plan = this.planLookalike(start);
          break;
      }
      const tag: EpisodeTag = { id, kind, subject: plan.subject, district: plan.district, startsAt: iso(new Date(start)) };
      for (const p of plan.records)
        this.enqueue({ channel: p.channel, at: new Date(p.at), record: p.record, episode: tag } as GeneratedRecord);
      return tag;
    } finally {
      this.rng = saved;
    }
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

  /** Food poisoning at one eatery, told by 110, 12345 (2–3 callers), 12315 and a post within 90 minutes. */
  private planPoisoning(start: number): EpisodePlan {
    const rng = this.rng;
    const kind: MerchantKind = rng.chance(0.6) ? 'seafood' : 'bbq';
    const tag = rng.pick(
      kind === 'seafood' ? (['night', 'beach', 'scenic', undefined] as const) : (['night', 'residential', undefined] as const),
    );
    const m = this.newMerchant(kind, tag, { tails: EPISODE_TAILS[kind], noTent: true });
    const meal = start - rng.int(60, 240) * 60_000;
    const dish = rng.pick(POISON_DISHES[kind]!);
    const records: Planned[] = [];
    const within = (fromMin: number, toMin: number) => start + rng.int(fromMin * 60, toMin * 60) * 1000;
    const callers: Person[] = [];

    // 110: the first to hear of it
    {
      const at = within(0, 15);
      const caller = this.person();
      callers.push(caller);
      const story = rng.pick(POISON_POLICE);
      const ctx = this.epCtx(at, { merchant: m }, { n: rng.int(3, 6), dish });
      const casualties = rng.chance(0.55) ? rng.int(1, 2) : undefined;
      const summary =
        this.fill(rng.pick(POISON_POLICE_OPENERS), ctx) +
        this.fill(story.text, ctx) +
        (casualties !== undefined
          ? `，其中${casualties}人已送医，请求出警。`
          : rng.pick(['，请求出警。', '，请求处置。', '，已拨打120，请求出警。']));
      const record: PoliceRecord = {
        caseNo: this.id('110', new Date(at)),
        reportedAt: iso(new Date(at)),
        alarmType: story.alarmType,
        summary,
        address: rng.chance(0.5) ? m.address : `${m.address}${m.name}`,
        level: story.alarmType === '求助' ? 2 : rng.int(2, 3),
      };
      if (casualties !== undefined) record.casualties = casualties;
      if (rng.chance(0.85)) record.district = m.district.name;
      if (rng.chance(0.7)) record.location = this.near(m.location);
      if (rng.chance(0.7)) record.callerPhone = caller.phone;
      records.push({ at, channel: '110', record });
    }
    // 12345: two or three callers
    const calls = rng.int(2, 3);
    for (let i = 0; i < calls; i++) {
      const at = within(3, 80);
      const caller = this.distinctPerson(callers);
      const story = rng.pick(POISON_HOTLINE);
      const ctx = this.epCtx(at, { merchant: m }, { meal: mealPhrase(meal, at), n: rng.int(2, 5), dish, hospital: rng.pick(HOSPITALS) });
      const record = this.epHotline(at, ctx, caller, { ...story, category: '市场监管>食品安全', urgent: 0.6 });
      records.push({ at, channel: '12345', record });
    }
    // 12315: a complaint with the merchant's particulars
    {
      const at = within(25, 90);
      const person = rng.chance(0.3) ? rng.pick(callers.slice(1)) : this.distinctPerson(callers);
      const amount = rng.int(18, 160) * 10;
      const ctx = this.epCtx(at, { merchant: m }, { meal: mealPhrase(meal, at), n: rng.int(2, 5), dish, amount });
      const record = this.epConsumer(at, ctx, person, {
        kind: '投诉',
        industry: '餐饮服务',
        text: rng.pick(POISON_CONSUMER),
        amount,
        uscc: 1,
        address: 1,
      });
      records.push({ at, channel: '12315', record });
    }
    // a post: the street or landmark and 中毒, the eatery's name now and then
    {
      const at = within(10, 90);
      const named = rng.chance(0.4);
      const spot = !named || !m.place || rng.chance(0.6) ? m.street : m.place.name;
      const ctx = this.epCtx(at, { merchant: m }, { meal: mealPhrase(meal, at), n: rng.int(3, 6), dish, spot });
      const text = rng.pick(named ? POISON_POSTS_NAMED : POISON_POSTS_UNNAMED);
      const record = this.epPost(at, ctx, { text, reach: Math.floor(20 + Math.exp(rng.next() * 6.2)) });
      records.push({ at, channel: 'sentiment', record });
    }
    return { subject: m.name, district: m.district.name, records };
  }

  /** A prepaid-card gym gone overnight: 6–10 complaints from distinct members within hours, 1–2 calls, maybe a post and a 110. */
  private planVanishedGym(start: number): EpisodePlan {
    const rng = this.rng;
    const m = this.newMerchant('gym', undefined, { tails: EPISODE_TAILS.gym, noTent: true, uscc: true });
    const complaints = rng.int(6, 10);
    const spanMin = rng.int(60, 240);
    const members = rng.int(8, 40) * 10;
    const people: Person[] = [];
    const records: Planned[] = [];
    const offsets = [0, ...Array.from({ length: complaints - 1 }, () => rng.int(60, spanMin * 60))].sort((a, b) => a - b);
    // most complaints give the merchant's USCC (copied off a contract or receipt); a few only the name
    const withoutUscc = new Set<number>();
    for (let i = rng.int(0, Math.floor(complaints / 4)); i > 0; i--) withoutUscc.add(rng.int(0, complaints - 1));
    for (const [i, offset] of offsets.entries()) {
      const at = start + offset * 1000;
      const card = this.membership();
      const person = this.distinctPerson(people);
      const ctx = this.epCtx(
        at,
        { merchant: m },
        { cardType: card.phrase, amount: card.amount, remain: card.remain, monthsAgo: rng.int(2, 11), members },
      );
      const record = this.epConsumer(at, ctx, person, {
        kind: '投诉',
        industry: '预付卡消费',
        text: rng.pick(GYM_CONSUMER),
        amount: card.amount,
        uscc: withoutUscc.has(i) ? 0 : 1,
        address: 0.5,
      });
      records.push({ at, channel: '12315', record });
    }
    const calls = rng.int(1, 2);
    for (let i = 0; i < calls; i++) {
      const at = start + rng.int(20 * 60, (spanMin + 30) * 60) * 1000;
      const card = this.membership();
      const ctx = this.epCtx(at, { merchant: m }, { cardType: card.phrase, amount: card.amount, members });
      const record = this.epHotline(at, ctx, this.distinctPerson(people), {
        appealType: '投诉',
        category: '市场监管>预付卡消费',
        ...GYM_HOTLINE,
        urgent: 0.3,
      });
      records.push({ at, channel: '12345', record });
    }
    if (rng.chance(0.5)) {
      const at = start + rng.int(10 * 60, spanMin * 60) * 1000;
      const card = this.membership();
      const ctx = this.epCtx(at, { merchant: m }, { cardType: card.phrase, amount: card.amount, members });
      records.push({
        at,
        channel: 'sentiment',
        record: this.epPost(at, ctx, { text: rng.pick(GYM_POSTS), reach: Math.floor(30 + Math.exp(rng.next() * 6.5)) }),
      });
    }
    if (rng.chance(0.25)) {
      const at = start + rng.int(30 * 60, (spanMin + 30) * 60) * 1000;
      const ctx = this.epCtx(at, { merchant: m }, { n: rng.int(5, 12) });
      const record: PoliceRecord = {
        caseNo: this.id('110', new Date(at)),
        reportedAt: iso(new Date(at)),
        alarmType: '纠纷',
        summary: this.fill(rng.pick(['报警人称，', '{hm}许，报警人称，', '群众报警：']), ctx) + this.fill(GYM_POLICE, ctx),
        address: `${m.address}${m.name}`,
        level: 3,
      };
      if (rng.chance(0.8)) record.district = m.district.name;
      if (rng.chance(0.6)) record.location = this.near(m.location);
      if (rng.chance(0.6)) record.callerPhone = this.distinctPerson(people).phone;
      records.push({ at, channel: '110', record });
    }
    return { subject: m.name, district: m.district.name, records };
  }

  /** A post about 天价 seafood that spreads (1,000+ reposts and comments; 100,000+ from a news account), then 1–3 complaints. */
  private planViralPost(start: number): EpisodePlan {
    const rng = this.rng;
    const tag = rng.pick(['night', 'beach', 'scenic'] as const);
    const m = this.newMerchant('seafood', tag, { tails: EPISODE_TAILS.seafood, noTent: true });
    const place = m.place ?? rng.pick(m.district.places);
    const big = rng.chance(0.3);
    const named = big || rng.chance(0.7);
    const shared = {
      seafood: rng.pick(SEAFOOD),
      price: priceFor(rng, 'seafood'),
      n: rng.int(3, 7),
      amount: rng.int(12, 90) * 100 + rng.pick([0, 0, 68, 88, 50]),
      place: place.name,
    };
    const records: Planned[] = [];
    {
      const ctx = this.epCtx(start, { merchant: m, place }, shared);
      const text = rng.pick(big ? VIRAL_MEDIA_POSTS : named ? VIRAL_POSTS_NAMED : VIRAL_POSTS_UNNAMED);
      const reach = big ? rng.int(100_000, 480_000) : Math.floor(1000 * Math.exp(rng.next() * 3.2));
      records.push({ at: start, channel: 'sentiment', record: this.epPost(start, ctx, { text, reach, media: big }) });
    }
    const people: Person[] = [];
    const follow = rng.int(1, 3);
    for (let i = 0; i < follow; i++) {
      const at = start + rng.int(10 * 60, 120 * 60) * 1000;
      const amount = rng.int(6, 60) * 100 + rng.pick([0, 0, 40, 80]);
      const ctx = this.epCtx(
        at,
        { merchant: m, place },
        { seafood: rng.chance(0.5) ? shared.seafood : rng.pick(SEAFOOD), n: rng.int(2, 6), amount, place: place.name },
      );
      const person = this.distinctPerson(people);
      if (rng.chance(0.6)) {
        const record = this.epConsumer(at, ctx, person, {
          kind: '投诉',
          industry: '餐饮服务',
          text: rng.pick(VIRAL_CONSUMER),
          amount,
          uscc: 0.8,
          address: 0.7,
        });
        records.push({ at, channel: '12315', record });
      } else {
        const record = this.epHotline(at, ctx, person, {
          appealType: '投诉',
          category: '市场监管>价格监督',
          ...VIRAL_HOTLINE,
          urgent: 0.1,
        });
        records.push({ at, channel: '12345', record });
      }
    }
    return { subject: named ? m.name : `${place.name}(${m.name})`, district: m.district.name, records };
  }

  /** A professional claimant's day: 10–13 complaints against 6–8 merchants over 5–10 hours, each with a punitive demand. */
  private planClaimant(start: number): EpisodePlan {
    const rng = this.rng;
    const person = this.person();
    const complaints = rng.int(10, 13);
    const wanted = rng.int(6, 8);
    const targets: Array<{ m: Merchant; spec: (typeof CLAIMANT_KINDS)[number] }> = [];
    const seen = new Set<string>();
    for (let tries = 0; targets.length < wanted && tries < 80; tries++) {
      const spec = rng.weighted(CLAIMANT_KINDS, (s) => s.weight);
      const m =
        rng.chance(0.5) && tries < 40
          ? this.merchant(spec.kind, new Date(start), false)
          : this.newMerchant(spec.kind, undefined, { tails: EPISODE_TAILS[spec.kind], noTent: true });
      if (seen.has(m.name)) continue;
      seen.add(m.name);
      targets.push({ m, spec });
    }
    // every merchant at least once, the rest again at random, in random order
    const order = [...targets];
    while (order.length < complaints) order.push(rng.pick(targets));
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const spanSec = rng.int(5, 10) * 3600;
    const offsets = [0, ...Array.from({ length: order.length - 1 }, () => rng.int(60, spanSec))].sort((a, b) => a - b);
    const records: Planned[] = order.map(({ m, spec }, i) => {
      const at = start + offsets[i]! * 1000;
      const price = spec.kind === 'appliance' ? rng.int(15, 60) * 100 - 1 : rng.int(20, 600);
      const ctx = this.epCtx(at, { merchant: m }, { n: rng.int(2, 20), price });
      const record = this.epConsumer(at, ctx, person, {
        kind: '投诉',
        industry: spec.industry,
        text: rng.pick(spec.texts),
        amount: price,
        uscc: 0.9,
        address: 0.5,
        opener: false,
      });
      return { at, channel: '12315' as const, record };
    });
    return { subject: `${person.name[0]}**(${targets.length}家商户)`, district: targets[0]!.m.district.name, records };
  }

  /** Records alike on the surface that must not be joined: two shops on one street, two branches of a chain, praise after a bad post. */
  private planLookalike(start: number): EpisodePlan {
    const rng = this.rng;
    const records: Planned[] = [];
    const people: Person[] = [];
    switch (rng.int(0, 2)) {
      case 0: {
        // two shops on one street, unrelated complaints
        const district = this.district();
        const street = rng.pick(district.streets);
        const a = this.newMerchant('bbq', undefined, { tails: EPISODE_TAILS.bbq, noTent: true, district, street });
        const b = this.newMerchant('supermarket', undefined, { tails: EPISODE_TAILS.supermarket, noTent: true, district, street });
        const ctxA = this.epCtx(start, { merchant: a });
        const noise = this.epHotline(start, ctxA, this.distinctPerson(people), {
          appealType: '投诉',
          category: '城市管理>噪音油烟',
          ...LOOKALIKE_NOISE,
          urgent: 0.02,
        });
        records.push({ at: start, channel: '12345', record: noise });
        const at = start + rng.int(20 * 60, 120 * 60) * 1000;
        const amount = rng.int(20, 200);
        const ctxB = this.epCtx(at, { merchant: b }, { amount });
        const shop = this.epConsumer(at, ctxB, this.distinctPerson(people), {
          kind: '投诉',
          industry: '食品销售',
          text: LOOKALIKE_SHOP,
          amount,
          uscc: 0.8,
          address: 0.6,
        });
        records.push({ at, channel: '12315', record: shop });
        return { subject: `${street}: ${a.name} / ${b.name}`, district: district.name, records };
      }
      case 1: {
        // two branches of one chain, each with its own small complaint
        const core = DISTRICTS.filter((d) => CITY_CORE.includes(d.name));
        const dA = rng.pick(core);
        const dB = rng.pick(core.filter((d) => d !== dA));
        const heads = MERCHANT_STYLES.gym.heads.filter((h) => !NAME_BREAKERS.test(h));
        const chain = rng.pick(heads) + rng.pick(EPISODE_TAILS.gym!);
        const a = this.newMerchant('gym', undefined, { district: dA, name: `${chain}(${rng.pick(dA.areas)}店)`, uscc: true, noTent: true });
        const b = this.newMerchant('gym', undefined, { district: dB, name: `${chain}(${rng.pick(dB.areas)}店)`, uscc: true, noTent: true });
        const card = this.membership();
        const ctxA = this.epCtx(start, { merchant: a }, { cardType: card.phrase });
        records.push({
          at: start,
          channel: '12315',
          record: this.epConsumer(start, ctxA, this.distinctPerson(people), {
            kind: '投诉',
            industry: '体育健身',
            text: LOOKALIKE_BRANCH_CONSUMER,
            uscc: 0.9,
            address: 0.6,
          }),
        });
        const at = start + rng.int(30 * 60, 180 * 60) * 1000;
        const ctxB = this.epCtx(at, { merchant: b }, { left: rng.int(4, 20) });
        records.push({
          at,
          channel: '12345',
          record: this.epHotline(at, ctxB, this.distinctPerson(people), {
            appealType: '投诉',
            category: '市场监管>预付卡消费',
            text: LOOKALIKE_BRANCH_HOTLINE,
            urgent: 0.02,
          }),
        });
        return { subject: `${a.name} / ${b.name}`, district: dA.name, records };
      }
      default: {
        // a grumbling post about a place, then a call praising the people working there
        const { place, district } = this.placeWith(rng.pick(['scenic', 'beach', 'night'] as const));
        const ctx = this.epCtx(start, { place, district });
        records.push({
          at: start,
          channel: 'sentiment',
          record: this.epPost(start, ctx, { text: rng.pick(LOOKALIKE_BAD_POSTS), reach: Math.floor(5 + Math.exp(rng.next() * 6)) }),
        });
        const at = start + rng.int(60 * 60, 240 * 60) * 1000;
        const praise = this.epHotline(at, this.epCtx(at, { place, district }), this.person(), {
          appealType: '表扬',
          category: '综合>表扬',
          text: LOOKALIKE_PRAISE,
        });
        records.push({ at, channel: '12345', record: praise });
        return { subject: place.name, district: district.name, records };
      }
    }
  }

  private epCtx(
    at: number,
    where: { merchant?: Merchant; place?: Place; district?: DistrictInfo },
    memo: Record<string, string | number> = {},
  ): Ctx {
    const ctx = this.context(EPISODE_STORY, new Date(at), where);
    for (const [key, value] of Object.entries(memo)) ctx.memo.set(key, String(value));
    return ctx;
  }

  private epHotline(
    at: number,
    ctx: Ctx,
    person: Person,
    spec: { appealType: AppealType; category: string; text: string; title?: string; urgent?: number },
  ): HotlineRecord {
    const rng = this.rng;
    const date = new Date(at);
    const source = rng.chance(0.75) ? 'phone' : typeMix(rng, SOURCE_MIX);
    const body = this.fill(spec.text, ctx);
    // a text that stops at a comma asks for its closing words
    const closers = HOTLINE_CLOSERS[spec.appealType].filter((c) => c !== '' || !body.endsWith('，'));
    const record: HotlineRecord = {
      orderNo: this.id('12345', date),
      acceptedAt: iso(date),
      appealType: spec.appealType,
      content: this.fill(rng.pick(HOTLINE_OPENERS[source]), ctx) + body + rng.pick(closers),
      source,
      category: spec.category,
    };
    if (spec.title && rng.chance(0.7)) record.title = this.fill(spec.title, ctx);
    const m = ctx.merchant;
    if (m) record.address = rng.chance(0.6) ? m.address : `${m.address}${m.name}`;
    else if (rng.chance(0.85)) record.address = this.slot(ctx, 'addr');
    if (rng.chance(0.8)) record.district = ctx.district.name;
    if (rng.chance(0.6)) record.location = m ? this.near(m.location) : this.location(ctx);
    record.citizen = this.citizen(person, spec.appealType !== '表扬');
    const urgent = rng.chance(spec.urgent ?? 0.05);
    record.urgency = urgent ? '紧急' : '一般';
    if (rng.chance(0.5)) record.dueAt = iso(new Date(at + (urgent ? 2 : rng.int(12, 23)) * 3600_000));
    if (rng.chance(0.3)) {
      const department = departmentFor(spec.category, ctx.district.name);
      if (department) record.department = department;
    }
    return record;
  }

  /** A 12315 complaint with the merchant always named; the consumer always gives name and phone. */
  private epConsumer(
    at: number,
    ctx: Ctx,
    person: Person,
    spec: { kind: ConsumerKind; industry: string; text: string; amount?: number; uscc: number; address: number; opener?: boolean },
  ): ConsumerRecord {
    const rng = this.rng;
    const date = new Date(at);
    const m = ctx.merchant!;
    const opener = spec.opener === false ? '' : rng.pick(CONSUMER_OPENERS[spec.kind]);
    const record: ConsumerRecord = {
      regNo: this.id('12315', date),
      kind: spec.kind,
      receivedAt: iso(date),
      content: opener + this.fill(spec.text, ctx),
      merchant: { name: m.name },
    };
    if (m.uscc && rng.chance(spec.uscc)) record.merchant!.uscc = m.uscc;
    if (rng.chance(spec.address)) record.merchant!.address = m.address;
    record.consumer = { name: person.name, phone: person.phone };
    record.industry = spec.industry;
    if (spec.amount !== undefined) record.amount = spec.amount;
    if (rng.chance(0.7)) record.district = m.district.name;
    if (rng.chance(0.5)) record.location = this.near(m.location);
    return record;
  }

  /** A post reaching `reach` reposts and comments together. */
  private epPost(at: number, ctx: Ctx, spec: { text: string; reach: number; media?: boolean }): SentimentRecord {
    const rng = this.rng;
    const date = new Date(at);
    const media = spec.media === true;
    const platform = media
      ? rng.pick(['weibo', 'weibo', 'news', 'wechat'] as const)
      : rng.weighted(['weibo', 'douyin', 'xiaohongshu'] as const, (p) => ({ weibo: 5, douyin: 3, xiaohongshu: 2 })[p]);
    const record: SentimentRecord = {
      postId: this.id('sentiment', date),
      platform,
      publishedAt: iso(date),
      text: this.fill(spec.text, ctx),
    };
    if (media) record.author = { name: rng.pick(MEDIA_AUTHORS), followers: rng.int(300_000, 5_000_000), verified: true };
    else {
      const followers = Math.floor(Math.exp(3 + rng.next() * 7));
      record.author = { name: this.nickname(), followers };
      if (followers > 100_000) record.author.verified = rng.chance(0.5);
    }
    record.url = this.postUrl(platform, date);
    const reach = Math.max(0, Math.floor(spec.reach));
    const reposts = Math.floor(reach * (0.3 + rng.next() * 0.4));
    const comments = reach - reposts;
    const likes = Math.floor(reach * (0.8 + rng.next() * 4)) + rng.int(0, 30);
    record.metrics = { reposts, comments, likes };
    if (rng.chance(0.8)) record.metrics.views = Math.floor((reach + likes + 1) * (20 + rng.next() * 200));
    const loc = rng.next();
    record.location = loc < 0.4 ? `青岛·${ctx.district.name}` : loc < 0.7 ? ctx.district.name : '山东青岛';
    if (rng.chance(0.5)) record.topics = ['青岛国际啤酒节'];
    return record;
  }

  /** What a gym member paid for: a card or a course, its price, and what was left of it. */
  private membership(): { phrase: string; amount: number; remain: string } {
    const rng = this.rng;
    const r = rng.next();
    if (r < 0.4)
      return { phrase: '年卡', amount: rng.pick([1680, 1980, 2380, 2680, 2980, 3280, 3680, 3980]), remain: `才用了${rng.int(1, 4)}个月` };
    if (r < 0.55) return { phrase: '两年卡', amount: rng.pick([2980, 3580, 3980, 4580, 5280, 5980]), remain: `才用了${rng.int(1, 6)}个月` };
    if (r < 0.85) {
      const lessons = rng.pick([12, 20, 24, 30, 36, 40, 50]);
      const price = rng.pick([198, 240, 260, 280, 300, 320, 360, 380]);
      return { phrase: `${lessons}节私教课`, amount: lessons * price, remain: `还剩${rng.int(3, lessons - 2)}节课没上` };
    }
    if (r < 0.95) {
      const times = rng.pick([30, 50, 100]);
      return { phrase: `${times}次卡`, amount: rng.int(8, 20) * 100, remain: `还剩${rng.int(5, times - 5)}次没用` };
    }
    const amount = rng.pick([1000, 2000, 3000, 5000]);
    return { phrase: '储值卡', amount, remain: `余额还有${Math.round((amount * (0.3 + rng.next() * 0.6)) / 10) * 10}元` };
  }

  /** A person whose name and phone differ from everyone's in `taken`; added to it. */
  private distinctPerson(taken: Person[]): Person {
    let p = this.person();
    for (let i = 0; i < 20 && taken.some((t) => t.name === p.name || t.phone === p.phone); i++) p = this.person();
    taken.push(p);
    return p;
  }

  private near(p: Coordinates): Coordinates {
    return jitter(this.rng, p, 0.0004);
  }

  // ---- record fields -------------------------------------------------------------------------

  private placeFields(
    record: { address?: string; district?: string; location?: Coordinates },
    ctx: Ctx,
    districtChance: number,
    locationChance: number,
    withAddress: boolean,
  ): void {
    const rng = this.rng;
    if (withAddress && rng.chance(0.85)) record.address = this.slot(ctx, 'addr');
    if (rng.chance(districtChance)) record.district = ctx.district.name;
    if (rng.chance(locationChance)) record.location = this.location(ctx);
  }

  private address(ctx: Ctx): string {
    const rng = this.rng;
    const d = ctx.district.name;
    if (ctx.merchant) {
      return rng.chance(0.7) ? ctx.merchant.address : `${ctx.merchant.address}${ctx.merchant.name}`;
    }
    if (ctx.place && rng.chance(0.8)) {
      const p = ctx.place;
      const side = rng.pick(['附近', '东侧', '西门', '北门', '入口', '停车场', '公交站旁', '广场']);
      switch (rng.int(0, 3)) {
        case 0:
          return `${d}${p.street}${p.name}`;
        case 1:
          return `青岛市${d}${p.name}${side}`;
        case 2:
          return `${p.name}${side}`;
        default:
          return `${d}${p.name}${side}`;
      }
    }
    const street = this.slot(ctx, 'street');
    switch (rng.int(0, 3)) {
      case 0:
        return `青岛市${d}${street}${this.slot(ctx, 'num')}号`;
      case 1:
        return `${d}${street}${this.slot(ctx, 'num')}号`;
      case 2:
        return `${d}${street}与${this.slot(ctx, 'street2')}交叉口`;
      default:
        return `${street}${this.slot(ctx, 'num')}号`;
    }
  }

  private location(ctx: Ctx): Coordinates {
    if (ctx.merchant) return ctx.merchant.location;
    const anchor = ctx.place ?? this.rng.pick(ctx.district.places);
    return jitter(this.rng, anchor, 0.003);
  }

  private citizen(person: Person, withName: boolean): { name?: string; phone?: string } {
    const rng = this.rng;
    const out: { name?: string; phone?: string } = {};
    if (withName && rng.chance(0.8)) {
      // hotlines often record only the surname and a title
      out.name = rng.chance(0.3) ? `${person.name[0]}${rng.pick(['女士', '先生'])}` : person.name;
    }
    if (rng.chance(0.9)) out.phone = person.phone;
    if (!out.name && !out.phone) out.phone = person.phone;
    return out;
  }

  private person(): Person {
    return { name: this.fullName(), phone: this.mobile() };
  }

  private fullName(): string {
    const rng = this.rng;
    const chars = rng.pick(GIVEN_CHARS);
    const first = rng.pick(chars);
    let second = rng.pick(chars);
    if (second === first && rng.chance(0.7)) second = rng.pick(chars); // 婷婷 and 丽丽 now and then
    return rng.pick(SURNAMES) + first + (rng.chance(0.75) ? second : '');
  }

  private mobile(): string {
    return this.rng.pick(MOBILE_PREFIXES) + this.rng.digits(8);
  }

  private nickname(): string {
    const rng = this.rng;
    const name = rng.pick(AUTHOR_HEADS) + rng.pick(AUTHOR_CORES) + rng.pick(AUTHOR_TAILS);
    return rng.chance(0.15) ? `${name}${rng.int(1, 999)}` : name;
  }

  private metrics(platform: string): NonNullable<SentimentRecord['metrics']> {
    const rng = this.rng;
    const tier = rng.next();
    let reposts: number;
    let comments: number;
    if (tier < 0.001) {
      // a post the whole country talks about
      const total = Math.floor(100_000 * (1 + rng.next() * 5));
      reposts = Math.floor(total * (0.3 + rng.next() * 0.4));
      comments = total - reposts;
    } else if (tier < 0.016) {
      const total = Math.floor(1000 * Math.exp(rng.next() * 4));
      reposts = Math.floor(total * (0.3 + rng.next() * 0.4));
      comments = total - reposts;
    } else {
      reposts = Math.floor(Math.exp(rng.next() * rng.next() * 6.5)) - 1;
      comments = Math.floor(Math.exp(rng.next() * rng.next() * 5.7)) - 1;
    }
    const likes = Math.floor((reposts + comments) * (0.5 + rng.next() * 4)) + rng.int(0, 30);
    const out: NonNullable<SentimentRecord['metrics']> = { reposts, comments, likes };
    if (platform !== 'forum' && rng.chance(0.7)) out.views = Math.floor((reposts + comments + likes + 1) * (20 + rng.next() * 200));
    return out;
  }

  private postUrl(platform: string, at: Date): string {
    const rng = this.rng;
    switch (platform) {
      case 'weibo':
        return `https://weibo.com/${rng.int(1, 7)}${rng.digits(9)}/${rng.chars(BASE62, 9)}`;
      case 'douyin':
        return `https://www.douyin.com/video/7${rng.digits(18)}`;
      case 'xiaohongshu':
        return `https://www.xiaohongshu.com/explore/${rng.chars('0123456789abcdef', 24)}`;
      case 'wechat':
        return `https://mp.weixin.qq.com/s/${rng.chars(`${BASE62}-_`, 22)}`;
      case 'forum':
        return `https://bbs.qingdaonews.com/thread-${rng.digits(7)}-1-1.html`;
      default: {
        const l = localParts(at);
        return `https://www.qingdaonews.com/content/${l.y}-${l.mo}/${l.d}/content_${rng.digits(8)}.htm`;
      }
    }
  }

  private id(channel: Channel, at: Date): string {
    this.counter++;
    const l = localParts(at);
    const id = `${this.idPrefix}-${ID_PART[channel]}-${l.y}${l.mo}${l.d}-${at.getTime().toString(36)}-${this.counter.toString(36)}`;
    return id.length <= ID_MAX ? id : id.slice(id.length - ID_MAX);
  }

  // ---- templates -----------------------------------------------------------------------------

  private fill(template: string, ctx: Ctx): string {
    const chosen = template.replace(/\[([^[\]]*\|[^[\]]*)\]/g, (_, body: string) => this.rng.pick(body.split('|')));
    return chosen.replace(/\{(\w+)\}/g, (_, key: string) => this.slot(ctx, key));
  }

  private slot(ctx: Ctx, key: string): string {
    const known = ctx.memo.get(key);
    if (known !== undefined) return known;
    const value = this.slotValue(ctx, key);
    ctx.memo.set(key, value);
    return value;
  }

  private slotValue(ctx: Ctx, key: string): string {
    const rng = this.rng;
    const kind = ctx.merchant?.kind ?? ctx.story.merchant;
    switch (key) {
      case 'merchant':
        return ctx.merchant?.name ?? '某商户';
      case 'place':
        return (ctx.place ?? (ctx.place = rng.pick(ctx.district.places))).name;
      case 'addr':
        return this.address(ctx);
      case 'district':
        return ctx.district.name;
      case 'street':
        return ctx.merchant?.street ?? ctx.place?.street ?? rng.pick(ctx.district.streets);
      case 'street2': {
        const first = this.slot(ctx, 'street');
        const others = ctx.district.streets.filter((s) => s !== first);
        return rng.pick(others.length > 0 ? others : ctx.district.streets);
      }
      case 'num':
        return String(ctx.merchant?.num ?? rng.int(1, 288));
      case 'amount': {
        const [lo, hi] = ctx.story.amount ?? [50, 500];
        const v = lo + rng.next() * (hi - lo);
        // big sums are round, small ones exact to the jiao now and then
        return String(
          v >= 1000
            ? Math.round(v / 100) * 100
            : v >= 200 && rng.chance(0.6)
              ? Math.round(v / 10) * 10
              : rng.chance(0.2)
                ? Math.round(v * 10) / 10
                : Math.round(v),
        );
      }
      case 'price':
        return String(priceFor(rng, kind));
      case 'price2':
        return String(Math.round(Number(this.slot(ctx, 'price')) * (1.5 + rng.next() * 1.5)));
      case 'minSpend':
        return String(rng.pick([300, 400, 500, 600, 800, 1000]));
      case 'balance': {
        const amount = Number(this.slot(ctx, 'amount'));
        return String(Math.max(100, Math.round((amount * (0.3 + rng.next() * 0.6)) / 10) * 10));
      }
      case 'jin':
        return String(rng.int(2, 10) / 2);
      case 'less': {
        const jin = Number(this.slot(ctx, 'jin'));
        return String(Math.max(0.5, Math.round((jin - 0.3 - rng.next() * 0.5) * 10) / 10));
      }
      case 'seafood':
        return rng.pick(SEAFOOD);
      case 'foodIssue':
        return rng.pick(FOOD_ISSUES);
      case 'time':
        return timePhrase(rng, ctx.at);
      case 'hm': {
        const l = localParts(new Date(ctx.at.getTime() - rng.int(1, 6) * 60_000));
        return `${Number(l.h)}时${l.mi}分`;
      }
      case 'n':
        return String(rng.int(2, 6));
      case 'many':
        return rng.pick(['数十', '二十多', '三十多', '四十多', '五十多', '近百']);
      case 'members':
        return String(rng.int(3, 30) * 10);
      case 'cardType':
        return rng.pick(CARD_TYPES);
      case 'subject':
        // a school's name may already say what it teaches (小海豚游泳培训)
        return SUBJECTS.find((s) => ctx.merchant?.name.includes(s)) ?? rng.pick(SUBJECTS);
      case 'left':
        return String(rng.int(8, 60));
      case 'monthsUsed':
        return String(rng.int(1, 5));
      case 'plate':
        return plate(rng);
      case 'from':
        return this.ridePlace(ctx, null);
      case 'to':
        return this.ridePlace(ctx, ctx.memo.get('from') ?? null);
      case 'line':
        return rng.pick(METRO_LINES);
      case 'gender':
        return rng.pick(['男孩', '女孩'] as const);
      case 'kid':
        return `一名约${rng.int(3, 9)}岁的${this.slot(ctx, 'gender')}`;
      case 'outfit':
        return `穿${rng.pick(COLORS)}${rng.pick(GARMENTS[this.slot(ctx, 'gender') as keyof typeof GARMENTS])}`;
      case 'minutes':
        return String(rng.pick([10, 15, 20, 30, 40, 50]));
      case 'elderAge':
        return String(rng.int(68, 89));
      case 'color':
        return rng.pick(COLORS);
      case 'item':
        return rng.pick(LOST_ITEMS);
      case 'lateHour':
        return String(rng.int(1, 3));
      case 'surname':
        return rng.pick(SURNAMES);
      case 'appliance':
        return rng.pick(APPLIANCES);
      case 'goods':
        return rng.pick(GOODS);
      case 'casualties':
        return String(rng.int(3, 6));
      case 'tenThousand':
        return String(rng.int(5, 30));
      default:
        throw new Error(`simulator template asks for unknown slot {${key}}`);
    }
  }

  /** A place to ride from or to: in the story's district, or the connected city core. */
  private ridePlace(ctx: Ctx, not: string | null): string {
    const rng = this.rng;
    if (ctx.place && ctx.place.name !== not && rng.chance(0.5)) return ctx.place.name;
    const usable = (p: Place) => p.name !== not && !p.tags.includes('residential');
    let candidates = ctx.district.places.filter(usable);
    if (candidates.length < 3 && CITY_CORE.includes(ctx.district.name)) {
      candidates = PLACES.filter((e) => CITY_CORE.includes(e.district.name) && usable(e.place)).map((e) => e.place);
    }
    if (candidates.length === 0) candidates = ctx.district.places;
    const chosen = rng.pick(candidates);
    // the ride starts where the story happens
    if (!ctx.place && not === null && ctx.district.places.includes(chosen)) ctx.place = chosen;
    return chosen.name;
  }
}

// ---- helpers --------------------------------------------------------------------------------

function districtOf(place: Place): DistrictInfo {
  return PLACES.find((e) => e.place === place)!.district;
}

const PLACE_SUFFIX = /(风景区|景区|商圈|公园|社区|渔港|大集|步行街|海水浴场|美食街|酒吧街|老街|夜市|汽车站|湿地|啤酒城|啤酒街|广场)$/;

/** 金沙滩啤酒城 → 金沙滩, 台东步行街 → 台东; null when nothing short and telling is left. */
function shortPlaceName(name: string): string | null {
  const short = name.replace(PLACE_SUFFIX, '');
  return short.length >= 2 && short.length <= 4 && !short.endsWith('站') ? short : null;
}

function jitter(rng: Rng, p: { lng: number; lat: number }, spread: number): Coordinates {
  const lng = p.lng + (rng.next() * 2 - 1) * spread;
  const lat = p.lat + (rng.next() * 2 - 1) * spread;
  return { lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
}

// unit prices as a merchant of the kind would charge them, yuan
const PRICES: Partial<Record<MerchantKind, (rng: Rng) => number>> = {
  seafood: (rng) => rng.int(4, 40) * 10 - 2, // per jin, 38 … 398
  beer: (rng) => rng.int(15, 45), // per pitcher
  travel: (rng) => rng.int(5, 20) * 10, // per person
  appliance: (rng) => rng.int(15, 80) * 10, // installation extras
  ktv: (rng) => rng.int(18, 48) * 10, // a dozen beers
  parking: (rng) => rng.int(1, 6) * 10,
};

function priceFor(rng: Rng, kind: MerchantKind | undefined): number {
  const price = kind ? PRICES[kind] : undefined;
  return price ? price(rng) : rng.int(5, 50);
}

function plate(rng: Rng): string {
  const r = rng.next();
  if (r < 0.25) return `鲁B${rng.pick(['D', 'F'])}${rng.digits(5)}`; // new-energy
  if (r < 0.5) return `鲁U${rng.chars(PLATE_LETTERS, 1)}${rng.digits(4)}`;
  return `鲁B${rng.chars(PLATE_LETTERS, 1)}${rng.digits(4)}`;
}

/** A spoken time a little before `at`, as a caller would say it. */
function timePhrase(rng: Rng, at: Date): string {
  const offsetMin = rng.int(5, 180);
  if (offsetMin < 20) return rng.pick(['刚才', '刚刚', '就在刚才']);
  const then = localParts(new Date(at.getTime() - offsetMin * 60_000));
  const now = localParts(at);
  const h = Number(then.h);
  const around = rng.pick(['左右', '多', '许', '']);
  const sameDay = then.d === now.d;
  if (h >= 18) return `${sameDay ? '今晚' : '昨晚'}${h - 12}点${around}`;
  if (h >= 12) return `${sameDay ? '今天下午' : '昨天下午'}${h === 12 ? 12 : h - 12}点${around}`;
  if (h >= 6) return `${sameDay ? '今天上午' : '昨天上午'}${h}点${around}`;
  return `${sameDay ? '今天凌晨' : '昨天凌晨'}${h === 0 ? 12 : h}点${around}`;
}

/** When the meal was, as someone taken ill at `at` would say it (今晚7点多, 今天中午). */
function mealPhrase(meal: number, at: number): string {
  const m = localParts(new Date(meal));
  const sameDay = m.d === localParts(new Date(at)).d;
  const h = Number(m.h);
  const more = Number(m.mi) >= 20 ? '多' : '';
  if (h >= 17) return `${sameDay ? '今晚' : '昨晚'}${h - 12}点${more}`;
  if (h >= 14) return `${sameDay ? '今天下午' : '昨天下午'}${h - 12}点${more}`;
  if (h >= 11) return sameDay ? '今天中午' : '昨天中午';
  if (h >= 5) return sameDay ? '今天早上' : '昨天早上';
  return `${sameDay ? '今天凌晨' : '昨天凌晨'}${h === 0 ? 12 : h}点${more}`;
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

const TZ_MS = 8 * 3600_000;

function localParts(at: Date): { y: string; mo: string; d: string; h: string; mi: string; s: string } {
  const l = new Date(at.getTime() + TZ_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    y: String(l.getUTCFullYear()),
    mo: p(l.getUTCMonth() + 1),
    d: p(l.getUTCDate()),
    h: p(l.getUTCHours()),
    mi: p(l.getUTCMinutes()),
    s: p(l.getUTCSeconds()),
  };
}

function localDay(at: Date): string {
  const l = localParts(at);
  return `${l.y}${l.mo}${l.d}`;
}

/** ISO 8601 in Beijing time, e.g. 2025-07-20T21:05:33+08:00. */
function iso(at: Date): string {
  const l = localParts(at);
  return `${l.y}-${l.mo}-${l.d}T${l.h}:${l.mi}:${l.s}+08:00`;
}

function departmentFor(category: string, district: string): string | undefined {
  const top = category.split('>')[0];
  const short = district.replace(/[区市]$/, '');
  switch (top) {
    case '市场监管':
      return `${district}市场监督管理局`;
    case '交通运输':
      return '市交通运输局';
    case '文化旅游':
      return `${district}文化和旅游局`;
    case '公安交警':
      return '市公安局交通警察支队';
    case '公安':
    case '公共安全':
      return `市公安局${short}分局`;
    case '城市管理':
      return `${district}城市管理局`;
    case '生态环境':
      return `市生态环境局${short}分局`;
    case '教育':
      return `${district}教育和体育局`;
    default:
      return undefined;
  }
}
