import { normalizeText } from './text/segmenter';
import { WordIndex } from './text/word-index';

// Subjects and places named in a record: merchants (by uscc, else a normalized name) and the
// landmarks and roads it happened at. Lexicons come from config/lexicons/subjects.yaml.

export interface SubjectLexicon {
  kinds: string[];
  branch: string;
  bareBranch: string;
  boundaries: string[];
  generic: string[];
  estates: string[];
  notEstates: string[];
  roads: string[];
  notRoadEndings: string[];
  notRoads: string[];
}

export interface PlaceName {
  name: string;
  district: string;
}

export interface Subjects {
  /** `uscc:…` and `name:…` keys, strongest first */
  keys: string[];
  /** the merchant name to show (the first one found) */
  merchant: string | null;
  /** the key of the name the feed gave in its merchant field (12315): reliable enough to learn */
  fieldKey: string | null;
  uscc: string | null;
  /** `place:…` (landmark), `estate:…` and `road:…` keys, precise first */
  places: string[];
  /** house numbers on roads: 杭州路 → 270 (two numbers far apart on one road are two places) */
  numbers: Record<string, number>;
  /** the place to show */
  place: string | null;
  /** the record's texts, normalized and cut short: where a brand named alone finds its branch */
  text: string;
}

const HAN_OR_WORD = /[\p{Script=Han}A-Za-z0-9·]/u;
// HAN_OR_WORD for each UTF-16 unit, read off the expression itself once
let hanOrWord: Uint8Array | null = null;
function hanOrWordTable(): Uint8Array {
  if (!hanOrWord) {
    hanOrWord = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) if (HAN_OR_WORD.test(String.fromCharCode(c))) hanOrWord[c] = 1;
  }
  return hanOrWord;
}
const MAX_PREFIX = 10;
const MAX_KNOWN_ROADS = 100_000;
const COMPANY_SUFFIX = /(?:股份有限公司|有限责任公司|有限公司|分公司|个体工商户)$/;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(words: string[]): RegExp {
  const sorted = [...new Set(words.map((w) => normalizeText(w)))].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(escape).join('|'), 'gu');
}

export class SubjectExtractor {
  private readonly kinds: RegExp;
  private readonly kindAtStart: RegExp;
  private readonly branch: RegExp;
  private readonly bareBranch: RegExp;
  private readonly singleKinds: Set<string>;
  private readonly kindWords: Set<string>;
  private readonly estates: RegExp;
  private readonly notEstates: Set<string>;
  private readonly notRoadEndings: string[];
  private readonly landmarkNames: Set<string>;
  private readonly roadAfter: RegExp;
  private readonly houseNumber: RegExp;
  private readonly boundaries: string[];
  private readonly boundaryIndex: WordIndex<null>;
  private readonly generic: Set<string>;
  private readonly roads: RegExp;
  private readonly notRoads: Set<string>;
  private readonly roadBoundaries: string[];
  private readonly roadBoundaryIndex: WordIndex<null>;
  private readonly isNameChar: Uint8Array;
  private readonly districtNames: string[];
  private readonly landmarks: Array<{ alias: string; name: string; district: string }>;
  /** alias → its place in `landmarks` */
  private readonly landmarkIndex: WordIndex<number>;
  private readonly cityPrefix: RegExp;
  /** roads read from address fields: in free text a road found with a longer prefix is cut to one of these */
  private readonly knownRoads = new Set<string>();

  constructor(
    lex: SubjectLexicon,
    opts: {
      city: string;
      districts: string[];
      districtAliases?: string[];
      landmarks: Array<{ name: string; district: string; aliases: string[] }>;
    },
  ) {
    // 青岛市 and 青岛 (with or without its province) in front of a name are not part of it
    const short = opts.city.replace(/市$/, '');
    this.cityPrefix = new RegExp(`^(?:[\\p{Script=Han}]{2,3}省)?(?:${escape(opts.city)}|${escape(short)})`, 'u');
    this.kinds = alternation(lex.kinds);
    this.kindAtStart = new RegExp(`^(?:${alternation(lex.kinds).source})`, 'u');
    this.branch = new RegExp(`^${lex.branch}`, 'u');
    this.bareBranch = new RegExp(`^${lex.bareBranch}`, 'u');
    this.singleKinds = new Set(lex.kinds.map(normalizeText).filter((k) => k.length === 1));
    this.kindWords = new Set(lex.kinds.map(normalizeText));
    this.estates = alternation(lex.estates);
    this.notEstates = new Set(lex.notEstates.map(normalizeText));
    this.notRoadEndings = lex.notRoadEndings.map(normalizeText);
    this.houseNumber = new RegExp(`([\\p{Script=Han}]{1,8}(?:${lex.roads.map(escape).join('|')}))(\\d{1,5})号`, 'gu');
    this.roadAfter = new RegExp(`^(?:[一二三四五六七八九十东西南北中]?(?:${lex.roads.map(escape).join('|')}))`, 'u');
    // 崂山 in 崂山金色聚福海鲜大酒楼 says where it is, not who it is
    this.districtNames = [...opts.districts, ...(opts.districtAliases ?? [])]
      .filter((d) => d.length >= 2)
      .sort((a, b) => b.length - a.length);
    // district names end a name too: 市南区海韵渔家 → 海韵渔家
    const districtWords = [...opts.districts, ...(opts.districtAliases ?? [])];
    // district names end a name too (市南区海韵渔家 → 海韵渔家); the longest boundary wins, so 市北
    // ends 市北阿杜欧雅便利店 before 市 does
    this.boundaries = [...new Set([...lex.boundaries, ...districtWords].map(normalizeText))].sort((a, b) => b.length - a.length);
    this.generic = new Set(lex.generic.map(normalizeText));
    this.roads = alternation(lex.roads);
    this.notRoads = new Set(lex.notRoads.map(normalizeText));
    // the words that end a name end a road's name too, and so do other roads and districts (full names: 即墨 in 即墨路 is the road's)
    this.roadBoundaries = [
      ...new Set(
        [
          ...lex.boundaries,
          '沿',
          '经',
          '至',
          '近',
          '靠',
          '位于',
          '这条',
          '那条',
          '一条',
          '整条',
          '这段',
          '那段',
          '一段',
          '家住',
          '住在',
          ...lex.roads,
          ...opts.districts,
        ].map(normalizeText),
      ),
    ].sort((a, b) => b.length - a.length);
    this.landmarks = [];
    for (const l of opts.landmarks) {
      for (const alias of new Set([l.name, ...l.aliases])) {
        if (alias.length >= 2) this.landmarks.push({ alias: normalizeText(alias), name: l.name, district: l.district });
      }
    }
    this.landmarks.sort((a, b) => b.alias.length - a.alias.length);
    this.landmarkNames = new Set(this.landmarks.map((l) => l.alias));
    this.landmarkIndex = new WordIndex(this.landmarks.map((l, k) => [l.alias, k] as const));
    this.boundaryIndex = new WordIndex(this.boundaries.map((b) => [b, null] as const));
    this.roadBoundaryIndex = new WordIndex(this.roadBoundaries.map((b) => [b, null] as const));
    this.isNameChar = hanOrWordTable();
  }

  /** Every subject and place of one record. */
  extract(input: {
    merchant?: { name: string; uscc: string | null; address: string | null } | null;
    texts: Array<string | null | undefined>;
    /** the record's address field, if any (read as free text too, and trusted for road names) */
    address?: string | null;
    district: string | null;
  }): Subjects {
    const free = input.texts.filter((t): t is string => typeof t === 'string' && t.length > 0);
    const addresses = [input.address, input.merchant?.address].filter((t): t is string => typeof t === 'string' && t.length > 0);
    return this.extractRead({
      merchant: input.merchant,
      texts: [...free, ...addresses].map(normalizeText),
      addressCount: addresses.length,
    });
  }

  /**
   * extract() of texts already normalized (normalizeText): the non-empty free texts, then the
   * non-empty address fields (the record's, then the merchant's), `addressCount` of them.
   */
  extractRead(input: {
    merchant?: { name: string; uscc: string | null } | null;
    texts: readonly string[];
    addressCount: number;
  }): Subjects {
    const keys: string[] = [];
    let merchant: string | null = null;
    const uscc = input.merchant?.uscc ? input.merchant.uscc.toUpperCase() : null;
    if (uscc) keys.push(`uscc:${uscc}`);
    if (input.merchant?.name) {
      const name = this.normalizeName(input.merchant.name);
      if (name) {
        keys.push(`name:${name}`);
        merchant = input.merchant.name.trim();
      }
    }
    const { texts, addressCount } = input;
    const fieldName = keys.find((k) => k.startsWith('name:'))?.slice(5);
    const found = new Set<string>();
    for (const text of texts) for (const name of this.names(text)) found.add(name);
    for (const name of found) {
      // 家瑜伽馆 read from 智优鲜到家瑜伽馆: the tail of a longer name is not a name of its own
      const tail = [...found, fieldName].some(
        (other) => other && other !== name && other.length > name.length && other.replace(/\(.*\)$/, '').endsWith(name),
      );
      const key = `name:${name}`;
      if (tail || keys.includes(key)) continue;
      keys.push(key);
      merchant ??= name;
    }
    const places: string[] = [];
    let place: string | null = null;
    for (const text of texts) {
      for (const l of this.landmarksIn(text)) {
        const key = `place:${l.name}`;
        if (!places.includes(key)) places.push(key);
        place ??= l.name;
      }
    }
    for (const text of texts) {
      for (const estate of this.estatesIn(text)) {
        const key = `estate:${estate}`;
        if (!places.includes(key)) places.push(key);
        place ??= estate;
      }
    }
    for (const [i, text] of texts.entries()) {
      // an address field names its road cleanly: remember it, to cut free text's reading to it
      const isAddress = i >= texts.length - addressCount;
      for (const found of this.roadsIn(text)) {
        const road = isAddress ? found : this.knownRoadIn(found);
        if (isAddress) this.learnRoad(road);
        const key = `road:${road}`;
        if (!places.includes(key)) places.push(key);
        place ??= road;
      }
    }
    const numbers: Record<string, number> = {};
    for (const text of texts) {
      // a house number ends with 号
      if (!text.includes('号')) continue;
      for (const m of text.matchAll(this.houseNumber)) {
        const road = places.find((p) => p.startsWith('road:') && m[1]!.endsWith(p.slice(5)))?.slice(5);
        if (road && numbers[road] === undefined) numbers[road] = Number(m[2]);
      }
    }
    const fieldKey = fieldName ? `name:${fieldName}` : null;
    return {
      keys: keys.slice(0, 8),
      merchant,
      fieldKey,
      uscc,
      places: places.slice(0, 8),
      place,
      numbers,
      text: texts.join(' ').slice(0, 400),
    };
  }

  /** A merchant name as a key: no city prefix, no company suffix, one kind of bracket. */
  normalizeName(raw: string): string | null {
    let n = normalizeText(raw).replace(/\s+/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')');
    n = n.replace(this.cityPrefix, '');
    for (const d of this.districtNames) if (n.startsWith(d)) n = n.slice(d.length);
    n = n.replace(COMPANY_SUFFIX, '');
    const base = n.replace(/\(.*\)$/, '');
    if (base.length < 2 || this.generic.has(base) || this.landmarkNames.has(base) || this.kindWords.has(base)) return null;
    // 面包店, 水果店: two characters and a one-character kind say what is sold, not who sells it
    if (base.length <= 3 && this.singleKinds.has(base.slice(-1))) return null;
    return n.slice(0, 60);
  }

  /** Business names written in free text: 海韵渔家大排档, 力美健身(台东店). */
  names(text: string): string[] {
    const out: string[] = [];
    this.kinds.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = this.kinds.exec(text)) !== null) {
      let end = m.index + m[0].length;
      // a kind right after a kind is one name: 海韵渔家大排档, not 海韵渔家 and 大排档
      for (;;) {
        const more = this.kindAtStart.exec(text.slice(end));
        if (!more) break;
        end += more[0].length;
      }
      const prefix = this.prefixBefore(text, m.index, this.boundaryIndex);
      const rest = text.slice(end);
      const kind = text.slice(m.index, end);
      // a branch in brackets, or written straight after a name that is not itself a 店
      const branch = this.branch.exec(rest) ?? this.bareBranch.exec(rest);
      this.kinds.lastIndex = end + (branch ? branch[0].length : 0);
      // the branch in 稻香舞蹈工作室(三里河店) is not a merchant of its own
      const before = text[m.index - prefix.length - 1];
      if (before === '(' || before === '（') continue;
      if (prefix.length < 2 && [...kind].length < 3) continue;
      if (prefix.length === 0) continue;
      const name = this.normalizeName(prefix + kind + (branch ? `(${branch[1]})` : ''));
      if (name && !out.includes(name)) out.push(name);
    }
    return out;
  }

  private landmarksIn(text: string): Array<{ name: string; district: string }> {
    const out: Array<{ name: string; district: string }> = [];
    // the landmarks whose alias occurs, in the order of the list
    const present: number[] = [];
    this.landmarkIndex.each(text, (k) => {
      if (!present.includes(k)) present.push(k);
    });
    if (present.length === 0) return out;
    present.sort((a, b) => a - b);
    for (const k of present) {
      const l = this.landmarks[k]!;
      if (out.length >= 4) break;
      if (out.some((o) => o.name === l.name)) continue;
      // 灵山湾 in 灵山湾路 names a road, not the bay
      for (let at = text.indexOf(l.alias); at >= 0; at = text.indexOf(l.alias, at + 1)) {
        if (!this.roadAfter.test(text.slice(at + l.alias.length, at + l.alias.length + 2))) {
          out.push(l);
          break;
        }
      }
    }
    return out;
  }

  /** Estates and buildings: 海尔里小区 → 海尔里, 融创雅居, 万达广场. */
  estatesIn(text: string): string[] {
    const out: string[] = [];
    for (const { whole, suffix } of this.suffixedNames(text, this.estates, 8)) {
      if (this.notEstates.has(whole)) continue;
      // 海尔里小区 and 海尔里 are one estate
      const name = suffix === '小区' || suffix === '社区' ? whole.slice(0, -2) : whole;
      if (name.length >= 2 && !out.includes(name)) out.push(name);
    }
    return out;
  }

  private learnRoad(road: string): void {
    if (this.knownRoads.size >= MAX_KNOWN_ROADS) return;
    this.knownRoads.add(road);
  }

  // 次下雨香港中路 (read from 每次下雨香港中路) is 香港中路 when that road is known from an address
  private knownRoadIn(road: string): string {
    for (let start = 1; start <= road.length - 3; start++) {
      const tail = road.slice(start);
      if (this.knownRoads.has(tail)) return tail;
    }
    return road;
  }

  /** Road names: 云霄路, 台东三路, 香港中路. */
  roadsIn(text: string): string[] {
    const out: string[] = [];
    for (const { whole: road, prefix } of this.suffixedNames(text, this.roads, 6)) {
      if (this.notRoads.has(road) || /^\d+$/.test(prefix) || this.notRoadEndings.some((e) => road.endsWith(e))) continue;
      if (!out.includes(road)) out.push(road);
    }
    return out;
  }

  // Every place name a text writes as 2–max characters before one of `suffixes` (路, 小区 …), cut
  // at the words that end a name, the city's name dropped; at least 3 characters in all.
  private *suffixedNames(text: string, suffixes: RegExp, max: number): Generator<{ whole: string; prefix: string; suffix: string }> {
    suffixes.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = suffixes.exec(text)) !== null) {
      const prefix = this.prefixBefore(text, m.index, this.roadBoundaryIndex, max);
      if (prefix.length < 2) continue;
      const whole = (prefix + m[0]).replace(this.cityPrefix, '');
      if (whole.length >= 3) yield { whole, prefix, suffix: m[0] };
    }
  }

  // The characters before `at` that can belong to a name: word characters only, cut after the
  // last boundary word, leading digits dropped.
  private prefixBefore(text: string, at: number, boundaries: WordIndex<null>, max = MAX_PREFIX): string {
    let start = at;
    while (start > 0 && at - start < max + 4 && this.isNameChar[text.charCodeAt(start - 1)] === 1) start--;
    // after the furthest end of a boundary word
    const end = boundaries.lastEnd(text, start, at);
    let from = end > start ? end : start;
    // leading digits and ·
    for (let c = text.charCodeAt(from); from < at && ((c >= 0x30 && c <= 0x39) || c === 0xb7); c = text.charCodeAt(++from));
    return text.slice(at - from > max ? at - max : from, at);
  }
}
