import { addWords, normalizeText, segment } from '../text/segmenter';
import type { SentimentLexicon } from '../../../config/lexicons';

export interface SentimentScore {
  // 0..1: 0.5 neutral (no sentiment found), above it negative
  negativity: number;
  // -1..1: the same signal centred on 0, positive for praise
  polarity: number;
  // the terms that counted, in order of appearance, as they stand in the text (不满意, [泪])
  negative: string[];
  positive: string[];
}

// How far back a negator or degree word still reaches, in words.
const WINDOW = 3;
// A negated positive word turns fully negative (不满意); a negated negative word is only mildly
// positive (不贵), and a degree word between the negator and the word softens it (不太好).
const FLIP_POSITIVE = 1;
const FLIP_NEGATIVE = 0.5;
const SOFTENED = 0.5;
// Each exclamation mark closing a clause strengthens it, up to three.
const EXCLAIM = 0.15;
// A repeated emoticon counts half each further time.
const REPEAT = 0.5;
// An emoticon is the writer's own feeling, a word may describe someone else's: an emoticon
// counts 1.5 times a word of the same weight.
const EMOTICON_WEIGHT = 1.5;
// A repost quotes earlier posts after //@: the quoted part counts half.
const QUOTED = 0.5;
// polarity = tanh(sum / SCALE): one clear word (weight 2) gives about ±0.58
const SCALE = 3;
// The window segmented around a sentiment word, in characters: room for three words before it
// (一点也不 满意) and a glued suffix after it (累死了).
const BEFORE = 8;
const AFTER = 3;
// Very long texts are read up to here: the tone of a post is set early.
const MAX_CHARS = 1000;
// particles glued to a word by the segmenter (太好了, 糟透了啊)
const PARTICLES = new Set(['了', '啊', '呀', '啦', '哦', '吧', '呢', '嘛', '的', '哈', '哇', '喔']);

const EMOTICON = /\[[^[\]\s]{1,12}\]/g;
const MENTION = /@[\p{L}\p{N}_-]{1,15}/gu;
const URL = /https?:\/\/[\w./?=&%#-]+/g;
const CLAUSE = /([^,，。.!！?？;；:：…~～\n\r、]+)([,，。.!！?？;；:：…~～\n\r、]*)/g;

// One word of a clause: key is what the lexicon is asked, text what the explanation shows.
interface Part {
  key: string;
  text: string;
}

// A stretch of a clause around its sentiment words.
interface Span {
  span: string;
  weight: number;
}

type Item = Span | { emoticon: string; value: number };

/**
 * A text as sentiment reads it: emoticons and the stretches around sentiment words, in order of
 * appearance; `segmentable` is the stretches joined by a mark no word crosses, to be segmented
 * whole (segment(segmentable, segmentable.length)) and handed to scoreWords().
 */
export interface SentimentText {
  items: readonly Item[];
  segmentable: string;
}

export class SentimentScorer {
  // signed weights: negative words below 0
  private readonly words = new Map<string, number>();
  private readonly negators: Set<string>;
  private readonly degrees: Map<string, number>;
  private readonly emoticons = new Map<string, number>();
  private readonly expansions = new Map<string, Part[]>();
  // sentiment words by their first character: a clause holding none of them is not segmented
  private readonly byFirst = new Map<number, string[]>();
  // 1 for the UTF-16 units some sentiment word starts with
  private readonly starts = new Uint8Array(0x10000);

  // Teaches the segmenter the lexicon's words (addWords): the dictionary is shared by the process.
  constructor(lexicon: SentimentLexicon) {
    for (const [w, n] of Object.entries(lexicon.negative)) this.words.set(normalizeText(w), -n);
    for (const [w, n] of Object.entries(lexicon.positive)) this.words.set(normalizeText(w), n);
    this.negators = new Set(lexicon.negation.map(normalizeText));
    this.degrees = new Map(Object.entries(lexicon.degree).map(([w, m]) => [normalizeText(w), m]));
    for (const [e, n] of Object.entries(lexicon.emoticons)) this.emoticons.set(normalizeText(e), n);
    for (const w of this.words.keys()) {
      const first = w.charCodeAt(0);
      this.starts[first] = 1;
      const list = this.byFirst.get(first);
      if (list) list.push(w);
      else this.byFirst.set(first, [w]);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
    addWords([...this.words.keys(), ...this.negators, ...this.degrees.keys()]);
  }

  score(text: string): SentimentScore {
    const read = this.read(text);
    if (!read) return { negativity: 0.5, polarity: 0, negative: [], positive: [] };
    return this.scoreWords(read, read.segmentable ? segment(read.segmentable, read.segmentable.length) : []);
  }

  /** What of a text is scored, and what of it is to be segmented; null for no text. */
  read(text: string): SentimentText | null {
    if (typeof text !== 'string' || !text) return null;
    // normalized once (full-width letters and digits as half-width, letters lower case); a line
    // break ends a clause before it turns into a space
    const head = normalizeText((text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text).replace(/[\r\n]+/g, '。'));
    const cut = head.indexOf('//@');
    const items: Item[] = [];
    const seen = new Map<string, number>();
    this.collect(cut < 0 ? head : head.slice(0, cut), 1, items, seen);
    if (cut >= 0) this.collect(head.slice(cut), QUOTED, items, seen);
    // one call to the segmenter for all spans: they are joined by a mark no word crosses
    const segmentable = items
      .filter((it): it is Span => 'span' in it)
      .map((sp) => sp.span)
      .join('。');
    return { items, segmentable };
  }

  /** The score of a text read by read(), given the words of its `segmentable`. */
  scoreWords(read: SentimentText, words: readonly string[]): SentimentScore {
    const { items, segmentable: joined } = read;
    const spans = items.filter((it): it is Span => 'span' in it);
    const parts = spans.map((): Part[] => []);
    let k = 0;
    let end = spans[0]?.span.length ?? 0;
    let cursor = 0;
    for (const w of words) {
      const at = joined.indexOf(w, cursor);
      if (at < 0) continue;
      cursor = at + w.length;
      while (at >= end && k < spans.length - 1) end += 1 + spans[++k]!.span.length;
      parts[k]!.push(...this.expand(w));
    }

    const negative: string[] = [];
    const positive: string[] = [];
    const note = (term: string, value: number) => {
      const list = value < 0 ? negative : positive;
      if (term && !list.includes(term)) list.push(term);
    };
    let sum = 0;
    let s = 0;
    for (const it of items) {
      if ('span' in it) {
        for (const hit of this.hits(parts[s++]!)) {
          sum += hit.value * it.weight;
          note(hit.term, hit.value);
        }
      } else {
        sum += it.value;
        note(it.emoticon, it.value);
      }
    }
    const polarity = Math.tanh(sum / SCALE);
    return { negativity: (1 - polarity) / 2, polarity, negative, positive };
  }

  // Emoticons and the spans of text worth segmenting, in order of appearance.
  private collect(text: string, share: number, items: Item[], seen: Map<string, number>): void {
    const plain = text.replace(URL, '。').replace(MENTION, '。');
    // an unknown emoticon's name is read as words ([悲催] still reads 悲催)
    let from = 0;
    for (const m of plain.matchAll(EMOTICON)) {
      this.spans(plain.slice(from, m.index), share, items);
      from = m.index + m[0].length;
      const key = m[0];
      const w = this.emoticons.get(key);
      if (w === undefined) {
        this.spans(m[0].slice(1, -1), share, items);
        continue;
      }
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      items.push({ emoticon: key, value: (n === 0 ? w : w * REPEAT) * EMOTICON_WEIGHT * share });
    }
    this.spans(plain.slice(from), share, items);
  }

  // Per clause, the windows around the sentiment words it holds: segmenting costs far more than
  // finding them, and a clause without one cannot score.
  private spans(text: string, share: number, items: Item[]): void {
    for (const m of text.matchAll(CLAUSE)) {
      const clause = m[1] ?? '';
      const exclaims = Math.min(3, ((m[2] ?? '').match(/[!！]/g) ?? []).length);
      const weight = share * (1 + EXCLAIM * exclaims);
      let open = -1;
      let close = -1;
      for (let i = 0; i < clause.length; i++) {
        if (this.starts[clause.charCodeAt(i)] === 0) continue;
        let w: string | undefined;
        for (const x of this.byFirst.get(clause.charCodeAt(i))!) {
          if (clause.startsWith(x, i)) {
            w = x;
            break;
          }
        }
        if (!w) continue;
        const a = Math.max(0, i - BEFORE);
        const b = Math.min(clause.length, i + w.length + AFTER);
        i += w.length - 1;
        if (open >= 0 && a <= close) close = Math.max(close, b);
        else {
          if (open >= 0) items.push({ span: clause.slice(open, close), weight });
          open = a;
          close = b;
        }
      }
      if (open >= 0) items.push({ span: clause.slice(open, close), weight });
    }
  }

  // The sentiment words of one clause with their negators and degree words applied.
  private hits(parts: Part[]): Array<{ term: string; value: number }> {
    const out: Array<{ term: string; value: number }> = [];
    let last = -1; // index of the word the last hit scored
    for (let i = 0; i < parts.length; i++) {
      const t = parts[i]!.key;
      const base = this.words.get(t);
      if (base === undefined) continue;
      // a one-character degree word right after a sentiment word strengthens it (笑 死 我了)
      const suffix = t.length === 1 ? this.degrees.get(t) : undefined;
      const prev = out[out.length - 1];
      if (suffix !== undefined && prev && last === i - 1) {
        prev.value *= suffix;
        prev.term += parts[i]!.text;
        continue;
      }
      // 好 in 好累 or 实在 in 实在太差 is a degree word, not praise
      if (this.modifier(t) && this.modifies(parts, i)) continue;

      let negations = 0;
      let inner = 1; // degree words between the negator and the word (不太好)
      let outer = 1; // degree words before the negator (非常不满意)
      let from = i;
      for (let j = i - 1; j >= 0 && j >= i - WINDOW; j--) {
        const u = parts[j]!.key;
        const m = this.degrees.get(u);
        if (this.negators.has(u)) negations++;
        else if (m !== undefined) {
          if (negations > 0) outer *= m;
          else inner *= m;
        } else if (this.words.has(u)) break;
        else continue;
        from = j;
      }

      let value = base * inner * outer;
      if (negations % 2 === 1) {
        const flipped = -base * (base > 0 ? FLIP_POSITIVE : FLIP_NEGATIVE);
        value = (inner !== 1 ? flipped * SOFTENED : flipped) * outer;
      }
      const term = parts
        .slice(from, i + 1)
        .map((p) => p.text)
        .join('');
      out.push({ term, value });
      last = i;
    }
    return out;
  }

  // A word the lexicon does not know may glue known ones: 不太好 → 不 太 好, 太好了 → 太 好,
  // 热情周到 → 热情 周到, 累死 → 死 累 (a suffix degree word moves before the word it strengthens).
  private expand(token: string): Part[] {
    if (this.known(token)) return [{ key: token, text: token }];
    let parts = this.expansions.get(token);
    if (!parts) {
      parts = this.split(token) ?? [{ key: token, text: token }];
      if (this.expansions.size > 50_000) this.expansions.clear();
      this.expansions.set(token, parts);
    }
    return parts;
  }

  // Whether a sentiment word follows the word at i, with only modifiers in between.
  private modifies(parts: Part[], i: number): boolean {
    for (let j = i + 1; j < parts.length && j <= i + WINDOW; j++) {
      const key = parts[j]!.key;
      if (this.words.has(key) && !this.modifies(parts, j)) return true;
      if (!this.modifier(key)) return false;
    }
    return false;
  }

  private known(w: string): boolean {
    return this.words.has(w) || this.negators.has(w) || this.degrees.has(w);
  }

  private modifier(w: string): boolean {
    return this.negators.has(w) || this.degrees.has(w);
  }

  private split(token: string): Part[] | null {
    if (token.length < 2) return null;
    // the parts are worth keeping when they hold a sentiment word, or are modifiers with a
    // negator among them (不太, 很不; 太太 stays a word)
    const useful = (parts: Part[]) =>
      parts.some((p) => this.words.has(p.key)) || (parts.every((p) => this.modifier(p.key)) && parts.some((p) => this.negators.has(p.key)));
    const last = token.slice(-1);
    if (PARTICLES.has(last)) {
      const rest = this.expand(token.slice(0, -1));
      if (useful(rest)) return rest;
    }
    for (let n = Math.min(4, token.length - 1); n >= 1; n--) {
      const prefix = token.slice(0, n);
      if (!this.modifier(prefix)) continue;
      const parts = [{ key: prefix, text: prefix }, ...this.expand(token.slice(n))];
      if (useful(parts)) return parts;
    }
    if (this.degrees.has(last)) {
      const rest = this.expand(token.slice(0, -1));
      if (rest.some((p) => this.words.has(p.key))) {
        // show the word as written (累死), count the degree word first
        const shown = rest.map((p, k) => (k === rest.length - 1 ? { ...p, text: p.text + last } : p));
        return [{ key: last, text: '' }, ...shown];
      }
    }
    // two sentiment words written together (热情周到)
    for (let n = 2; n <= token.length - 2; n++) {
      const a = token.slice(0, n);
      const b = token.slice(n);
      if (this.words.has(a) && this.words.has(b))
        return [
          { key: a, text: a },
          { key: b, text: b },
        ];
    }
    return null;
  }
}
