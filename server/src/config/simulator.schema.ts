import { z } from 'zod';

import { ALARM_TYPES, APPEAL_TYPES, CHANNELS, CONSUMER_KINDS, HOTLINE_SOURCES, REPLY_RESULTS, SATISFACTIONS } from '@jointduty/shared';

// The shape of config/simulator.yaml: how much the demo simulator sends, and the simulated city
// (its districts, places, streets, merchants, people) with the phrase banks its stories are told
// in. Cross-checks against city.yaml and of the templates are in load-simulator.ts.

// Where a place is, as the stories ask for it. beerfest: where the festival's beer is poured;
// venue: the ticketed festival grounds.
export const PLACE_TAGS = ['scenic', 'beach', 'night', 'beerfest', 'venue', 'shopping', 'transport', 'mountain', 'residential'] as const;
export type PlaceTag = (typeof PLACE_TAGS)[number];

// The kinds of merchant the stories and episodes name.
export const MERCHANT_KINDS = [
  'seafood',
  'bbq',
  'beer',
  'gym',
  'beauty',
  'training',
  'hotel',
  'travel',
  'appliance',
  'supermarket',
  'ktv',
  'teashop',
  'parking',
] as const;
export type MerchantKind = (typeof MERCHANT_KINDS)[number];

export const TONES = ['negative', 'neutral', 'positive'] as const;
export type Tone = (typeof TONES)[number];
export type AppealType = (typeof APPEAL_TYPES)[number];
export type ConsumerKind = (typeof CONSUMER_KINDS)[number];
export type AlarmType = (typeof ALARM_TYPES)[number];

// The slots the generator fills in any template ({merchant}, {time} …).
export const STORY_SLOTS = [
  'merchant',
  'place',
  'addr',
  'district',
  'street',
  'street2',
  'num',
  'amount',
  'price',
  'price2',
  'minSpend',
  'balance',
  'jin',
  'less',
  'seafood',
  'foodIssue',
  'time',
  'hm',
  'n',
  'many',
  'members',
  'cardType',
  'subject',
  'left',
  'monthsUsed',
  'plate',
  'from',
  'to',
  'line',
  'gender',
  'kid',
  'outfit',
  'minutes',
  'elderAge',
  'color',
  'item',
  'lateHour',
  'surname',
  'appliance',
  'goods',
  'casualties',
  'tenThousand',
] as const;
// The slots an episode sets besides: usable in episode templates only.
export const EPISODE_SLOTS = ['meal', 'dish', 'hospital', 'spot', 'remain', 'monthsAgo'] as const;
// city.yaml's name without 市; with the keys of localWords, the words fixed for the whole city.
export const CITY_SLOT = 'city';

const text = z.string().trim().min(1, 'must not be empty');
// YAML reads an unquoted 130 or 11 as a number: a word list takes it as the word it is
const word = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text);
const words = z.array(word).min(1, 'must list at least one');
// a template ({slot}, [a|b]); checked against the slots in load-simulator.ts
const template = z.string().min(1, 'must not be empty');
// openers and closers: '' is a choice too (no opener)
const phrases = z.array(z.string()).min(1, 'must list at least one');
const weight = z.number().min(0, 'must not be negative');
const chance = z.number().min(0, 'must be 0..1').max(1, 'must be 0..1');
const range = (min: number, max: number) =>
  z
    .tuple([z.number().int().min(min).max(max), z.number().int().min(min).max(max)])
    .refine(([a, b]) => a <= b, 'must be [low, high] with low ≤ high');
const slotName = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be a slot name like teaOrigin');
const hashtag = z.string().regex(/^#[^#\s]+#$/, 'must be a hashtag like #城市旅游#');
const host = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a host name like www.example.cn');
const titled = z.strictObject({ title: template, text: template });

const place = z.strictObject({
  name: text,
  street: text,
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  tags: z.array(z.enum(PLACE_TAGS)).min(1, 'must list at least one tag'),
});

const district = z.strictObject({
  name: text,
  weight: z.number().positive(),
  core: z.boolean().default(false),
  streets: words,
  areas: words,
  places: z.array(place).min(1, 'must list at least one place'),
});

const merchantStyle = z.strictObject({
  heads: words,
  tails: words,
  episodeTails: words.optional(),
  branch: chance,
  individual: chance,
  near: z.array(z.enum(PLACE_TAGS)).min(1).optional(),
  districts: words.optional(),
});

// what every story may say: its text, and where and about whom it happens
const storyBase = {
  text: template,
  title: template.optional(),
  weight: z.number().positive().optional(),
  merchant: z.enum(MERCHANT_KINDS).optional(),
  hot: z.boolean().optional(),
  place: z.enum(PLACE_TAGS).optional(),
  amount: range(0, 10_000_000).optional(),
};

const hotlineStory = z.strictObject({
  ...storyBase,
  appealType: z.enum(APPEAL_TYPES),
  category: z.string().regex(/^[^>\s]+(>[^>\s]+)*$/, 'must be a path like 市场监管>食品安全'),
  urgent: chance.optional(),
});

const consumerStory = z.strictObject({
  ...storyBase,
  kind: z.enum(CONSUMER_KINDS),
  industry: text,
  claimant: z.boolean().optional(),
});

const policeStory = z.strictObject({
  ...storyBase,
  alarmType: z.enum(ALARM_TYPES),
  level: range(1, 4),
  casualties: range(0, 1000).optional(),
  casualtyChance: chance.optional(),
});

const sentimentStory = z.strictObject({
  ...storyBase,
  tone: z.enum(TONES),
  media: z.boolean().optional(),
});

const episodes = z.strictObject({
  poisoning: z.strictObject({
    dishes: z.strictObject({ seafood: words, bbq: words }),
    hospitals: words,
    policeOpeners: phrases,
    policeClosers: phrases,
    policeCasualties: template,
    police: z.array(z.strictObject({ alarmType: z.enum(ALARM_TYPES), text: template })).min(1),
    hotline: z.array(z.strictObject({ appealType: z.enum(APPEAL_TYPES), title: template, text: template })).min(1),
    consumer: z.array(template).min(1),
    postsNamed: z.array(template).min(1),
    postsUnnamed: z.array(template).min(1),
  }),
  vanishedGym: z.strictObject({
    consumer: z.array(template).min(1),
    hotline: titled,
    posts: z.array(template).min(1),
    policeOpeners: phrases,
    police: template,
  }),
  viralPost: z.strictObject({
    postsNamed: z.array(template).min(1),
    postsUnnamed: z.array(template).min(1),
    mediaPosts: z.array(template).min(1),
    consumer: z.array(template).min(1),
    hotline: titled,
  }),
  claimant: z.strictObject({
    kinds: z
      .array(
        z.strictObject({ kind: z.enum(MERCHANT_KINDS), weight: z.number().positive(), industry: text, texts: z.array(template).min(1) }),
      )
      .min(1),
  }),
  lookalike: z.strictObject({
    noise: titled,
    shop: template,
    branchConsumer: template,
    branchHotline: template,
    badPosts: z.array(template).min(1),
    praise: template,
  }),
});

// The simulated units (承办单位) and duty's side of their orders: how soon each step comes, as
// minutes [low, high] drawn log-uniformly (most early, a tail late), the shares that go another
// way, and the notes they write. The checks across fields are in load-simulator.ts.
const minutes = z
  .tuple([z.number().positive('must be above 0'), z.number().positive('must be above 0')])
  .refine(([a, b]) => a <= b, 'must be [low, high] minutes with low ≤ high');
const notes = z.array(text).min(1, 'must list at least one');
const weights = <T extends readonly [string, ...string[]]>(keys: T) =>
  z
    .partialRecord(z.enum(keys), weight)
    .refine((m) => (Object.values(m) as Array<number | undefined>).some((w) => (w ?? 0) > 0), 'at least one weight must be above 0');
const resultNotes = z.partialRecord(z.enum(REPLY_RESULTS), notes);

const simulatedUnits = z.strictObject({
  // sign (签收) after the order arrives; `late`: the share left unsigned until past the first-check deadline
  sign: z.strictObject({ minutes, late: chance }),
  // the share returned (退回) instead of signed, and how soon duty reassigns them
  returns: z.strictObject({ share: chance, reassignMinutes: minutes }),
  // contact (联系/初查) after signing; `late`: the share that misses the first-check deadline
  contact: z.strictObject({ minutes, late: chance }),
  // reply (答复) after contact, by the record's kind where listed; `late`: the share past the handling deadline
  reply: z.strictObject({
    minutes,
    kinds: z.record(text, minutes).default({}),
    late: chance,
    results: weights(REPLY_RESULTS),
  }),
  // how far past its deadline a late step comes
  lateBy: minutes,
  // extension requests (申请延期): the share of orders, when, for how many working days; duty's review
  extension: z.strictObject({ share: chance, minutes, workingDays: range(1, 365), reviewMinutes: minutes, approve: chance }),
  // duty's follow-up call (回访) after a reply, only in `hours` city time [from, until); the
  // satisfaction of the first call and of calls after a reopened order was replied again;
  // `unresolvedWhenPartial`: the share of 部分解决 replies the citizen calls unresolved
  followup: z.strictObject({
    minutes,
    hours: range(0, 24),
    satisfaction: weights(SATISFACTIONS),
    afterReopen: weights(SATISFACTIONS),
    unresolvedWhenPartial: chance,
  }),
  // duty closes off (销号) after a satisfied follow-up
  close: z.strictObject({ minutes }),
  // the notes of each step; reply notes by the category's first level (市场监管 …), `default` for the rest
  notes: z.strictObject({
    sign: phrases,
    contact: notes,
    reply: z.record(text, resultNotes),
    extend: notes,
    return: notes,
    assign: notes,
    extension: z.strictObject({ approve: notes, refuse: notes }),
    followup: z.strictObject({ 满意: notes, 基本满意: notes, 不满意: notes }),
    close: notes,
  }),
});

export const simulatorSchema = z.strictObject({
  // how much: records per minute, the share of each channel, 24 hourly weights
  ratePerMinute: z.number().positive().max(100_000),
  channelMix: z.record(z.enum(CHANNELS), weight).refine((m) => Object.values(m).some((w) => w > 0), 'at least one weight must be above 0'),
  hourlyRhythm: z
    .array(weight)
    .length(24, 'must hold exactly 24 weights, one per hour')
    .refine((h) => h.some((w) => w > 0), 'at least one weight must be above 0'),
  // the simulated city
  localWords: z.record(slotName, word).default({}),
  districts: z.array(district).min(1, 'must list at least one district'),
  people: z.strictObject({
    surnames: words,
    givenNames: z.array(words).min(1),
    mobilePrefixes: z.array(z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(/^1\d{2}$/, 'must be 3 digits'))),
    landline: z.string().regex(/^[\d-]+$/, 'must be digits and dashes, like 0532-8'),
  }),
  plates: z.strictObject({ city: text, other: text }),
  merchants: z.record(z.enum(MERCHANT_KINDS), merchantStyle),
  vocabulary: z.strictObject({
    seafood: words,
    foodIssues: words,
    lostItems: words,
    colors: words,
    garments: z.strictObject({ 男孩: words, 女孩: words }),
    subjects: words,
    cardTypes: words,
    appliances: words,
    metroLines: words,
    goods: words,
  }),
  departments: z.record(text, template).default({}),
  // the phrase banks, by channel
  hotline: z.strictObject({
    openers: z.record(z.enum(HOTLINE_SOURCES), phrases),
    closers: z.record(z.enum(APPEAL_TYPES), phrases),
    stories: z.array(hotlineStory).min(1),
  }),
  consumer: z.strictObject({
    openers: z.record(z.enum(CONSUMER_KINDS), phrases),
    stories: z.array(consumerStory).min(1),
  }),
  police: z.strictObject({
    openers: phrases,
    stories: z.array(policeStory).min(1),
    mass: z.array(policeStory).min(1),
    harm: z.array(policeStory).min(1),
  }),
  posts: z.strictObject({
    hashtags: z.strictObject({
      common: z.array(hashtag).min(1),
      negative: z.array(hashtag),
      neutral: z.array(hashtag),
      positive: z.array(hashtag),
    }),
    authors: z.strictObject({ heads: words, cores: words, tails: phrases }),
    media: words,
    topics: z.array(template),
    location: z.strictObject({ city: template, district: template }),
    sites: z.strictObject({ news: host, forum: host }),
    stories: z.array(sentimentStory).min(1),
  }),
  episodes,
  // the simulated units answering the orders of simulated records; none: they stay unanswered
  units: simulatedUnits.optional(),
});

export type SimulatorConfig = z.output<typeof simulatorSchema>;
export type SimulatorDistrict = SimulatorConfig['districts'][number];
export type SimulatorPlace = SimulatorDistrict['places'][number];
export type MerchantStyle = SimulatorConfig['merchants'][MerchantKind];
export type HotlineStory = SimulatorConfig['hotline']['stories'][number];
export type ConsumerStory = SimulatorConfig['consumer']['stories'][number];
export type PoliceStory = SimulatorConfig['police']['stories'][number];
export type SentimentStory = SimulatorConfig['posts']['stories'][number];
export type EpisodePhrases = SimulatorConfig['episodes'];
export type UnitsSettings = NonNullable<SimulatorConfig['units']>;
