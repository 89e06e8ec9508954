import type { ConsumerStory, HotlineStory, MerchantKind, PoliceStory, SentimentStory } from '../config/simulator.schema';
import { localParts, timePhrase } from './clock';
import type { Merchant } from './merchants';
import { jitter, type Coordinates, type Rng } from './rng';
import type { Sim } from './sim';
import type { DistrictInfo, Place } from './world';

export type AnyStory = HotlineStory | ConsumerStory | PoliceStory | SentimentStory;

// Everything one record's template may ask for; a slot asked twice answers the same.
export interface Ctx {
  at: Date;
  story: AnyStory;
  district: DistrictInfo;
  place?: Place;
  merchant?: Merchant;
  memo: Map<string, string>;
}

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

// unit prices as a merchant of the kind would charge them, yuan
const PRICES: Partial<Record<MerchantKind, (rng: Rng) => number>> = {
  seafood: (rng) => rng.int(4, 40) * 10 - 2, // per jin, 38 … 398
  beer: (rng) => rng.int(15, 45), // per pitcher
  travel: (rng) => rng.int(5, 20) * 10, // per person
  appliance: (rng) => rng.int(15, 80) * 10, // installation extras
  ktv: (rng) => rng.int(18, 48) * 10, // a dozen beers
  parking: (rng) => rng.int(1, 6) * 10,
};

export function priceFor(rng: Rng, kind: MerchantKind | undefined): number {
  const price = kind ? PRICES[kind] : undefined;
  return price ? price(rng) : rng.int(5, 50);
}

// The scene of one record: where and about whom it happens, and its templates filled in.
export class Scenes {
  constructor(private readonly sim: Sim) {}

  context(story: AnyStory, at: Date, fixed?: { district?: DistrictInfo; merchant?: Merchant; place?: Place }): Ctx {
    const places = this.sim.places;
    let merchant = fixed?.merchant;
    let place = fixed?.place;
    let district = fixed?.district;
    if (!merchant && story.merchant) {
      merchant = this.sim.merchants.merchant(story.merchant, at, story.hot === true && this.sim.rng.chance(0.7), story.place);
    }
    if (merchant) {
      district = merchant.district;
      place = place ?? merchant.place;
    } else if (!place && story.place) {
      const chosen = places.placeWith(story.place);
      place = chosen.place;
      district = chosen.district;
    }
    if (!district) district = place ? places.districtOf(place) : places.district();
    if (!place && story.place) place = places.placeWith(story.place, district).place;
    return { at, story, district, place, merchant, memo: new Map() };
  }

  // The template with its choices [a|b] made and its slots {name} filled.
  fill(template: string, ctx: Ctx): string {
    const chosen = template.replace(/\[([^[\]]*\|[^[\]]*)\]/g, (_, body: string) => this.sim.rng.pick(body.split('|')));
    return chosen.replace(/\{(\w+)\}/g, (_, key: string) => this.slot(ctx, key));
  }

  slot(ctx: Ctx, key: string): string {
    const known = ctx.memo.get(key);
    if (known !== undefined) return known;
    const value = this.slotValue(ctx, key);
    ctx.memo.set(key, value);
    return value;
  }

  // Where the record happens, as a caller says it.
  address(ctx: Ctx): string {
    const rng = this.sim.rng;
    const city = this.sim.world.cityName;
    const d = ctx.district.name;
    if (ctx.merchant) {
      return rng.chance(0.7) ? ctx.merchant.address : `${ctx.merchant.address}${ctx.merchant.name}`;
    }
    if (ctx.place && rng.chance(0.8)) {
      const p = ctx.place;
      const side = rng.pick(['附近', '东侧', '西门', '北门', '入口', '停车场', '公交站旁', '广场']);
      switch (rng.int(0, 3)) {
        case 0:
          return `${d}${p.street}${p.name}`;
        case 1:
          return `${city}${d}${p.name}${side}`;
        case 2:
          return `${p.name}${side}`;
        default:
          return `${d}${p.name}${side}`;
      }
    }
    const street = this.slot(ctx, 'street');
    switch (rng.int(0, 3)) {
      case 0:
        return `${city}${d}${street}${this.slot(ctx, 'num')}号`;
      case 1:
        return `${d}${street}${this.slot(ctx, 'num')}号`;
      case 2:
        return `${d}${street}与${this.slot(ctx, 'street2')}交叉口`;
      default:
        return `${street}${this.slot(ctx, 'num')}号`;
    }
  }

  location(ctx: Ctx): Coordinates {
    if (ctx.merchant) return ctx.merchant.location;
    const anchor = ctx.place ?? this.sim.rng.pick(ctx.district.places);
    return jitter(this.sim.rng, anchor, 0.003);
  }

  near(p: Coordinates): Coordinates {
    return jitter(this.sim.rng, p, 0.0004);
  }

  private slotValue(ctx: Ctx, key: string): string {
    const rng = this.sim.rng;
    const { vocabulary, people } = this.sim.world;
    const kind = ctx.merchant?.kind ?? ctx.story.merchant;
    switch (key) {
      case 'merchant':
        return ctx.merchant?.name ?? '某商户';
      case 'place':
        return (ctx.place ?? (ctx.place = rng.pick(ctx.district.places))).name;
      case 'addr':
        return this.address(ctx);
      case 'district':
        return ctx.district.name;
      case 'street':
        return ctx.merchant?.street ?? ctx.place?.street ?? rng.pick(ctx.district.streets);
      case 'street2': {
        const first = this.slot(ctx, 'street');
        const others = ctx.district.streets.filter((s) => s !== first);
        return rng.pick(others.length > 0 ? others : ctx.district.streets);
      }
      case 'num':
        return String(ctx.merchant?.num ?? rng.int(1, 288));
      case 'amount': {
        const [lo, hi] = ctx.story.amount ?? [50, 500];
        const v = lo + rng.next() * (hi - lo);
        // big sums are round, small ones exact to the jiao now and then
        return String(
          v >= 1000
            ? Math.round(v / 100) * 100
            : v >= 200 && rng.chance(0.6)
              ? Math.round(v / 10) * 10
              : rng.chance(0.2)
                ? Math.round(v * 10) / 10
                : Math.round(v),
        );
      }
      case 'price':
        return String(priceFor(rng, kind));
      case 'price2':
        return String(Math.round(Number(this.slot(ctx, 'price')) * (1.5 + rng.next() * 1.5)));
      case 'minSpend':
        return String(rng.pick([300, 400, 500, 600, 800, 1000]));
      case 'balance': {
        const amount = Number(this.slot(ctx, 'amount'));
        return String(Math.max(100, Math.round((amount * (0.3 + rng.next() * 0.6)) / 10) * 10));
      }
      case 'jin':
        return String(rng.int(2, 10) / 2);
      case 'less': {
        const jin = Number(this.slot(ctx, 'jin'));
        return String(Math.max(0.5, Math.round((jin - 0.3 - rng.next() * 0.5) * 10) / 10));
      }
      case 'seafood':
        return rng.pick(vocabulary.seafood);
      case 'foodIssue':
        return rng.pick(vocabulary.foodIssues);
      case 'time':
        return timePhrase(rng, ctx.at);
      case 'hm': {
        const l = localParts(new Date(ctx.at.getTime() - rng.int(1, 6) * 60_000));
        return `${Number(l.h)}时${l.mi}分`;
      }
      case 'n':
        return String(rng.int(2, 6));
      case 'many':
        return rng.pick(['数十', '二十多', '三十多', '四十多', '五十多', '近百']);
      case 'members':
        return String(rng.int(3, 30) * 10);
      case 'cardType':
        return rng.pick(vocabulary.cardTypes);
      case 'subject':
        // a school's name may already say what it teaches (小海豚游泳培训)
        return vocabulary.subjects.find((s) => ctx.merchant?.name.includes(s)) ?? rng.pick(vocabulary.subjects);
      case 'left':
        return String(rng.int(8, 60));
      case 'monthsUsed':
        return String(rng.int(1, 5));
      case 'plate':
        return this.plate();
      case 'from':
        return this.ridePlace(ctx, null);
      case 'to':
        return this.ridePlace(ctx, ctx.memo.get('from') ?? null);
      case 'line':
        return rng.pick(vocabulary.metroLines);
      case 'gender':
        return rng.pick(['男孩', '女孩'] as const);
      case 'kid':
        return `一名约${rng.int(3, 9)}岁的${this.slot(ctx, 'gender')}`;
      case 'outfit':
        return `穿${rng.pick(vocabulary.colors)}${rng.pick(vocabulary.garments[this.slot(ctx, 'gender') as keyof typeof vocabulary.garments])}`;
      case 'minutes':
        return String(rng.pick([10, 15, 20, 30, 40, 50]));
      case 'elderAge':
        return String(rng.int(68, 89));
      case 'color':
        return rng.pick(vocabulary.colors);
      case 'item':
        return rng.pick(vocabulary.lostItems);
      case 'lateHour':
        return String(rng.int(1, 3));
      case 'surname':
        return rng.pick(people.surnames);
      case 'appliance':
        return rng.pick(vocabulary.appliances);
      case 'goods':
        return rng.pick(vocabulary.goods);
      case 'casualties':
        return String(rng.int(3, 6));
      case 'tenThousand':
        return String(rng.int(5, 30));
      default:
        throw new Error(`simulator template asks for unknown slot {${key}}`);
    }
  }

  private plate(): string {
    const rng = this.sim.rng;
    const { city, other } = this.sim.world.plates;
    const r = rng.next();
    if (r < 0.25) return `${city}${rng.pick(['D', 'F'])}${rng.digits(5)}`; // new-energy
    if (r < 0.5) return `${other}${rng.chars(PLATE_LETTERS, 1)}${rng.digits(4)}`;
    return `${city}${rng.chars(PLATE_LETTERS, 1)}${rng.digits(4)}`;
  }

  // A place to ride from or to: in the story's district, or the connected city core.
  private ridePlace(ctx: Ctx, not: string | null): string {
    const rng = this.sim.rng;
    const world = this.sim.world;
    if (ctx.place && ctx.place.name !== not && rng.chance(0.5)) return ctx.place.name;
    const usable = (p: Place) => p.name !== not && !p.tags.includes('residential');
    let candidates = ctx.district.places.filter(usable);
    if (candidates.length < 3 && ctx.district.core) {
      candidates = world.places.filter((e) => e.district.core && usable(e.place)).map((e) => e.place);
    }
    if (candidates.length === 0) candidates = ctx.district.places;
    const chosen = rng.pick(candidates);
    // the ride starts where the story happens
    if (!ctx.place && not === null && ctx.district.places.includes(chosen)) ctx.place = chosen;
    return chosen.name;
  }
}
