import { iso, mealPhrase } from '../clock';
import type { Person } from '../people';
import type { Sim } from '../sim';
import type { EpisodePlan, Planned, PoliceRecord } from '../types';
import { epConsumer, epCtx, epHotline, epPost } from './tell';

// Food poisoning at one eatery, told by 110, 12345 (2–3 callers), 12315 and a post within 90 minutes.
export function planPoisoning(sim: Sim, start: number): EpisodePlan {
  const rng = sim.rng;
  const { people, world } = sim;
  const phrases = world.episodes.poisoning;
  const kind: 'seafood' | 'bbq' = rng.chance(0.6) ? 'seafood' : 'bbq';
  const tag = rng.pick(
    kind === 'seafood' ? (['night', 'beach', 'scenic', undefined] as const) : (['night', 'residential', undefined] as const),
  );
  const m = sim.merchants.newMerchant(kind, tag, { tails: world.merchants[kind].episodeTails, noTent: true });
  const meal = start - rng.int(60, 240) * 60_000;
  const dish = rng.pick(phrases.dishes[kind]);
  const records: Planned[] = [];
  const within = (fromMin: number, toMin: number) => start + rng.int(fromMin * 60, toMin * 60) * 1000;
  const callers: Person[] = [];

  // 110: the first to hear of it
  {
    const at = within(0, 15);
    const caller = people.person();
    callers.push(caller);
    const story = rng.pick(phrases.police);
    const ctx = epCtx(sim, at, { merchant: m }, { n: rng.int(3, 6), dish });
    const casualties = rng.chance(0.55) ? rng.int(1, 2) : undefined;
    if (casualties !== undefined) ctx.memo.set('casualties', String(casualties));
    const summary =
      sim.scenes.fill(rng.pick(phrases.policeOpeners), ctx) +
      sim.scenes.fill(story.text, ctx) +
      (casualties !== undefined ? sim.scenes.fill(phrases.policeCasualties, ctx) : rng.pick(phrases.policeClosers));
    const record: PoliceRecord = {
      caseNo: sim.id('110', new Date(at)),
      reportedAt: iso(new Date(at)),
      alarmType: story.alarmType,
      summary,
      address: rng.chance(0.5) ? m.address : `${m.address}${m.name}`,
      level: story.alarmType === '求助' ? 2 : rng.int(2, 3),
    };
    if (casualties !== undefined) record.casualties = casualties;
    if (rng.chance(0.85)) record.district = m.district.name;
    if (rng.chance(0.7)) record.location = sim.scenes.near(m.location);
    if (rng.chance(0.7)) record.callerPhone = caller.phone;
    records.push({ at, channel: '110', record });
  }
  // 12345: two or three callers
  const calls = rng.int(2, 3);
  for (let i = 0; i < calls; i++) {
    const at = within(3, 80);
    const caller = people.distinctPerson(callers);
    const story = rng.pick(phrases.hotline);
    const ctx = epCtx(
      sim,
      at,
      { merchant: m },
      { meal: mealPhrase(meal, at), n: rng.int(2, 5), dish, hospital: rng.pick(phrases.hospitals) },
    );
    const record = epHotline(sim, at, ctx, caller, { ...story, category: '市场监管>食品安全', urgent: 0.6 });
    records.push({ at, channel: '12345', record });
  }
  // 12315: a complaint with the merchant's particulars
  {
    const at = within(25, 90);
    const person = rng.chance(0.3) ? rng.pick(callers.slice(1)) : people.distinctPerson(callers);
    const amount = rng.int(18, 160) * 10;
    const ctx = epCtx(sim, at, { merchant: m }, { meal: mealPhrase(meal, at), n: rng.int(2, 5), dish, amount });
    const record = epConsumer(sim, at, ctx, person, {
      kind: '投诉',
      industry: '餐饮服务',
      text: rng.pick(phrases.consumer),
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
    const ctx = epCtx(sim, at, { merchant: m }, { meal: mealPhrase(meal, at), n: rng.int(3, 6), dish, spot });
    const text = rng.pick(named ? phrases.postsNamed : phrases.postsUnnamed);
    const record = epPost(sim, at, ctx, { text, reach: Math.floor(20 + Math.exp(rng.next() * 6.2)) });
    records.push({ at, channel: 'sentiment', record });
  }
  return { subject: m.name, district: m.district.name, records };
}
