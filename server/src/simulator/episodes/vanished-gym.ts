import { iso } from '../clock';
import type { Person } from '../people';
import type { Sim } from '../sim';
import type { EpisodePlan, Planned, PoliceRecord } from '../types';
import { epConsumer, epCtx, epHotline, epPost, membership } from './tell';

// A prepaid-card gym gone overnight: 6–10 complaints from distinct members within hours, 1–2 calls, maybe a post and a 110.
export function planVanishedGym(sim: Sim, start: number): EpisodePlan {
  const rng = sim.rng;
  const { people, world } = sim;
  const phrases = world.episodes.vanishedGym;
  const m = sim.merchants.newMerchant('gym', undefined, { tails: world.merchants.gym.episodeTails, noTent: true, uscc: true });
  const complaints = rng.int(6, 10);
  const spanMin = rng.int(60, 240);
  const members = rng.int(8, 40) * 10;
  const taken: Person[] = [];
  const records: Planned[] = [];
  const offsets = [0, ...Array.from({ length: complaints - 1 }, () => rng.int(60, spanMin * 60))].sort((a, b) => a - b);
  // most complaints give the merchant's USCC (copied off a contract or receipt); a few only the name
  const withoutUscc = new Set<number>();
  for (let i = rng.int(0, Math.floor(complaints / 4)); i > 0; i--) withoutUscc.add(rng.int(0, complaints - 1));
  for (const [i, offset] of offsets.entries()) {
    const at = start + offset * 1000;
    const card = membership(sim);
    const person = people.distinctPerson(taken);
    const ctx = epCtx(
      sim,
      at,
      { merchant: m },
      { cardType: card.phrase, amount: card.amount, remain: card.remain, monthsAgo: rng.int(2, 11), members },
    );
    const record = epConsumer(sim, at, ctx, person, {
      kind: '投诉',
      industry: '预付卡消费',
      text: rng.pick(phrases.consumer),
      amount: card.amount,
      uscc: withoutUscc.has(i) ? 0 : 1,
      address: 0.5,
    });
    records.push({ at, channel: '12315', record });
  }
  const calls = rng.int(1, 2);
  for (let i = 0; i < calls; i++) {
    const at = start + rng.int(20 * 60, (spanMin + 30) * 60) * 1000;
    const card = membership(sim);
    const ctx = epCtx(sim, at, { merchant: m }, { cardType: card.phrase, amount: card.amount, members });
    const record = epHotline(sim, at, ctx, people.distinctPerson(taken), {
      appealType: '投诉',
      category: '市场监管>预付卡消费',
      ...phrases.hotline,
      urgent: 0.3,
    });
    records.push({ at, channel: '12345', record });
  }
  if (rng.chance(0.5)) {
    const at = start + rng.int(10 * 60, spanMin * 60) * 1000;
    const card = membership(sim);
    const ctx = epCtx(sim, at, { merchant: m }, { cardType: card.phrase, amount: card.amount, members });
    records.push({
      at,
      channel: 'sentiment',
      record: epPost(sim, at, ctx, { text: rng.pick(phrases.posts), reach: Math.floor(30 + Math.exp(rng.next() * 6.5)) }),
    });
  }
  if (rng.chance(0.25)) {
    const at = start + rng.int(30 * 60, (spanMin + 30) * 60) * 1000;
    const ctx = epCtx(sim, at, { merchant: m }, { n: rng.int(5, 12) });
    const record: PoliceRecord = {
      caseNo: sim.id('110', new Date(at)),
      reportedAt: iso(new Date(at)),
      alarmType: '纠纷',
      summary: sim.scenes.fill(rng.pick(phrases.policeOpeners), ctx) + sim.scenes.fill(phrases.police, ctx),
      address: `${m.address}${m.name}`,
      level: 3,
    };
    if (rng.chance(0.8)) record.district = m.district.name;
    if (rng.chance(0.6)) record.location = sim.scenes.near(m.location);
    if (rng.chance(0.6)) record.callerPhone = people.distinctPerson(taken).phone;
    records.push({ at, channel: '110', record });
  }
  return { subject: m.name, district: m.district.name, records };
}
