import type { Merchant } from '../merchants';
import type { Sim } from '../sim';
import type { EpisodePlan, Planned } from '../types';
import { epConsumer, epCtx } from './tell';

type ClaimantKind = Sim['world']['episodes']['claimant']['kinds'][number];

// A professional claimant's day: 10–13 complaints against 6–8 merchants over 5–10 hours, each with a punitive demand.
export function planClaimant(sim: Sim, start: number): EpisodePlan {
  const rng = sim.rng;
  const world = sim.world;
  const person = sim.people.person();
  const complaints = rng.int(10, 13);
  const wanted = rng.int(6, 8);
  const targets: Array<{ m: Merchant; spec: ClaimantKind }> = [];
  const seen = new Set<string>();
  for (let tries = 0; targets.length < wanted && tries < 80; tries++) {
    const spec = rng.weighted(world.episodes.claimant.kinds, (s) => s.weight);
    const m =
      rng.chance(0.5) && tries < 40
        ? sim.merchants.merchant(spec.kind, new Date(start), false)
        : sim.merchants.newMerchant(spec.kind, undefined, { tails: world.merchants[spec.kind].episodeTails, noTent: true });
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
    const ctx = epCtx(sim, at, { merchant: m }, { n: rng.int(2, 20), price });
    const record = epConsumer(sim, at, ctx, person, {
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
