import type { AlarmType, AppealType, ConsumerKind, HotlineStory, PoliceStory, Tone } from '../config/simulator.schema';
import { iso, localParts } from './clock';
import { typeMix, type Coordinates } from './rng';
import type { Ctx } from './scenes';
import type { Sim } from './sim';
import type { ConsumerRecord, HotlineRecord, PoliceRecord, SentimentRecord } from './types';
import { departmentFor } from './world';

// The ordinary records of each channel: a story of the channel drawn by its kind's share, told in
// the channel's own fields, each field present about as often as real feeds fill it.

// Share of 110 records that are a 群体性事件, and that harm 3 or more people at once.
export const RARE_RATES = { mass: 1 / 400, harm: 1 / 400 } as const;

const APPEAL_MIX: Record<AppealType, number> = { 投诉: 46, 求助: 14, 咨询: 18, 举报: 7, 建议: 8, 表扬: 7 };
const CONSUMER_MIX: Record<ConsumerKind, number> = { 投诉: 78, 举报: 12, 咨询: 10 };
const ALARM_MIX: Partial<Record<AlarmType, number>> = { 纠纷: 30, 求助: 25, 治安: 18, 交通: 18, 其他: 6, 刑事: 2, 火灾: 1 };
const TONE_MIX: Record<Tone, number> = { negative: 55, neutral: 22, positive: 23 };
export const SOURCE_MIX = { phone: 60, wechat: 15, app: 10, web: 8, mailbox: 4, letter: 3 } as const;
const PLATFORM_MIX = { weibo: 42, douyin: 26, xiaohongshu: 16, wechat: 9, forum: 4, news: 3 } as const;
const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function hotlineRecord(sim: Sim, at: Date): HotlineRecord {
  const rng = sim.rng;
  const { scenes, people, world } = sim;
  let story: HotlineStory;
  let ctx: Ctx;
  let citizen: { name: string; phone: string } | undefined;
  const caller = rng.chance(0.03) ? people.repeatCaller(at) : undefined;
  if (caller) {
    // the same person about the same thing again (反复投诉)
    story = caller.story;
    ctx = scenes.context(story, at, caller);
    citizen = caller.person;
  } else {
    const type = typeMix(rng, APPEAL_MIX);
    story = rng.weighted(
      world.hotline.stories.filter((s) => s.appealType === type),
      (s) => s.weight ?? 1,
    );
    ctx = scenes.context(story, at);
  }
  const source = typeMix(rng, SOURCE_MIX);
  const body = scenes.fill(story.text, ctx);
  const content = `${scenes.fill(rng.pick(world.hotline.openers[source]), ctx)}${body}${rng.pick(world.hotline.closers[story.appealType])}`;
  const record: HotlineRecord = {
    orderNo: sim.id('12345', at),
    acceptedAt: iso(at),
    appealType: story.appealType,
    content,
  };
  if (rng.chance(0.95)) record.source = source;
  if (rng.chance(0.9)) record.category = story.category;
  if (story.title && rng.chance(0.6)) record.title = scenes.fill(story.title, ctx);
  placeFields(sim, record, ctx, 0.5, 0.5, true);
  if (rng.chance(0.85)) record.citizen = people.citizen(citizen ?? people.person(), story.appealType !== '表扬');
  const urgent = rng.chance(story.urgent ?? 0.03);
  if (urgent || rng.chance(0.5)) record.urgency = urgent ? '紧急' : '一般';
  // 办理时限: the shared time check refuses times more than a day ahead, so deadlines stay within 23 h
  if (rng.chance(0.4)) record.dueAt = iso(new Date(at.getTime() + (urgent ? 2 : rng.int(12, 23)) * 3600_000));
  if (rng.chance(0.3)) {
    const department = departmentFor(world, story.category, ctx.district.name);
    if (department) record.department = department;
  }
  return record;
}

export function consumerRecord(sim: Sim, at: Date): ConsumerRecord {
  const rng = sim.rng;
  const { scenes, people, world } = sim;
  const kind = typeMix(rng, CONSUMER_MIX);
  const story = rng.weighted(
    world.consumer.stories.filter((s) => s.kind === kind),
    (s) => s.weight ?? 1,
  );
  const ctx = scenes.context(story, at);
  const opener = story.claimant ? '' : rng.pick(world.consumer.openers[story.kind]);
  const record: ConsumerRecord = {
    regNo: sim.id('12315', at),
    kind: story.kind,
    receivedAt: iso(at),
    content: opener + scenes.fill(story.text, ctx),
  };
  const m = ctx.merchant;
  if (m && (story.kind !== '咨询' || rng.chance(0.5))) {
    record.merchant = { name: m.name };
    if (m.uscc && rng.chance(0.8)) record.merchant.uscc = m.uscc;
    if (rng.chance(0.6)) record.merchant.address = m.address;
  }
  const person = story.claimant ? rng.pick(people.claimantsOf(at)) : people.person();
  if (rng.chance(0.9)) record.consumer = people.citizen(person, true);
  if (rng.chance(0.95)) record.industry = story.industry;
  if (story.amount && rng.chance(0.85)) record.amount = Number(scenes.slot(ctx, 'amount'));
  placeFields(sim, record, ctx, 0.4, 0.45, false);
  return record;
}

export function policeRecord(sim: Sim, at: Date): PoliceRecord {
  const rng = sim.rng;
  const { scenes, people, world } = sim;
  const r = rng.next();
  let story: PoliceStory;
  if (r < RARE_RATES.mass) story = rng.pick(world.police.mass);
  else if (r < RARE_RATES.mass + RARE_RATES.harm) story = rng.pick(world.police.harm);
  else {
    const type = typeMix(rng, ALARM_MIX as Record<AlarmType, number>);
    story = rng.weighted(
      world.police.stories.filter((s) => s.alarmType === type),
      (s) => s.weight ?? 1,
    );
  }
  const ctx = scenes.context(story, at);
  const casualties =
    story.casualties && rng.chance(story.casualtyChance ?? 0.5) ? rng.int(story.casualties[0], story.casualties[1]) : undefined;
  if (casualties !== undefined) ctx.memo.set('casualties', String(casualties));
  const record: PoliceRecord = {
    caseNo: sim.id('110', at),
    reportedAt: iso(at),
    alarmType: story.alarmType,
    summary: scenes.fill(rng.pick(world.police.openers), ctx) + scenes.fill(story.text, ctx),
    address: scenes.slot(ctx, 'addr'),
  };
  if (rng.chance(0.75) || story.level[1] <= 2) record.level = rng.int(story.level[0], story.level[1]);
  if (casualties !== undefined) record.casualties = casualties;
  if (rng.chance(0.6)) record.district = ctx.district.name;
  if (rng.chance(0.5)) record.location = scenes.location(ctx);
  if (rng.chance(0.6)) record.callerPhone = rng.chance(0.1) ? people.landline() : people.mobile();
  return record;
}

export function sentimentRecord(sim: Sim, at: Date): SentimentRecord {
  const rng = sim.rng;
  const { scenes, people, world } = sim;
  const posts = world.posts;
  const tone = typeMix(rng, TONE_MIX);
  const story = rng.weighted(
    posts.stories.filter((s) => s.tone === tone),
    (s) => s.weight ?? 1,
  );
  const ctx = scenes.context(story, at);
  const platform = story.media ? rng.pick(['weibo', 'wechat', 'news', 'douyin'] as const) : typeMix(rng, PLATFORM_MIX);
  const closedTags = platform === 'weibo' || platform === 'news' || platform === 'forum' || platform === 'wechat';
  const tagCount = rng.int(0, 2) + (rng.chance(0.7) ? 1 : 0);
  const pool = [...posts.hashtags.common, ...posts.hashtags[tone]];
  const tags: string[] = [];
  for (let i = 0; i < tagCount; i++) {
    const t = rng.pick(i === 0 ? posts.hashtags.common : pool);
    const shown = closedTags ? t : t.slice(0, -1);
    if (!tags.includes(shown)) tags.push(shown);
  }
  const body = scenes.fill(story.text, ctx);
  const tagLine = tags.join(closedTags ? '' : ' ');
  const text = tags.length === 0 ? body : rng.chance(0.5) ? `${tagLine} ${body}` : `${body} ${tagLine}`;

  const media = story.media === true;
  const followers = media ? rng.int(50_000, 3_000_000) : Math.floor(Math.exp(2 + rng.next() * rng.next() * 11));
  const record: SentimentRecord = {
    postId: sim.id('sentiment', at),
    platform,
    publishedAt: iso(at),
    text,
  };
  if (rng.chance(0.9)) {
    const author: NonNullable<SentimentRecord['author']> = { name: media ? rng.pick(posts.media) : people.nickname() };
    if (rng.chance(0.85)) author.followers = followers;
    if (media || followers > 100_000) author.verified = media || rng.chance(0.5);
    record.author = author;
  }
  if (rng.chance(0.85)) record.url = postUrl(sim, platform, at);
  record.metrics = metrics(sim, platform);
  const loc = rng.next();
  if (loc < 0.4) record.location = posts.location.city;
  else if (loc < 0.55) record.location = ctx.district.name;
  else if (loc < 0.7) record.location = districtLabel(sim, ctx.district.name);
  if (rng.chance(0.75) && posts.topics.length > 0) record.topics = rng.chance(0.8) ? posts.topics.slice(0, 1) : posts.topics.slice(0, 2);
  return record;
}

// A post's location in the district (青岛·市南区).
export function districtLabel(sim: Sim, district: string): string {
  return sim.world.posts.location.district.replace(/\{district\}/g, district);
}

// A post's link on its platform; the local news site and forum are the city's.
export function postUrl(sim: Sim, platform: string, at: Date): string {
  const rng = sim.rng;
  const sites = sim.world.posts.sites;
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
      return `https://${sites.forum}/thread-${rng.digits(7)}-1-1.html`;
    default: {
      const l = localParts(at);
      return `https://${sites.news}/content/${l.y}-${l.mo}/${l.d}/content_${rng.digits(8)}.htm`;
    }
  }
}

function placeFields(
  sim: Sim,
  record: { address?: string; district?: string; location?: Coordinates },
  ctx: Ctx,
  districtChance: number,
  locationChance: number,
  withAddress: boolean,
): void {
  const rng = sim.rng;
  if (withAddress && rng.chance(0.85)) record.address = sim.scenes.slot(ctx, 'addr');
  if (rng.chance(districtChance)) record.district = ctx.district.name;
  if (rng.chance(locationChance)) record.location = sim.scenes.location(ctx);
}

// Reposts, comments, likes and views: mostly few, now and then 1,000+, very rarely 100,000+.
function metrics(sim: Sim, platform: string): NonNullable<SentimentRecord['metrics']> {
  const rng = sim.rng;
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
