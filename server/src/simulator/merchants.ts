import { usccCheckChar } from '@jointduty/shared';
import type { MerchantKind, PlaceTag } from '../config/simulator.schema';
import { localDay } from './clock';
import { jitter, type Coordinates } from './rng';
import type { Sim } from './sim';
import type { DistrictInfo, Place } from './world';

export interface Merchant {
  name: string;
  kind: MerchantKind;
  district: DistrictInfo;
  place?: Place;
  street: string;
  num: number;
  address: string;
  location: Coordinates;
  uscc?: string;
}

export interface MerchantOptions {
  // name endings to choose from; also keeps out heads a reader would cut a name at (NAME_BREAKERS)
  tails?: readonly string[];
  // a street address even at the festival grounds (no 帐篷)
  noTent?: boolean;
  // always has a USCC
  uscc?: boolean;
  district?: DistrictInfo;
  street?: string;
  name?: string;
}

// Characters that end a name when a reader cuts one out of text (在 的 路 号 …): not in episode names.
export const NAME_BREAKERS = /[在去到从于跟和与及对向给被把让叫的了着过是有为由吃喝买卖办住订点逛玩找进出来说称号路街道巷区市县镇村]/;

const HOT_MERCHANTS_PER_DAY = 2;
const MERCHANT_POOL_CAP = 60;
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const PLACE_SUFFIX = /(风景区|景区|商圈|公园|社区|渔港|大集|步行街|海水浴场|美食街|酒吧街|老街|夜市|汽车站|湿地|啤酒城|啤酒街|广场)$/;

// The city's merchants: a pool per kind that a few draw most complaints from, the few "hot" ones
// a day that vanish and draw many (群体性投诉), and new ones with a name, address and USCC.
export class Merchants {
  private readonly pools = new Map<string, Merchant[]>();
  private readonly hot = new Map<string, Merchant[]>();
  private readonly names = new Set<string>();

  constructor(private readonly sim: Sim) {}

  merchant(kind: MerchantKind, at: Date, hot: boolean, tag?: PlaceTag): Merchant {
    const rng = this.sim.rng;
    if (hot) {
      const key = `${kind}|${tag ?? ''}|${localDay(at)}`;
      let list = this.hot.get(key);
      if (!list) {
        list = [];
        this.hot.set(key, list);
        if (this.hot.size > 60) this.hot.delete(this.hot.keys().next().value!);
      }
      if (list.length < HOT_MERCHANTS_PER_DAY) {
        const m = this.newMerchant(kind, tag);
        list.push(m);
        return m;
      }
      return rng.pick(list);
    }
    const key = `${kind}|${tag ?? ''}`;
    let pool = this.pools.get(key);
    if (!pool) this.pools.set(key, (pool = []));
    if (pool.length === 0 || (pool.length < MERCHANT_POOL_CAP && rng.chance(0.35))) {
      const m = this.newMerchant(kind, tag);
      pool.push(m);
      return m;
    }
    // a few merchants draw most complaints
    return pool[Math.floor(pool.length * Math.pow(rng.next(), 1.8))]!;
  }

  newMerchant(kind: MerchantKind, tag?: PlaceTag, opts: MerchantOptions = {}): Merchant {
    const rng = this.sim.rng;
    const style = this.sim.world.merchants[kind];
    let district: DistrictInfo;
    let place: Place | undefined;
    if (opts.district) {
      district = opts.district;
      const onStreet = opts.street ? district.places.filter((p) => p.street === opts.street) : [];
      if (onStreet.length > 0) place = rng.pick(onStreet);
    } else if (style.districts) {
      district = rng.weighted(
        this.sim.world.districts.filter((d) => style.districts!.includes(d.name)),
        (d) => d.weight,
      );
      const near = district.places.filter((p) => (tag ? p.tags.includes(tag) : p.tags.some((t) => style.near?.includes(t))));
      if (near.length > 0) place = rng.pick(near);
    } else if (tag) {
      ({ place, district } = this.sim.places.placeWith(tag));
    } else {
      district = this.sim.places.district();
      const near = style.near ? district.places.filter((p) => p.tags.some((t) => style.near!.includes(t))) : [];
      if (near.length > 0 && rng.chance(0.65)) place = rng.pick(near);
    }
    const clean = opts.tails !== undefined;
    const heads = clean ? style.heads.filter((h) => !NAME_BREAKERS.test(h)) : style.heads;
    const tails = opts.tails && opts.tails.length > 0 ? opts.tails : style.tails;
    let name = opts.name ?? '';
    for (let attempt = 0; attempt < 8 && !opts.name; attempt++) {
      // stalls are often named after where they stand (金沙滩海鲜烧烤城)
      let local = place ? shortPlaceName(place.name) : null;
      if (local && clean && NAME_BREAKERS.test(local)) local = null;
      const head = local && rng.chance(0.25) ? local : rng.pick(heads);
      const tail = rng.pick(tails);
      // no 扎啤扎啤城: head and tail must not repeat each other
      if (tail.includes(head) || tail.includes(head.slice(-2))) continue;
      name = head + tail;
      if (rng.chance(style.branch) || attempt >= 4) name += `(${rng.pick(district.areas)}店)`;
      if (!this.names.has(name)) break;
    }
    if (!name) name = rng.pick(heads) + tails[0];
    for (let n = 0; this.names.has(name); n++) {
      const base = name.replace(/\([^()]*\)$/, '');
      name = n < 20 ? `${base}(${rng.pick(district.areas)}${rng.pick(['二', '三', '四', '五', '六'])}店)` : `${base}(${n}店)`;
    }
    this.names.add(name);

    const city = this.sim.world.cityName;
    const street = opts.street ?? place?.street ?? rng.pick(district.streets);
    const num = rng.int(1, 288);
    let address: string;
    if (!opts.noTent && place?.tags.includes('beerfest') && rng.chance(0.6)) {
      address = `${district.name}${place.name}${rng.pick(['A', 'B', 'C', 'D', 'E'])}区${rng.int(1, 60)}号帐篷`;
    } else if (place && rng.chance(0.4)) {
      address = `${city}${district.name}${street}${num}号(${place.name}附近)`;
    } else {
      address = `${rng.chance(0.6) ? city : ''}${district.name}${street}${num}号`;
    }
    const anchor = place ?? rng.pick(district.places);
    const merchant: Merchant = {
      name,
      kind,
      district,
      place,
      street,
      num,
      address,
      location: jitter(rng, anchor, 0.0025),
    };
    if (opts.uscc === true || rng.chance(0.65)) merchant.uscc = this.uscc(district, rng.chance(style.individual));
    return merchant;
  }

  // A unified social credit code of the district: 92… for an individual business, 91… a company.
  private uscc(district: DistrictInfo, individual: boolean): string {
    const rng = this.sim.rng;
    const org = rng.chance(0.7) ? `MA${rng.chars(USCC_ALPHABET, 7)}` : rng.chars(USCC_ALPHABET, 9);
    const first17 = `${individual ? '92' : '91'}${district.code}${org}`;
    return first17 + usccCheckChar(first17)!;
  }
}

// 金沙滩啤酒城 → 金沙滩, 台东步行街 → 台东; null when nothing short and telling is left.
function shortPlaceName(name: string): string | null {
  const short = name.replace(PLACE_SUFFIX, '');
  return short.length >= 2 && short.length <= 4 && !short.endsWith('站') ? short : null;
}
