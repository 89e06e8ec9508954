import type { AppConfig, DistrictsGeo } from '../../config/config.schema';

export type DistrictSource = 'field' | 'point' | 'address' | 'text';

export interface DistrictInput {
  district?: string | null;
  location?: { lng: number; lat: number } | null;
  address?: string | null;
  text?: string | null;
}

export interface DistrictResolution {
  district: string | null;
  source: DistrictSource | null;
}

// How a word found in text counts. Full district names beat aliases of 3+ characters, which beat
// bare 2-character aliases; gazetteer places are only used when no district word is found.
// `exclude` words (崂山啤酒, 胶州湾) resolve to nothing: they only stop the words inside them.
type TermKind = 'name' | 'long-alias' | 'short-alias' | 'place' | 'exclude';

interface Term {
  text: string;
  district: string | null;
  kind: TermKind;
}

// Two-character words are ambiguous in running text (市北 in 城市北部, 平度 in 水平度, 台东 in
// 舞台东侧, 城阳 in 县城阳光). Chosen rule: a word of two characters (a bare alias or a gazetteer
// short form) counts only when the character before it is not a Han character, ends the previous
// word found, or is one of these: 省 市 岛 (山东省平度, 青岛市崂山, 青岛崂山), prepositions and
// common verbs before a place. Words of three or more characters are trusted anywhere.
const LEFT_OK = new Set('省市岛在到去往来回住于从自至赴离近经过向由和与及或跟同的是位原老对给找诉映报访游爬逛');
const HAN = /\p{Script=Han}/u;
// A bare district alias followed by one of these names a road, not the district: Qingdao's old
// town names its streets after the county towns (即墨路, 胶州路, 平度路, 黄岛路 run through 市南/市北).
const ROAD_AFTER = new Set('路街道巷');
// 市北部, 市南侧: after an alias ending with a direction, these make it a direction word.
const DIRECTION_AFTER = new Set('部侧面边方');
const DIRECTIONS = new Set('东南西北');

interface PreparedPolygon {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  // each ring flattened to x0, y0, x1, y1, …
  rings: Float64Array[];
}

interface PreparedDistrict {
  district: string;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  polygons: PreparedPolygon[];
}

// Finds the district (所属区) of a record: from its district field, its coordinates on the city
// map, its address, or its text, in that order. Everything is prepared in the constructor; each
// call is a map lookup, a few bounding boxes, or one pass over the text.
export class DistrictResolver {
  private readonly canonical = new Map<string, string>();
  private readonly cityPrefixes: string[];
  private readonly cityShortName: string;
  // terms by their first UTF-16 unit (its code), longest first
  private readonly termsByFirst = new Map<number, Term[]>();
  private readonly areas: PreparedDistrict[];

  constructor(config: Pick<AppConfig, 'city' | 'districtsGeo' | 'gazetteer'>) {
    const { city, districtsGeo, gazetteer } = config;
    this.cityShortName = city.name.replace(/市$/, '');
    this.cityPrefixes = [...new Set([city.name, this.cityShortName])].filter((p) => p.length > 0);

    const terms: Term[] = [];
    for (const d of city.districts) {
      this.canonical.set(d.name, d.name);
      this.canonical.set(d.code, d.name);
      terms.push({ text: d.name, district: d.name, kind: 'name' });
      for (const alias of d.aliases) {
        this.canonical.set(alias, d.name);
        terms.push({ text: alias, district: d.name, kind: alias.length <= 2 ? 'short-alias' : 'long-alias' });
      }
      for (const word of d.excludes) terms.push({ text: word, district: null, kind: 'exclude' });
    }
    for (const place of gazetteer) {
      for (const word of [place.name, ...place.aliases]) {
        terms.push({ text: word, district: place.district, kind: 'place' });
      }
    }
    const seen = new Set<string>();
    for (const term of terms) {
      // the loader rejects a word listed twice; without it, the first one listed wins
      if (term.text.length === 0 || seen.has(term.text)) continue;
      seen.add(term.text);
      const first = term.text.charCodeAt(0);
      const list = this.termsByFirst.get(first);
      if (list) list.push(term);
      else this.termsByFirst.set(first, [term]);
    }
    for (const list of this.termsByFirst.values()) list.sort((a, b) => b.text.length - a.text.length);

    this.areas = prepareAreas(districtsGeo, (name) => this.normalize(name));
  }

  // A district name, alias or division code → the district's name ('市南' → '市南区'); a leading
  // province or city name is ignored ('青岛市市南区', '山东省青岛市崂山区'). Anything else → null.
  normalize(name: string): string | null {
    let s = name.replace(/\s+/g, '');
    if (!s) return null;
    const direct = this.canonical.get(s);
    if (direct) return direct;
    const province = s.indexOf('省');
    if (province > 0 && province < s.length - 1) s = s.slice(province + 1);
    for (const prefix of this.cityPrefixes) {
      if (s.startsWith(prefix) && s.length > prefix.length) {
        const found = this.canonical.get(s.slice(prefix.length));
        if (found) return found;
      }
    }
    return this.canonical.get(s) ?? null;
  }

  // The district whose polygon holds the point (even-odd ray casting, so holes and
  // multi-polygons count right), or null outside the city's map.
  fromPoint(p: { lng: number; lat: number }): string | null {
    const x = p?.lng;
    const y = p?.lat;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return null;
    for (const area of this.areas) {
      if (x < area.minX || x > area.maxX || y < area.minY || y > area.maxY) continue;
      for (const poly of area.polygons) {
        if (x < poly.minX || x > poly.maxX || y < poly.minY || y > poly.maxY) continue;
        if (polygonContains(poly.rings, x, y)) return area.district;
      }
    }
    return null;
  }

  // District words in the text first (full names, then longer aliases, then 2-character aliases;
  // the longest, then the first, wins), else gazetteer places (the longest, then the first).
  // Words are read left to right, longest first, so 即墨路 hides the 即墨 inside it.
  fromText(text: string): string | null {
    if (!text) return null;
    // the first of the best wins: a later match replaces only when it ranks higher
    let bestDistrict: Term | undefined;
    let bestPlace: Term | undefined;
    let lastEnd = -1;
    let i = 0;
    while (i < text.length) {
      const candidates = this.termsByFirst.get(text.charCodeAt(i));
      let taken: Term | undefined;
      if (candidates) {
        for (const term of candidates) {
          if (text.startsWith(term.text, i) && this.accepts(term, text, i, lastEnd)) {
            taken = term;
            break;
          }
        }
      }
      if (!taken) {
        i += 1;
        continue;
      }
      if (taken.kind === 'place') {
        if (!bestPlace || taken.text.length > bestPlace.text.length) bestPlace = taken;
      } else if (taken.kind !== 'exclude') {
        if (!bestDistrict || outranks(taken, bestDistrict)) bestDistrict = taken;
      }
      i += taken.text.length;
      lastEnd = i;
    }
    return bestDistrict?.district ?? bestPlace?.district ?? null;
  }

  // field > point > address > text; a field that names no district is passed over
  resolve(input: DistrictInput): DistrictResolution {
    if (input.district) {
      const district = this.normalize(input.district);
      if (district) return { district, source: 'field' };
    }
    if (input.location) {
      const district = this.fromPoint(input.location);
      if (district) return { district, source: 'point' };
    }
    if (input.address) {
      const district = this.fromText(input.address);
      if (district) return { district, source: 'address' };
    }
    if (input.text) {
      const district = this.fromText(input.text);
      if (district) return { district, source: 'text' };
    }
    return { district: null, source: null };
  }

  private accepts(term: Term, text: string, at: number, lastEnd: number): boolean {
    if (term.kind === 'exclude') return true;
    if (term.text.length <= 2 && at > 0 && at !== lastEnd) {
      const before = text[at - 1];
      if (HAN.test(before) && !LEFT_OK.has(before)) return false;
    }
    // 青岛市南京路: that 市 belongs to the city; only a full name (青岛市北区) may start there
    if (term.kind !== 'name' && term.text.startsWith('市') && text.endsWith(this.cityShortName, at)) return false;
    if (term.kind === 'short-alias') {
      const after = text[at + term.text.length];
      if (after !== undefined) {
        if (ROAD_AFTER.has(after)) return false;
        if (DIRECTIONS.has(term.text.at(-1)!) && DIRECTION_AFTER.has(after)) return false;
      }
    }
    return true;
  }
}

const TIER: Record<TermKind, number> = { name: 3, 'long-alias': 2, 'short-alias': 1, place: 0, exclude: 0 };

function outranks(a: Term, b: Term): boolean {
  if (TIER[a.kind] !== TIER[b.kind]) return TIER[a.kind] > TIER[b.kind];
  return a.text.length > b.text.length;
}

function prepareAreas(geo: DistrictsGeo, normalize: (name: string) => string | null): PreparedDistrict[] {
  const areas: PreparedDistrict[] = [];
  for (const feature of geo.features) {
    const district = normalize(feature.properties.name);
    if (!district) continue;
    const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const prepared = polygons.map(preparePolygon).filter((p): p is PreparedPolygon => p !== null);
    if (prepared.length === 0) continue;
    areas.push({
      district,
      minX: Math.min(...prepared.map((p) => p.minX)),
      minY: Math.min(...prepared.map((p) => p.minY)),
      maxX: Math.max(...prepared.map((p) => p.maxX)),
      maxY: Math.max(...prepared.map((p) => p.maxY)),
      polygons: prepared,
    });
  }
  return areas;
}

function preparePolygon(rings: number[][][]): PreparedPolygon | null {
  const outer = rings[0];
  if (!outer || outer.length < 3) return null;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const flat = rings
    .filter((r) => r.length >= 3)
    .map((r) => {
      const a = new Float64Array(r.length * 2);
      r.forEach((pos, k) => {
        a[2 * k] = pos[0];
        a[2 * k + 1] = pos[1];
      });
      return a;
    });
  return { minX, minY, maxX, maxY, rings: flat };
}

// Even-odd rule over every ring of the polygon: a point inside a hole crosses the outer ring and
// the hole's, and comes out. Rings may be closed (last = first) or not.
function polygonContains(rings: Float64Array[], x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    const n = r.length / 2;
    for (let k = 0, j = n - 1; k < n; j = k++) {
      const xk = r[2 * k];
      const yk = r[2 * k + 1];
      const xj = r[2 * j];
      const yj = r[2 * j + 1];
      if (yk > y !== yj > y && x < ((xj - xk) * (y - yk)) / (yj - yk) + xk) inside = !inside;
    }
  }
  return inside;
}
