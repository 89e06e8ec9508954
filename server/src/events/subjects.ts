import { normalizeText } from '../text/segmenter';

// Subjects and places named in a record: merchants (by uscc, else a normalized name) and the
// landmarks and roads it happened at. Lexicons come from config/lexicons/subjects.yaml.

export interface SubjectLexicon {
  kinds: string[];
  branch: string;
  boundaries: string[];
  generic: string[];
  roads: string[];
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
  uscc: string | null;
  /** `place:…` (landmark) and `road:…` keys */
  places: string[];
  /** the place to show */
  place: string | null;
}

const HAN_OR_WORD = /[\p{Script=Han}A-Za-z0-9·]/u;
const MAX_PREFIX = 10;
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
  private readonly boundaries: string[];
  private readonly generic: Set<string>;
  private readonly roads: RegExp;
  private readonly notRoads: Set<string>;
  private readonly roadBoundaries: string[];
  private readonly districtNames: string[];
  private readonly landmarks: Array<{ alias: string; name: string; district: string }>;
  private readonly cityPrefix: RegExp;

  constructor(lex: SubjectLexicon, opts: { city: string; districts: string[]; landmarks: Array<{ name: string; district: string; aliases: string[] }> }) {
    // 青岛市 and 青岛 (with or without its province) in front of a name are not part of it
    const short = opts.city.replace(/市$/, '');
    this.cityPrefix = new RegExp(`^(?:[\\p{Script=Han}]{2,3}省)?(?:${escape(opts.city)}|${escape(short)})`, 'u');
    this.kinds = alternation(lex.kinds);
    this.kindAtStart = new RegExp(`^(?:${alternation(lex.kinds).source})`, 'u');
    this.branch = new RegExp(`^${lex.branch}`, 'u');
    this.districtNames = [...opts.districts].sort((a, b) => b.length - a.length);
    // district names end a name too: 市南区海韵渔家 → 海韵渔家
    this.boundaries = [...new Set([...lex.boundaries, ...opts.districts].map(normalizeText))].sort((a, b) => b.length - a.length);
    this.generic = new Set(lex.generic.map(normalizeText));
    this.roads = alternation(lex.roads);
    this.notRoads = new Set(lex.notRoads.map(normalizeText));
    this.roadBoundaries = [...new Set(['在', '到', '从', '于', '的', '了', '去', '往', '沿', '经', '至', '近', '靠', '位于', '市', '区', '县', '镇', '号', '和', '与', '及', ...lex.roads, ...opts.districts])].sort(
      (a, b) => b.length - a.length,
    );
    this.landmarks = [];
    for (const l of opts.landmarks) {
      for (const alias of new Set([l.name, ...l.aliases])) {
        if (alias.length >= 2) this.landmarks.push({ alias: normalizeText(alias), name: l.name, district: l.district });
      }
    }
    this.landmarks.sort((a, b) => b.alias.length - a.alias.length);
  }

  /** Every subject and place of one record. */
  extract(input: { merchant?: { name: string; uscc: string | null; address: string | null } | null; texts: Array<string | null | undefined>; district: string | null }): Subjects {
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
    const texts = [...input.texts, input.merchant?.address].filter((t): t is string => typeof t === 'string' && t.length > 0).map(normalizeText);
    for (const text of texts) {
      for (const found of this.names(text)) {
        const key = `name:${found}`;
        if (!keys.includes(key)) {
          keys.push(key);
          merchant ??= found;
        }
      }
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
      for (const road of this.roadsIn(text)) {
        const key = `road:${road}`;
        if (!places.includes(key)) places.push(key);
        place ??= road;
      }
    }
    return { keys: keys.slice(0, 8), merchant, uscc, places: places.slice(0, 8), place };
  }

  /** A merchant name as a key: no city prefix, no company suffix, one kind of bracket. */
  normalizeName(raw: string): string | null {
    let n = normalizeText(raw).replace(/\s+/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')');
    n = n.replace(this.cityPrefix, '');
    for (const d of this.districtNames) if (n.startsWith(d)) n = n.slice(d.length);
    n = n.replace(COMPANY_SUFFIX, '');
    const base = n.replace(/\(.*\)$/, '');
    if (base.length < 2 || this.generic.has(base)) return null;
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
      const prefix = this.prefixBefore(text, m.index, this.boundaries);
      const branch = this.branch.exec(text.slice(end));
      const kind = text.slice(m.index, end);
      this.kinds.lastIndex = end + (branch ? branch[0].length : 0);
      if (prefix.length < 2 && [...kind].length < 3) continue;
      if (prefix.length === 0) continue;
      const name = this.normalizeName(prefix + kind + (branch ? `(${branch[1]})` : ''));
      if (name && !out.includes(name)) out.push(name);
    }
    return out;
  }

  private landmarksIn(text: string): Array<{ name: string; district: string }> {
    const out: Array<{ name: string; district: string }> = [];
    for (const l of this.landmarks) {
      if (text.includes(l.alias) && !out.some((o) => o.name === l.name)) out.push(l);
      if (out.length >= 4) break;
    }
    return out;
  }

  /** Road names: 云霄路, 台东三路, 香港中路. */
  roadsIn(text: string): string[] {
    const out: string[] = [];
    this.roads.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = this.roads.exec(text)) !== null) {
      const prefix = this.prefixBefore(text, m.index, this.roadBoundaries, 6);
      if (prefix.length < 2) continue;
      const road = (prefix + m[0]).replace(this.cityPrefix, '');
      if (road.length < 3 || this.notRoads.has(road) || /^\d+$/.test(prefix)) continue;
      if (!out.includes(road)) out.push(road);
    }
    return out;
  }

  // The characters before `at` that can belong to a name: word characters only, cut after the
  // last boundary word, leading digits dropped.
  private prefixBefore(text: string, at: number, boundaries: string[], max = MAX_PREFIX): string {
    let start = at;
    while (start > 0 && at - start < max + 4 && HAN_OR_WORD.test(text[start - 1]!)) start--;
    let prefix = text.slice(start, at);
    let cut = 0;
    for (const b of boundaries) {
      const i = prefix.lastIndexOf(b);
      if (i >= 0 && i + b.length > cut) cut = i + b.length;
    }
    prefix = prefix.slice(cut).replace(/^[\d·]+/, '');
    return prefix.length > max ? prefix.slice(prefix.length - max) : prefix;
  }
}
