import type { HotlineStory } from '../config/simulator.schema';
import { localDay } from './clock';
import type { Merchant } from './merchants';
import type { Sim } from './sim';
import type { DistrictInfo, Place } from './world';

export interface Person {
  name: string;
  phone: string;
}

interface RepeatCaller {
  person: Person;
  // not before this time again (ms)
  nextAt: number;
  callsLeft: number;
  story: HotlineStory;
  district?: DistrictInfo;
  merchant?: Merchant;
  place?: Place;
}

const REPEAT_CALLERS = 8;
const CLAIMANTS_PER_DAY = 3;

// The people who call, complain and post: names and phones of the city's people, a few callers
// who ring again about the same thing, and the day's professional claimants.
export class People {
  private readonly repeatCallers: RepeatCaller[] = [];
  private readonly claimants = new Map<string, Person[]>();

  constructor(private readonly sim: Sim) {}

  person(): Person {
    return { name: this.fullName(), phone: this.mobile() };
  }

  mobile(): string {
    return this.sim.rng.pick(this.sim.world.people.mobilePrefixes) + this.sim.rng.digits(8);
  }

  landline(): string {
    return `${this.sim.world.people.landline}${this.sim.rng.digits(7)}`;
  }

  // A person whose name and phone differ from everyone's in `taken`; added to it.
  distinctPerson(taken: Person[]): Person {
    let p = this.person();
    for (let i = 0; i < 20 && taken.some((t) => t.name === p.name || t.phone === p.phone); i++) p = this.person();
    taken.push(p);
    return p;
  }

  // What a record gives of the person: the name (now and then the surname and a title) and phone.
  citizen(person: Person, withName: boolean): { name?: string; phone?: string } {
    const rng = this.sim.rng;
    const out: { name?: string; phone?: string } = {};
    if (withName && rng.chance(0.8)) {
      // hotlines often record only the surname and a title
      out.name = rng.chance(0.3) ? `${person.name[0]}${rng.pick(['女士', '先生'])}` : person.name;
    }
    if (rng.chance(0.9)) out.phone = person.phone;
    if (!out.name && !out.phone) out.phone = person.phone;
    return out;
  }

  nickname(): string {
    const rng = this.sim.rng;
    const authors = this.sim.world.posts.authors;
    const name = rng.pick(authors.heads) + rng.pick(authors.cores) + rng.pick(authors.tails);
    return rng.chance(0.15) ? `${name}${rng.int(1, 999)}` : name;
  }

  // A caller who rings again about the same thing: a few calls each, at least 15 minutes apart;
  // undefined when none is due.
  repeatCaller(at: Date): RepeatCaller | undefined {
    const rng = this.sim.rng;
    const now = at.getTime();
    for (let i = 0; i < this.repeatCallers.length; i++) {
      if (this.repeatCallers[i]!.callsLeft <= 0) this.repeatCallers.splice(i--, 1);
    }
    let caller = this.repeatCallers.find((c) => c.nextAt <= now);
    if (!caller) {
      if (this.repeatCallers.length >= REPEAT_CALLERS) return undefined;
      const story = rng.weighted(
        this.sim.world.hotline.stories.filter((s) => s.appealType === '投诉'),
        (s) => s.weight ?? 1,
      );
      const ctx = this.sim.scenes.context(story, at);
      caller = {
        person: this.person(),
        nextAt: now,
        callsLeft: rng.int(3, 6),
        story,
        district: ctx.district,
        merchant: ctx.merchant,
        place: ctx.place,
      };
      this.repeatCallers.push(caller);
    }
    caller.callsLeft--;
    caller.nextAt = now + rng.int(15, 120) * 60_000;
    return caller;
  }

  // The day's professional claimants (职业索赔人).
  claimantsOf(at: Date): Person[] {
    const day = localDay(at);
    let list = this.claimants.get(day);
    if (!list) {
      list = [];
      while (list.length < CLAIMANTS_PER_DAY) list.push(this.person());
      this.claimants.set(day, list);
      if (this.claimants.size > 7) this.claimants.delete(this.claimants.keys().next().value!);
    }
    return list;
  }

  private fullName(): string {
    const rng = this.sim.rng;
    const chars = rng.pick(this.sim.world.people.givenNames);
    const first = rng.pick(chars);
    let second = rng.pick(chars);
    if (second === first && rng.chance(0.7)) second = rng.pick(chars); // 婷婷 and 丽丽 now and then
    return rng.pick(this.sim.world.people.surnames) + first + (rng.chance(0.75) ? second : '');
  }
}
