import type { EventsFile } from '../../config/config.schema';
import type { EventState, StorySignature } from '../../events/event.types';
import { absorb, eventFor, newEventState, type Observation } from './event-state';
import { shareAcute, similarity, wordSimilarity } from './story';

export type { EventState } from '../../events/event.types';
export { newEventState, type Observation } from './event-state';

// Joins incidents into events across channels, in memory, with every candidate found through an
// index (subject key; place key; district + hour + word) whose lists are capped: the cost of one
// incident does not grow with the number of recent incidents. The database keeps each event's
// state, so a restart warms the index up again from recent events.

export interface Assignment {
  eventId: string;
  isNew: boolean;
  /** why the incident joined, e.g. "same merchant 海韵渔家大排档"; null for the first incident */
  reason: string | null;
  score: number | null;
}

const SUBJECT_CAP = 8;
const PLACE_CAP = 32;
const WORD_CAP = 16;
const WORDS_PER_INCIDENT = 8;
const MAX_CANDIDATES = 48;
const HOUR = 3_600_000;
// house numbers on one road this close are one spot (odd and even sides, a few doors apart)
const NEAR_NUMBERS = 12;

export class Correlator {
  private readonly events = new Map<string, EventState>();
  private readonly index = new Map<string, string[]>();
  /** which index keys each event is listed under, to unlist it when it expires */
  private readonly listedUnder = new Map<string, string[]>();
  /** hour bucket of lastAt → events, to expire them in order */
  private readonly expiry = new Map<number, Set<string>>();
  private readonly bucketOf = new Map<string, number>();
  private readonly subjectMs: number;
  private readonly placeMs: number;
  private readonly textMs: number;
  private readonly keepMs: number;
  private newest = 0;
  private sweptBucket = -1;

  constructor(private readonly cfg: Pick<EventsFile, 'windowHours' | 'similarity'>) {
    this.subjectMs = cfg.windowHours.subject * HOUR;
    this.placeMs = cfg.windowHours.place * HOUR;
    this.textMs = cfg.windowHours.text * HOUR;
    this.keepMs = Math.max(this.subjectMs, this.placeMs, this.textMs);
  }

  get size(): number {
    return this.events.size;
  }

  get(id: string): EventState | undefined {
    return this.events.get(id);
  }

  /** Finds the event an incident belongs to, or starts one, and takes the incident into it. */
  assign(o: Observation): Assignment {
    this.expire(o.at);
    if (o.praise) {
      // praise stands alone: it joins nothing, and nothing joins it
      const e = this.start(o);
      return { eventId: e.id, isNew: true, reason: null, score: null };
    }
    const found = this.bySubject(o) ?? this.byPlace(o) ?? this.byText(o);
    if (found) {
      const e = this.events.get(found.eventId)!;
      this.absorb(e, o, found.reason);
      return { eventId: e.id, isNew: false, reason: found.reason, score: found.score };
    }
    const e = this.start(o);
    return { eventId: e.id, isNew: true, reason: null, score: null };
  }

  /** Puts a stored event back (warm-up after a start). */
  restore(e: EventState): void {
    this.events.set(e.id, e);
    if (!e.standalone) this.listAll(e, { tokens: e.sigs.flatMap((s) => s.tokens) });
    this.schedule(e);
    if (e.lastAt > this.newest) this.newest = e.lastAt;
  }

  /**
   * Takes an incident into an event outside the search (a duty officer moved it there). The event
   * may be a detached copy: it is listed under its keys by replace().
   */
  join(e: EventState, o: Observation, reason: string | null): void {
    this.absorb(e, o, reason, false);
  }

  /**
   * An event's state built again from its incidents, oldest first (one was moved out): the same
   * id and identity (title, district, category, subject, place), its counts, channels, times,
   * keys and stories from what is left. Detached until replace().
   */
  rebuild(base: EventState, items: ReadonlyArray<{ o: Observation; reason: string | null }>): EventState {
    const first = items[0]?.o.at;
    const e = newEventState({
      id: base.id,
      title: base.title,
      district: base.district,
      category: base.category,
      subject: base.subject,
      place: base.place,
      firstAt: first ?? base.firstAt,
      lastAt: first ?? base.lastAt,
      createdAt: base.createdAt,
      watchArea: base.watchArea,
    });
    if (base.standalone) e.standalone = true;
    if (base.alerted) e.alerted = true;
    for (const { o, reason } of items) this.absorb(e, o, reason, false);
    return e;
  }

  /** Puts an event in place of the one with its id, listed under its keys as they are now. */
  replace(e: EventState): void {
    this.unlist(e.id);
    this.events.set(e.id, e);
    if (!e.standalone) this.listAll(e, { tokens: e.sigs.flatMap((s) => s.tokens) });
    this.schedule(e);
    if (e.lastAt > this.newest) this.newest = e.lastAt;
  }

  clear(): void {
    this.events.clear();
    this.index.clear();
    this.listedUnder.clear();
    this.expiry.clear();
    this.bucketOf.clear();
    this.newest = 0;
    this.sweptBucket = -1;
  }

  // ---- the three ways to join -------------------------------------------------------------

  private bySubject(o: Observation): { eventId: string; reason: string; score: number } | null {
    for (const key of o.subjects.keys) {
      const ids = this.index.get(`s|${key}`);
      if (!ids) continue;
      for (let i = ids.length - 1; i >= 0; i--) {
        const e = this.events.get(ids[i]!);
        if (!e || !this.within(e, o.at, this.subjectMs)) continue;
        // one name, two registrations: two merchants (two franchisees of one brand)
        if (key.startsWith('name:') && o.subjects.uscc && e.usccs.length > 0 && !e.usccs.includes(o.subjects.uscc)) continue;
        if (o.district && e.district && o.district !== e.district) continue;
        const label = key.startsWith('uscc:') ? `${e.subject ?? o.subjects.merchant ?? ''} (USCC ${key.slice(5)})`.trim() : key.slice(5);
        return { eventId: e.id, reason: `same merchant ${label}`, score: 1 };
      }
    }
    return this.byBrand(o);
  }

  // 银帆养生馆 named alone, with 深圳路 in the same text: the 银帆养生馆(深圳路店) event, when
  // exactly one branch of the brand is recent and its branch name is in the text
  private byBrand(o: Observation): { eventId: string; reason: string; score: number } | null {
    for (const key of o.subjects.keys) {
      if (!key.startsWith('name:') || key.includes('(')) continue;
      // the record names its own branch of this brand: that branch or nothing
      if (o.subjects.keys.some((k) => k.startsWith(`${key}(`))) continue;
      const ids = this.index.get(`b|${key.slice(5)}`);
      if (!ids) continue;
      const found = new Map<string, EventState>();
      for (const id of ids) {
        const e = this.events.get(id);
        if (!e || !this.within(e, o.at, this.subjectMs) || (o.district && e.district && o.district !== e.district)) continue;
        const branchKey = e.keys.find((k) => k.startsWith(`${key}(`));
        const branch = branchKey?.slice(key.length + 1, -1).replace(/(?:分店|门店|店|校区|馆)$/, '');
        if (branch && branch.length >= 2 && o.subjects.text.includes(branch)) found.set(e.id, e);
      }
      if (found.size === 1) {
        const e = [...found.values()][0]!;
        return { eventId: e.id, reason: `same merchant ${e.keys.find((k) => k.startsWith(`${key}(`))!.slice(5)}`, score: 1 };
      }
    }
    return null;
  }

  private byPlace(o: Observation): { eventId: string; reason: string; score: number } | null {
    let best: { eventId: string; reason: string; score: number } | null = null;
    for (const key of o.subjects.places) {
      const ids = this.index.get(`p|${key}`);
      if (!ids) continue;
      for (let i = ids.length - 1; i >= 0; i--) {
        const e = this.events.get(ids[i]!);
        if (!e || !this.within(e, o.at, this.placeMs)) continue;
        if (o.district && e.district && o.district !== e.district) continue;
        // a merchant's event takes another incident at its place only by the merchant's name
        if (e.keys.length > 0 && o.subjects.keys.length > 0) continue;
        // one fire brings many reports from one road; one road brings many unrelated complaints
        const acute = e.sigs.some((s) => shareAcute(s, o.story));
        if (!acute && key.startsWith('road:')) continue;
        if (key.startsWith('road:')) {
          // two estates or landmarks on one road, or two house numbers far apart, are two places;
          // a merchant's complaint is about the merchant, not about what happened on its road
          if (conflict(e.places, o.subjects.places) || o.subjects.keys.length > 0) continue;
          const road = key.slice(5);
          const a = e.numbers?.[road];
          const b = o.subjects.numbers[road];
          if (a !== undefined && b !== undefined && Math.abs(a - b) > NEAR_NUMBERS) continue;
        }
        let score: number;
        if (acute) score = this.storyScore(e, o.story);
        else {
          // a chronic complaint joins at a precise place only about the same thing, in like words
          if (!e.sigs.some((s) => s.concepts.some((c) => o.story.concepts.includes(c)))) continue;
          score = Math.max(...e.sigs.map((s) => wordSimilarity(s, o.story)));
        }
        const min = acute ? this.cfg.similarity.place : this.cfg.similarity.precisePlace;
        if (score >= min && (!best || score > best.score)) {
          best = { eventId: e.id, reason: `same place ${key.slice(key.indexOf(':') + 1)} + text similarity ${score.toFixed(2)}`, score };
        }
      }
    }
    return best;
  }

  private byText(o: Observation): { eventId: string; reason: string; score: number } | null {
    // words alone join only reports of one acute happening where nobody named the place
    if (!o.district || o.subjects.keys.length > 0 || o.subjects.places.length > 0 || !o.story.acute?.length) return null;
    const seen = new Set<string>();
    let best: { eventId: string; reason: string; score: number } | null = null;
    const hours = Math.ceil(this.textMs / HOUR);
    const bucket = Math.floor(o.at / HOUR);
    for (const word of this.wordsOf(o.story)) {
      for (let h = 0; h <= hours; h++) {
        const ids = this.index.get(`w|${o.district}|${bucket - h}|${word}`);
        if (!ids) continue;
        for (let i = ids.length - 1; i >= 0 && seen.size < MAX_CANDIDATES; i--) {
          const id = ids[i]!;
          if (seen.has(id)) continue;
          seen.add(id);
          const e = this.events.get(id);
          if (!e || !this.within(e, o.at, this.textMs) || e.keys.length > 0 || e.places.length > 0) continue;
          if (!e.sigs.some((s) => shareAcute(s, o.story))) continue;
          const score = this.storyScore(e, o.story);
          if (score >= this.cfg.similarity.text && (!best || score > best.score)) {
            best = { eventId: e.id, reason: `same district ${o.district} + text similarity ${score.toFixed(2)}`, score };
          }
        }
      }
    }
    return best;
  }

  // ---- event upkeep ---------------------------------------------------------------------------

  private start(o: Observation): EventState {
    const e = eventFor(o);
    this.events.set(e.id, e);
    this.absorb(e, o, null, !e.standalone);
    return e;
  }

  private absorb(e: EventState, o: Observation, reason: string | null, listed = true): void {
    absorb(e, o, reason);
    if (listed) this.listAll(e, o.story, o);
    this.schedule(e);
    if (o.at > this.newest) this.newest = o.at;
  }

  private listAll(e: EventState, story: { tokens: string[] }, o?: Observation): void {
    for (const k of e.keys) {
      this.list(e.id, `s|${k}`, SUBJECT_CAP);
      // a branch is also listed under its brand, for texts that name the brand alone
      const brand = /^name:(.+)\(.+\)$/.exec(k)?.[1];
      if (brand) this.list(e.id, `b|${brand}`, SUBJECT_CAP);
    }
    // roads join acute stories only, so only those are listed under a road: a busy road's list
    // is not filled up with complaints that could never join
    const acute = e.sigs.some((sig) => (sig.acute?.length ?? 0) > 0);
    for (const p of e.places) if (acute || !p.startsWith('road:')) this.list(e.id, `p|${p}`, PLACE_CAP);
    // a few stories are enough to find an event by its words; a big event is found by place
    if (e.district && e.keys.length === 0 && e.places.length === 0 && e.incidentCount <= 5 && story.tokens.length > 0) {
      const at = o?.at ?? e.lastAt;
      for (const w of this.wordsOf(story)) this.list(e.id, `w|${e.district}|${Math.floor(at / HOUR)}|${w}`, WORD_CAP);
    }
  }

  private list(id: string, key: string, cap: number): void {
    let ids = this.index.get(key);
    if (!ids) this.index.set(key, (ids = []));
    if (ids.includes(id)) return;
    ids.push(id);
    if (ids.length > cap) ids.shift();
    let under = this.listedUnder.get(id);
    if (!under) this.listedUnder.set(id, (under = []));
    under.push(key);
  }

  private schedule(e: EventState): void {
    const bucket = Math.floor(e.lastAt / HOUR);
    const prev = this.bucketOf.get(e.id);
    if (prev === bucket) return;
    if (prev !== undefined) this.expiry.get(prev)?.delete(e.id);
    let set = this.expiry.get(bucket);
    if (!set) this.expiry.set(bucket, (set = new Set()));
    set.add(e.id);
    this.bucketOf.set(e.id, bucket);
  }

  /** Drops events whose latest incident is older than every window allows. */
  private expire(at: number): void {
    const now = Math.max(at, this.newest);
    const last = Math.floor((now - this.keepMs) / HOUR) - 1;
    if (last === this.sweptBucket) return;
    this.sweptBucket = last;
    for (const [bucket, ids] of this.expiry) {
      if (bucket > last) continue;
      for (const id of ids) this.forget(id);
      this.expiry.delete(bucket);
    }
  }

  private forget(id: string): void {
    this.events.delete(id);
    this.bucketOf.delete(id);
    this.unlist(id);
  }

  private unlist(id: string): void {
    for (const key of this.listedUnder.get(id) ?? []) {
      const ids = this.index.get(key);
      if (!ids) continue;
      const i = ids.indexOf(id);
      if (i >= 0) ids.splice(i, 1);
      if (ids.length === 0) this.index.delete(key);
    }
    this.listedUnder.delete(id);
  }

  private within(e: EventState, at: number, windowMs: number): boolean {
    return at <= e.lastAt + windowMs && at >= e.firstAt - windowMs;
  }

  private storyScore(e: EventState, story: StorySignature): number {
    let best = 0;
    for (const s of e.sigs) best = Math.max(best, similarity(s, story));
    return best;
  }

  // the longest content words stand for a story in the word index (long words are rare words)
  private wordsOf(story: { tokens: string[] }): string[] {
    return story.tokens
      .filter((t) => !t.startsWith('#'))
      .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
      .slice(0, WORDS_PER_INCIDENT);
  }
}

/** Both name precise places (landmarks, estates) and none of them is the same. */
function conflict(a: string[], b: string[]): boolean {
  const precise = (x: string[]) => x.filter((k) => !k.startsWith('road:'));
  const pa = precise(a);
  const pb = precise(b);
  return pa.length > 0 && pb.length > 0 && !pa.some((k) => pb.includes(k));
}
