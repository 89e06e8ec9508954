import type { AppealType, ConsumerKind, SentimentStory } from '../../config/simulator.schema';
import { districtLabel, postUrl, SOURCE_MIX } from '../channels';
import { iso } from '../clock';
import type { Merchant } from '../merchants';
import type { Person } from '../people';
import { typeMix } from '../rng';
import type { Ctx } from '../scenes';
import type { Sim } from '../sim';
import type { ConsumerRecord, HotlineRecord, SentimentRecord } from '../types';
import { departmentFor, type DistrictInfo, type Place } from '../world';

// How an episode's records are told: like ordinary ones, but about the episode's merchant or
// place, by people the episode chose, with the fields that tie them together filled more often.

// sentinel story for episode records, whose texts come from the episodes' phrase banks
const EPISODE_STORY: SentimentStory = { tone: 'negative', text: '' };

// The scene of an episode record at `at`, with the slots the episode has already decided.
export function epCtx(
  sim: Sim,
  at: number,
  where: { merchant?: Merchant; place?: Place; district?: DistrictInfo },
  memo: Record<string, string | number> = {},
): Ctx {
  const ctx = sim.scenes.context(EPISODE_STORY, new Date(at), where);
  for (const [key, value] of Object.entries(memo)) ctx.memo.set(key, String(value));
  return ctx;
}

export function epHotline(
  sim: Sim,
  at: number,
  ctx: Ctx,
  person: Person,
  spec: { appealType: AppealType; category: string; text: string; title?: string; urgent?: number },
): HotlineRecord {
  const rng = sim.rng;
  const { scenes, world } = sim;
  const date = new Date(at);
  const source = rng.chance(0.75) ? 'phone' : typeMix(rng, SOURCE_MIX);
  const body = scenes.fill(spec.text, ctx);
  // a text that stops at a comma asks for its closing words
  const closers = world.hotline.closers[spec.appealType].filter((c) => c !== '' || !body.endsWith('，'));
  const record: HotlineRecord = {
    orderNo: sim.id('12345', date),
    acceptedAt: iso(date),
    appealType: spec.appealType,
    content: scenes.fill(rng.pick(world.hotline.openers[source]), ctx) + body + rng.pick(closers),
    source,
    category: spec.category,
  };
  if (spec.title && rng.chance(0.7)) record.title = scenes.fill(spec.title, ctx);
  const m = ctx.merchant;
  if (m) record.address = rng.chance(0.6) ? m.address : `${m.address}${m.name}`;
  else if (rng.chance(0.85)) record.address = scenes.slot(ctx, 'addr');
  if (rng.chance(0.8)) record.district = ctx.district.name;
  if (rng.chance(0.6)) record.location = m ? scenes.near(m.location) : scenes.location(ctx);
  record.citizen = sim.people.citizen(person, spec.appealType !== '表扬');
  const urgent = rng.chance(spec.urgent ?? 0.05);
  record.urgency = urgent ? '紧急' : '一般';
  if (rng.chance(0.5)) record.dueAt = iso(new Date(at + (urgent ? 2 : rng.int(12, 23)) * 3600_000));
  if (rng.chance(0.3)) {
    const department = departmentFor(world, spec.category, ctx.district.name);
    if (department) record.department = department;
  }
  return record;
}

// A 12315 complaint with the merchant always named; the consumer always gives name and phone.
export function epConsumer(
  sim: Sim,
  at: number,
  ctx: Ctx,
  person: Person,
  spec: { kind: ConsumerKind; industry: string; text: string; amount?: number; uscc: number; address: number; opener?: boolean },
): ConsumerRecord {
  const rng = sim.rng;
  const date = new Date(at);
  const m = ctx.merchant!;
  const opener = spec.opener === false ? '' : rng.pick(sim.world.consumer.openers[spec.kind]);
  const record: ConsumerRecord = {
    regNo: sim.id('12315', date),
    kind: spec.kind,
    receivedAt: iso(date),
    content: opener + sim.scenes.fill(spec.text, ctx),
    merchant: { name: m.name },
  };
  if (m.uscc && rng.chance(spec.uscc)) record.merchant!.uscc = m.uscc;
  if (rng.chance(spec.address)) record.merchant!.address = m.address;
  record.consumer = { name: person.name, phone: person.phone };
  record.industry = spec.industry;
  if (spec.amount !== undefined) record.amount = spec.amount;
  if (rng.chance(0.7)) record.district = m.district.name;
  if (rng.chance(0.5)) record.location = sim.scenes.near(m.location);
  return record;
}

// A post reaching `reach` reposts and comments together.
export function epPost(sim: Sim, at: number, ctx: Ctx, spec: { text: string; reach: number; media?: boolean }): SentimentRecord {
  const rng = sim.rng;
  const posts = sim.world.posts;
  const date = new Date(at);
  const media = spec.media === true;
  const platform = media
    ? rng.pick(['weibo', 'weibo', 'news', 'wechat'] as const)
    : rng.weighted(['weibo', 'douyin', 'xiaohongshu'] as const, (p) => ({ weibo: 5, douyin: 3, xiaohongshu: 2 })[p]);
  const record: SentimentRecord = {
    postId: sim.id('sentiment', date),
    platform,
    publishedAt: iso(date),
    text: sim.scenes.fill(spec.text, ctx),
  };
  if (media) record.author = { name: rng.pick(posts.media), followers: rng.int(300_000, 5_000_000), verified: true };
  else {
    const followers = Math.floor(Math.exp(3 + rng.next() * 7));
    record.author = { name: sim.people.nickname(), followers };
    if (followers > 100_000) record.author.verified = rng.chance(0.5);
  }
  record.url = postUrl(sim, platform, date);
  const reach = Math.max(0, Math.floor(spec.reach));
  const reposts = Math.floor(reach * (0.3 + rng.next() * 0.4));
  const comments = reach - reposts;
  const likes = Math.floor(reach * (0.8 + rng.next() * 4)) + rng.int(0, 30);
  record.metrics = { reposts, comments, likes };
  if (rng.chance(0.8)) record.metrics.views = Math.floor((reach + likes + 1) * (20 + rng.next() * 200));
  const loc = rng.next();
  record.location = loc < 0.4 ? districtLabel(sim, ctx.district.name) : loc < 0.7 ? ctx.district.name : posts.location.city;
  if (rng.chance(0.5) && posts.topics.length > 0) record.topics = posts.topics.slice(0, 1);
  return record;
}

// What a gym member paid for: a card or a course, its price, and what was left of it.
export function membership(sim: Sim): { phrase: string; amount: number; remain: string } {
  const rng = sim.rng;
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
