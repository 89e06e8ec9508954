import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { CHANNELS, validateFeedRecord } from '@jointduty/shared';
import { defaultConfigDir, loadConfig } from '../config/config.loader';
import type { SimulatorConfig } from '../config/simulator.schema';
import { DEFAULT_CHANNEL_MIX, EPISODE_KINDS, RecordGenerator, type GeneratedRecord } from './generator';
import { buildWorld } from './world';

jest.setTimeout(120_000);

// A few districts of 杭州 with their streets, areas and places (coordinates near the real ones).
type Spot = { name: string; street: string; lng: number; lat: number; tags: string[] };
const HANGZHOU: Array<{ name: string; code: string; weight: number; core?: boolean; streets: string[]; areas: string[]; places: Spot[] }> =
  [
    {
      name: '上城区',
      code: '330102',
      weight: 8,
      core: true,
      streets: ['湖滨路', '平海路', '清泰街', '南山路', '河坊街', '望江路', '秋涛路'],
      areas: ['湖滨', '南宋御街', '望江', '四季青'],
      places: [
        { name: '湖滨步行街', street: '湖滨路', lng: 120.163, lat: 30.258, tags: ['shopping', 'night', 'scenic'] },
        { name: '河坊街', street: '河坊街', lng: 120.171, lat: 30.243, tags: ['night', 'shopping', 'scenic'] },
        { name: '杭州站', street: '环城东路', lng: 120.182, lat: 30.244, tags: ['transport'] },
        { name: '钱江新城', street: '富春路', lng: 120.213, lat: 30.247, tags: ['scenic', 'night'] },
        { name: '清波社区', street: '清波街', lng: 120.163, lat: 30.243, tags: ['residential'] },
      ],
    },
    {
      name: '拱墅区',
      code: '330105',
      weight: 6,
      core: true,
      streets: ['莫干山路', '湖墅南路', '大关路', '小河路', '上塘路', '丽水路'],
      areas: ['武林', '大关', '运河', '小河'],
      places: [
        { name: '武林广场', street: '体育场路', lng: 120.165, lat: 30.275, tags: ['shopping'] },
        { name: '胜利河美食街', street: '小河路', lng: 120.152, lat: 30.3, tags: ['night'] },
        { name: '大兜路历史街区', street: '大兜路', lng: 120.158, lat: 30.296, tags: ['beerfest', 'night'] },
        { name: '武林门码头', street: '环城西路', lng: 120.161, lat: 30.278, tags: ['transport'] },
        { name: '和睦新村', street: '和睦路', lng: 120.146, lat: 30.307, tags: ['residential'] },
      ],
    },
    {
      name: '西湖区',
      code: '330106',
      weight: 10,
      core: true,
      streets: ['北山街', '杨公堤', '龙井路', '文三路', '天目山路', '西溪路', '梅灵南路'],
      areas: ['文三路', '黄龙', '西溪', '翠苑'],
      places: [
        { name: '断桥残雪', street: '北山街', lng: 120.151, lat: 30.259, tags: ['scenic', 'beach'] },
        { name: '苏堤', street: '杨公堤', lng: 120.139, lat: 30.245, tags: ['scenic', 'beach'] },
        { name: '灵隐寺', street: '法云弄', lng: 120.101, lat: 30.241, tags: ['scenic', 'mountain'] },
        { name: '龙井村', street: '龙井路', lng: 120.121, lat: 30.228, tags: ['scenic', 'mountain'] },
        { name: '黄龙体育中心', street: '黄龙路', lng: 120.143, lat: 30.269, tags: ['venue', 'beerfest', 'night'] },
        { name: '西溪湿地', street: '天目山路', lng: 120.063, lat: 30.272, tags: ['scenic'] },
        { name: '翠苑社区', street: '文三路', lng: 120.13, lat: 30.285, tags: ['residential'] },
      ],
    },
    {
      name: '滨江区',
      code: '330108',
      weight: 5,
      streets: ['江南大道', '滨盛路', '江陵路', '长河路', '浦沿路'],
      areas: ['星光', '长河', '浦沿', '江陵'],
      places: [
        { name: '星光大道', street: '江南大道', lng: 120.212, lat: 30.205, tags: ['shopping', 'night'] },
        { name: '奥体中心', street: '飞虹路', lng: 120.233, lat: 30.232, tags: ['venue'] },
        { name: '白马湖', street: '长河路', lng: 120.19, lat: 30.18, tags: ['scenic', 'beach'] },
        { name: '长河老街', street: '长河路', lng: 120.182, lat: 30.188, tags: ['residential', 'night'] },
      ],
    },
    {
      name: '萧山区',
      code: '330109',
      weight: 5,
      streets: ['市心路', '金城路', '通惠路', '育才路', '湘湖路'],
      areas: ['城厢', '湘湖', '钱江世纪城'],
      places: [
        { name: '湘湖', street: '湘湖路', lng: 120.228, lat: 30.143, tags: ['scenic', 'beach'] },
        { name: '萧山国际机场', street: '航空路', lng: 120.434, lat: 30.236, tags: ['transport'] },
        { name: '银隆百货', street: '市心路', lng: 120.269, lat: 30.167, tags: ['shopping'] },
        { name: '城厢社区', street: '育才路', lng: 120.262, lat: 30.16, tags: ['residential'] },
      ],
    },
  ];

// the merchant name heads that name Qingdao places, replaced by Hangzhou's
const HEADS: Partial<Record<keyof SimulatorConfig['merchants'], string[]>> = {
  seafood: ['渔家乐', '老船长', '鲜到家', '海之味', '阿福', '大虾', '海鲜王', '船家', '潮汐', '小海鲜', '浪花'],
  bbq: ['老街', '串串香', '大叔', '胖哥', '夜猫子', '老地方', '兄弟', '炭火', '老杭州', '东北', '新疆'],
  beer: ['钱塘', '老杭州', '麦香', '泡沫', '原浆', '啤酒花', '扎啤', '酒仙', '金麦'],
  travel: ['西子', '畅游', '悦途', '青春', '鲸旅', '运河'],
  supermarket: ['家家福', '利民', '好又多', '惠万家', '邻里', '便民', '乐购多'],
  teashop: ['狮峰', '梅家坞', '九溪', '云栖', '龙坞'],
};

// A copy of the shipped config/ for 杭州: its city, map, gazetteer, teams and simulated world.
function writeHangzhou(dir: string): void {
  cpSync(defaultConfigDir(), dir, { recursive: true });
  const city = {
    name: '杭州市',
    code: '330100',
    timezone: 'Asia/Shanghai',
    center: { lng: 120.155, lat: 30.274 },
    districts: HANGZHOU.map((d) => ({ name: d.name, code: d.code, aliases: [d.name.slice(0, -1)] })),
  };
  writeFileSync(path.join(dir, 'city.yaml'), stringify(city));
  // a box around each district's places stands for its boundary
  const features = HANGZHOU.map((d) => {
    const lngs = d.places.map((p) => p.lng);
    const lats = d.places.map((p) => p.lat);
    const [w, e, s, n] = [Math.min(...lngs) - 0.01, Math.max(...lngs) + 0.01, Math.min(...lats) - 0.01, Math.max(...lats) + 0.01];
    const ring = [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ];
    return { type: 'Feature', properties: { name: d.name }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  writeFileSync(path.join(dir, 'districts.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));
  writeFileSync(
    path.join(dir, 'gazetteer.yaml'),
    stringify({
      streets: [
        { name: '湖滨街道', district: '上城区' },
        { name: '西溪街道', district: '西湖区' },
      ],
      landmarks: [
        { name: '断桥', district: '西湖区' },
        { name: '湘湖景区', district: '萧山区' },
      ],
    }),
  );
  // Qingdao's district units stay behind: their districts are not Hangzhou's
  const departments = parse(readFileSync(path.join(dir, 'departments.yaml'), 'utf8')) as { departments: Array<{ units?: unknown }> };
  for (const d of departments.departments) delete d.units;
  writeFileSync(path.join(dir, 'departments.yaml'), stringify(departments));
  writeFileSync(
    path.join(dir, 'teams.yaml'),
    stringify({
      teams: [
        { id: 'shinan-1', name: '上城区市场监管执法队', district: '上城区', department: 'market' },
        { id: 'huangdao-1', name: '西湖区文旅执法队', district: '西湖区', department: 'culture-tourism' },
      ],
    }),
  );

  const sim = parse(readFileSync(path.join(dir, 'simulator.yaml'), 'utf8')) as SimulatorConfig;
  sim.localWords = { slogan: '诗画浙江', teaOrigin: '西湖', dayTrip: '千岛湖' };
  sim.districts = HANGZHOU.map((d) => ({
    name: d.name,
    weight: d.weight,
    core: d.core ?? false,
    streets: d.streets,
    areas: d.areas,
    places: d.places as SimulatorConfig['districts'][number]['places'],
  }));
  sim.people.landline = '0571-8';
  sim.plates = { city: '浙A', other: '浙A' };
  for (const [kind, heads] of Object.entries(HEADS)) sim.merchants[kind as keyof typeof HEADS].heads = heads;
  sim.merchants.teashop.districts = ['西湖区'];
  sim.posts.authors.heads = ['杭州', '西湖边', '钱塘', '吃货', '旅行的', '爱喝', '运河', '湖畔'];
  sim.posts.media = ['杭州身边事', '钱江晚报观察', '西湖播报', '城事速递', '运河新闻眼', '浙江民生'];
  sim.posts.location = { city: '浙江{city}', district: '{city}·{district}' };
  sim.posts.sites = { news: 'www.hangzhou.example.cn', forum: 'bbs.hangzhou.example.cn' };
  sim.episodes.poisoning.hospitals = ['医院急诊', '浙一医院', '市一医院', '区人民医院', '附近医院', '社区医院'];
  writeFileSync(path.join(dir, 'simulator.yaml'), stringify(sim));
}

// Every name of a Qingdao place in the shipped config: districts and their aliases, the
// gazetteer's streets and landmarks, the simulator's places, streets and areas, and the city's
// own words for itself and its merchants.
function qingdaoNames(): string[] {
  const shipped = loadConfig({ env: {} });
  const names = new Set<string>(['青岛', '琴岛', '岛城', '胶东', '登州', '崂峰', '仰口', '巨峰', '青大附院', 'qingdaonews']);
  for (const d of shipped.city.districts) [d.name, ...d.aliases].forEach((n) => names.add(n));
  for (const g of shipped.gazetteer) [g.name, ...g.aliases].forEach((n) => names.add(n));
  for (const d of shipped.simulator!.districts) {
    [...d.streets, ...d.areas, ...d.places.flatMap((p) => [p.name, p.street])].forEach((n) => names.add(n));
  }
  return [...names];
}

describe('the simulator for another city', () => {
  let dir: string;
  let records: GeneratedRecord[];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'jointduty-hangzhou-'));
    writeHangzhou(dir);
    const config = loadConfig({ configDir: dir, env: {} });
    expect(config.city.name).toBe('杭州市');
    const world = buildWorld(config.city, config.simulator!);
    records = [];
    const start = Date.UTC(2025, 6, 19, 16, 0, 0);
    for (const seed of [1, 2, 3]) {
      const gen = new RecordGenerator(world, { seed, episodes: { perHour: 4 } });
      for (let t = 0; t < 20 * 3600; t += 30) records.push(...gen.batch(new Date(start + t * 1000), 1, DEFAULT_CHANNEL_MIX));
      for (const kind of EPISODE_KINDS) gen.startEpisode(kind, new Date(start + 21 * 3600_000));
      records.push(...gen.due(new Date(start + 40 * 3600_000)));
      for (const channel of CHANNELS) {
        for (let i = 0; i < 300; i++)
          records.push({ channel, at: new Date(start), record: gen.next(channel, new Date(start + i * 7000)) } as GeneratedRecord);
      }
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes valid records of every channel and every kind of episode', () => {
    for (const { channel, record } of records) {
      const result = validateFeedRecord(channel, record);
      if (!result.ok) throw new Error(`${channel}: ${result.errors.join('; ')}\n${JSON.stringify(record)}`);
    }
    expect(new Set(records.map((r) => r.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(records.filter((r) => r.episode).map((r) => r.episode!.kind))).toEqual(new Set(EPISODE_KINDS));
  });

  it('names no place, street or merchant of Qingdao', () => {
    const names = qingdaoNames();
    expect(names.length).toBeGreaterThan(300);
    const leaks = new Map<string, string>();
    for (const r of records) {
      const json = JSON.stringify(r.record) + (r.episode ? JSON.stringify(r.episode) : '');
      for (const n of names) if (json.includes(n) && !leaks.has(n)) leaks.set(n, json);
    }
    expect([...leaks.entries()].slice(0, 3)).toEqual([]);
  });

  it('names Hangzhou: its districts, streets, places and division codes', () => {
    const all = records.map((r) => JSON.stringify(r.record)).join('\n');
    for (const d of HANGZHOU) expect([d.name, all.includes(d.name)]).toEqual([d.name, true]);
    const districts = new Set(records.map((r) => (r.record as { district?: string }).district).filter(Boolean));
    expect(districts).toEqual(new Set(HANGZHOU.map((d) => d.name)));
    const places = HANGZHOU.flatMap((d) => d.places.map((p) => p.name)).filter((p) => all.includes(p));
    expect(places.length).toBeGreaterThanOrEqual(15);
    const streets = HANGZHOU.flatMap((d) => d.streets).filter((s) => all.includes(s));
    expect(streets.length).toBeGreaterThanOrEqual(15);
    expect(all).toContain('杭州市');
    expect(all).toMatch(/#杭州[^#\s]*#/);
    expect(all).toMatch(/浙A[A-Z0-9]{5}/);
    const usccs = records.map((r) => (r.record as { merchant?: { uscc?: string } }).merchant?.uscc).filter((u): u is string => !!u);
    expect(usccs.length).toBeGreaterThan(100);
    for (const u of usccs) expect(u).toMatch(/^9[12]3301(02|05|06|08|09)/);
  });
});
