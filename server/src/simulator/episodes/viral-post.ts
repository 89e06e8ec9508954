import { priceFor } from '../scenes';
import type { Person } from '../people';
import type { Sim } from '../sim';
import type { EpisodePlan, Planned } from '../types';
import { epConsumer, epCtx, epHotline, epPost } from './tell';

// A post about 天价 seafood that spreads (1,000+ reposts and comments; 100,000+ from a news account), then 1–3 complaints.
export function planViralPost(sim: Sim, start: number): EpisodePlan {
  const rng = sim.rng;
  const { people, world } = sim;
  const phrases = world.episodes.viralPost;
  const seafood = world.vocabulary.seafood;
  const tag = rng.pick(['night', 'beach', 'scenic'] as const);
  const m = sim.merchants.newMerchant('seafood', tag, { tails: world.merchants.seafood.episodeTails, noTent: true });
  const place = m.place ?? rng.pick(m.district.places);
  const big = rng.chance(0.3);
  const named = big || rng.chance(0.7);
  const shared = {
    seafood: rng.pick(seafood),
    price: priceFor(rng, 'seafood'),
    n: rng.int(3, 7),
    amount: rng.int(12, 90) * 100 + rng.pick([0, 0, 68, 88, 50]),
    place: place.name,
  };
  const records: Planned[] = [];
  {
    const ctx = epCtx(sim, start, { merchant: m, place }, shared);
    const text = rng.pick(big ? phrases.mediaPosts : named ? phrases.postsNamed : phrases.postsUnnamed);
    const reach = big ? rng.int(100_000, 480_000) : Math.floor(1000 * Math.exp(rng.next() * 3.2));
    records.push({ at: start, channel: 'sentiment', record: epPost(sim, start, ctx, { text, reach, media: big }) });
  }
  const taken: Person[] = [];
  const follow = rng.int(1, 3);
  for (let i = 0; i < follow; i++) {
    const at = start + rng.int(10 * 60, 120 * 60) * 1000;
    const amount = rng.int(6, 60) * 100 + rng.pick([0, 0, 40, 80]);
    const ctx = epCtx(
      sim,
      at,
      { merchant: m, place },
      { seafood: rng.chance(0.5) ? shared.seafood : rng.pick(seafood), n: rng.int(2, 6), amount, place: place.name },
    );
    const person = people.distinctPerson(taken);
    if (rng.chance(0.6)) {
      const record = epConsumer(sim, at, ctx, person, {
        kind: '投诉',
        industry: '餐饮服务',
        text: rng.pick(phrases.consumer),
        amount,
        uscc: 0.8,
        address: 0.7,
      });
      records.push({ at, channel: '12315', record });
    } else {
      const record = epHotline(sim, at, ctx, person, {
        appealType: '投诉',
        category: '市场监管>价格监督',
        ...phrases.hotline,
        urgent: 0.1,
      });
      records.push({ at, channel: '12345', record });
    }
  }
  return { subject: named ? m.name : `${place.name}(${m.name})`, district: m.district.name, records };
}
