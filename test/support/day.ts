// A generated duty day with ground truth, to measure how well the server joins incidents into
// events (CONTRACT §3): precision and recall over ~50,000 mixed records of the four feeds.
//
//   const day = generateDay({ seed: 7 });          // DayRecord[], sorted by `at`
//   const info = describeDay(day);                 // composition, cluster sizes, hard negatives
//
// `truth` is the event a sharp duty officer would put a record in. Records sharing a label are
// one event; every other record has a label of its own. Label prefixes tell the kind of event:
//   merchant-…        2–12 complaints/calls/posts about one merchant within 24 h (12315 with the
//                     merchant field, USCC on ~60%; 12345 and posts with the name in the text;
//                     sometimes a 110 dispute at the shop)
//   prepaid-…         a prepaid-card business that vanished: 5–15 complaints from distinct people
//   place-<story>-…   a fire/poisoning/stampede/fight/flood/traffic/drowning at a landmark or road,
//                     told by 110 + 12345 + posts within 0.5–4 h, all naming the place
//   single-…          everything else (its label is never shared)
// About 20% of the records are in multi-record events; the rest are singletons, most of them on
// the same roads and landmarks as the events, a third of them naming a merchant seen only once.
//
// Hard negatives (records that look joinable but are not) are listed by describeDay(day).hardNegatives:
// each names a kind (NegativeKind) and the truth labels that must stay apart, e.g. a praise call's
// label with the label of the complaints it sits beside. That list is kept in a WeakMap keyed by
// the array generateDay returned: a copy or a filtered array has none (describeDay then reports
// the label-derived figures only).
//
// What keeps the truth clean: a merchant's name is never contained in another's (渔家海韵大排档 vs
// 海韵大排档), each merchant appears in one event only, and no two reports that name no merchant
// tell the same kind of story (or a related one: a lost child at a beach where someone drowned) at
// the same landmark or road within 8 hours unless they are one event. Reports about one spot of a
// road (a broken street lamp at 云霄路18号) name their house number; two at different numbers are
// different things. Sightseeing posts (八大关日落绝了) are no event and may repeat at a landmark.
//
// The text here is written independently of the server's simulator and lexicons, so that the
// correlator is evaluated on wording it was not written against. Everything is deterministic
// for a seed; nothing reads the clock except that records stay valid only while `start` is not
// more than a day in the future (the feed schema refuses such times).
import { usccCheckChar } from '@jointduty/shared';

export type DayChannel = '12345' | '12315' | '110' | 'sentiment';

export interface DayRecord {
  channel: DayChannel;
  record: Record<string, unknown>;
  truth: string;
  at: number /* epoch ms */;
}

export interface DayOptions {
  seed?: number;
  /** default 50_000; composition ratios hold from about 1,000 up */
  records?: number;
  /** default 2026-08-01T00:00+08:00; the day is [start, start + 24 h) */
  start?: Date;
}

export type ClusterKind = 'merchant' | 'prepaid' | 'place';
export type StoryKind = 'fire' | 'poisoning' | 'stampede' | 'fight' | 'flood' | 'traffic' | 'drowning';
export const STORY_KINDS: readonly StoryKind[] = ['fire', 'poisoning', 'stampede', 'fight', 'flood', 'traffic', 'drowning'];

export type NegativeKind =
  /** two different merchants on one road, similar complaints, the same evening */
  | 'sameStreetDifferentShop'
  /** branches of one chain (力美健身(台东店) vs 力美健身(香港中路店)) with similar complaints */
  | 'chainBranches'
  /** the same landmark or road, the same hours, an unrelated story (lost child vs price complaint) */
  | 'sameLandmarkDifferentStory'
  /** a 12345 表扬 about a merchant or place that also has complaints or a bad post */
  | 'praise'
  /** the same kind of story, the same hour, another district (two unrelated fights) */
  | 'sameStoryDifferentPlace'
  /** one merchant name, two businesses: different USCC, different district */
  | 'sameNameDifferentUscc';
export const NEGATIVE_KINDS: readonly NegativeKind[] = [
  'sameStreetDifferentShop',
  'chainBranches',
  'sameLandmarkDifferentStory',
  'praise',
  'sameStoryDifferentPlace',
  'sameNameDifferentUscc',
];

export interface HardNegative {
  kind: NegativeKind;
  /** truth labels whose records must not be joined with one another */
  labels: string[];
  note: string;
}

export interface DayDescription {
  records: number;
  byChannel: Record<DayChannel, number>;
  /** distinct truth labels */
  events: number;
  singletons: number;
  /** records whose label is shared by 2+ records */
  clusterRecords: number;
  clusterShare: number;
  clusters: Record<ClusterKind, { events: number; records: number }>;
  placeStories: Record<StoryKind, { events: number; records: number }>;
  /** cluster size → number of clusters of that size */
  clusterSizes: Record<number, number>;
  /**
   * per kind: instances; records under the labels involved (a cluster's records included);
   * singles: the one-record labels involved (the records that exist to be kept apart)
   */
  negatives: Record<NegativeKind, { instances: number; records: number; singles: number }>;
  hardNegatives: HardNegative[];
  /** channels per multi-record event: how many events span 1, 2, 3, 4 channels */
  channelsPerCluster: Record<number, number>;
}

// Globals read once: inside Jest's sandbox every read of a global such as Math goes through the
// context's global object, which made the random generator alone take a second.
const M = Math;
const Str = String;

/** a word list written as one string */
const words = (s: string): string[] => s.trim().split(/\s+/);

// ───────────────────────────── random ─────────────────────────────

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = (seed ^ 0x9e3779b9) >>> 0;
    for (let i = 0; i < 4; i++) this.next();
  }
  /** mulberry32: [0, 1) */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = M.imul(t ^ (t >>> 15), t | 1);
    t ^= t + M.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number {
    return lo + M.floor(this.next() * (hi - lo + 1));
  }
  real(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[M.floor(this.next() * items.length)]!;
  }
  /** pairs of [item, weight] */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  /** the index of one of the weights, drawn by weight */
  index(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
  /** n random digits, n ≤ 9 */
  digits(n: number): string {
    return Str(M.floor(this.next() * 10 ** n)).padStart(n, '0');
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = M.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

// ───────────────────────────── time ─────────────────────────────

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 8 * HOUR;

// relative call volume by local hour: quiet at night, busy mornings and evenings
const HOUR_WEIGHT = [2.2, 1.4, 0.9, 0.6, 0.5, 0.8, 1.8, 3.8, 6.5, 8.6, 9.2, 9, 7.6, 7.8, 8.8, 9, 8.6, 8.4, 8.8, 9.6, 9.8, 8.2, 6, 3.8];
// fights and disputes peak late; floods and traffic follow the day
const EVENING_WEIGHT = [5, 3.5, 2, 1, 0.5, 0.3, 0.3, 0.5, 1, 1.5, 2, 2.5, 3, 3, 3, 3.5, 4, 5, 7, 9, 10, 10, 9, 7];

const HOUR_MAX = M.max(...HOUR_WEIGHT);
const EVENING_MAX = M.max(...EVENING_WEIGHT);

const localHour = (t: number) => M.floor(((t + TZ) % DAY) / HOUR);

const ISO_DATES = new Map<number, string>();
const two = (n: number) => (n < 10 ? `0${n}` : Str(n));

/** ISO 8601 in Beijing time, to the second: 2026-08-01T21:05:00+08:00 */
function iso(t: number): string {
  const local = t + TZ;
  const dayNo = M.floor(local / DAY);
  let date = ISO_DATES.get(dayNo);
  if (date === undefined) {
    date = new Date(dayNo * DAY).toISOString().slice(0, 10);
    ISO_DATES.set(dayNo, date);
  }
  const sec = M.floor((local - dayNo * DAY) / 1000);
  return `${date}T${two(M.floor(sec / 3600))}:${two(M.floor(sec / 60) % 60)}:${two(sec % 60)}+08:00`;
}

/** smooths what joining phrases leaves behind: 栈桥附近附近 → 栈桥附近 */
const UNTIDY = /(附近|这边|旁边|一带|路上|路口|中段|出口|入口|门口|东侧|停车场|广场上)(附近|这边|一带)|，，|。。/;

function tidy(s: string): string {
  if (!UNTIDY.test(s)) return s;
  return s
    .replace(/(附近|这边|旁边|一带)(附近|这边|一带)/g, '$1')
    .replace(/(路上|路口|中段|出口|入口|门口|东侧|停车场|广场上)(附近|这边|一带)/g, '$1')
    .replace(/，，/g, '，')
    .replace(/。。/g, '。');
}

function dayPart(t: number): string {
  const h = localHour(t);
  if (h < 5) return '凌晨';
  if (h < 8) return '早上';
  if (h < 11) return '上午';
  if (h < 13) return '中午';
  if (h < 18) return '下午';
  if (h < 19) return '傍晚';
  if (h < 23) return '晚上';
  return '深夜';
}

function clock(t: number): string {
  const d = new Date(t + TZ);
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  return m < 10 ? `${h}点` : m < 40 ? `${h}点${m}分` : `${h}点多`;
}

function monthDay(t: number): string {
  const d = new Date(t + TZ);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

// ───────────────────────────── geography ─────────────────────────────

interface District {
  name: string;
  short: string;
  code: string;
  /** share of the city's calls */
  weight: number;
  /** points well inside the district (checked against config/districts.geojson with a 0.005° margin) */
  anchors: ReadonlyArray<readonly [number, number]>;
  roads: Road[];
  landmarks: Landmark[];
  towns: string[];
}

interface Road {
  name: string;
  district: District;
  lng: number;
  lat: number;
}

type LandmarkTag = 'crowd' | 'beach' | 'food' | 'scenic' | 'station' | 'market';

interface Landmark {
  name: string;
  district: District;
  lng: number;
  lat: number;
  tags: LandmarkTag[];
  /** a road the landmark lies on, written in some addresses */
  road?: Road;
}

/** Where something happened: a landmark, a road, or a village of an outer district. */
interface Place {
  type: 'landmark' | 'road' | 'village';
  name: string;
  district: District;
  lng: number;
  lat: number;
  landmark?: Landmark;
  road?: Road;
  town?: string;
  /** a house number on a road: the report is about that spot, not the whole road */
  spot?: number;
  /** registry keys by family, worked out once */
  keys?: Map<string, string[]>;
}

type DistrictSeed = Omit<District, 'roads' | 'landmarks'> & {
  roadNames: string[];
  landmarkSeeds: Array<[string, number, number, LandmarkTag[], string?]>;
};

const DISTRICT_SEEDS: DistrictSeed[] = [
  {
    name: '市南区',
    short: '市南',
    code: '370202',
    weight: 17,
    anchors: [
      [120.33, 36.066],
      [120.36, 36.063],
      [120.38, 36.07],
      [120.4, 36.065],
      [120.414, 36.081],
    ],
    roadNames: words(`
云霄路 香港中路 香港西路 闽江路 南京路 延安三路 太平路 中山路 东海西路 东海中路 山东路 江西路 澳门路
燕儿岛路 福州南路 大学路 江苏路 广西路 湖北路 肥城路 浙江路 漳州路 金湖路 珠海路
`),
    landmarkSeeds: [
      ['五四广场', 120.3835, 36.0617, ['crowd', 'scenic'], '东海西路'],
      ['栈桥', 120.3179, 36.0633, ['crowd', 'scenic'], '太平路'],
      ['八大关', 120.3512, 36.0546, ['scenic']],
      ['青岛站', 120.3135, 36.0645, ['crowd', 'station']],
      ['奥帆中心', 120.3935, 36.0585, ['crowd', 'scenic'], '燕儿岛路'],
      ['第一海水浴场', 120.345, 36.056, ['beach', 'crowd']],
      ['小鱼山', 120.339, 36.059, ['scenic']],
      ['信号山', 120.33, 36.067, ['scenic']],
      ['劈柴院', 120.32, 36.068, ['food', 'crowd'], '中山路'],
      ['鲁迅公园', 120.332, 36.056, ['scenic']],
      ['中山公园', 120.354, 36.06, ['scenic', 'crowd']],
      ['青岛海底世界', 120.335, 36.057, ['scenic']],
      ['太平角', 120.365, 36.047, ['scenic']],
      ['湛山寺', 120.366, 36.063, ['scenic']],
      ['青岛万象城', 120.37, 36.064, ['crowd', 'food'], '山东路'],
      ['音乐广场', 120.386, 36.063, ['crowd', 'scenic'], '澳门路'],
      ['燕儿岛', 120.405, 36.056, ['scenic']],
      ['浙江路天主教堂', 120.323, 36.067, ['scenic'], '浙江路'],
    ],
    towns: [],
  },
  {
    name: '市北区',
    short: '市北',
    code: '370203',
    weight: 16,
    anchors: [
      [120.35, 36.085],
      [120.369, 36.091],
      [120.38, 36.1],
      [120.36, 36.11],
      [120.34, 36.1],
    ],
    roadNames: words(`
台东一路 台东三路 威海路 登州路 辽宁路 延安路 敦化路 延吉路 人民路 合肥路 重庆南路 哈尔滨路 抚顺路 海伦路
兴隆路 洛阳路 开平路 胶州路 即墨路 黄台路
`),
    landmarkSeeds: [
      ['台东步行街', 120.355, 36.088, ['crowd', 'food', 'market'], '台东三路'],
      ['啤酒街', 120.346, 36.083, ['food', 'crowd'], '登州路'],
      ['青岛啤酒博物馆', 120.3455, 36.0835, ['scenic'], '登州路'],
      ['即墨路小商品市场', 120.333, 36.077, ['market', 'crowd'], '即墨路'],
      ['青岛国际邮轮港', 120.32, 36.083, ['station']],
      ['新都心', 120.38, 36.095, ['crowd', 'food']],
      ['海云庵', 120.362, 36.095, ['crowd', 'scenic']],
    ],
    towns: [],
  },
  {
    name: '李沧区',
    short: '李沧',
    code: '370213',
    weight: 10,
    anchors: [
      [120.42, 36.15],
      [120.43, 36.17],
      [120.4, 36.161],
      [120.45, 36.15],
    ],
    roadNames: words(`
书院路 京口路 巨峰路 黑龙江中路 振华路 兴华路 九水东路 金水路 青山路 四流中路 重庆中路 永平路 东川路 君峰路
虎山路
`),
    landmarkSeeds: [
      ['世博园', 120.485, 36.19, ['scenic', 'crowd']],
      ['青岛北站', 120.375, 36.17, ['station', 'crowd']],
      ['李村大集', 120.43, 36.155, ['market', 'food', 'crowd']],
      ['百果山', 120.475, 36.185, ['scenic']],
    ],
    towns: [],
  },
  {
    name: '崂山区',
    short: '崂山',
    code: '370212',
    weight: 9,
    anchors: [
      [120.46, 36.1],
      [120.44, 36.09],
      [120.48, 36.12],
      [120.5, 36.11],
    ],
    roadNames: words('香港东路 海尔路 深圳路 株洲路 松岭路 秦岭路 同安路 辽阳东路 仙霞岭路 银川东路 苗岭路 云岭路'),
    landmarkSeeds: [
      ['崂山风景区', 120.62, 36.18, ['scenic', 'crowd']],
      ['仰口景区', 120.665, 36.24, ['scenic']],
      ['太清宫', 120.675, 36.14, ['scenic']],
      ['石老人', 120.47, 36.095, ['beach', 'scenic']],
      ['北九水', 120.58, 36.21, ['scenic']],
      ['流清河', 120.605, 36.109, ['beach']],
      ['青岛大剧院', 120.452, 36.102, ['crowd']],
      ['极地海洋公园', 120.44, 36.098, ['crowd', 'scenic']],
      ['麦岛', 120.427, 36.068, ['scenic']],
      ['青岛国际会展中心', 120.455, 36.099, ['crowd']],
    ],
    towns: ['沙子口街道', '王哥庄街道', '北宅街道'],
  },
  {
    name: '黄岛区',
    short: '黄岛',
    code: '370211',
    weight: 16,
    anchors: [
      [120.2, 35.96],
      [120.18, 35.95],
      [120.22, 35.97],
      [120.1, 35.9],
      [120.05, 35.87],
    ],
    roadNames: words('长江中路 长江西路 井冈山路 武夷山路 江山南路 漓江西路 黄河中路 珠江路 峨眉山路 太行山路 昆仑山路 灵山湾路'),
    landmarkSeeds: [
      ['金沙滩', 120.25, 35.97, ['beach', 'crowd', 'scenic']],
      ['银沙滩', 120.22, 35.95, ['beach']],
      ['唐岛湾', 120.194, 35.946, ['scenic']],
      ['青岛国际啤酒节主会场', 120.24, 35.97, ['crowd', 'food']],
      ['金沙滩啤酒城', 120.245, 35.972, ['crowd', 'food']],
      ['东方影都', 120.23, 35.975, ['scenic', 'crowd']],
      ['青岛西站', 120.06, 35.94, ['station', 'crowd']],
      ['凤凰岛', 120.25, 35.978, ['scenic']],
      ['灵山湾', 120.19, 35.9, ['beach', 'scenic']],
      ['大珠山', 120.046, 35.782, ['scenic']],
      ['琅琊台', 119.931, 35.632, ['scenic']],
    ],
    towns: ['泊里镇', '大场镇', '大村镇', '六汪镇', '海青镇', '宝山镇', '藏马镇', '张家楼街道', '王台街道'],
  },
  {
    name: '城阳区',
    short: '城阳',
    code: '370214',
    weight: 10,
    anchors: [
      [120.4, 36.3],
      [120.38, 36.28],
      [120.42, 36.32],
      [120.36, 36.25],
    ],
    roadNames: ['正阳路', '长城路', '文阳路', '青威路', '崇阳路', '春阳路', '华城路', '仙山东路'],
    landmarkSeeds: [
      ['流亭机场', 120.38, 36.265, ['station']],
      ['城阳世纪公园', 120.4, 36.305, ['scenic', 'crowd']],
      ['毛公山', 120.47, 36.29, ['scenic']],
    ],
    towns: ['夏庄街道', '惜福镇街道', '棘洪滩街道', '上马街道', '河套街道'],
  },
  {
    name: '即墨区',
    short: '即墨',
    code: '370215',
    weight: 8,
    anchors: [
      [120.45, 36.39],
      [120.47, 36.38],
      [120.43, 36.4],
    ],
    roadNames: ['鹤山路', '蓝鳌路', '烟青路', '振华街', '黄河二路', '文化路'],
    landmarkSeeds: [
      ['即墨古城', 120.445, 36.385, ['scenic', 'crowd', 'food']],
      ['鳌山湾', 120.65, 36.37, ['beach', 'scenic']],
      ['马山石林', 120.42, 36.415, ['scenic']],
    ],
    towns: ['田横镇', '金口镇', '段泊岚镇', '移风店镇', '蓝村街道', '龙山街道'],
  },
  {
    name: '胶州市',
    short: '胶州',
    code: '370281',
    weight: 6,
    anchors: [
      [120.03, 36.27],
      [120.01, 36.28],
      [120.05, 36.26],
    ],
    roadNames: ['郑州东路', '兰州东路', '常州路', '广州北路', '杭州路'],
    landmarkSeeds: [
      ['胶东国际机场', 120.085, 36.36, ['station', 'crowd']],
      ['少海湿地', 120.02, 36.265, ['scenic']],
    ],
    towns: ['李哥庄镇', '铺集镇', '里岔镇', '洋河镇', '胶莱街道'],
  },
  {
    name: '平度市',
    short: '平度',
    code: '370283',
    weight: 5,
    anchors: [
      [119.96, 36.78],
      [119.95, 36.77],
      [119.98, 36.79],
    ],
    roadNames: ['红旗路', '胜利路', '扬州路'],
    landmarkSeeds: [
      ['大泽山风景区', 119.98, 37.01, ['scenic']],
      ['茶山风景区', 119.89, 36.82, ['scenic']],
    ],
    towns: ['南村镇', '蓼兰镇', '崔家集镇', '明村镇', '田庄镇', '新河镇', '店子镇', '旧店镇', '云山镇', '古岘镇', '仁兆镇'],
  },
  {
    name: '莱西市',
    short: '莱西',
    code: '370285',
    weight: 3,
    anchors: [
      [120.52, 36.89],
      [120.5, 36.88],
      [120.53, 36.87],
    ],
    roadNames: ['烟台路', '石岛路', '黄海路', '上海路'],
    landmarkSeeds: [
      ['莱西湖', 120.4, 36.9, ['scenic']],
      ['姜山湿地', 120.5, 36.7, ['scenic']],
    ],
    towns: ['姜山镇', '夏格庄镇', '院上镇', '日庄镇', '南墅镇', '河头店镇', '店埠镇', '马连庄镇'],
  },
];

function buildGeography(): { districts: District[]; roads: Road[]; landmarks: Landmark[] } {
  const districts: District[] = [];
  const roads: Road[] = [];
  const landmarks: Landmark[] = [];
  const seen = new Set<string>();
  for (const seed of DISTRICT_SEEDS) {
    const d: District = {
      name: seed.name,
      short: seed.short,
      code: seed.code,
      weight: seed.weight,
      anchors: seed.anchors,
      roads: [],
      landmarks: [],
      towns: seed.towns,
    };
    seed.roadNames.forEach((name, i) => {
      if (seen.has(name)) throw new Error(`day generator: road ${name} twice`);
      seen.add(name);
      const [lng, lat] = d.anchors[i % d.anchors.length]!;
      // a fixed offset of up to ±0.003° around the anchor, spread by the road's position
      const road: Road = { name, district: d, lng: lng + (((i * 3) % 7) - 3) * 0.001, lat: lat + (((i * 5 + 2) % 7) - 3) * 0.001 };
      d.roads.push(road);
      roads.push(road);
    });
    for (const [name, lng, lat, tags, roadName] of seed.landmarkSeeds) {
      const road = roadName ? d.roads.find((r) => r.name === roadName) : undefined;
      if (roadName && !road) throw new Error(`day generator: ${name} on unknown road ${roadName}`);
      const lm: Landmark = { name, district: d, lng, lat, tags, ...(road ? { road } : {}) };
      d.landmarks.push(lm);
      landmarks.push(lm);
    }
    districts.push(d);
  }
  return { districts, roads, landmarks };
}

const GEO = buildGeography();

// ───────────────────────────── names and words ─────────────────────────────

const SURNAMES = words(`
王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗 梁 宋 郑 谢 韩 唐 冯 于 董 萧
程 曹 袁 邓 许 傅 沈 曾 彭 吕 苏 卢 蒋 蔡 贾 丁 魏 薛 叶 阎 姜 隋 栾 宫 臧 逄 矫 初 修 辛
`);
const GIVEN = words(`
伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 建华 文 华 红 玉兰 海燕
志强 晓东 春梅 立新 国庆 海波 雪 宁 浩 宇 鑫 婷 欣怡 子涵 梓萱 一诺 雨泽 俊杰 丹 瑞 峰 晨
`);
const NICK_A = words('岛城 琴岛 青岛 海边 大海 海边的 爱吃 土著 北漂回青 山东 胶东 啤酒 海风 蓝色 奔跑的');
const NICK_B = words('小猫 吃货 大叔 妹子 阿姨 打工人 老李 阿珍 小王子 嘎啦油 蛤蜊 小海豚 旅行家 摄影师 宝妈 遛弯的 骑行者');
const MEDIA = ['岛城身边事', '青岛生活圈', '西海岸观察', '半岛今日事', '琴岛热线', '青岛同城速递', '黄岛那些事', '李沧生活通'];

// merchant name parts: a head (or two) and a kind; chains use one head
const HEADS = words(`
海韵 渔家 老船长 金沙 琴岛 海之蓝 蓝湾 渔港 鑫源 福满楼 顺发 聚福 好运来 阿杜 老张 王记 李记 刘记 赵家
孙家 海景 海天 海悦 海星 海纳 渔村 船歌 蓝海 金海岸 银帆 扬帆 启航 百川 千禧 万家 惠民 佳美 丽人 欧雅
尚品 优品 名流 星河 星光 天成 同福 德兴 瑞丰 宏达 兴旺 永盛 恒源 金鼎 力美 悦动 型动 乐享 优享 小渔村
老渔夫 青春 阳光 晨曦 如意 吉祥 和顺 旺角 新概念 童心 博学 启智 智优 海岸线 浪花 贝壳 鲜到家 大丰收
老码头 渔火 海狸 橙子 柠檬 麦田 稻香 一品 御膳 鲁味 胶东人家 渔夫 船老大 老四 三哥 大嘴 幸福里 小确幸
时光 初见 遇见 知味 半亩 木子 森林 雅典娜 维纳斯 金色 银杏
`);

type Sector = 'food' | 'fitness' | 'beauty' | 'education' | 'retail' | 'lodging' | 'service' | 'travel';

interface MerchantKind {
  kind: string;
  sector: Sector;
  industry: string;
  /** sells prepaid cards (预付卡): may vanish */
  card?: string[];
}

const KINDS: MerchantKind[] = [
  { kind: '大排档', sector: 'food', industry: '餐饮服务' },
  { kind: '烧烤', sector: 'food', industry: '餐饮服务' },
  { kind: '海鲜酒家', sector: 'food', industry: '餐饮服务' },
  { kind: '海鲜城', sector: 'food', industry: '餐饮服务' },
  { kind: '海鲜大酒楼', sector: 'food', industry: '餐饮服务' },
  { kind: '饺子馆', sector: 'food', industry: '餐饮服务' },
  { kind: '面馆', sector: 'food', industry: '餐饮服务' },
  { kind: '火锅', sector: 'food', industry: '餐饮服务', card: ['储值卡'] },
  { kind: '私房菜', sector: 'food', industry: '餐饮服务' },
  { kind: '啤酒屋', sector: 'food', industry: '餐饮服务' },
  { kind: '海鲜烧烤', sector: 'food', industry: '餐饮服务' },
  { kind: '快餐', sector: 'food', industry: '餐饮服务' },
  { kind: '健身', sector: 'fitness', industry: '体育健身', card: ['年卡', '私教课', '季卡'] },
  { kind: '健身会所', sector: 'fitness', industry: '体育健身', card: ['年卡', '私教课', '会员卡'] },
  { kind: '瑜伽馆', sector: 'fitness', industry: '体育健身', card: ['瑜伽年卡', '次卡'] },
  { kind: '游泳馆', sector: 'fitness', industry: '体育健身', card: ['游泳卡', '亲子游泳课'] },
  { kind: '舞蹈工作室', sector: 'education', industry: '教育培训', card: ['舞蹈课时包', '学期课'] },
  { kind: '美容', sector: 'beauty', industry: '美容美发', card: ['美容卡', '护理套餐'] },
  { kind: '美容院', sector: 'beauty', industry: '美容美发', card: ['美容卡', '疗程卡'] },
  { kind: '美发', sector: 'beauty', industry: '美容美发', card: ['美发储值卡', '烫染套餐'] },
  { kind: '美甲', sector: 'beauty', industry: '美容美发', card: ['美甲次卡', '储值卡'] },
  { kind: '养生馆', sector: 'beauty', industry: '美容美发', card: ['理疗卡', '艾灸疗程'] },
  { kind: '培训学校', sector: 'education', industry: '教育培训', card: ['课时包', '全年课程'] },
  { kind: '教育', sector: 'education', industry: '教育培训', card: ['辅导课程', '课时包'] },
  { kind: '艺术培训', sector: 'education', industry: '教育培训', card: ['美术课', '钢琴课时'] },
  { kind: '早教中心', sector: 'education', industry: '教育培训', card: ['早教课包', '年度课程'] },
  { kind: '超市', sector: 'retail', industry: '食品' },
  { kind: '便利店', sector: 'retail', industry: '食品' },
  { kind: '海产品店', sector: 'retail', industry: '食品' },
  { kind: '特产店', sector: 'retail', industry: '食品' },
  { kind: '家电', sector: 'retail', industry: '家电百货' },
  { kind: '手机店', sector: 'retail', industry: '通讯器材' },
  { kind: '眼镜店', sector: 'retail', industry: '家电百货' },
  { kind: '母婴店', sector: 'retail', industry: '家电百货' },
  { kind: '宾馆', sector: 'lodging', industry: '住宿服务' },
  { kind: '酒店', sector: 'lodging', industry: '住宿服务' },
  { kind: '民宿', sector: 'lodging', industry: '住宿服务' },
  { kind: '快捷酒店', sector: 'lodging', industry: '住宿服务' },
  { kind: '洗浴中心', sector: 'service', industry: '生活服务', card: ['洗浴卡', '储值卡'] },
  { kind: '干洗店', sector: 'service', industry: '生活服务', card: ['干洗卡'] },
  { kind: '汽车维修', sector: 'service', industry: '汽车服务' },
  { kind: '洗车', sector: 'service', industry: '汽车服务', card: ['洗车年卡', '洗车次卡'] },
  { kind: '装饰公司', sector: 'service', industry: '装修服务' },
  { kind: '宠物医院', sector: 'service', industry: '生活服务' },
  { kind: '口腔诊所', sector: 'service', industry: '医疗服务' },
  { kind: '婚纱摄影', sector: 'service', industry: '生活服务', card: ['套系'] },
  { kind: '旅行社', sector: 'travel', industry: '旅游服务' },
];
const PREPAID_KINDS = KINDS.filter((k) => k.card && k.sector !== 'food');

/** a kind's family: the shortest kind it starts with (健身会所 → 健身, 美容院 → 美容) */
const KIND_FAMILY = new Map(
  KINDS.map((k) => [k.kind, KINDS.filter((x) => k.kind.startsWith(x.kind)).sort((a, b) => a.kind.length - b.kind.length)[0]!.kind]),
);
// the stem rule above holds while no head or kind ends inside another kind (海鲜烧烤 vs 烧烤 needs
// a head ending in 海鲜) and no kind is found inside a head
for (const k of KINDS) {
  for (const x of KINDS) {
    if (x !== k && k.kind.endsWith(x.kind) && HEADS.some((h) => h.endsWith(k.kind.slice(0, k.kind.length - x.kind.length)))) {
      throw new Error(`day generator: ${x.kind} hides in a head + ${k.kind}`);
    }
  }
  if (HEADS.some((h) => h.includes(k.kind))) throw new Error(`day generator: a head holds the kind ${k.kind}`);
}

// where chains name their branches, by district
const BRANCH_LABELS: Record<string, string[]> = {
  市南区: ['香港中路', '中山路', '五四广场', '江苏路', '云霄路', '闽江路', '万象城'],
  市北区: ['台东', '辽宁路', '新都心', '延吉路', '海伦路', '合肥路'],
  李沧区: ['李村', '书院路', '振华路', '世园', '巨峰路'],
  崂山区: ['金家岭', '石老人', '麦岛', '海尔路', '深圳路'],
  黄岛区: ['长江路', '黄岛', '辛安', '薛家岛', '唐岛湾', '金沙滩'],
  城阳区: ['城阳', '正阳路', '流亭', '夏庄'],
  即墨区: ['即墨', '鹤山路', '蓝村'],
  胶州市: ['胶州', '三里河'],
  平度市: ['平度'],
  莱西市: ['莱西'],
};

const COMPOUND_HEADS = words(`
丽景 翠湖 锦绣 书香 和谐 颐和 金域 橡树 枫林 海逸 碧海 观海 青山 福林 祥和 宜居 康居 盛世 东方 紫荆
玉兰 银海 海韵 华府 融创 绿城 中海 永安 建国 红旗 幸福 新华 兴隆 海尔 嘉和 德馨 泰和 万和 瑞园 怡景
`);
const COMPOUND_TAILS = words('花园 小区 家园 公寓 新村 苑 华庭 嘉园 雅居 山庄 名邸 里');
const COMPANY_TAILS = words(`
建筑工程有限公司 物流有限公司 劳务派遣有限公司 电子科技有限公司 餐饮管理有限公司 装饰工程有限公司 机械制造有限公司
服装有限公司 食品有限公司 物业管理有限公司 橡胶制品有限公司 海产品加工有限公司
`);
const VILLAGE_A = ['东', '西', '南', '北', '前', '后', '大', '小', '上', '下', '中'];
const VILLAGE_B = ['庄', '村', '疃', '屯', '埠', '沟', '岭', '河'];

const OPENERS_12345 = [
  '市民来电反映：',
  '来电人称，',
  '市民反映，',
  '来电反映：',
  '市民来电：',
  '',
  '',
  '微信留言：',
  '网友留言：',
  '来电人表示，',
];
const DEMANDS_12345 = [
  '希望相关部门核实处理。',
  '要求相关部门依法查处。',
  '请尽快处理。',
  '诉求：退还费用并处罚商家。',
  '希望有关部门给个说法。',
  '要求调查处理并回复。',
  '请职能部门尽快介入。',
  '来电人情绪激动，要求尽快回复。',
  '希望尽快解决。',
  '要求给予答复。',
];
const DEMANDS_12315 = [
  '要求商家退款。',
  '要求退还多收的费用。',
  '要求商家赔偿损失。',
  '请求依法查处。',
  '希望监管部门督促商家解决。',
  '要求退货退款。',
  '请帮忙协调。',
  '要求商家道歉并赔偿。',
];
const POLICE_OPENERS = ['报警人称', '报警人报称', '群众报警：', '接报：', '报警人（男）称', '报警人（女）称', '报警人反映', '110接报，'];

// ───────────────────────────── merchant complaint themes ─────────────────────────────

/** Story families: two reports of one family at one place within hours would read as one event. */
type Family =
  | 'fire'
  | 'poisoning'
  | 'crowd'
  | 'conflict'
  | 'flood'
  | 'traffic'
  | 'drowning'
  | 'lostChild'
  | 'lostPerson'
  | 'lostItem'
  | 'price'
  | 'noise'
  | 'parking'
  | 'taxi'
  | 'vendor'
  | 'sanitation'
  | 'municipal'
  | 'property'
  | 'outage'
  | 'pollution'
  | 'theft'
  | 'scenery'
  | 'praise'
  | 'suggest'
  | 'construction'
  | 'queue'
  | 'drunk'
  | 'home';

/** m: how the merchant is named; w: where, e.g. "云霄路的" or "". */
type Say = (m: string, w: string, r: Rng) => string;

/** a complaint line, for every kind of the sector or only for some kinds */
type Line = Say | { kinds: string[]; say: Say };

interface Theme {
  id: string;
  /** set when the complaint is also a place story (people sick, a fight) */
  family?: Family;
  /** only these merchant kinds have this problem */
  kinds?: string[];
  issue: Line[];
  /** short forms for posts and alarms */
  short: string[];
  /** 110 summaries (after the opener) for disputes at the merchant */
  police?: Say[];
  amount: [number, number];
  category: string;
}

const yuan = (r: Rng, lo: number, hi: number) => Str(M.round(r.int(lo, hi) / 10) * 10);
const only = (kinds: string[], say: Say): Line => ({ kinds, say });

const SEAFOOD = ['大排档', '烧烤', '海鲜酒家', '海鲜城', '海鲜大酒楼', '海鲜烧烤', '啤酒屋', '私房菜'];
const BEER = ['大排档', '烧烤', '海鲜烧烤', '啤酒屋'];
const ROOMS = ['海鲜酒家', '海鲜大酒楼', '私房菜', '火锅', '海鲜城'];
const GROCERY = ['超市', '便利店', '海产品店', '特产店', '母婴店'];

const FOOD_THEMES: Theme[] = [
  {
    id: 'shortWeight',
    kinds: SEAFOOD,
    category: '市场监管>计量监管',
    amount: [80, 900],
    issue: [
      (m, w) => `在${w}${m}点海鲜，称的三斤蛤蜊做出来一盘只有一斤多，缺斤短两`,
      (m, w) => `${w}${m}海鲜称重有猫腻，秤明显不准，一斤少了二两`,
      (m, w) => `去${w}${m}吃饭，点的梭子蟹按斤称，端上来分量明显不够，怀疑被调包`,
      (m) => `${m}的电子秤被动了手脚，点的大虾短斤少两`,
      (m, w, r) => `在${w}${m}点了${r.pick(['皮皮虾', '扇贝', '海螺', '鲍鱼', '八带'])}，说是${r.int(2, 4)}斤，复称连一半都不到`,
    ],
    short: ['缺斤短两', '称重有猫腻', '秤不准', '海鲜被调包', '短斤少两'],
    police: [
      (m, w) => `在${w}${m}吃饭时怀疑海鲜称重不足，与店主发生争执，要求民警到场`,
      (m) => `与${m}老板因海鲜斤两问题发生纠纷，对方不让走`,
    ],
  },
  {
    id: 'overcharge',
    category: '市场监管>价格监管',
    amount: [200, 3000],
    issue: [
      only(
        SEAFOOD,
        (m, w, r) => `在${w}${m}吃了一顿饭，${r.int(3, 6)}个菜收了${yuan(r, 900, 2600)}元，一盘辣炒蛤蜊要价${r.int(120, 260)}元，明显宰客`,
      ),
      only(SEAFOOD, (m, w) => `${w}${m}菜单上不标价，结账时按“时价”收费，价格离谱`),
      (m, w, r) => `${w}${m}结账金额与菜单标价不符，多收了${r.int(30, 400)}元`,
      only(BEER, (m, w, r) => `${w}${m}扎啤标价${r.int(8, 12)}元一杯，结账却按${r.int(20, 30)}元收`),
      (m) => `${m}消费后不给明细，只报一个总数，怀疑乱收费`,
    ],
    short: ['宰客', '价格不透明', '乱收费', '结账多收钱', '明码标价是摆设'],
    police: [
      (m, w, r) => `在${w}${m}消费${yuan(r, 600, 3000)}元，认为价格过高与店家发生纠纷`,
      (m) => `与${m}因结账金额发生争执，双方情绪激动`,
    ],
  },
  {
    id: 'hygiene',
    category: '市场监管>食品安全',
    amount: [50, 600],
    issue: [
      (m, w) => `在${w}${m}吃饭，菜里吃出了苍蝇`,
      (m) => `${m}后厨卫生脏乱差，餐具没有消毒，油腻发黑`,
      only(SEAFOOD, (m, w) => `${w}${m}的海鲜不新鲜，虾都有臭味了`),
      (m) => `在${m}点的外卖里吃出了头发和钢丝球碎屑`,
      (m, w) => `${w}${m}的凉菜里有虫子，店家还说是正常的`,
      only(['饺子馆', '面馆', '快餐'], (m) => `${m}的饺子馅发酸，明显是隔夜的`),
    ],
    short: ['吃出苍蝇', '卫生太差', '菜里有虫', '后厨脏乱', '食材不新鲜'],
  },
  {
    id: 'badService',
    category: '市场监管>消费维权',
    amount: [0, 500],
    issue: [
      (m, w) => `在${w}${m}就餐时因上菜太慢提了意见，店员出言辱骂`,
      (m) => `${m}老板态度极其恶劣，结账时质疑价格就被推搡`,
      (m, w) => `${w}${m}服务员把热汤洒在孩子身上，店家拒不道歉也不赔偿`,
      (m) => `${m}排队叫号混乱，提意见后被赶出店`,
    ],
    short: ['态度恶劣', '辱骂顾客', '服务差还骂人', '店员推人'],
    police: [(m, w) => `在${w}${m}与店员发生口角，对方动手推搡`, (m) => `在${m}就餐时与老板发生冲突，要求出警`],
  },
  {
    id: 'forcedSpending',
    category: '市场监管>消费维权',
    amount: [50, 800],
    issue: [
      only(ROOMS, (m, w) => `${w}${m}强制收取包间费和餐位费，事先没有告知`),
      (m, w, r) => `${w}${m}不让自带酒水，开瓶费一瓶收${r.int(30, 100)}元`,
      only(ROOMS, (m, w, r) => `在${w}${m}被要求消费满${yuan(r, 300, 1000)}元才能坐包间`),
      (m) => `${m}餐具消毒费、纸巾费都单独收钱`,
    ],
    short: ['强制消费', '乱收费', '收开瓶费', '设最低消费'],
  },
  {
    id: 'sickAfter',
    family: 'poisoning',
    category: '市场监管>食品安全',
    amount: [100, 2000],
    issue: [
      (m, w) => `在${w}${m}吃完饭后一家人上吐下泻`,
      only(SEAFOOD, (m, w) => `${w}${m}吃了烤生蚝，回家后拉肚子到半夜`),
      (m, w, r) => `和同事在${w}${m}聚餐后${r.int(3, 8)}个人肚子疼、呕吐，已经去医院了`,
      only(SEAFOOD, (m) => `吃了${m}的海鲜后全身起疹子、腹泻，怀疑食材变质`),
    ],
    short: ['吃完拉肚子', '上吐下泻', '疑似食物中毒', '吃坏了肚子'],
    police: [(m, w, r) => `在${w}${m}就餐后${r.int(2, 6)}人出现呕吐腹泻，与店家交涉未果`],
  },
];

const FITNESS_THEMES: Theme[] = [
  {
    id: 'refund',
    category: '市场监管>预付卡',
    amount: [500, 8000],
    issue: [
      (m, w, r) => `在${w}${m}办了${yuan(r, 1000, 6000)}元的会员卡，因搬家要求退卡，商家拒绝退费`,
      (m) => `${m}退卡要扣百分之三十的手续费，合同里没有写`,
      only(['健身', '健身会所'], (m, w) => `在${w}${m}买的私教课没上几节，教练离职后就没人管了，要求退剩余课时费被拒`),
      only(['游泳馆'], (m) => `在${m}给孩子报的游泳课上了两节就说教练不够要停课，剩下的钱不退`),
    ],
    short: ['退卡难', '不给退费', '扣高额手续费', '合同霸王条款'],
  },
  {
    id: 'hardSell',
    category: '市场监管>消费维权',
    amount: [0, 5000],
    issue: [
      only(['健身', '健身会所'], (m, w) => `${w}${m}的教练反复推销私教课，不买就冷嘲热讽`),
      (m) => `${m}以免费体验为名诱导办卡，一次刷了两万多`,
      only(['健身', '健身会所', '瑜伽馆'], (m, w) => `${w}${m}承诺的团课和淋浴设施都没有兑现`),
    ],
    short: ['强行推销', '诱导办卡', '承诺不兑现'],
  },
  {
    id: 'facilities',
    category: '体育>全民健身',
    amount: [0, 1000],
    issue: [
      only(['健身', '健身会所'], (m) => `${m}的跑步机坏了好几台一直不修，淋浴间没有热水`),
      only(['游泳馆'], (m, w) => `${w}${m}的泳池水质浑浊，游完身上起红疹`),
      only(['瑜伽馆'], (m) => `${m}的瑜伽垫从来不消毒，更衣室有异味`),
      (m) => `${m}空调不开，卫生很差`,
    ],
    short: ['设施坏了不修', '卫生差', '环境太差'],
  },
];

const BEAUTY_THEMES: Theme[] = [
  {
    id: 'allergy',
    category: '市场监管>消费维权',
    amount: [200, 6000],
    issue: [
      only(['美容', '美容院', '养生馆'], (m, w) => `在${w}${m}做完面部护理后脸上过敏红肿`),
      only(['美容', '美容院'], (m) => `${m}用的产品没有中文标识，做完后皮肤溃烂`),
      only(['美发'], (m, w) => `在${w}${m}烫染后头皮被烧伤，店家只愿意退一半钱`),
      only(['美甲'], (m, w) => `在${w}${m}做完美甲后指甲感染发炎`),
      only(['养生馆'], (m) => `在${m}做艾灸被烫伤起泡`),
    ],
    short: ['做完受伤', '产品三无', '出了问题不负责'],
  },
  {
    id: 'upsell',
    category: '市场监管>消费维权',
    amount: [300, 20000],
    issue: [
      only(['美发'], (m, w, r) => `在${w}${m}理发时被一步步推销，最后收了${yuan(r, 800, 3000)}元`),
      (m) => `${m}做项目时反复诱导办卡充值，老人被骗充了好几万`,
      (m, w) => `${w}${m}项目价格事先不说清楚，做完了才报价`,
    ],
    short: ['天价消费', '诱导充值', '价格不透明'],
  },
  {
    id: 'refund',
    category: '市场监管>预付卡',
    amount: [500, 10000],
    issue: [(m, w, r) => `在${w}${m}充值${yuan(r, 1000, 8000)}元，现在要求退余额商家推脱`, (m) => `${m}换了老板，之前办的卡不认了`],
    short: ['卡不认了', '余额不退'],
  },
];

const EDU_THEMES: Theme[] = [
  {
    id: 'refund',
    category: '教育>校外培训',
    amount: [1000, 30000],
    issue: [
      (m, w, r) => `给孩子在${w}${m}报了${yuan(r, 3000, 20000)}元的课程，上了几节不满意要求退费被拒`,
      (m) => `${m}退费要扣违约金和教材费，扣完所剩无几`,
      (m, w) => `${w}${m}频繁更换老师，课时也缩水了，要求退剩余学费`,
    ],
    short: ['退费难', '乱扣违约金', '老师频繁更换'],
  },
  {
    id: 'falseAd',
    category: '市场监管>消费维权',
    amount: [1000, 20000],
    issue: [
      only(['培训学校', '教育'], (m) => `${m}宣传“不提分全额退款”，结果成绩没提高也不退`),
      (m, w) => `${w}${m}宣传的名师授课实际是大学生兼职`,
      only(['早教中心', '艺术培训', '舞蹈工作室'], (m) => `${m}宣传的小班教学实际一个班二十多个孩子`),
    ],
    short: ['虚假宣传', '承诺不兑现'],
  },
];

const RETAIL_THEMES: Theme[] = [
  {
    id: 'expired',
    kinds: GROCERY,
    category: '市场监管>食品安全',
    amount: [5, 300],
    issue: [
      only(['超市', '便利店'], (m, w, r) => `在${w}${m}买的${r.pick(['牛奶', '面包', '酸奶', '火腿肠', '饼干'])}已经过期${r.int(2, 30)}天`),
      only(['超市', '便利店', '特产店'], (m) => `${m}货架上摆着好几样过期食品，店员说不知道`),
      only(['海产品店', '特产店'], (m, w) => `${w}${m}卖的海米发霉了，商家不给退`),
      only(['母婴店'], (m, w) => `在${w}${m}买的奶粉临近过期还按原价卖，包装上的日期被贴了标签`),
    ],
    short: ['卖过期食品', '食品发霉', '过期了还在卖'],
  },
  {
    id: 'shortWeight',
    kinds: ['海产品店', '超市'],
    category: '市场监管>计量监管',
    amount: [20, 600],
    issue: [(m, w, r) => `在${w}${m}买了${r.int(2, 5)}斤虾干，回家一称少了半斤`, (m) => `${m}的秤不准，买的鱿鱼丝短斤少两`],
    short: ['缺斤短两', '秤不准'],
  },
  {
    id: 'priceTag',
    category: '市场监管>价格监管',
    amount: [5, 500],
    issue: [
      (m, w, r) => `${w}${m}标价与结算价不一致，标价${r.int(5, 30)}.8元结账收了${r.int(31, 60)}.8元`,
      (m) => `${m}促销牌上写打五折，结账按原价收`,
    ],
    short: ['标价不一致', '价格欺诈', '虚假打折'],
  },
  {
    id: 'quality',
    kinds: ['家电', '手机店', '眼镜店', '母婴店'],
    category: '市场监管>消费维权',
    amount: [100, 12000],
    issue: [
      only(['家电'], (m, w, r) => `在${w}${m}买的${r.pick(['空调', '冰箱', '洗衣机', '电视', '热水器'])}用了一周就坏了，商家拒绝退换`),
      only(['手机店'], (m) => `在${m}买的手机是翻新机，商家不承认`),
      only(['眼镜店'], (m, w) => `${w}${m}配的眼镜度数不对，戴了头晕，要求重配被拒`),
      only(['母婴店'], (m) => `在${m}买的婴儿推车轮子开裂，商家说是人为损坏`),
    ],
    short: ['质量问题不给换', '售后推诿', '以次充好'],
  },
];

const LODGING_THEMES: Theme[] = [
  {
    id: 'surcharge',
    category: '文化旅游>住宿服务',
    amount: [200, 3000],
    issue: [
      (m, w, r) => `在${w}${m}预订的房间到店后要求加价${yuan(r, 200, 800)}元，不加就不让住`,
      (m) => `${m}订好的房间到店说没房了，也不退定金`,
      (m, w) => `在${w}${m}退房时押金被无故扣了一半`,
    ],
    short: ['到店加价', '订了房不认', '扣押金'],
    police: [(m, w) => `在${w}${m}因房费问题与前台发生纠纷，对方不让离开`],
  },
  {
    id: 'dirty',
    category: '文化旅游>住宿服务',
    amount: [100, 1500],
    issue: [(m) => `${m}房间卫生差，床单有污渍，卫生间有异味`, (m, w) => `${w}${m}房间里有蟑螂，要求换房被拒`],
    short: ['卫生差', '房间有蟑螂'],
  },
];

const SERVICE_THEMES: Theme[] = [
  {
    id: 'overcharge',
    category: '市场监管>价格监管',
    amount: [100, 6000],
    issue: [
      (m) => `${m}收费不透明，做完了才说要另加钱`,
      only(['汽车维修'], (m, w, r) => `在${w}${m}修车，换了根本没坏的配件，多收了${yuan(r, 500, 3000)}元`),
      only(['宠物医院'], (m) => `${m}给宠物看病一次收了三千多，不给明细`),
      only(['洗浴中心'], (m) => `${m}搓澡和休息区收费不明示，结账时多收了两百多`),
      only(['口腔诊所'], (m) => `${m}种牙实际收费和之前报价差了一万多`),
      only(['婚纱摄影'], (m) => `${m}拍完照要加钱才给底片`),
      only(['装饰公司'], (m, w) => `${w}${m}装修过程中不断增项加钱`),
    ],
    short: ['乱收费', '做完加价', '不给明细'],
    police: [(m, w) => `在${w}${m}因费用问题与店家发生纠纷，双方争执不下`],
  },
  {
    id: 'damage',
    category: '市场监管>消费维权',
    amount: [100, 5000],
    issue: [
      only(['干洗店'], (m, w) => `在${w}${m}干洗的羊绒大衣被洗坏了，商家拒不赔偿`),
      only(['洗车'], (m) => `${m}洗车时把车漆刮花了，不承认`),
      only(['装饰公司'], (m, w) => `${w}${m}装修拖延工期两个月，还要加钱才肯继续`),
      only(['汽车维修'], (m) => `在${m}修完车没几天又出同样的问题，商家不认`),
      only(['宠物医院'], (m) => `狗在${m}洗澡时被剪刀划伤，店家推卸责任`),
      only(['口腔诊所'], (m) => `在${m}补完牙一直疼，诊所不给处理`),
      only(['洗浴中心'], (m) => `在${m}洗澡时储物柜里的手机丢了，店家不管`),
      only(['婚纱摄影'], (m) => `${m}把拍好的照片弄丢了，只愿意退一半钱`),
    ],
    short: ['弄坏了不赔', '拒不认账', '出了问题推卸责任'],
  },
];

const TRAVEL_THEMES: Theme[] = [
  {
    id: 'forcedShopping',
    category: '文化旅游>旅行社',
    amount: [200, 5000],
    issue: [
      (m) => `参加${m}组织的一日游，被带到购物店强制消费`,
      (m, w) => `报了${w}${m}的崂山一日游，导游擅自取消景点`,
      (m) => `${m}低价团收费后又加了好几个自费项目，不交就不让上车`,
    ],
    short: ['强制购物', '擅自变更行程', '低价团坑人'],
  },
];

const THEMES: Record<Sector, Theme[]> = {
  food: FOOD_THEMES,
  fitness: FITNESS_THEMES,
  beauty: BEAUTY_THEMES,
  education: EDU_THEMES,
  retail: RETAIL_THEMES,
  lodging: LODGING_THEMES,
  service: SERVICE_THEMES,
  travel: TRAVEL_THEMES,
};

const LINES = new Map<string, Say[]>();

function linesFor(theme: Theme, kind: MerchantKind): Say[] {
  const key = `${kind.kind}|${theme.id}|${theme.category}`;
  let lines = LINES.get(key);
  if (!lines) {
    lines =
      theme.kinds && !theme.kinds.includes(kind.kind)
        ? []
        : theme.issue.flatMap((l) => (typeof l === 'function' ? [l] : l.kinds.includes(kind.kind) ? [l.say] : []));
    LINES.set(key, lines);
  }
  return lines;
}

const THEMES_BY_KIND = new Map<MerchantKind, Theme[]>(KINDS.map((k) => [k, THEMES[k.sector].filter((t) => linesFor(t, k).length > 0)]));
for (const [k, ts] of THEMES_BY_KIND) if (ts.length === 0) throw new Error(`day generator: no complaint fits ${k.kind}`);

/** the complaint themes that fit a kind of merchant */
function themesFor(kind: MerchantKind): Theme[] {
  return THEMES_BY_KIND.get(kind)!;
}

/** the kinds that can have a theme's complaint */
function kindsFor(theme: Theme): MerchantKind[] {
  return KINDS.filter((k) => themesFor(k).includes(theme));
}

const MERCHANT_POSTS: Array<(m: string, short: string, w: string, r: Rng) => string> = [
  (m, s, w) => `避雷！${w}${m}，${s}，大家千万别去了`,
  (m, s) => `谁来管管${m}？${s}，投诉了也没人理`,
  (m, s, w) => `在${w}${m}踩雷了，${s}，气死我了😡`,
  (m, s) => `${m}${s}，体验极差，差评`,
  (m, s, w) => `今天去了${w}${m}，${s}，这还是好客山东吗`,
  (m, s) => `本地人提醒外地朋友：${m}${s}，别上当`,
  (m, s, w, r) => `${w}${m}${s}，${r.pick(['已经打了12315', '已经投诉到市场监管了', '店家还理直气壮', '评论区好多人也遇到过'])}`,
  (m, s) => `求助：${m}${s}，该怎么维权？`,
];

const PRAISE_MERCHANT: Say[] = [
  (m, w) => `来电表扬${w}${m}的工作人员，捡到顾客遗落的钱包后主动联系归还`,
  (m) => `市民来电表扬${m}明码标价、童叟无欺，外地亲戚很满意`,
  (m, w) => `来电人表扬${w}${m}老板，在其家中老人突发不适时帮忙拨打120并陪同等候`,
  (m) => `表扬${m}工作人员服务热情周到，主动帮外地游客联系住宿`,
  (m, w) => `来电人称在${w}${m}消费时被多收的钱店家主动退还，特此表扬`,
];

const PREPAID_VANISH = [
  '门店突然关门',
  '店里已经人去楼空',
  '门口贴了“停业装修”的通知后再没开门',
  '今天去发现已经搬空了',
  '门店大门紧锁',
  '突然停止营业',
  '店面已经在转租',
  '器材都被拉走了',
];
const PREPAID_CONTACT = [
  '老板电话打不通',
  '会员群被解散了',
  '店长把会员都拉黑了',
  '工作人员说老板跑了',
  '没有任何退款说明',
  '前台也联系不上老板',
];
const PREPAID_DEMAND = ['要求退还剩余费用', '希望相关部门帮忙追回钱款', '请求介入处理', '希望能退回卡里余额', '要求依法追究老板责任'];

// ───────────────────────────── place stories ─────────────────────────────

interface StoryText {
  family: Family;
  alarmType: (r: Rng) => string;
  level: [number, number];
  casualties: [number, number];
  category: string;
  department: string;
  /** 110 summaries (after the opener) */
  police: Array<(p: string, r: Rng, f: Flavor) => string>;
  /** 12345 contents (after the opener) */
  hotline: Array<(p: string, t: number, r: Rng, f: Flavor) => string>;
  appealTypes: ReadonlyArray<readonly [string, number]>;
  posts: Array<(p: string, r: Rng, f: Flavor) => string>;
  topics: string[];
}

const FIRE_OBJ = [
  '一家饭店',
  '一栋居民楼',
  '路边一个烧烤摊',
  '一辆电动车',
  '一辆小轿车',
  '一家商铺',
  '工地的板房',
  '一家小超市的仓库',
  '配电箱',
  '垃圾站',
];
const FIRE_VERB = ['着火了', '起火了', '冒起了浓烟', '失火了', '烧起来了', '冒出滚滚黑烟', '突发火情', '有明火', '发生火灾'];
const FIRE_FX = ['现场浓烟较大', '火势有蔓延趋势', '已有群众用灭火器扑救', '周边群众正在疏散'];
const BUILDING_FIRE_FX = ['暂不清楚有无人员被困', '楼内可能有人', '有人被困在楼上'];
const fireFx = (f: Flavor, r: Rng) => r.pick(/楼|饭店|商铺|仓库|板房/.test(f.obj) && r.chance(0.5) ? BUILDING_FIRE_FX : FIRE_FX);
const POISON_WHO = ['一个旅游团', '一家五口', '十几个游客', '一群工友', '几个大学生', '同行的朋友们', '参加聚餐的十来个人'];
const POISON_FOOD = ['吃了海鲜', '吃了烤鱿鱼和生蚝', '喝了扎啤吃了蛤蜊', '吃了小吃摊的凉菜', '吃了烧烤', '吃了路边的海鲜饭'];
const POISON_SYM = ['上吐下泻', '拉肚子', '呕吐腹泻', '肚子疼得厉害', '集体出现不适', '疑似食物中毒', '发烧呕吐', '腹痛腹泻'];
const CROWD_PHR = [
  '发生踩踏',
  '人太多有人被挤倒了',
  '人群拥挤有人摔倒',
  '好几个人被挤伤',
  '推搡中多人倒地',
  '人挤人有老人摔倒被踩',
  '出现拥挤踩踏',
  '人群失控互相推挤',
];
const CROWD_ACT = ['看灯光秀时', '看烟花时', '排队入场时', '散场的时候', '赶海退潮时', '演出结束时'];
const FIGHT_WHO = ['几个喝多的男子', '两伙人', '几名食客', '两名游客', '一群年轻人', '几个光膀子的男的', '两桌客人'];
const FIGHT_PHR = ['打起来了', '发生斗殴', '互殴', '动手打人', '群殴', '扭打在一起', '拿酒瓶打人', '打架', '大打出手'];
const FLOOD_PHR = [
  '积水很深',
  '被淹了',
  '内涝严重',
  '水漫过膝盖',
  '有车被泡在水里',
  '下水道往外冒水',
  '雨水倒灌进商铺',
  '积水没过半个车轮',
];
const TRAFFIC_PHR = [
  '发生车祸',
  '两车相撞',
  '发生追尾',
  '一辆电动车被撞',
  '多车连撞',
  '一辆货车侧翻',
  '一辆出租车撞上护栏',
  '公交车与轿车相撞',
];
const DROWN_PHR = ['有人溺水', '一名游客被浪卷走', '游泳的人沉下去了', '有人落水', '一个孩子被冲到深水区', '有人游出了防护网'];

/** what one story is about (which building burns, who fell ill): most of its reports agree */
interface Flavor {
  obj: string;
  who: string;
  food: string;
  act: string;
  phr: string;
}

function flavor(kind: StoryKind, r: Rng): Flavor {
  return {
    obj: r.pick(FIRE_OBJ),
    who: r.pick(kind === 'fight' ? FIGHT_WHO : POISON_WHO),
    food: r.pick(POISON_FOOD),
    act: r.pick(CROWD_ACT),
    phr: r.pick(kind === 'drowning' ? DROWN_PHR : TRAFFIC_PHR),
  };
}

/** a report's own flavor: mostly the story's, sometimes a witness who saw it otherwise */
function retell(kind: StoryKind, story: Flavor, r: Rng): Flavor {
  const own = flavor(kind, r);
  return {
    obj: r.chance(0.8) ? story.obj : own.obj,
    who: r.chance(0.75) ? story.who : own.who,
    food: r.chance(0.75) ? story.food : own.food,
    act: r.chance(0.8) ? story.act : own.act,
    phr: r.chance(0.75) ? story.phr : own.phr,
  };
}

const STORIES: Record<StoryKind, StoryText> = {
  fire: {
    family: 'fire',
    alarmType: () => '火灾',
    level: [1, 3],
    casualties: [0, 3],
    category: '应急管理>消防安全',
    department: '应急管理局',
    police: [
      (p, r, f) => `${p}${f.obj}${r.pick(FIRE_VERB)}，${fireFx(f, r)}，请求处置`,
      (p, r, f) => `${p}${f.obj}发生火情，${fireFx(f, r)}`,
      (p, r, f) => `${p}附近${f.obj}${r.pick(FIRE_VERB)}，${fireFx(f, r)}`,
      (p, r, f) => `在${p}看到${f.obj}${r.pick(['冒烟', '冒火', '着了'])}，火越来越大`,
    ],
    hotline: [
      (p, t, r, f) =>
        `${dayPart(t)}${p}${f.obj}${r.pick(FIRE_VERB)}，${r.pick(['烟味很大影响周边居民', '消防车还没到', '担心引燃旁边的房子', '路过闻到很重的焦糊味'])}，希望尽快派人处理。`,
      (p, _t, r, f) => `${p}一带${f.obj}${r.pick(FIRE_VERB)}，此前就存在私拉电线等消防隐患，要求彻查。`,
      (p, _t, r) => `${p}${r.pick(['着火', '失火', '起火'])}后浓烟飘进家里，家里有老人孩子，询问是否需要撤离。`,
    ],
    appealTypes: [
      ['求助', 5],
      ['举报', 2],
      ['投诉', 1],
    ],
    posts: [
      (p, r, f) => `${p}${f.obj}${r.pick(FIRE_VERB)}！！黑烟老远就能看到`,
      (p, r, f) => `刚路过${p}，${f.obj}${r.pick(FIRE_VERB)}，消防车已经到了`,
      (p) => `#青岛身边事# ${p}着火了？浓烟滚滚，有人知道什么情况吗`,
      (p, r, f) => `${p}这边好大的烟，好像是${f.obj}着了，大家绕行`,
      (p, r, f) => `【突发】${p}${f.obj}起火，消防正在处置，暂无更多信息`,
      (p) => `从楼上看到${p}方向一股黑烟，吓人`,
    ],
    topics: ['青岛身边事', '突发'],
  },
  poisoning: {
    family: 'poisoning',
    alarmType: (r) => (r.chance(0.8) ? '求助' : '其他'),
    level: [2, 3],
    casualties: [2, 15],
    category: '市场监管>食品安全',
    department: '市场监管局',
    police: [
      (p, r, f) => `在${p}${f.food}后${f.who}${r.pick(POISON_SYM)}，${r.pick(['已有人送医', '需要救护车', '有人晕倒', '要求查处摊主'])}`,
      (p, r, f) => `${p}多名游客${f.food}后${r.pick(POISON_SYM)}，请求救助`,
      (p, r, f) => `${f.who}在${p}就餐后${r.pick(POISON_SYM)}，情况较重`,
    ],
    hotline: [
      (p, t, r, f) => `${dayPart(t)}在${p}${f.food}，${f.who}${r.pick(POISON_SYM)}，要求市场监管部门查处。`,
      (p, _t, r, f) => `在${p}的摊位${f.food}，回去后${r.pick(POISON_SYM)}，现在在医院输液，要求追责。`,
      (p, _t, r, f) => `家人在${p}${f.food}后${r.pick(POISON_SYM)}，听说同一时间好多人都这样，请有关部门尽快调查。`,
    ],
    appealTypes: [
      ['投诉', 4],
      ['举报', 2],
      ['求助', 2],
    ],
    posts: [
      (p, r, f) => `在${p}${f.food}，结果全家${r.pick(POISON_SYM)}，现在在医院挂水`,
      (p, r, f) => `#青岛旅游# 避坑！${p}的小吃，${f.who}吃完${r.pick(POISON_SYM)}`,
      (p, r) => `【关注】${p}疑似发生食物中毒，${r.int(3, 20)}人送医`,
      (p, r, f) => `今天在${p}${f.food}，同行的人都${r.pick(POISON_SYM)}了，有没有一样情况的？`,
    ],
    topics: ['食品安全', '青岛旅游'],
  },
  stampede: {
    family: 'crowd',
    alarmType: (r) =>
      r.weighted([
        ['求助', 5],
        ['治安', 2],
        ['其他', 2],
      ]),
    level: [1, 2],
    casualties: [1, 9],
    category: '公安>治安管理',
    department: '公安局',
    police: [
      (p, r) => `${p}${r.pick(CROWD_PHR)}，${r.pick(['有人受伤', '现场秩序混乱', '需要警力疏导', '有孩子被挤哭', '有人倒地不起'])}`,
      (p, r, f) => `${p}${f.act}${r.pick(CROWD_PHR)}，请求支援`,
      (p, r, f) => `在${p}${f.act}被人群挤倒受伤，现场还很乱`,
    ],
    hotline: [
      (p, _t, r, f) => `在${p}${f.act}${r.pick(CROWD_PHR)}，现场没有人疏导，要求加强管理。`,
      (p, _t, r) => `${p}人流量太大，${r.pick(CROWD_PHR)}，建议限流。`,
      (p, _t, r) => `家人在${p}${r.pick(['被挤倒', '被踩伤', '摔倒受伤'])}，现场工作人员不管，要求追责。`,
    ],
    appealTypes: [
      ['投诉', 3],
      ['求助', 3],
      ['建议', 1],
    ],
    posts: [
      (p, r) => `${p}太吓人了，${r.pick(CROWD_PHR)}`,
      (p, r, f) => `刚才在${p}${f.act}${r.pick(CROWD_PHR)}，大家注意安全！`,
      (p, r) => `#青岛# ${p}人山人海，${r.pick(CROWD_PHR)}，求管理`,
      (p) => `视频：${p}现场人群拥挤，有人被挤倒，警察正在疏散`,
      (p) => `在${p}差点被挤倒，孩子吓哭了，这么多人也不限流`,
    ],
    topics: ['青岛', '安全提醒'],
  },
  fight: {
    family: 'conflict',
    alarmType: (r) => (r.chance(0.8) ? '治安' : '纠纷'),
    level: [2, 3],
    casualties: [0, 3],
    category: '公安>治安管理',
    department: '公安局',
    police: [
      (p, r, f) => `${p}${f.who}${r.pick(FIGHT_PHR)}，${r.pick(['有人头部流血', '现场有人持械', '已经有人受伤', '双方仍在对峙'])}`,
      (p, r) => `${p}有人${r.pick(FIGHT_PHR)}，请求出警`,
      (p, r) => `在${p}被${r.pick(['几个醉汉', '一伙人', '邻桌客人'])}殴打，${r.pick(['对方还没走', '对方已逃离', '需要救护车'])}`,
    ],
    hotline: [
      (p, _t, r, f) => `${p}经常有人酒后闹事，今晚又有${f.who}${r.pick(FIGHT_PHR)}，要求加强治安巡逻。`,
      (p, t, r, f) => `${dayPart(t)}${p}${f.who}${r.pick(FIGHT_PHR)}，吵得周边居民没法休息，希望管一管。`,
    ],
    appealTypes: [
      ['投诉', 3],
      ['建议', 1],
      ['举报', 1],
    ],
    posts: [
      (p, r, f) => `${p}${f.who}${r.pick(FIGHT_PHR)}，场面很乱`,
      (p, r, f) => `#青岛# 刚才在${p}看到${f.who}${r.pick(FIGHT_PHR)}，警察来了`,
      (p) => `${p}又打架了，这地方晚上真不太平`,
      (p, r, f) => `视频：${p}${f.who}${r.pick(FIGHT_PHR)}，路人赶紧报警`,
    ],
    topics: ['青岛', '身边事'],
  },
  flood: {
    family: 'flood',
    alarmType: () => '求助',
    level: [2, 3],
    casualties: [0, 1],
    category: '水务>排水',
    department: '水务管理局',
    police: [
      (p, r) => `${p}${r.pick(FLOOD_PHR)}，${r.pick(['有车辆熄火被困', '有老人被困在车里', '行人无法通行', '有人被困在地下通道'])}`,
      (p, r) => `${p}${r.pick(FLOOD_PHR)}，请求救援`,
    ],
    hotline: [
      (p, t, r) => `${clock(t)}左右${p}${r.pick(FLOOD_PHR)}，排水不畅，要求尽快抽排。`,
      (p, _t, r) => `每次下雨${p}都${r.pick(['积水', '被淹', '成河'])}，今天又${r.pick(FLOOD_PHR)}，建议改造排水管网。`,
      (p, _t, r) => `${p}附近${r.pick(['地下车库进水', '一楼住户家里进水', '商铺被淹'])}，请尽快派人。`,
    ],
    appealTypes: [
      ['求助', 4],
      ['投诉', 2],
      ['建议', 1],
    ],
    posts: [
      (p, r) => `${p}又成“看海”模式了，${r.pick(FLOOD_PHR)}`,
      (p, r) => `#青岛暴雨# ${p}${r.pick(FLOOD_PHR)}，出行注意`,
      (p, r) => `${p}${r.pick(FLOOD_PHR)}，车都开不过去了`,
      (p) => `这雨太大了，${p}整条路都是水`,
    ],
    topics: ['青岛暴雨', '出行提醒'],
  },
  traffic: {
    family: 'traffic',
    alarmType: () => '交通',
    level: [2, 3],
    casualties: [0, 4],
    category: '公安>交通管理',
    department: '公安局',
    police: [
      (p, r, f) => `${p}${f.phr}，${r.pick(['有人受伤', '道路堵塞', '伤者躺在地上', '需要救护车', '车辆损毁严重'])}`,
      (p, r, f) => `${p}${f.phr}，请求处理`,
    ],
    hotline: [
      (p, _t, r, f) => `${p}${f.phr}，现场堵得水泄不通，交警还没到。`,
      (p, _t, r, f) => `${p}这段路经常出事故，今天又${f.phr}，建议增设信号灯和减速带。`,
    ],
    appealTypes: [
      ['求助', 2],
      ['建议', 2],
      ['投诉', 1],
    ],
    posts: [
      (p, r, f) => `${p}${f.phr}，堵成停车场了`,
      (p, r, f) => `#青岛交通# ${p}${f.phr}，请绕行`,
      (p) => `${p}出车祸了，看着挺严重的，希望人没事`,
      (p, r, f) => `刚刚${p}${f.phr}，救护车已经到了`,
    ],
    topics: ['青岛交通', '路况'],
  },
  drowning: {
    family: 'drowning',
    alarmType: () => '求助',
    level: [1, 2],
    casualties: [1, 2],
    category: '应急管理>自然灾害',
    department: '应急管理局',
    police: [
      (p, r, f) => `${p}${f.phr}，${r.pick(['救生员正在施救', '已经被救上岸但没有意识', '还没找到人', '需要救护车'])}`,
      (p, r, f) => `${p}${f.phr}，请求救援`,
    ],
    hotline: [
      (p, _t, r, f) => `${p}${f.phr}，救生员很久才到，要求加强浴场安全管理。`,
      (p) => `${p}今天有人溺水，浴场警示牌太少，建议增加救生员。`,
    ],
    appealTypes: [
      ['建议', 2],
      ['投诉', 2],
      ['求助', 1],
    ],
    posts: [
      (p, r, f) => `${p}${f.phr}，岸上的人都在喊`,
      (p) => `#青岛# ${p}刚才有人溺水，救上来了不知道怎么样，大家下海一定注意安全`,
      (p, r, f) => `【突发】${p}${f.phr}，救援人员正在搜救`,
    ],
    topics: ['青岛', '防溺水'],
  },
};

const STORY_PLACES: Record<StoryKind, { landmark: number; tags?: LandmarkTag[]; road: number }> = {
  fire: { landmark: 0.45, road: 0.55 },
  poisoning: { landmark: 0.5, tags: ['food'], road: 0.5 },
  stampede: { landmark: 1, tags: ['crowd'], road: 0 },
  fight: { landmark: 0.55, road: 0.45 },
  flood: { landmark: 0.2, tags: ['station', 'market', 'crowd'], road: 0.8 },
  traffic: { landmark: 0.1, tags: ['station'], road: 0.9 },
  drowning: { landmark: 1, tags: ['beach'], road: 0 },
};
const STORY_WEIGHT: ReadonlyArray<readonly [StoryKind, number]> = [
  ['fire', 17],
  ['poisoning', 13],
  ['stampede', 5],
  ['fight', 24],
  ['flood', 13],
  ['traffic', 24],
  ['drowning', 2.5],
];

// ───────────────────────────── the generator ─────────────────────────────

interface Draft {
  channel: DayChannel;
  at: number;
  truth: string;
  record: Record<string, unknown>;
}

interface Merchant {
  name: string;
  base: string;
  branch?: string;
  kind: MerchantKind;
  district: District;
  road: Road;
  no: number;
  uscc: string;
  address: string;
}

interface Chain {
  base: string;
  kind: MerchantKind;
  /** branch label → its merchant once created */
  branches: Map<string, Merchant | null>;
  districts: District[];
  /** branches not used yet */
  free: number;
}

interface Meta {
  negatives: HardNegative[];
}

const META = new WeakMap<DayRecord[], Meta>();

const PLATFORM_WEIGHT: ReadonlyArray<readonly [string, number]> = [
  ['weibo', 40],
  ['douyin', 24],
  ['xiaohongshu', 14],
  ['wechat', 10],
  ['forum', 7],
  ['news', 4],
  ['other', 1],
];
const SOURCE_WEIGHT: ReadonlyArray<readonly [string, number]> = [
  ['phone', 70],
  ['wechat', 12],
  ['app', 9],
  ['web', 6],
  ['mailbox', 2],
  ['letter', 1],
];
const SECTOR_WEIGHT: ReadonlyArray<readonly [Sector, number]> = [
  ['food', 44],
  ['retail', 15],
  ['service', 10],
  ['lodging', 8],
  ['beauty', 9],
  ['fitness', 6],
  ['education', 5],
  ['travel', 3],
];
const DEPT_BY_CATEGORY: Record<string, string> = {
  市场监管: '市场监管局',
  公安: '公安局',
  文化旅游: '文化和旅游局',
  交通运输: '交通运输局',
  城市管理: '城市管理局',
  生态环境: '生态环境局',
  住房建设: '住房和城乡建设局',
  卫生健康: '卫生健康委员会',
  教育: '教育局',
  人社: '人力资源和社会保障局',
  应急管理: '应急管理局',
  水务: '水务管理局',
  体育: '体育局',
  医保: '医疗保障局',
  民政: '民政局',
  供电: '国网青岛供电公司',
  综合: '12345热线办',
};
const MERCHANT_CLUSTER_SIZES: ReadonlyArray<readonly [number, number]> = [
  [2, 30],
  [3, 22],
  [4, 15],
  [5, 10],
  [6, 7],
  [7, 5],
  [8, 4],
  [9, 3],
  [10, 2],
  [11, 1],
  [12, 1],
];
const PLACE_WINDOW = 8 * HOUR;
/** a report about one spot of a road stays clear of road-wide stories of its kind this long */
const MINOR_WINDOW = 3 * HOUR;

// families a sharp officer might read as one story at one place (a child missing at a beach where
// someone drowned; a street stall beside a food poisoning): kept apart like one family
const RELATED_PAIRS: Array<[Family, Family]> = [
  ['drowning', 'lostChild'],
  ['crowd', 'lostChild'],
  ['crowd', 'queue'],
  ['conflict', 'noise'],
  ['conflict', 'drunk'],
  ['poisoning', 'vendor'],
  ['traffic', 'parking'],
  ['flood', 'municipal'],
  ['fire', 'construction'],
];
const RELATED: Partial<Record<Family, Family[]>> = {};
for (const [a, b] of RELATED_PAIRS) {
  (RELATED[a] ??= []).push(b);
  (RELATED[b] ??= []).push(a);
}

class Gen {
  readonly r: Rng;
  readonly start: number;
  readonly end: number;
  readonly out: Draft[] = [];
  readonly negatives: HardNegative[] = [];
  private seq = 0;
  private readonly phones = new Set<string>();
  private readonly names = new Set<string>();
  /** stem|kind family of every name, and of every tail of its stem */
  private readonly stems = new Set<string>();
  private readonly stemTails = new Set<string>();
  private readonly usccs = new Set<string>();
  private readonly registry = new Map<string, Array<{ t: number; label: string }>>();
  private readonly districtWeights: ReadonlyArray<readonly [District, number]>;
  readonly chains: Chain[] = [];

  constructor(seed: number, start: number) {
    this.r = new Rng(seed);
    this.start = start;
    this.end = start + DAY;
    this.districtWeights = GEO.districts.map((d) => [d, d.weight] as const);
    this.makeChains(220);
  }

  label(prefix: string): string {
    return `${prefix}-${Str(++this.seq).padStart(6, '0')}`;
  }

  // ── time ──

  /** a time in [from, to) following an hourly weight profile */
  timeIn(from: number, to: number, weights: readonly number[] = HOUR_WEIGHT): number {
    from = M.max(from, this.start);
    to = M.min(to, this.end - 1000);
    if (to <= from) return M.floor(from / 1000) * 1000;
    const max = weights === HOUR_WEIGHT ? HOUR_MAX : weights === EVENING_WEIGHT ? EVENING_MAX : M.max(...weights);
    let t = from;
    for (let i = 0; i < 24; i++) {
      t = this.r.real(from, to);
      if (this.r.next() * max < weights[localHour(t)]!) break;
    }
    return M.floor(t / 1000) * 1000;
  }

  /** t kept inside the day, on a whole second */
  clamp(t: number): number {
    return M.floor(M.min(M.max(t, this.start), this.end - 1000) / 1000) * 1000;
  }

  dayTime(weights: readonly number[] = HOUR_WEIGHT): number {
    return this.timeIn(this.start, this.end, weights);
  }

  /** a start for something lasting `span`, still inside the day */
  startFor(span: number, weights: readonly number[] = HOUR_WEIGHT): number {
    return this.timeIn(this.start, this.end - span - 1000, weights);
  }

  // ── geography ──

  district(exclude?: District): District {
    for (;;) {
      const d = this.r.weighted(this.districtWeights);
      if (d !== exclude) return d;
    }
  }

  road(d: District = this.district()): Road {
    return this.r.pick(d.roads);
  }

  landmark(tags?: LandmarkTag[], exclude?: District): Landmark {
    return this.r.pick(this.landmarkPool(tags, exclude));
  }

  private readonly pools = new Map<string, Landmark[]>();

  landmarkPool(tags?: LandmarkTag[], exclude?: District, only?: District): Landmark[] {
    const key = `${tags ? tags.join(',') : '*'}|${exclude ? exclude.name : ''}|${only ? only.name : ''}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = GEO.landmarks.filter(
        (l) => l.district !== exclude && (!only || l.district === only) && (!tags || l.tags.some((t) => tags.includes(t))),
      );
      this.pools.set(key, pool);
    }
    return pool;
  }

  private readonly placeCache = new Map<Road | Landmark, Place>();

  placeOfLandmark(l: Landmark): Place {
    let p = this.placeCache.get(l);
    if (!p)
      this.placeCache.set(
        l,
        (p = {
          type: 'landmark',
          name: l.name,
          district: l.district,
          lng: l.lng,
          lat: l.lat,
          landmark: l,
          ...(l.road ? { road: l.road } : {}),
        }),
      );
    return p;
  }

  placeOfRoad(road: Road): Place {
    let p = this.placeCache.get(road);
    if (!p) this.placeCache.set(road, (p = { type: 'road', name: road.name, district: road.district, lng: road.lng, lat: road.lat, road }));
    return p;
  }

  village(d?: District): Place {
    const pool = d && d.towns.length > 0 ? d : this.r.pick(GEO.districts.filter((x) => x.towns.length > 0));
    const town = this.r.pick(pool.towns);
    const name = `${this.r.pick(VILLAGE_A)}${this.r.pick(SURNAMES)}家${this.r.pick(VILLAGE_B)}`;
    const [lng, lat] = this.r.pick(pool.anchors);
    return { type: 'village', name, district: pool, lng, lat, town };
  }

  coords(p: { lng: number; lat: number }, spread = 0.0015): { lng: number; lat: number } {
    return {
      lng: M.round((p.lng + this.r.real(-spread, spread)) * 1e6) / 1e6,
      lat: M.round((p.lat + this.r.real(-spread, spread)) * 1e6) / 1e6,
    };
  }

  compound(): string {
    return `${this.r.pick(COMPOUND_HEADS)}${this.r.pick(COMPOUND_TAILS)}`;
  }

  /** how a report names a place; `no` keeps one spot of a road */
  placeText(p: Place, no?: number): string {
    const r = this.r;
    if (p.type === 'landmark') {
      switch (r.index([5, 3, 2, 1, 1, 2])) {
        case 0:
          return p.name;
        case 1:
          return `${p.name}附近`;
        case 2:
          return `${p.name}这边`;
        case 3:
          return `${p.name}旁边`;
        case 4:
          return `${p.district.name}${p.name}`;
        default:
          return `${p.name}${r.pick(['入口', '广场上', '东侧', '停车场', '门口'])}`;
      }
    }
    if (p.type === 'road' && p.spot !== undefined) {
      switch (r.index([3, 3, 1, 1])) {
        case 0:
          return `${p.name}${p.spot}号`;
        case 1:
          return `${p.name}${p.spot}号附近`;
        case 2:
          return `${p.district.name}${p.name}${p.spot}号门口`;
        default:
          return `${p.name}${p.spot}号楼下`;
      }
    }
    if (p.type === 'road') {
      switch (r.index([4, 2, 3, 2, 2])) {
        case 0:
          return p.name;
        case 1:
          return `${p.name}上`;
        case 2:
          return `${p.name}${no ?? r.int(1, 300)}号附近`;
        case 3:
          return `${p.district.name}${p.name}`;
        default:
          return `${p.name}${r.pick(['公交站', '路口', '地铁站出口', '中段', '隧道口'])}`;
      }
    }
    return `${p.district.short}${p.town}${p.name}`;
  }

  placeAddress(p: Place, no?: number): string {
    const r = this.r;
    if (p.type === 'landmark') {
      switch (r.index([3, 2, 2])) {
        case 0:
          return `${p.district.name}${p.road ? p.road.name : ''}${p.name}`;
        case 1:
          return `青岛市${p.district.name}${p.name}`;
        default:
          return `${p.name}${r.pick(['附近', '入口处', '东侧'])}`;
      }
    }
    if (p.type === 'road') {
      const n = p.spot ?? no ?? r.int(1, 300);
      switch (r.index([3, 2, 1])) {
        case 0:
          return `${p.district.name}${p.name}${n}号`;
        case 1:
          return `青岛市${p.district.name}${p.name}${n}号附近`;
        default:
          return `${p.name}${n}号`;
      }
    }
    return `${p.district.name}${p.town}${p.name}${p.name.endsWith('村') ? '' : '村'}`;
  }

  /** registry keys for a report of a family at a place */
  placeKeys(p: Place, family: Family): readonly string[] {
    const cache = (p.keys ??= new Map());
    let keys = cache.get(family);
    if (!keys) {
      keys = [`${p.type}:${p.name}|${family}`];
      if (p.type === 'landmark' && p.road) keys.push(`road:${p.road.name}|${family}`);
      cache.set(family, keys);
    }
    return keys;
  }

  /**
   * The keys a new report (that names no merchant) must find free: its own family, the families
   * it could be read together with, and a named merchant's story of its family on that road.
   */
  checkKeys(p: Place, family: Family): readonly string[] {
    const cache = (p.keys ??= new Map());
    let keys = cache.get(`check|${family}`);
    if (!keys) {
      keys = [...this.placeKeys(p, family)];
      for (const rel of RELATED[family] ?? []) keys.push(...this.placeKeys(p, rel));
      if (p.road) keys.push(`road:${p.road.name}|${family}@merchant`);
      cache.set(`check|${family}`, keys);
    }
    return keys;
  }

  // ── registry: no two unrelated reports of one family at one place within hours ──

  free(keys: readonly string[], t: number, label: string, window = PLACE_WINDOW): boolean {
    for (const k of keys) {
      const list = this.registry.get(k);
      if (!list) continue;
      for (const e of list) if (e.label !== label && M.abs(e.t - t) < window) return false;
    }
    return true;
  }

  claim(keys: readonly string[], t: number, label: string): void {
    for (const k of keys) {
      const list = this.registry.get(k);
      if (list) list.push({ t, label });
      else this.registry.set(k, [{ t, label }]);
    }
  }

  /** a landmark or road (else a village) where a family is free around time t */
  freePlace(
    family: Family,
    t: number,
    label: string,
    o: { landmark: number; tags?: LandmarkTag[]; road: number; exclude?: District; district?: District; window?: number; tries?: number },
  ): Place {
    const p = this.freePlaceOrNull(family, t, label, o);
    if (p) return p;
    const window = o.window ?? PLACE_WINDOW;
    for (;;) {
      const v = this.village(o.district && o.district.towns.length > 0 ? o.district : undefined);
      if (v.district === o.exclude) continue;
      if (this.free(this.checkKeys(v, family), t, label, window)) return v;
    }
  }

  /** a landmark or road where a family is free around time t, or null */
  freePlaceOrNull(
    family: Family,
    t: number,
    label: string,
    o: { landmark: number; tags?: LandmarkTag[]; road: number; exclude?: District; district?: District; window?: number; tries?: number },
  ): Place | null {
    const window = o.window ?? PLACE_WINDOW;
    for (let i = 0; i < (o.tries ?? 12); i++) {
      const useLandmark = this.r.next() * (o.landmark + o.road) < o.landmark;
      let p: Place;
      if (useLandmark) {
        const pool = this.landmarkPool(o.tags, o.exclude, o.district);
        if (pool.length === 0) continue;
        p = this.placeOfLandmark(this.r.pick(pool));
      } else {
        const d = o.district ?? this.district(o.exclude);
        p = this.placeOfRoad(this.road(d));
      }
      if (this.free(this.checkKeys(p, family), t, label, window)) return p;
    }
    return null;
  }

  // ── people ──

  phone(): string {
    for (;;) {
      const p = this.r.chance(0.04)
        ? `0532-8${this.r.digits(7)}`
        : `1${this.r.pick(['3', '5', '8', '7', '9', '3', '5', '8'])}${this.r.digits(9)}`;
      if (!this.phones.has(p)) {
        this.phones.add(p);
        return p;
      }
    }
  }

  personName(): string {
    return `${this.r.pick(SURNAMES)}${this.r.pick(GIVEN)}`;
  }

  person(): { name?: string; phone?: string } {
    const p: { name?: string; phone?: string } = {};
    if (this.r.chance(0.82)) p.name = this.r.chance(0.08) ? `${this.r.pick(SURNAMES)}${this.r.pick(['先生', '女士'])}` : this.personName();
    if (this.r.chance(0.95) || !p.name) p.phone = this.phone();
    return p;
  }

  // ── merchants ──

  /**
   * A merchant name no other merchant's name contains or is contained in (渔家海韵大排档 would
   * hide 海韵大排档 in its text), so that a name in a text names one merchant. A name is a stem
   * of heads and a kind; one name holds another exactly when their kinds start alike (健身,
   * 健身会所) and one stem ends with the other (海韵 in 渔家海韵, 渔夫 in 老渔夫).
   */
  private freshName(make: () => [stem: string, kind: string]): string {
    for (;;) {
      const [stem, kind] = make();
      const fam = KIND_FAMILY.get(kind)!;
      if (this.stemTails.has(`${stem}|${fam}`)) continue;
      let clash = false;
      for (let i = 1; i + 2 <= stem.length && !clash; i++) clash = this.stems.has(`${stem.slice(i)}|${fam}`);
      if (clash) continue;
      this.stems.add(`${stem}|${fam}`);
      for (let i = 0; i + 2 <= stem.length; i++) this.stemTails.add(`${stem.slice(i)}|${fam}`);
      const name = stem + kind;
      this.names.add(name);
      return name;
    }
  }

  uscc(d: District): string {
    const ORG = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (;;) {
      let org = 'MA';
      for (let i = 0; i < 6; i++) org += ORG[this.r.int(0, ORG.length - 1)];
      // GB 11714 organization code check character over the 8 characters
      const W = [3, 7, 9, 10, 5, 8, 4, 2];
      let sum = 0;
      for (let i = 0; i < 8; i++) {
        const c = org[i]!;
        sum += (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55) * W[i]!;
      }
      const cv = 11 - (sum % 11);
      const check = cv === 10 ? 'X' : cv === 11 ? '0' : Str(cv);
      const first17 = `${this.r.chance(0.55) ? '91' : '92'}${d.code}${org}${check}`;
      const code = first17 + usccCheckChar(first17)!;
      if (!this.usccs.has(code)) {
        this.usccs.add(code);
        return code;
      }
    }
  }

  private makeChains(n: number): void {
    const chainKinds = KINDS.filter((k) => ['food', 'fitness', 'beauty', 'education', 'retail', 'lodging', 'service'].includes(k.sector));
    for (let i = 0; i < n; i++) {
      const kind = i < 70 ? this.r.pick(PREPAID_KINDS) : this.r.pick(chainKinds);
      const base = this.freshName(() => [this.r.pick(HEADS), kind.kind]);
      const districts = this.r.shuffle(GEO.districts.filter((d) => d.weight >= 5)).slice(0, this.r.int(2, 5));
      const branches = new Map<string, Merchant | null>();
      for (const d of districts)
        for (const b of this.r.shuffle([...BRANCH_LABELS[d.name]!]).slice(0, this.r.int(1, 3))) branches.set(b, null);
      this.chains.push({ base, kind, branches, districts, free: branches.size });
    }
  }

  private placeMerchant(name: string, base: string, kind: MerchantKind, d: District, road: Road, branch?: string): Merchant {
    const no = this.r.int(1, 320);
    const a = this.r.index([3, 3, 1]);
    const address = a === 0 ? `青岛市${d.name}${road.name}${no}号` : a === 1 ? `${d.name}${road.name}${no}号` : `${road.name}${no}号`;
    return { name, base, kind, district: d, road, no, uscc: this.uscc(d), address, ...(branch ? { branch } : {}) };
  }

  merchant(o: { sector?: Sector; kinds?: MerchantKind[]; road?: Road; district?: District } = {}): Merchant {
    const sector = o.sector ?? this.r.weighted(SECTOR_WEIGHT);
    const kinds = o.kinds ?? KINDS.filter((k) => k.sector === sector);
    const kind = this.r.pick(kinds);
    const name = this.freshName(() => {
      const h = this.r.pick(HEADS);
      if (this.r.chance(0.45)) {
        const h2 = this.r.pick(HEADS);
        if (h2 !== h) return [h + h2, kind.kind];
      }
      return [h, kind.kind];
    });
    const road = o.road ?? this.road(o.district);
    return this.placeMerchant(name, name, kind, road.district, road);
  }

  /** two businesses of one name (no branch) in different districts, each with its own USCC */
  homonyms(): [Merchant, Merchant] {
    const sector = this.r.weighted(SECTOR_WEIGHT);
    const kind = this.r.pick(KINDS.filter((k) => k.sector === sector));
    const name = this.freshName(() => [this.r.pick(HEADS) + this.r.pick(HEADS), kind.kind]);
    const d1 = this.district();
    const d2 = this.district(d1);
    return [this.placeMerchant(name, name, kind, d1, this.road(d1)), this.placeMerchant(name, name, kind, d2, this.road(d2))];
  }

  /** an unused branch of a chain; null when the chain has none left */
  branch(chain: Chain, exclude?: District): Merchant | null {
    const free = [...chain.branches.entries()].filter(([b, m]) => m === null && !(exclude && this.branchDistrict(chain, b) === exclude));
    if (free.length === 0) return null;
    const [b] = this.r.pick(free);
    const d = this.branchDistrict(chain, b);
    const road = d.roads.find((x) => x.name === b) ?? d.roads.find((x) => x.name.startsWith(b)) ?? this.road(d);
    const m = this.placeMerchant(`${chain.base}(${b}店)`, chain.base, chain.kind, d, road, b);
    chain.branches.set(b, m);
    chain.free--;
    return m;
  }

  private branchDistrict(chain: Chain, b: string): District {
    return chain.districts.find((d) => BRANCH_LABELS[d.name]!.includes(b))!;
  }

  /** a chain with at least `n` unused branches */
  chainWith(n: number, prepaid?: boolean): Chain | null {
    const pool = this.chains.filter((c) => (prepaid === undefined || !!c.kind.card === prepaid) && c.free >= n);
    return pool.length > 0 ? this.r.pick(pool) : null;
  }

  /** how a citizen writes a merchant's name */
  mention(m: Merchant): string {
    if (!m.branch) return m.name;
    switch (this.r.index([5, 3, 2, 1])) {
      case 0:
        return m.name;
      case 1:
        return `${m.base}${m.branch}店`;
      case 2:
        return `${m.base}（${m.branch}店）`;
      default:
        return `${m.branch}那家${m.base}`;
    }
  }

  /** where, before a merchant's name: "云霄路的", "市南区云霄路18号的" or nothing */
  where(m: Merchant): string {
    switch (this.r.index([4, 3, 1, 1, 1])) {
      case 0:
        return '';
      case 1:
        return `${m.road.name}的`;
      case 2:
        return `${m.district.name}${m.road.name}的`;
      case 3:
        return `${m.road.name}${m.no}号的`;
      default:
        return m.district.short;
    }
  }

  merchantField(m: Merchant, withUscc: boolean): Record<string, unknown> {
    const f: Record<string, unknown> = { name: this.r.chance(0.12) && m.branch ? `${m.base}（${m.branch}店）` : m.name };
    if (withUscc) f.uscc = m.uscc;
    if (this.r.chance(0.75)) f.address = m.address;
    return f;
  }

  // ── records ──

  push(channel: DayChannel, at: number, truth: string, record: Record<string, unknown>): void {
    this.out.push({ channel, at, truth, record });
  }

  hotline(
    at: number,
    truth: string,
    o: {
      appealType: string;
      content: string;
      category: string;
      title?: string;
      address?: string;
      district?: District;
      point?: { lng: number; lat: number };
      urgency?: boolean;
      department?: string;
    },
  ): void {
    const r = this.r;
    const rec: Record<string, unknown> = { orderNo: '', acceptedAt: iso(at), appealType: o.appealType };
    const opener = o.appealType === '表扬' || o.appealType === '咨询' || o.appealType === '建议' ? '' : r.pick(OPENERS_12345);
    rec.content = tidy(`${opener}${o.content}`);
    rec.source = r.weighted(SOURCE_WEIGHT);
    if (r.chance(0.85)) rec.category = o.category;
    if (o.title && r.chance(0.6)) rec.title = o.title;
    if (o.address && r.chance(0.8)) rec.address = o.address;
    if (o.district && r.chance(0.5)) rec.district = o.district.name;
    if (o.point && r.chance(0.3)) rec.location = this.coords(o.point);
    if (r.chance(0.93)) rec.citizen = this.person();
    if (o.urgency || r.chance(0.04)) rec.urgency = o.urgency ? '紧急' : r.pick(['一般', '紧急']);
    else if (r.chance(0.5)) rec.urgency = '一般';
    if (o.appealType !== '表扬' && r.chance(0.7)) rec.dueAt = iso(at + r.pick([1, 3, 5, 7, 10, 15]) * DAY);
    if (r.chance(0.55)) rec.department = o.department ?? DEPT_BY_CATEGORY[o.category.split('>')[0]!] ?? '12345热线办';
    this.push('12345', at, truth, rec);
  }

  consumer(
    at: number,
    truth: string,
    o: {
      kind: string;
      content: string;
      merchant?: Record<string, unknown>;
      industry?: string;
      amount?: number;
      district?: District;
      point?: { lng: number; lat: number };
    },
  ): void {
    const r = this.r;
    const rec: Record<string, unknown> = { regNo: '', kind: o.kind, receivedAt: iso(at), content: tidy(o.content) };
    if (o.merchant) rec.merchant = o.merchant;
    if (r.chance(0.9)) rec.consumer = this.person();
    if (o.industry && r.chance(0.85)) rec.industry = o.industry;
    if (o.amount !== undefined && r.chance(0.8)) rec.amount = o.amount;
    if (o.district && r.chance(0.4)) rec.district = o.district.name;
    if (o.point && r.chance(0.15)) rec.location = this.coords(o.point);
    this.push('12315', at, truth, rec);
  }

  police(
    at: number,
    truth: string,
    o: {
      alarmType: string;
      summary: string;
      address: string;
      level?: number;
      casualties?: number;
      district?: District;
      point?: { lng: number; lat: number };
    },
  ): void {
    const r = this.r;
    const rec: Record<string, unknown> = {
      caseNo: '',
      reportedAt: iso(at),
      alarmType: o.alarmType,
      summary: tidy(`${r.pick(POLICE_OPENERS)}${o.summary}`),
      address: o.address,
    };
    rec.level =
      o.level ??
      r.weighted([
        [3, 5],
        [4, 3],
        [2, 1],
      ]);
    if (o.casualties !== undefined) rec.casualties = o.casualties;
    if (o.district && r.chance(0.6)) rec.district = o.district.name;
    if (o.point && r.chance(0.5)) rec.location = this.coords(o.point);
    if (r.chance(0.9)) rec.callerPhone = this.phone();
    this.push('110', at, truth, rec);
  }

  post(at: number, truth: string, o: { text: string; topics?: string[]; district?: District; viral?: number; media?: boolean }): void {
    const r = this.r;
    const platform = o.media ? r.pick(['news', 'weibo', 'wechat', 'douyin']) : r.weighted(PLATFORM_WEIGHT);
    const rec: Record<string, unknown> = { postId: '', platform, publishedAt: iso(at) };
    const tagged = o.topics && o.topics.length > 0 && r.chance(0.35) && platform !== 'news';
    const body = tidy(o.text);
    rec.text = tagged && !body.includes(`#${o.topics![0]}#`) ? `${body} #${o.topics![0]}#` : body;
    if (o.media) rec.author = { name: r.pick(MEDIA), followers: r.int(80_000, 2_500_000), verified: true };
    else if (r.chance(0.9)) {
      const name = `${r.pick(NICK_A)}${r.pick(NICK_B)}${r.chance(0.4) ? r.int(1, 9999) : ''}`;
      rec.author = { name, followers: M.floor(M.exp(r.real(2, 10))), verified: r.chance(0.03) };
    }
    if (r.chance(0.85)) rec.url = ''; // filled with the id
    const v = o.viral ?? (r.chance(0.02) ? r.real(0.3, 1) : 0);
    const big = (lo: number, hi: number) => M.floor(lo + (hi - lo) * v * r.next());
    rec.metrics =
      v > 0
        ? { reposts: big(400, 20_000), comments: big(600, 30_000), likes: big(2_000, 200_000), views: big(50_000, 5_000_000) }
        : { reposts: r.int(0, 40), comments: r.int(0, 90), likes: r.int(0, 400), ...(r.chance(0.5) ? { views: r.int(10, 20_000) } : {}) };
    const loc = r.next();
    if (loc < 0.5) rec.location = '山东青岛';
    else if (loc < 0.75 && o.district) rec.location = o.district.name;
    if (o.topics && o.topics.length > 0 && r.chance(0.5)) rec.topics = o.topics.slice(0, r.int(1, o.topics.length));
    this.push('sentiment', at, truth, rec);
  }
}

// ───────────────────────────── records about a merchant ─────────────────────────────

const TOURIST_SECTORS: Sector[] = ['food', 'lodging', 'travel'];
const P_12315 = ['', '', '本人反映：', '消费者称，'];

function merchantRecord(g: Gen, m: Merchant, theme: Theme, at: number, truth: string, channel: DayChannel): void {
  const r = g.r;
  // people ill or a fight at a shop while the road has an unnamed story of that kind: tell another complaint
  const road = [`road:${m.road.name}|${theme.family ?? 'conflict'}`];
  if ((theme.family || channel === '110') && !g.free(road, at, truth)) {
    if (theme.family) theme = r.pick(themesFor(m.kind).filter((t) => !t.family));
    if (channel === '110') channel = '12345';
  }
  const mm = g.mention(m);
  const w = g.where(m);
  const clause = r.pick(linesFor(theme, m.kind))(mm, w, r);
  if (theme.family) g.claim([`road:${m.road.name}|${theme.family}@merchant`], at, truth);
  switch (channel) {
    case '12345':
      g.hotline(at, truth, {
        appealType: r.chance(0.85) ? '投诉' : '举报',
        content: `${r.chance(0.25) ? dayPart(at) : ''}${clause}，${r.pick(DEMANDS_12345)}`,
        category: theme.category,
        title: `反映${m.name}${r.pick(theme.short)}`,
        ...(r.chance(0.6) ? { address: m.address } : {}),
        district: m.district,
        point: m.road,
      });
      return;
    case '12315': {
      const prefix = r.chance(0.3)
        ? `${monthDay(at)}，`
        : clause.startsWith('在')
          ? r.pick(['我', '本人', '', '消费者称，'])
          : r.pick(P_12315);
      g.consumer(at, truth, {
        kind: r.chance(0.85) ? '投诉' : '举报',
        content: `${prefix}${clause}，${r.pick(DEMANDS_12315)}`,
        merchant: g.merchantField(m, r.chance(0.6)),
        industry: m.kind.industry,
        amount: r.int(theme.amount[0], theme.amount[1]),
        district: m.district,
        point: m.road,
      });
      return;
    }
    case '110': {
      const say = theme.police ? r.pick(theme.police) : (x: string, y: string) => `在${y}${x}消费时与店家发生纠纷，请求出警`;
      if (!theme.family) g.claim([`road:${m.road.name}|conflict@merchant`], at, truth);
      g.police(at, truth, {
        alarmType: '纠纷',
        summary: say(mm, w, r),
        address: `${m.address}${m.name}`,
        level: r.int(3, 4),
        district: m.district,
        point: m.road,
      });
      return;
    }
    case 'sentiment':
      g.post(at, truth, {
        text: r.pick(MERCHANT_POSTS)(mm, r.pick(theme.short), w, r),
        topics: TOURIST_SECTORS.includes(m.kind.sector) ? ['青岛旅游', '消费维权'] : ['消费维权'],
        district: m.district,
      });
      return;
  }
}

function prepaidRecord(g: Gen, m: Merchant, card: string, at: number, truth: string, channel: DayChannel): void {
  const r = g.r;
  const mm = g.mention(m);
  const w = g.where(m);
  const amount = M.round(r.int(300, 9000) / 100) * 100;
  switch (channel) {
    case '12315':
      g.consumer(at, truth, {
        kind: r.chance(0.9) ? '投诉' : '举报',
        content: `${r.pick(P_12315)}${r.chance(0.4) ? `${r.pick(['去年', '今年三月', '两个月前', '上个月'])}` : ''}在${w}${mm}办了${amount}元的${card}，${r.pick(PREPAID_VANISH)}，${r.pick(PREPAID_CONTACT)}，${r.pick(PREPAID_DEMAND)}。`,
        merchant: g.merchantField(m, r.chance(0.6)),
        industry: '预付卡消费',
        amount,
        district: m.district,
        point: m.road,
      });
      return;
    case '12345':
      g.hotline(at, truth, {
        appealType: r.chance(0.88) ? '投诉' : '举报',
        content: `在${w}${mm}办理了${card}，${r.pick(PREPAID_VANISH)}，${r.pick(PREPAID_CONTACT)}，${r.chance(0.4) ? '和我一样情况的会员有好几十人，' : ''}${r.pick(PREPAID_DEMAND)}。`,
        category: '市场监管>预付卡',
        title: `${m.name}${r.pick(['关门跑路', '预付卡无法退费', '老板失联'])}`,
        ...(r.chance(0.5) ? { address: m.address } : {}),
        district: m.district,
        point: m.road,
        urgency: r.chance(0.3),
      });
      return;
    case 'sentiment': {
      const texts = [
        `${mm}跑路了！刚交了${amount}元的${card}，${r.pick(PREPAID_VANISH)}`,
        `有没有${mm}的会员？${r.pick(PREPAID_VANISH)}，${r.pick(PREPAID_CONTACT)}，一起维权`,
        `${w}${mm}${r.pick(PREPAID_VANISH)}，${r.pick(PREPAID_CONTACT)}，卡里还有${amount}元😭`,
        `又一家！${mm}卷钱跑路，预付卡还能不能办了`,
      ];
      g.post(at, truth, { text: r.pick(texts), topics: ['预付卡', '消费维权'], district: m.district });
      return;
    }
    case '110':
      g.claim([`road:${m.road.name}|conflict@merchant`], at, truth);
      g.police(at, truth, {
        alarmType: r.chance(0.8) ? '纠纷' : '群体性事件',
        summary: `${m.name}门口聚集了${r.int(10, 40)}名会员，${r.pick(PREPAID_CONTACT)}，会员情绪激动`,
        address: `${m.address}${m.name}`,
        level: r.int(2, 3),
        district: m.district,
        point: m.road,
      });
      return;
  }
}

function praiseMerchant(g: Gen, m: Merchant, at: number, truth: string): void {
  g.hotline(at, truth, {
    appealType: '表扬',
    content: `${g.r.pick(PRAISE_MERCHANT)(g.mention(m), g.where(m), g.r)}。`,
    category: '综合>表扬',
    title: `表扬${m.name}`,
    ...(g.r.chance(0.4) ? { address: m.address } : {}),
    district: m.district,
  });
}

// ───────────────────────────── reports about a place ─────────────────────────────

function storyRecord(
  g: Gen,
  kind: StoryKind,
  place: Place,
  no: number,
  at: number,
  truth: string,
  channel: DayChannel,
  story: Flavor,
): void {
  const r = g.r;
  const s = STORIES[kind];
  const f = retell(kind, story, r);
  const p = g.placeText(place, no);
  g.claim(g.placeKeys(place, s.family), at, truth);
  switch (channel) {
    case '110':
      g.police(at, truth, {
        alarmType: s.alarmType(r),
        summary: r.pick(s.police)(p, r, f),
        address: g.placeAddress(place, no),
        level: r.int(s.level[0], s.level[1]),
        ...(r.chance(0.6) ? { casualties: r.int(s.casualties[0], s.casualties[1]) } : {}),
        district: place.district,
        point: place,
      });
      return;
    case '12345':
      g.hotline(at, truth, {
        appealType: r.weighted(s.appealTypes),
        content: r.pick(s.hotline)(p, at, r, f),
        category: s.category,
        department: s.department,
        ...(r.chance(0.6) ? { address: g.placeAddress(place, no) } : {}),
        district: place.district,
        point: place,
        urgency: r.chance(0.5),
      });
      return;
    case 'sentiment':
      g.post(at, truth, {
        text: r.pick(s.posts)(p, r, f),
        topics: s.topics,
        district: place.district,
        ...(r.chance(0.08) ? { viral: r.real(0.3, 1) } : {}),
        media: r.chance(0.1),
      });
      return;
    case '12315':
      throw new Error('no 12315 record for a place story');
  }
}

/** one report at a given place of something unrelated to any story there */
interface PlaceTpl {
  id: string;
  family: Family;
  landmark: number;
  road: number;
  tags?: LandmarkTag[];
  weights?: readonly number[];
  /** false: no event, so two of them at one place are no conflict (a sunset photo) */
  exclusive?: boolean;
  /** on a road, about one spot (a house number): two at different spots are different things */
  minor?: boolean;
  make(g: Gen, p: Place, at: number, truth: string): void;
}

const LOST_CHILD = ['一名五六岁的男孩与家人走散', '孩子找不到了', '一个三岁左右的小女孩走失', '孩子跟丢了', '一名八岁男童与父母失散'];
const LOOKS = ['穿红色上衣', '穿蓝色短裤戴白帽子', '身高一米左右', '扎两个小辫', '背着小黄鸭书包'];
const ITEMS = ['钱包', '手机', '双肩包', '身份证', '相机', '行李箱', '金手镯'];
const PLATE = (r: Rng) => `鲁B${r.pick(['T', 'U', 'D', 'X'])}${r.digits(4)}`;

const PLACE_TPLS: PlaceTpl[] = [
  {
    id: 'lostChild',
    family: 'lostChild',
    landmark: 0.85,
    road: 0.15,
    tags: ['crowd', 'beach', 'scenic'],
    make(g, p, at, truth) {
      const r = g.r;
      if (r.chance(0.75)) {
        g.police(at, truth, {
          alarmType: '求助',
          summary: `在${g.placeText(p)}${r.pick(LOST_CHILD)}，${r.pick(LOOKS)}，请求帮助寻找`,
          address: g.placeAddress(p),
          level: 3,
          district: p.district,
          point: p,
        });
      } else {
        g.post(at, truth, {
          text: `#寻人# 刚才在${g.placeText(p)}${r.pick(LOST_CHILD)}，${r.pick(LOOKS)}，看到的请联系附近民警！`,
          topics: ['寻人'],
          district: p.district,
        });
      }
    },
  },
  {
    id: 'lostItem',
    minor: true,
    family: 'lostItem',
    landmark: 0.6,
    road: 0.4,
    make(g, p, at, truth) {
      const r = g.r;
      const item = r.pick(ITEMS);
      if (r.chance(0.5)) {
        g.hotline(at, truth, {
          appealType: '求助',
          content: `在${g.placeText(p)}丢失了${item}，${r.pick(['里面有重要证件', '是刚买的', '请帮忙查找监控', '有拾到的请联系'])}。`,
          category: '公安>治安管理',
          district: p.district,
          point: p,
        });
      } else {
        g.police(at, truth, {
          alarmType: '求助',
          summary: `在${g.placeText(p)}遗失${item}一个，请求帮助查找`,
          address: g.placeAddress(p),
          level: 4,
          district: p.district,
          point: p,
        });
      }
    },
  },
  {
    id: 'price',
    minor: true,
    family: 'price',
    landmark: 0.8,
    road: 0.2,
    tags: ['scenic', 'beach', 'crowd', 'station'],
    make(g, p, at, truth) {
      const r = g.r;
      const what =
        p.type === 'landmark'
          ? r.pick([
              '停车场收费太高，一小时收二十元',
              '观光车票价上涨没有公示',
              '拍照点有人强行收费',
              '租泳圈、遮阳伞价格离谱',
              '里面的矿泉水卖十块一瓶',
              '讲解员收费不透明',
            ])
          : r.pick(['路边停车收费员不给票，乱收费', '停车泊位收费标准没有公示', '咪表停车多扣了钱']);
      g.hotline(at, truth, {
        appealType: '投诉',
        content: `${g.placeText(p)}${what}，${r.pick(DEMANDS_12345)}`,
        category: '市场监管>价格监管',
        title: `${p.name}收费问题`,
        district: p.district,
        point: p,
      });
    },
  },
  {
    id: 'vendor',
    minor: true,
    family: 'vendor',
    landmark: 0.5,
    road: 0.5,
    make(g, p, at, truth) {
      const r = g.r;
      const what = r.pick([
        '流动摊贩占道经营',
        '有人摆摊卖烤串，油烟很大',
        '商户把桌椅摆到了人行道上',
        '夜市摊位堵住了盲道',
        '有人沿街兜售假冒纪念品',
      ]);
      if (r.chance(0.8)) {
        g.hotline(at, truth, {
          appealType: r.chance(0.7) ? '投诉' : '举报',
          content: `${g.placeText(p)}${what}，${r.pick(['影响通行', '环境脏乱', '要求取缔', '城管一走又回来'])}。`,
          category: '城市管理>占道经营',
          district: p.district,
          point: p,
        });
      } else {
        g.post(at, truth, { text: `${g.placeText(p)}${what}，没人管吗？`, district: p.district });
      }
    },
  },
  {
    id: 'parking',
    minor: true,
    family: 'parking',
    landmark: 0.5,
    road: 0.5,
    make(g, p, at, truth) {
      const r = g.r;
      const what = r.pick(['车辆乱停乱放', '旅游大巴占道停车', '电动车堵住了人行道', '停车场入口排长队占了半幅路', '私家车停在公交站台']);
      g.hotline(at, truth, {
        appealType: r.chance(0.8) ? '投诉' : '建议',
        content: `${g.placeText(p)}${what}，${r.pick(['希望加强管理', '要求交警处理', '建议增设停车位'])}。`,
        category: '公安>交通管理',
        district: p.district,
        point: p,
      });
    },
  },
  {
    id: 'sanitation',
    minor: true,
    family: 'sanitation',
    landmark: 0.7,
    road: 0.3,
    make(g, p, at, truth) {
      const r = g.r;
      const what =
        p.type === 'landmark'
          ? r.pick(['公厕太脏没人打扫', '垃圾桶满了没人清理', '沙滩上垃圾很多', '游客乱扔垃圾没人管', '海边有死鱼发臭'])
          : r.pick(['垃圾桶满了没人清理', '路边堆着建筑垃圾', '有人往绿化带倒污水']);
      if (r.chance(0.75))
        g.hotline(at, truth, {
          appealType: '投诉',
          content: `${g.placeText(p)}${what}，${r.pick(['影响城市形象', '味道很大', '请环卫部门处理'])}。`,
          category: '城市管理>环境卫生',
          district: p.district,
          point: p,
        });
      else g.post(at, truth, { text: `${g.placeText(p)}${what}，有点影响心情`, district: p.district });
    },
  },
  {
    id: 'scenery',
    family: 'scenery',
    landmark: 1,
    road: 0,
    tags: ['scenic', 'beach'],
    exclusive: false,
    make(g, p, at, truth) {
      const r = g.r;
      g.post(at, truth, {
        text: `${g.placeText(p)}${r.pick(['今天天气太好了，随手一拍都是大片', '日落绝了', '海风好舒服', '人不多很惬意', '夜景太美了', '带孩子来玩了一下午'])}${r.pick(['', '！', '～', '☀️'])}`,
        topics: ['青岛旅游'],
        district: p.district,
      });
    },
  },
  {
    id: 'queue',
    family: 'queue',
    landmark: 1,
    road: 0,
    tags: ['crowd', 'scenic', 'station'],
    make(g, p, at, truth) {
      const r = g.r;
      g.post(at, truth, {
        text: `${g.placeText(p)}${r.pick(['排队排了一个多小时', '停车位一个都没有', '买票的队伍好长', '网红打卡点排长队'])}，${r.pick(['下次不来了', '建议错峰', '太热了'])}`,
        topics: ['青岛旅游'],
        district: p.district,
      });
    },
  },
  {
    id: 'taxi',
    minor: true,
    family: 'taxi',
    landmark: 0.7,
    road: 0.3,
    tags: ['station', 'scenic', 'crowd'],
    make(g, p, at, truth) {
      const r = g.r;
      g.hotline(at, truth, {
        appealType: '投诉',
        content: `在${g.placeText(p)}打车，司机${r.pick(['拒载', '不打表要一口价一百', '绕路多收钱', '嫌路近不拉', '拼客不经同意'])}，车牌号${PLATE(r)}，${r.pick(['要求处理', '要求退还多收的钱', '希望严查'])}。`,
        category: '交通运输>出租车',
        district: p.district,
        point: p,
      });
    },
  },
  {
    id: 'municipal',
    minor: true,
    family: 'municipal',
    landmark: 0.3,
    road: 0.7,
    make(g, p, at, truth) {
      const r = g.r;
      const what =
        p.type === 'landmark'
          ? r.pick(['木栈道有断板', '休息座椅坏了', '指示牌倒了', '夜间照明灯不亮'])
          : r.pick(['路灯不亮', '井盖缺失', '路面塌陷一个坑', '人行道砖松动', '红绿灯不亮', '盲道被占']);
      g.hotline(at, truth, {
        appealType: r.chance(0.8) ? '投诉' : '建议',
        content: `${g.placeText(p)}${what}，${r.pick(['存在安全隐患', '晚上出行不便', '请尽快维修'])}。`,
        category: '城市管理>市政设施',
        district: p.district,
        point: p,
      });
    },
  },
  {
    id: 'nightNoise',
    minor: true,
    family: 'noise',
    landmark: 0.3,
    road: 0.7,
    weights: EVENING_WEIGHT,
    make(g, p, at, truth) {
      const r = g.r;
      g.hotline(at, truth, {
        appealType: '投诉',
        content: `${g.placeText(p)}${r.pick(['夜间有人唱歌跳舞，音响很大', '酒吧音乐开到凌晨', '夜间施工噪音扰民', '有人飙车轰油门'])}，${r.pick(['影响休息', '严重扰民', '希望管一管'])}。`,
        category: '城市管理>噪音扰民',
        district: p.district,
        point: p,
      });
    },
  },
  {
    id: 'theft',
    minor: true,
    family: 'theft',
    landmark: 0.6,
    road: 0.4,
    make(g, p, at, truth) {
      const r = g.r;
      g.police(at, truth, {
        alarmType: r.chance(0.6) ? '刑事' : '治安',
        summary: `在${g.placeText(p)}${r.pick(['手机被偷', '钱包被扒', '电动车被盗', '背包被人拿走'])}，${r.pick(['损失约三千元', '怀疑是团伙作案', '请求调取监控'])}`,
        address: g.placeAddress(p),
        level: r.int(3, 4),
        district: p.district,
        point: p,
      });
    },
  },
  {
    id: 'suggest',
    minor: true,
    family: 'suggest',
    landmark: 0.6,
    road: 0.4,
    make(g, p, at, truth) {
      const r = g.r;
      g.hotline(at, truth, {
        appealType: '建议',
        content: `建议在${p.name}${r.pick(['增设公共厕所', '增加遮阳设施', '增设公交站点', '开通夜间公交', '设置母婴室', '增加垃圾桶'])}，方便市民和游客。`,
        category: '综合>咨询建议',
        district: p.district,
      });
    },
  },
  {
    id: 'construction',
    minor: true,
    family: 'construction',
    landmark: 0,
    road: 1,
    make(g, p, at, truth) {
      const r = g.r;
      const what = r.pick(['施工围挡占了一半道路', '管道施工开挖后没有恢复', '施工车辆带泥上路', '施工没有任何公示']);
      if (r.chance(0.6))
        g.hotline(at, truth, {
          appealType: '投诉',
          content: `${g.placeText(p)}${what}，${r.pick(['出行很不方便', '扬尘很大', '请核实处理'])}。`,
          category: '城市管理>市政设施',
          district: p.district,
          point: p,
        });
      else g.post(at, truth, { text: `${g.placeText(p)}${what}，天天堵`, district: p.district });
    },
  },
];
const PRAISE_PLACE: PlaceTpl = {
  id: 'praisePlace',
  family: 'praise',
  landmark: 0.75,
  road: 0.25,
  make(g, p, at, truth) {
    const r = g.r;
    const why =
      p.type === 'landmark'
        ? r.pick(['景区环境整洁，公厕干净免费', '志愿者热情指路，服务周到', '新增了很多休息座椅，很人性化', '管理有序，卫生搞得很好'])
        : r.pick(['路面刚修好，很平整', '绿化带修剪得很漂亮', '新装的路灯很亮', '环卫工人每天打扫得很干净']);
    g.hotline(at, truth, {
      appealType: '表扬',
      content: `来电表扬${p.name}${why}，为相关部门点赞。`,
      category: '综合>表扬',
      title: `表扬${p.name}`,
      district: p.district,
    });
  },
};
const PLACE_TPL_BY_ID = new Map(PLACE_TPLS.map((t) => [t.id, t] as const));

// ───────────────────────────── singletons ─────────────────────────────

interface Home {
  district: District;
  road: Road;
  compound: string;
  address: string;
  text: string;
}

/** a residential address where nothing of `family` was reported around t */
function home(g: Gen, family: Family, t: number, truth: string): Home {
  const r = g.r;
  for (;;) {
    const district = g.district();
    const road = g.road(district);
    const compound = g.compound();
    const key = [`compound:${road.name}${compound}|${family}`];
    if (!g.free(key, t, truth)) continue;
    g.claim(key, t, truth);
    const no = r.int(1, 300);
    const a = r.index([3, 2, 1]);
    const address =
      a === 0
        ? `${district.name}${road.name}${no}号${compound}`
        : a === 1
          ? `青岛市${district.name}${road.name}${no}号${compound}${r.int(1, 30)}号楼`
          : `${road.name}${no}号${compound}${r.int(1, 30)}号楼${r.int(1, 4)}单元`;
    const b = r.index([3, 2, 1]);
    const text = b === 0 ? compound : b === 1 ? `${road.name}${compound}` : `${district.short}${compound}`;
    return { district, road, compound, address, text };
  }
}

type Single = (g: Gen, truth: string) => void;

const CONSULT: Array<[string, string]> = [
  ['咨询社保关系从外地转到青岛需要哪些材料', '人社>社会保险'],
  ['咨询公积金提取用于租房的条件和流程', '综合>咨询建议'],
  ['咨询孩子上小学需要准备哪些入学材料', '教育>招生入学'],
  ['咨询灵活就业人员怎么缴纳医保', '医保>参保缴费'],
  ['咨询居住证办理的地点和时间', '公安>户籍证件'],
  ['咨询失业金的申领条件', '人社>就业服务'],
  ['咨询老年优待证在哪里办理', '民政>养老服务'],
  ['咨询异地就医备案怎么办理', '医保>待遇报销'],
  ['咨询驾驶证到期换证是否可以网上办理', '公安>交通管理'],
  ['咨询新生儿落户需要什么手续', '公安>户籍证件'],
  ['咨询退休人员养老金调整什么时候发放', '人社>退休待遇'],
  ['咨询租房合同备案的流程', '住房建设>房屋租赁'],
];
const HOME_NOISE = [
  '楼上装修从早到晚电钻声不断',
  '隔壁工地夜间施工',
  '小区广场舞音响声音太大',
  '楼下商铺排风机噪音很大',
  '空调外机噪音扰民',
  '凌晨有货车装卸货',
  '邻居家的狗整夜叫',
];
const PROPERTY = [
  '物业不作为，楼道堆满杂物没人清理',
  '电梯经常坏，老人上下楼很困难',
  '楼道灯坏了几个月没人修',
  '屋顶漏水找物业一直推脱',
  '物业费上涨没有经过业主同意',
  '地下车库积水发臭',
  '小区门禁坏了外人随意进出',
];
const OUTAGE = ['突然停水，没有任何通知', '一晚上停了三次电', '自来水发黄有异味', '水压太低，楼上用不了水', '小区停电已经好几个小时'];
const HOME_PARKING = ['车辆占用消防通道', '私家车堵住单元门口', '小区门口僵尸车长期停放', '共享单车堆在小区门口', '外来车辆占用业主车位'];
const PRAISE_PEOPLE = [
  '公交车司机耐心帮助老人上下车',
  '社区网格员帮独居老人解决了用水问题',
  '环卫工人拾金不昧',
  '医院急诊科医生护士认真负责',
  '派出所户籍民警加班为群众办证',
  '地铁站工作人员帮忙找回遗失的背包',
];
const GENERAL_SUGGEST = [
  '建议延长地铁末班车时间',
  '建议增加社区养老服务点',
  '建议在老旧小区加装电梯',
  '建议增加公共充电桩',
  '建议公交车增加无障碍设施',
];
const PUBLIC_POSTS = [
  '社保卡补办要等一个月，效率太低了',
  '今天办事跑了三趟还没办成，材料要求能不能一次说清楚',
  '地铁早高峰太挤了，建议加车',
  '政务服务中心今天人好多，叫号叫了两个小时',
  '医院挂号真难，号都被抢光了',
];
const LIFE_POSTS = [
  '今天青岛好热，桑拿天又来了',
  '青岛的夏天就是要喝扎啤吃蛤蜊',
  '终于等到周末，去海边吹吹风',
  '雾好大，看不见对面的楼',
  '今晚的晚霞好美',
  '下班路上淋了一场雨',
  '小区门口新开了一家面包店，排队的人好多',
  '孩子放暑假了，天天在家闹',
];
const CITY_NEWS = [
  '地铁新线路今天开通试运营',
  '我市发布高温黄色预警，请市民注意防暑',
  '本周末将迎来降雨天气',
  '啤酒节期间多条公交线路延长运营时间',
  '我市新增多处口袋公园',
  '青岛至多地的航班恢复运营',
];

const STAFF: Record<Sector, string> = {
  food: '老板',
  fitness: '教练',
  beauty: '美容师',
  education: '老师',
  retail: '店员',
  lodging: '前台',
  service: '师傅',
  travel: '导游',
};

function oneOffMerchantPost(g: Gen, truth: string): void {
  const r = g.r;
  const m = g.merchant();
  const at = g.dayTime();
  if (r.chance(0.5)) {
    const theme = r.pick(themesFor(m.kind));
    merchantRecord(g, m, theme, at, truth, 'sentiment');
  } else {
    const mm = g.mention(m);
    const good = [
      `${g.where(m)}${mm}真不错，${r.pick(['分量足价格实在', '老板很热情', '环境干净', '服务很贴心'])}，推荐`,
      `打卡${mm}，${r.pick(['味道可以', '性价比很高', '下次还来'])}👍`,
      `${mm}的${STAFF[m.kind.sector]}太好了，${r.pick(['主动给我们打折', '帮我们叫了车', '耐心讲解', '服务特别细心'])}`,
    ];
    g.post(at, truth, { text: r.pick(good), topics: ['青岛探店'], district: m.district });
  }
}

const SCRAPE: PlaceTpl = {
  id: 'scrape',
  minor: true,
  family: 'traffic',
  landmark: 0,
  road: 1,
  make(g, p, at, truth) {
    const r = g.r;
    g.police(at, truth, {
      alarmType: '交通',
      summary: `在${g.placeText(p)}${r.pick(['与一辆轿车发生轻微剐蹭', '倒车时碰到了路边停放的车', '被电动车刮倒，腿部擦伤'])}，${r.pick(['双方对责任有争议', '请求交警处理', '对方要私了'])}`,
      address: g.placeAddress(p),
      level: 4,
      district: p.district,
      point: p,
    });
  },
};
const DRUNK: PlaceTpl = {
  id: 'drunk',
  minor: true,
  family: 'drunk',
  landmark: 0.2,
  road: 0.8,
  weights: EVENING_WEIGHT,
  make(g, p, at, truth) {
    const r = g.r;
    g.police(at, truth, {
      alarmType: '求助',
      summary: `${g.placeText(p)}有一名醉酒男子躺在路边，${r.pick(['叫不醒', '身边没有同伴', '有呕吐'])}`,
      address: g.placeAddress(p),
      level: 4,
      district: p.district,
      point: p,
    });
  },
};
const JAM: PlaceTpl = {
  id: 'jam',
  family: 'traffic',
  landmark: 0,
  road: 1,
  make(g, p, at, truth) {
    const r = g.r;
    g.post(at, truth, {
      text: `${g.placeText(p)}${r.pick(['又堵成停车场了', '早高峰堵得一动不动', '红绿灯时间太短，天天堵'])}`,
      topics: ['青岛交通'],
      district: p.district,
    });
  },
};

const SINGLES: Record<DayChannel, ReadonlyArray<readonly [Single | PlaceTpl, number]>> = {
  '12345': [
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime(EVENING_WEIGHT);
        const h = home(g, 'noise', at, truth);
        g.hotline(at, truth, {
          appealType: '投诉',
          content: `${h.text}${r.pick(HOME_NOISE)}，${r.pick(['严重影响休息', '家里有高考生', '多次反映未解决', '老人心脏不好受不了'])}，${r.pick(DEMANDS_12345)}`,
          category: r.chance(0.5) ? '城市管理>噪音扰民' : '生态环境>噪声污染',
          address: h.address,
          district: h.district,
          point: h.road,
        });
      },
      8,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime();
        const h = home(g, 'property', at, truth);
        g.hotline(at, truth, {
          appealType: r.chance(0.85) ? '投诉' : '求助',
          content: `${h.text}${r.pick(PROPERTY)}，${r.pick(DEMANDS_12345)}`,
          category: '住房建设>物业管理',
          address: h.address,
          district: h.district,
          point: h.road,
        });
      },
      8,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime();
        const h = home(g, 'outage', at, truth);
        const what = r.pick(OUTAGE);
        g.hotline(at, truth, {
          appealType: '求助',
          content: `${h.text}${what}，${r.pick(['请尽快恢复', '家里有老人', '询问什么时候能恢复'])}。`,
          category: what.includes('电') ? '供电>停电抢修' : '水务>供水',
          address: h.address,
          district: h.district,
          point: h.road,
          urgency: r.chance(0.3),
        });
      },
      3,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime();
        const h = home(g, 'parking', at, truth);
        g.hotline(at, truth, {
          appealType: '投诉',
          content: `${h.text}${r.pick(HOME_PARKING)}，${r.pick(['存在安全隐患', '出入很不方便', '物业不管'])}，希望处理。`,
          category: '公安>交通管理',
          address: h.address,
          district: h.district,
          point: h.road,
        });
      },
      4,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime();
        const d = g.district();
        const company = `青岛${r.pick(HEADS)}${r.pick(COMPANY_TAILS)}`;
        const months = r.int(1, 8);
        g.hotline(at, truth, {
          appealType: '投诉',
          content: `在${d.name}${company}工作，被拖欠${months}个月工资共${yuan(r, 3000, 60000)}元，${r.pick(['老板一直推脱', '公司已经停工', '和几个工友一起讨薪无果'])}，${r.pick(['要求劳动监察介入', '希望帮忙追讨工资'])}。`,
          category: '人社>劳动保障',
          district: d,
        });
      },
      6,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const [q, cat] = r.pick(CONSULT);
        g.hotline(g.dayTime(), truth, { appealType: '咨询', content: `${q}。`, category: cat });
      },
      10,
    ],
    [
      (g, truth) => {
        const r = g.r;
        g.hotline(g.dayTime(), truth, { appealType: '建议', content: `${r.pick(GENERAL_SUGGEST)}，方便群众。`, category: '综合>咨询建议' });
      },
      2,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const d = g.district();
        g.hotline(g.dayTime(), truth, {
          appealType: '表扬',
          content: `来电表扬${d.name}${r.pick(PRAISE_PEOPLE)}。`,
          category: '综合>表扬',
          district: d,
        });
      },
      3,
    ],
    [
      (g, truth) => {
        const m = g.merchant();
        merchantRecord(g, m, g.r.pick(themesFor(m.kind)), g.dayTime(), truth, '12345');
      },
      12,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime();
        const v = g.village();
        const key = g.placeKeys(v, 'pollution');
        g.claim(key, at, truth);
        g.hotline(at, truth, {
          appealType: r.chance(0.6) ? '举报' : '投诉',
          content: `${g.placeText(v)}附近${r.pick(['工厂排放刺鼻气味', '养殖场污水直排河道', '有人倾倒建筑垃圾', '小作坊粉尘很大'])}，${r.pick(['村民意见很大', '要求环保部门查处', '晚上更严重'])}。`,
          category: '生态环境>大气污染',
          address: g.placeAddress(v),
          district: v.district,
          point: v,
        });
      },
      3,
    ],
    [PLACE_TPL_BY_ID.get('price')!, 3],
    [PLACE_TPL_BY_ID.get('vendor')!, 4],
    [PLACE_TPL_BY_ID.get('parking')!, 3],
    [PLACE_TPL_BY_ID.get('sanitation')!, 4],
    [PLACE_TPL_BY_ID.get('taxi')!, 4],
    [PLACE_TPL_BY_ID.get('municipal')!, 5],
    [PLACE_TPL_BY_ID.get('nightNoise')!, 2],
    [PLACE_TPL_BY_ID.get('suggest')!, 2],
    [PLACE_TPL_BY_ID.get('construction')!, 2],
    [PLACE_TPL_BY_ID.get('lostItem')!, 2],
  ],
  '12315': [
    [
      (g, truth) => {
        const m = g.merchant();
        merchantRecord(g, m, g.r.pick(themesFor(m.kind)), g.dayTime(), truth, '12315');
      },
      85,
    ],
    [
      (g, truth) => {
        const r = g.r;
        g.consumer(g.dayTime(), truth, {
          kind: '咨询',
          content:
            r.pick([
              '咨询网购商品七天无理由退货的规定',
              '咨询预付卡办卡后多久内可以退',
              '咨询商品房交付面积缩水怎么维权',
              '咨询快递丢件的赔偿标准',
              '咨询二手车交易出现纠纷如何处理',
              '咨询商家不开发票怎么处理',
              '咨询直播间买的东西质量有问题找谁',
            ]) + '。',
          ...(r.chance(0.3) ? { district: g.district() } : {}),
        });
      },
      15,
    ],
  ],
  '110': [
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime(EVENING_WEIGHT);
        const h = home(g, 'home', at, truth);
        g.police(at, truth, {
          alarmType: '纠纷',
          summary: `与${r.pick(['邻居', '楼上住户', '对门邻居', '房东'])}因${r.pick(['漏水', '噪音', '停车位', '楼道堆放杂物', '房租押金'])}发生纠纷，${r.pick(['双方争吵', '对方情绪激动', '请求调解'])}`,
          address: h.address,
          district: h.district,
          point: h.road,
        });
      },
      8,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime(EVENING_WEIGHT);
        const h = home(g, 'home', at, truth);
        g.police(at, truth, {
          alarmType: '纠纷',
          summary: `${r.pick(['夫妻', '家庭成员', '父子'])}之间发生争吵，${r.pick(['请求民警到场', '有摔东西的情况', '老人受到惊吓'])}`,
          address: h.address,
          district: h.district,
          point: h.road,
        });
      },
      4,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime();
        const h = home(g, 'home', at, truth);
        g.police(at, truth, {
          alarmType: '刑事',
          summary: `被人冒充${r.pick(['客服', '公检法', '快递员', '网贷平台'])}骗走${yuan(r, 2000, 80000)}元`,
          address: h.address,
          level: 3,
          district: h.district,
        });
      },
      6,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime();
        const h = home(g, 'theft', at, truth);
        g.police(at, truth, {
          alarmType: '刑事',
          summary: `${r.pick(['家中被盗', '楼下的电动车被盗', '车内财物被盗', '快递被人偷走'])}，${r.pick(['损失约五千元', '门锁有撬动痕迹', '请求调取监控'])}`,
          address: h.address,
          level: 3,
          district: h.district,
          point: h.road,
        });
      },
      4,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime();
        const h = home(g, 'home', at, truth);
        g.police(at, truth, {
          alarmType: '求助',
          summary: `${r.pick(['钥匙锁在屋里进不去', '家中老人摔倒起不来', '孩子反锁在屋里', '家里燃气味很重'])}，请求帮助`,
          address: h.address,
          level: 4,
          district: h.district,
          point: h.road,
        });
      },
      4,
    ],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime();
        const h = home(g, 'lostPerson', at, truth);
        g.police(at, truth, {
          alarmType: '求助',
          summary: `家中${r.pick(['患阿尔茨海默症的老人', '七十多岁的父亲', '八十岁的奶奶'])}${r.pick(['早上出门后未归', '走失', '出去遛弯没回来'])}，${r.pick(['穿灰色外套', '手机没带', '说话不清楚'])}`,
          address: h.address,
          level: 3,
          district: h.district,
          point: h.road,
        });
      },
      3,
    ],
    [
      (g, truth) => {
        const m = g.merchant({ sector: g.r.pick(['food', 'lodging', 'service'] as const) });
        const themes = themesFor(m.kind).filter((t) => t.police);
        merchantRecord(g, m, g.r.pick(themes), g.dayTime(EVENING_WEIGHT), truth, '110');
      },
      5,
    ],
    [SCRAPE, 7],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime();
        const h = home(g, 'fire', at, truth);
        const key = [`road:${h.road.name}|fire`];
        if (!g.free(key, at, truth))
          return g.police(at, truth, {
            alarmType: '求助',
            summary: `${r.pick(['楼道里有烧焦的味道', '邻居家报警器一直响'])}，请求查看`,
            address: h.address,
            level: 4,
            district: h.district,
          });
        g.claim(key, at, truth);
        g.police(at, truth, {
          alarmType: '火灾',
          summary: `${h.text}${r.pick(['楼道里电动车充电时冒烟', '厨房油锅起火已扑灭', '楼下车棚有电线冒火花'])}，请求消防查看`,
          address: h.address,
          level: 3,
          casualties: 0,
          district: h.district,
          point: h.road,
        });
      },
      1.5,
    ],
    [DRUNK, 3],
    [PLACE_TPL_BY_ID.get('lostChild')!, 2],
    [PLACE_TPL_BY_ID.get('theft')!, 4],
    [PLACE_TPL_BY_ID.get('lostItem')!, 2],
  ],
  sentiment: [
    [(g, truth) => g.post(g.dayTime(), truth, { text: g.r.pick(LIFE_POSTS), topics: ['青岛生活'] }), 10],
    [(g, truth) => g.post(g.dayTime(), truth, { text: `【资讯】${g.r.pick(CITY_NEWS)}`, media: true }), 5],
    [(g, truth) => g.post(g.dayTime(), truth, { text: g.r.pick(PUBLIC_POSTS) }), 5],
    [oneOffMerchantPost, 14],
    [JAM, 1],
    [
      (g, truth) => {
        const r = g.r;
        const at = g.dayTime(EVENING_WEIGHT);
        const h = home(g, 'noise', at, truth);
        g.post(at, truth, {
          text: `${h.text}${r.pick(HOME_NOISE)}，${r.pick(['打了好几次12345了', '有没有人管管', '快崩溃了'])}`,
          district: h.district,
        });
      },
      2,
    ],
    [PLACE_TPL_BY_ID.get('scenery')!, 14],
    [PLACE_TPL_BY_ID.get('queue')!, 2],
  ],
};
const SINGLE_CHANNEL: ReadonlyArray<readonly [DayChannel, number]> = [
  ['12345', 44],
  ['12315', 20],
  ['110', 20],
  ['sentiment', 16],
];

function isPlaceTpl(x: Single | PlaceTpl): x is PlaceTpl {
  return typeof x === 'object';
}

/** a place report where nothing of its family was reported around t; at a given place when `at` is set */
function placeReport(g: Gen, tpl: PlaceTpl, truth: string, at?: { place: Place; t: number }): boolean {
  if (at) {
    if (!g.free(g.checkKeys(at.place, tpl.family), at.t, truth)) return false;
    g.claim(g.placeKeys(at.place, tpl.family), at.t, truth);
    tpl.make(g, at.place, at.t, truth);
    return true;
  }
  const r = g.r;
  const t = g.dayTime(tpl.weights);
  if (tpl.exclusive === false) {
    tpl.make(g, g.placeOfLandmark(g.landmark(tpl.tags)), t, truth);
    return true;
  }
  const atLandmark = r.next() * (tpl.landmark + tpl.road) < tpl.landmark;
  if (atLandmark || !tpl.minor) {
    // the whole landmark or road: nothing of the family (or a related one) there within hours
    const p = g.freePlaceOrNull(tpl.family, t, truth, { ...tpl, ...(tpl.minor ? { road: 0 } : {}), tries: 6 });
    if (p) {
      g.claim(g.placeKeys(p, tpl.family), t, truth);
      tpl.make(g, p, t, truth);
      return true;
    }
    if (!tpl.minor || tpl.road === 0) return false;
  }
  // one spot of a road: no story of the family on the road within a few hours, nothing of the family at that number
  for (let i = 0; i < 10; i++) {
    const place = g.placeOfRoad(g.road());
    if (!g.free(g.checkKeys(place, tpl.family), t, truth, MINOR_WINDOW)) continue;
    const spot = r.int(1, 320);
    const key = [`spot:${place.name}#${spot}|${tpl.family}`];
    if (!g.free(key, t, truth)) continue;
    g.claim(key, t, truth);
    tpl.make(g, { ...place, spot }, t, truth);
    return true;
  }
  return false;
}

function single(g: Gen): void {
  const truth = g.label('single');
  for (;;) {
    const what = g.r.weighted(SINGLES[g.r.weighted(SINGLE_CHANNEL)]);
    if (!isPlaceTpl(what)) return what(g, truth);
    if (placeReport(g, what, truth)) return;
  }
}

// ───────────────────────────── clusters and hard negatives ─────────────────────────────

class Plan {
  clusterRecords = 0;
  readonly clusterTarget: number;
  readonly negBudget: Record<NegativeKind, number>;
  readonly negUsed: Record<NegativeKind, number> = {
    sameStreetDifferentShop: 0,
    chainBranches: 0,
    sameLandmarkDifferentStory: 0,
    praise: 0,
    sameStoryDifferentPlace: 0,
    sameNameDifferentUscc: 0,
  };

  constructor(
    readonly g: Gen,
    readonly total: number,
  ) {
    this.clusterTarget = M.round(total * 0.2);
    const share: Record<NegativeKind, number> = {
      sameStreetDifferentShop: 0.024,
      chainBranches: 0.02,
      sameLandmarkDifferentStory: 0.03,
      praise: 0.018,
      sameStoryDifferentPlace: 0.016,
      sameNameDifferentUscc: 0.006,
    };
    this.negBudget = { ...share };
    for (const k of NEGATIVE_KINDS) this.negBudget[k] = M.max(2, M.round(total * share[k]));
  }

  room(): number {
    return this.total - this.g.out.length;
  }

  /** whether a negative of this kind adding n records still fits */
  negFits(kind: NegativeKind, n: number): boolean {
    return this.negUsed[kind] + n <= this.negBudget[kind] && this.room() >= n;
  }

  negative(kind: NegativeKind, labels: string[], note: string, records: number): void {
    this.negUsed[kind] += records;
    this.g.negatives.push({ kind, labels, note });
  }

  clusterFits(n: number): boolean {
    return this.room() >= n;
  }
}

function spread(g: Gen, t0: number, span: number, n: number): number[] {
  const ts = [t0];
  for (let i = 1; i < n; i++) ts.push(g.timeIn(t0, t0 + span));
  return ts.sort((a, b) => a - b);
}

function nearTime(g: Gen, times: number[], jitter: number): number {
  const t = g.r.pick(times) + g.r.real(-jitter, jitter);
  return M.floor(M.min(M.max(t, g.start), g.end - 1000) / 1000) * 1000;
}

const MERCHANT_CHANNELS = (theme: Theme): ReadonlyArray<readonly [DayChannel, number]> => [
  ['12315', 45],
  ['12345', 35],
  ['sentiment', 12],
  ['110', theme.police ? 8 : 0],
];

function merchantCluster(plan: Plan): void {
  const g = plan.g;
  const r = g.r;
  const truth = g.label('merchant');
  let chain: Chain | null = null;
  let m: Merchant | null = null;
  if (r.chance(0.22)) {
    chain = g.chainWith(2);
    if (chain) m = g.branch(chain);
  }
  if (!m) m = g.merchant();
  const themes = themesFor(m.kind);
  const main = r.pick(themes);
  const size = M.max(2, M.min(r.weighted(MERCHANT_CLUSTER_SIZES), plan.room()));
  const span = (size <= 3 ? r.real(0.3, 14) : r.real(2, 23)) * HOUR;
  const times = spread(g, g.startFor(span), span, size);
  times.forEach((at, i) => {
    const theme = r.chance(0.75) ? main : r.pick(themes);
    const channel: DayChannel = i === 0 ? (r.chance(0.55) ? '12315' : '12345') : r.weighted(MERCHANT_CHANNELS(theme));
    merchantRecord(g, m!, theme, at, truth, channel);
  });
  plan.clusterRecords += size;

  // a different shop on the same road, similar complaint, same evening
  if (r.chance(0.35) && plan.negFits('sameStreetDifferentShop', 1)) {
    const nt = r.chance(0.7) ? main : r.pick(themes);
    const n = g.merchant({ kinds: r.chance(0.6) ? [m.kind] : kindsFor(nt), road: m.road });
    const label = g.label('single');
    const evening = times.filter((t) => localHour(t) >= 17);
    merchantRecord(
      g,
      n,
      nt,
      nearTime(g, evening.length > 0 ? evening : times, 90 * MIN),
      label,
      r.weighted([
        ['12315', 5],
        ['12345', 4],
        ['sentiment', 1],
      ]),
    );
    plan.negative('sameStreetDifferentShop', [truth, label], `${m.name} and ${n.name} on ${m.road.name}`, 1);
  }
  // another branch of the same chain
  if (chain && r.chance(0.8) && plan.negFits('chainBranches', 1)) {
    const b = g.branch(chain);
    if (b) {
      const label = g.label('single');
      merchantRecord(
        g,
        b,
        r.chance(0.7) ? main : r.pick(themes),
        nearTime(g, times, 2 * HOUR),
        label,
        r.weighted([
          ['12315', 5],
          ['12345', 4],
          ['sentiment', 1],
        ]),
      );
      plan.negative('chainBranches', [truth, label], `${m.name} vs ${b.name}`, 1);
    }
  }
  // a praise call about the same merchant
  if (r.chance(0.25) && plan.negFits('praise', 1)) {
    const label = g.label('single');
    praiseMerchant(g, m, nearTime(g, times, HOUR), label);
    plan.negative('praise', [truth, label], `praise of ${m.name}`, 1);
  }
}

function prepaidCluster(plan: Plan): void {
  const g = plan.g;
  const r = g.r;
  const truth = g.label('prepaid');
  let chain: Chain | null = null;
  let m: Merchant | null = null;
  if (r.chance(0.25)) {
    chain = g.chainWith(2, true);
    if (chain) m = g.branch(chain);
  }
  if (!m) m = g.merchant({ kinds: PREPAID_KINDS });
  const card = r.pick(m.kind.card ?? ['会员卡']);
  const size = M.max(2, M.min(r.int(5, 15), plan.room()));
  const t0 = g.timeIn(g.start + 7 * HOUR, g.start + 15 * HOUR);
  const span = M.min(r.real(2, 14) * HOUR, g.end - t0 - 60_000);
  const times = spread(g, t0, span, size);
  const police = r.chance(0.35) ? r.int(1, size - 1) : -1;
  times.forEach((at, i) => {
    const channel: DayChannel =
      i === police
        ? '110'
        : i === 0
          ? '12315'
          : r.weighted([
              ['12315', 60],
              ['12345', 28],
              ['sentiment', 12],
            ]);
    prepaidRecord(g, m!, card, at, truth, channel);
  });
  plan.clusterRecords += size;

  if (chain && r.chance(0.7) && plan.negFits('chainBranches', 1)) {
    const b = g.branch(chain);
    if (b) {
      const label = g.label('single');
      merchantRecord(
        g,
        b,
        r.pick(themesFor(b.kind)),
        nearTime(g, times, 2 * HOUR),
        label,
        r.weighted([
          ['12315', 6],
          ['12345', 4],
        ]),
      );
      plan.negative('chainBranches', [truth, label], `vanished ${m.name} vs open ${b.name}`, 1);
    }
  }
  if (r.chance(0.2) && plan.negFits('sameStreetDifferentShop', 1)) {
    const n = g.merchant({ kinds: PREPAID_KINDS, road: m.road });
    const label = g.label('single');
    merchantRecord(
      g,
      n,
      r.pick(themesFor(n.kind)),
      nearTime(g, times, HOUR),
      label,
      r.weighted([
        ['12315', 6],
        ['12345', 4],
      ]),
    );
    plan.negative('sameStreetDifferentShop', [truth, label], `vanished ${m.name} and ${n.name} on ${m.road.name}`, 1);
  }
}

interface PlaceStory {
  truth: string;
  kind: StoryKind;
  place: Place;
  t0: number;
  span: number;
  times: number[];
}

function placeCluster(plan: Plan, o: { kind?: StoryKind; near?: number; exclude?: District } = {}): PlaceStory | null {
  const g = plan.g;
  const r = g.r;
  const kind = o.kind ?? r.weighted(STORY_WEIGHT);
  const s = STORIES[kind];
  const cfg = STORY_PLACES[kind];
  const span = r.real(0.5, 4) * HOUR;
  const t0 =
    o.near !== undefined
      ? M.floor(M.min(M.max(o.near + r.real(-HOUR, HOUR), g.start), g.end - span - 1000) / 1000) * 1000
      : g.startFor(span, kind === 'fight' ? EVENING_WEIGHT : HOUR_WEIGHT);
  const truth = g.label(`place-${kind}`);
  const place = g.freePlaceOrNull(s.family, t0 + span / 2, truth, {
    ...cfg,
    ...(o.exclude ? { exclude: o.exclude } : {}),
    window: PLACE_WINDOW + span / 2,
    tries: 40,
  });
  if (!place) {
    // every fitting landmark is taken around then: tell another story (a landmark-only kind) or give up (a twin)
    return o.kind === undefined && cfg.road === 0 ? placeCluster(plan, { kind: r.pick(['fire', 'fight', 'traffic'] as const) }) : null;
  }
  const no = r.int(1, 300);
  const story = flavor(kind, r);
  const n110 = r.chance(0.25) ? 2 : 1;
  let n12345 = r.weighted([
    [0, 2],
    [1, 4],
    [2, 3],
    [3, 2],
    [4, 1],
  ]);
  let nPost = r.weighted([
    [1, 3],
    [2, 3],
    [3, 2],
    [4, 2],
    [5, 1],
    [6, 1],
  ]);
  if (kind === 'traffic' || kind === 'drowning') {
    n12345 = M.min(n12345, 2);
    nPost = M.min(nPost, 3);
  }
  const room = plan.room();
  if (room < 2) return null;
  const channels: DayChannel[] = [];
  for (let i = 0; i < n110; i++) channels.push('110');
  for (let i = 0; i < n12345; i++) channels.push('12345');
  for (let i = 0; i < nPost; i++) channels.push('sentiment');
  channels.length = M.min(channels.length, room);
  const postFirst = r.chance(0.2);
  const times: number[] = [];
  let first110 = true;
  for (const ch of channels) {
    let at: number;
    if (ch === '110') {
      at = first110 ? t0 + (postFirst ? r.real(MIN, 8 * MIN) : r.real(0, 3 * MIN)) : t0 + r.real(MIN, 20 * MIN);
      first110 = false;
    } else if (ch === '12345') at = g.timeIn(t0 + 5 * MIN, t0 + span);
    else at = postFirst && times.length === n110 ? t0 : g.timeIn(t0 + MIN, t0 + span);
    at = M.floor(M.min(at, t0 + span) / 1000) * 1000;
    times.push(at);
    storyRecord(g, kind, place, no, at, truth, ch, story);
  }
  plan.clusterRecords += channels.length;
  return { truth, kind, place, t0, span, times };
}

/** the place tpls that can stand at a place and tell another story than `family` */
function otherStoriesAt(place: Place, family: Family): PlaceTpl[] {
  return PLACE_TPLS.filter((t) => {
    if (t.family === family || (RELATED[family] ?? []).includes(t.family)) return false;
    if (place.type === 'landmark')
      return t.landmark > 0 && (!t.tags || !place.landmark || place.landmark.tags.some((x) => t.tags!.includes(x)));
    return place.type === 'road' && t.road > 0;
  });
}

function placeClusterWithNegatives(plan: Plan): void {
  const g = plan.g;
  const r = g.r;
  const story = placeCluster(plan);
  if (!story) return;
  const { truth, kind, place, t0, span } = story;
  const family = STORIES[kind].family;

  // the same place, the same hours, another story
  if (place.type !== 'village' && r.chance(0.55)) {
    const tpls = r.shuffle(otherStoriesAt(place, family)).slice(0, r.int(1, 2));
    const labels: string[] = [];
    for (const tpl of tpls) {
      if (!plan.negFits('sameLandmarkDifferentStory', labels.length + 1)) break;
      const label = g.label('single');
      const t = g.timeIn(t0 - 30 * MIN, t0 + span + 30 * MIN);
      if (placeReport(g, tpl, label, { place, t })) labels.push(label);
    }
    if (labels.length > 0)
      plan.negative('sameLandmarkDifferentStory', [truth, ...labels], `${place.name}: ${kind} vs ${labels.length} other`, labels.length);
  }
  // the same story, the same hour, elsewhere
  if (r.chance(0.35)) {
    if (r.chance(0.3) && plan.clusterRecords < plan.clusterTarget) {
      const twin = placeCluster(plan, { kind, near: t0, exclude: place.district });
      if (twin) plan.negative('sameStoryDifferentPlace', [truth, twin.truth], `${kind} at ${place.name} and at ${twin.place.name}`, 0);
    } else if (plan.negFits('sameStoryDifferentPlace', 1)) {
      const label = g.label('single');
      const other = sameStoryElsewhere(g, kind, t0, place.district, label);
      if (other) plan.negative('sameStoryDifferentPlace', [truth, label], `${kind} at ${place.name} and at ${other.name}`, 1);
    }
  }
  // praise of the place
  if (place.type !== 'village' && r.chance(0.12) && plan.negFits('praise', 1)) {
    const label = g.label('single');
    if (placeReport(g, PRAISE_PLACE, label, { place, t: g.timeIn(t0, t0 + span + HOUR) }))
      plan.negative('praise', [truth, label], `praise of ${place.name}`, 1);
  }
}

/** one report of a story of `kind` in another district around t; null when no place fits */
function sameStoryElsewhere(g: Gen, kind: StoryKind, t: number, exclude: District, label: string): Place | null {
  const r = g.r;
  const s = STORIES[kind];
  const at = M.floor(M.min(M.max(t + r.real(-HOUR, HOUR), g.start), g.end - 1000) / 1000) * 1000;
  const place = g.freePlaceOrNull(s.family, at, label, { ...STORY_PLACES[kind], exclude, tries: 20 });
  if (!place) return null;
  storyRecord(
    g,
    kind,
    place,
    r.int(1, 300),
    at,
    label,
    r.weighted([
      ['110', 7],
      ['sentiment', 2],
      ['12345', 1],
    ]),
    flavor(kind, r),
  );
  return place;
}

// standalone hard negatives; each returns how many records it added (0: nothing fitted)

function negSameStreet(plan: Plan): number {
  const g = plan.g;
  const r = g.r;
  const k = r.chance(0.8) ? 2 : 3;
  if (!plan.negFits('sameStreetDifferentShop', k)) return 0;
  const road = g.road();
  const first = g.merchant({ road });
  const theme = r.pick(themesFor(first.kind));
  const kinds = r.chance(0.6) ? [first.kind] : kindsFor(theme);
  const t = g.timeIn(g.start + 17 * HOUR, g.start + 22 * HOUR);
  const labels: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < k; i++) {
    const m = i === 0 ? first : g.merchant({ kinds, road });
    const label = g.label('single');
    merchantRecord(
      g,
      m,
      theme,
      g.clamp(t + r.real(0, 100 * MIN)),
      label,
      r.weighted([
        ['12315', 45],
        ['12345', 40],
        ['sentiment', 15],
      ]),
    );
    labels.push(label);
    names.push(m.name);
  }
  plan.negative('sameStreetDifferentShop', labels, `${names.join(' / ')} on ${road.name}`, k);
  return k;
}

function negChain(plan: Plan): number {
  const g = plan.g;
  const r = g.r;
  const k = r.chance(0.75) ? 2 : 3;
  const chain = g.chainWith(k);
  if (!chain || !plan.negFits('chainBranches', k)) return 0;
  const theme = r.pick(themesFor(chain.kind));
  const t = g.startFor(3 * HOUR);
  const labels: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < k; i++) {
    const b = g.branch(chain)!;
    const label = g.label('single');
    merchantRecord(
      g,
      b,
      theme,
      g.clamp(t + r.real(0, 3 * HOUR)),
      label,
      r.weighted([
        ['12315', 5],
        ['12345', 4],
        ['sentiment', 1],
      ]),
    );
    labels.push(label);
    names.push(b.name);
  }
  plan.negative('chainBranches', labels, names.join(' vs '), k);
  return k;
}

function negLandmark(plan: Plan): number {
  const g = plan.g;
  const r = g.r;
  const k = r.chance(0.6) ? 2 : 3;
  if (!plan.negFits('sameLandmarkDifferentStory', k)) return 0;
  const place = r.chance(0.8) ? g.placeOfLandmark(g.landmark()) : g.placeOfRoad(g.road());
  const t = g.startFor(HOUR);
  const tpls = r.shuffle(otherStoriesAt(place, 'praise'));
  const labels: string[] = [];
  for (const tpl of tpls) {
    if (labels.length === k) break;
    const label = g.label('single');
    if (placeReport(g, tpl, label, { place, t: g.clamp(t + r.real(0, HOUR)) })) labels.push(label);
  }
  if (labels.length < 2) return labels.length; // the odd record stays an ordinary singleton
  plan.negative('sameLandmarkDifferentStory', labels, `${labels.length} stories at ${place.name} within the hour`, labels.length);
  return labels.length;
}

function negPraise(plan: Plan): number {
  const g = plan.g;
  const r = g.r;
  if (!plan.negFits('praise', 2)) return 0;
  const bad = g.label('single');
  const good = g.label('single');
  if (r.chance(0.6)) {
    const m = g.merchant();
    const t = g.startFor(4 * HOUR);
    merchantRecord(
      g,
      m,
      r.pick(themesFor(m.kind)),
      t,
      bad,
      r.weighted([
        ['sentiment', 6],
        ['12315', 2],
        ['12345', 2],
      ]),
    );
    praiseMerchant(g, m, g.clamp(t + r.real(-HOUR, 4 * HOUR)), good);
    plan.negative('praise', [bad, good], `praise of ${m.name} beside a complaint`, 2);
    return 2;
  }
  const place = g.placeOfLandmark(g.landmark());
  const t = g.startFor(3 * HOUR);
  const tpl = r.pick(otherStoriesAt(place, 'praise').filter((x) => ['price', 'sanitation', 'queue', 'vendor', 'parking'].includes(x.id)));
  if (!placeReport(g, tpl, bad, { place, t })) return 0;
  if (!placeReport(g, PRAISE_PLACE, good, { place, t: g.clamp(t + r.real(-HOUR, 3 * HOUR)) })) return 1;
  plan.negative('praise', [bad, good], `praise of ${place.name} beside a ${tpl.id} report`, 2);
  return 2;
}

function negSameStory(plan: Plan): number {
  const g = plan.g;
  const r = g.r;
  if (!plan.negFits('sameStoryDifferentPlace', 2)) return 0;
  const kind = r.weighted(STORY_WEIGHT.filter(([k]) => STORY_PLACES[k].road > 0));
  const t = g.dayTime(kind === 'fight' ? EVENING_WEIGHT : HOUR_WEIGHT);
  const a = g.label('single');
  const b = g.label('single');
  const pa = sameStoryElsewhere(g, kind, t, GEO.districts[GEO.districts.length - 1]!, a);
  if (!pa) return 0;
  const pb = sameStoryElsewhere(g, kind, t, pa.district, b);
  if (!pb) return 1; // the lone report stays an ordinary singleton
  plan.negative('sameStoryDifferentPlace', [a, b], `${kind} at ${pa.name} and at ${pb.name}`, 2);
  return 2;
}

function negHomonym(plan: Plan): number {
  const g = plan.g;
  const r = g.r;
  if (!plan.negFits('sameNameDifferentUscc', 2)) return 0;
  const [m1, m2] = g.homonyms();
  const theme = r.pick(themesFor(m1.kind));
  const t = g.startFor(4 * HOUR);
  const labels = [g.label('single'), g.label('single')];
  [m1, m2].forEach((m, i) => {
    const at = i === 0 ? t : g.clamp(t + r.real(0, 4 * HOUR));
    g.consumer(at, labels[i]!, {
      kind: '投诉',
      content: `${r.pick(P_12315)}${r.pick(linesFor(theme, m.kind))(m.name, '', r)}，${r.pick(DEMANDS_12315)}`,
      merchant: { name: m.name, uscc: m.uscc, address: m.address },
      industry: m.kind.industry,
      amount: r.int(theme.amount[0], theme.amount[1]),
      district: m.district,
    });
  });
  plan.negative('sameNameDifferentUscc', labels, `${m1.name} in ${m1.district.name} and in ${m2.district.name}`, 2);
  return 2;
}

const STANDALONE: Record<NegativeKind, (plan: Plan) => number> = {
  sameStreetDifferentShop: negSameStreet,
  chainBranches: negChain,
  sameLandmarkDifferentStory: negLandmark,
  praise: negPraise,
  sameStoryDifferentPlace: negSameStory,
  sameNameDifferentUscc: negHomonym,
};

// ───────────────────────────── the day ─────────────────────────────

const CLUSTER_MIX: ReadonlyArray<readonly [ClusterKind, number]> = [
  ['merchant', 0.47 / 3.9],
  ['place', 0.4 / 5.5],
  ['prepaid', 0.13 / 10],
];

/** A day of records with ground-truth event labels, sorted by time. Deterministic for a seed. */
export function generateDay(opts: DayOptions = {}): DayRecord[] {
  const total = M.max(0, M.floor(opts.records ?? 50_000));
  const seed = opts.seed ?? 20260801;
  const start = (opts.start ?? new Date('2026-08-01T00:00:00+08:00')).getTime();
  const g = new Gen(seed, start);
  const plan = new Plan(g, total);

  // events that must be joined, with the negatives that hang on them
  while (plan.clusterRecords < plan.clusterTarget && plan.room() >= 2) {
    const kind = g.r.weighted(CLUSTER_MIX);
    if (kind === 'merchant') merchantCluster(plan);
    else if (kind === 'prepaid') prepaidCluster(plan);
    else placeClusterWithNegatives(plan);
  }
  // standalone hard negatives, round-robin until each kind's budget is spent
  const open = new Set<NegativeKind>(NEGATIVE_KINDS);
  const misses: Record<string, number> = {};
  while (open.size > 0) {
    for (const kind of [...open]) {
      const before = plan.negUsed[kind];
      const n = STANDALONE[kind](plan);
      if (n > 0 && plan.negUsed[kind] > before) misses[kind] = 0;
      else if (n === 0 && !plan.negFits(kind, 2)) open.delete(kind);
      else if ((misses[kind] = (misses[kind] ?? 0) + 1) > 40) open.delete(kind);
    }
  }
  // everything else
  while (g.out.length < total) single(g);
  if (g.out.length > total) throw new Error(`day generator: ${g.out.length} records for ${total}`);

  const drafts = g.out.map((d, i) => ({ d, i }));
  drafts.sort((a, b) => a.d.at - b.d.at || a.i - b.i);
  const day: DayRecord[] = drafts.map(({ d }) => d);
  assignIds(day, start);
  META.set(day, { negatives: g.negatives });
  return day;
}

function assignIds(day: DayRecord[], start: number): void {
  const code = iso(start).slice(0, 10).replace(/-/g, '');
  const n: Record<DayChannel, number> = { '12345': 0, '12315': 0, '110': 0, sentiment: 0 };
  const pad = (x: number, w: number) => Str(x).padStart(w, '0');
  for (const d of day) {
    const k = ++n[d.channel];
    const rec = d.record;
    switch (d.channel) {
      case '12345':
        rec.orderNo = `GD${code}${pad(k, 6)}`;
        break;
      case '12315':
        rec.regNo = `12315${code}3702${pad(k, 6)}`;
        break;
      case '110':
        rec.caseNo = `J3702${code}${pad(k, 6)}`;
        break;
      case 'sentiment': {
        const platform = rec.platform as string;
        const id = `${platform}-${code}${pad(k, 6)}`;
        rec.postId = id;
        if (rec.url === '') {
          const hex = ((k * 2654435761) >>> 0).toString(16).padStart(8, '0');
          rec.url = {
            weibo: `https://weibo.com/${1000000000 + ((k * 7919) % 899999999)}/${code}${pad(k, 6)}`,
            douyin: `https://www.douyin.com/video/7${code}${pad(k, 8)}`,
            xiaohongshu: `https://www.xiaohongshu.com/explore/${code}${hex}`,
            wechat: `https://mp.weixin.qq.com/s/${hex}${code}`,
            forum: `https://bbs.qingdaonews.com/thread-${code}${pad(k, 6)}-1-1.html`,
            news: `https://news.qingdaonews.com/content/${code}/${pad(k, 6)}.htm`,
            other: `https://m.example.com/p/${code}${pad(k, 6)}`,
          }[platform];
        }
        break;
      }
    }
  }
}

/** The composition of a day. Hard negatives come only with the array generateDay returned. */
export function describeDay(day: DayRecord[]): DayDescription {
  const byChannel: Record<DayChannel, number> = { '12345': 0, '12315': 0, '110': 0, sentiment: 0 };
  const sizes = new Map<string, number>();
  const chans = new Map<string, Set<DayChannel>>();
  for (const d of day) {
    byChannel[d.channel]++;
    sizes.set(d.truth, (sizes.get(d.truth) ?? 0) + 1);
    let c = chans.get(d.truth);
    if (!c) chans.set(d.truth, (c = new Set()));
    c.add(d.channel);
  }
  const clusters: Record<ClusterKind, { events: number; records: number }> = {
    merchant: { events: 0, records: 0 },
    prepaid: { events: 0, records: 0 },
    place: { events: 0, records: 0 },
  };
  const placeStories = Object.fromEntries(STORY_KINDS.map((k) => [k, { events: 0, records: 0 }])) as Record<
    StoryKind,
    { events: number; records: number }
  >;
  const clusterSizes: Record<number, number> = {};
  const channelsPerCluster: Record<number, number> = {};
  let clusterRecords = 0;
  let singletons = 0;
  for (const [label, n] of sizes) {
    if (n < 2) {
      singletons++;
      continue;
    }
    clusterRecords += n;
    clusterSizes[n] = (clusterSizes[n] ?? 0) + 1;
    const c = chans.get(label)!.size;
    channelsPerCluster[c] = (channelsPerCluster[c] ?? 0) + 1;
    const [kind, story] = label.split('-');
    if (kind === 'merchant' || kind === 'prepaid' || kind === 'place') {
      clusters[kind].events++;
      clusters[kind].records += n;
    }
    if (kind === 'place' && story && story in placeStories) {
      placeStories[story as StoryKind].events++;
      placeStories[story as StoryKind].records += n;
    }
  }
  const hardNegatives = META.get(day)?.negatives ?? [];
  const negatives = Object.fromEntries(
    NEGATIVE_KINDS.map((k) => [k, { instances: 0, records: 0, singles: 0 }]),
  ) as DayDescription['negatives'];
  for (const h of hardNegatives) {
    const n = negatives[h.kind];
    n.instances++;
    for (const l of h.labels) {
      const size = sizes.get(l) ?? 0;
      n.records += size;
      if (size === 1) n.singles++;
    }
  }
  return {
    records: day.length,
    byChannel,
    events: sizes.size,
    singletons,
    clusterRecords,
    clusterShare: day.length > 0 ? clusterRecords / day.length : 0,
    clusters,
    placeStories,
    clusterSizes,
    negatives,
    hardNegatives,
    channelsPerCluster,
  };
}
