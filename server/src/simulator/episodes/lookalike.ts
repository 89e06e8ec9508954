import { NAME_BREAKERS } from '../merchants';
import type { Person } from '../people';
import type { Sim } from '../sim';
import type { EpisodePlan, Planned } from '../types';
import { epConsumer, epCtx, epHotline, epPost, membership } from './tell';

// Records alike on the surface that must not be joined: two shops on one street, two branches of a chain, praise after a bad post.
export function planLookalike(sim: Sim, start: number): EpisodePlan {
  const rng = sim.rng;
  switch (rng.int(0, 2)) {
    case 0:
      return twoShopsOnOneStreet(sim, start);
    case 1:
      return twoBranchesOfAChain(sim, start);
    default:
      return praiseAfterAGrumble(sim, start);
  }
}

// two shops on one street, unrelated complaints
function twoShopsOnOneStreet(sim: Sim, start: number): EpisodePlan {
  const rng = sim.rng;
  const { merchants, people, world } = sim;
  const phrases = world.episodes.lookalike;
  const records: Planned[] = [];
  const taken: Person[] = [];
  const district = sim.places.district();
  const street = rng.pick(district.streets);
  const a = merchants.newMerchant('bbq', undefined, { tails: world.merchants.bbq.episodeTails, noTent: true, district, street });
  const b = merchants.newMerchant('supermarket', undefined, {
    tails: world.merchants.supermarket.episodeTails,
    noTent: true,
    district,
    street,
  });
  const ctxA = epCtx(sim, start, { merchant: a });
  const noise = epHotline(sim, start, ctxA, people.distinctPerson(taken), {
    appealType: '投诉',
    category: '城市管理>噪音油烟',
    ...phrases.noise,
    urgent: 0.02,
  });
  records.push({ at: start, channel: '12345', record: noise });
  const at = start + rng.int(20 * 60, 120 * 60) * 1000;
  const amount = rng.int(20, 200);
  const ctxB = epCtx(sim, at, { merchant: b }, { amount });
  const shop = epConsumer(sim, at, ctxB, people.distinctPerson(taken), {
    kind: '投诉',
    industry: '食品销售',
    text: phrases.shop,
    amount,
    uscc: 0.8,
    address: 0.6,
  });
  records.push({ at, channel: '12315', record: shop });
  return { subject: `${street}: ${a.name} / ${b.name}`, district: district.name, records };
}

// two branches of one chain in two core districts, each with its own small complaint
function twoBranchesOfAChain(sim: Sim, start: number): EpisodePlan {
  const rng = sim.rng;
  const { merchants, people, world } = sim;
  const phrases = world.episodes.lookalike;
  const records: Planned[] = [];
  const taken: Person[] = [];
  const core = world.core;
  const dA = rng.pick(core);
  const dB = rng.pick(core.filter((d) => d !== dA));
  const gym = world.merchants.gym;
  const heads = gym.heads.filter((h) => !NAME_BREAKERS.test(h));
  const chain = rng.pick(heads) + rng.pick(gym.episodeTails ?? gym.tails);
  const a = merchants.newMerchant('gym', undefined, { district: dA, name: `${chain}(${rng.pick(dA.areas)}店)`, uscc: true, noTent: true });
  const b = merchants.newMerchant('gym', undefined, { district: dB, name: `${chain}(${rng.pick(dB.areas)}店)`, uscc: true, noTent: true });
  const card = membership(sim);
  const ctxA = epCtx(sim, start, { merchant: a }, { cardType: card.phrase });
  records.push({
    at: start,
    channel: '12315',
    record: epConsumer(sim, start, ctxA, people.distinctPerson(taken), {
      kind: '投诉',
      industry: '体育健身',
      text: phrases.branchConsumer,
      uscc: 0.9,
      address: 0.6,
    }),
  });
  const at = start + rng.int(30 * 60, 180 * 60) * 1000;
  const ctxB = epCtx(sim, at, { merchant: b }, { left: rng.int(4, 20) });
  records.push({
    at,
    channel: '12345',
    record: epHotline(sim, at, ctxB, people.distinctPerson(taken), {
      appealType: '投诉',
      category: '市场监管>预付卡消费',
      text: phrases.branchHotline,
      urgent: 0.02,
    }),
  });
  return { subject: `${a.name} / ${b.name}`, district: dA.name, records };
}

// a grumbling post about a place, then a call praising the people working there
function praiseAfterAGrumble(sim: Sim, start: number): EpisodePlan {
  const rng = sim.rng;
  const phrases = sim.world.episodes.lookalike;
  const records: Planned[] = [];
  const { place, district } = sim.places.placeWith(rng.pick(['scenic', 'beach', 'night'] as const));
  const ctx = epCtx(sim, start, { place, district });
  records.push({
    at: start,
    channel: 'sentiment',
    record: epPost(sim, start, ctx, { text: rng.pick(phrases.badPosts), reach: Math.floor(5 + Math.exp(rng.next() * 6)) }),
  });
  const at = start + rng.int(60 * 60, 240 * 60) * 1000;
  const praise = epHotline(sim, at, epCtx(sim, at, { place, district }), sim.people.person(), {
    appealType: '表扬',
    category: '综合>表扬',
    text: phrases.praise,
  });
  records.push({ at, channel: '12345', record: praise });
  return { subject: place.name, district: district.name, records };
}
