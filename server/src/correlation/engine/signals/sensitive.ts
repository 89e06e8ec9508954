import { normalizeText } from '../text/segmenter';
import { WordIndex } from '../text/word-index';
import type { SensitiveLexicon } from '../../../config/lexicons';

export interface SensitiveHit {
  topic: string;
  label: string;
  // the word of the lexicon that was found
  word: string;
}

interface Topic {
  id: string;
  label: string;
  // sought normalized, reported as the lexicon writes it
  words: Array<{ sought: string; word: string }>;
  unless: string[];
}

// the marks that end a clause: an `unless` word never reaches across them
const CLAUSE_MARK = /[,，。.!！?？;；\n]/;

// Substring matching on normalized text: sensitive words are specific enough that segmenting
// would only add misses (拉横幅 cut into 拉 横幅).
export class SensitiveTopics {
  private readonly topics: Topic[];
  private readonly within: number;
  /** every topic's words → the topic's place in the list: one pass finds the topics a text may hold */
  private readonly index: WordIndex<number>;

  constructor(lexicon: SensitiveLexicon) {
    this.within = lexicon.unlessWithin ?? 4;
    this.topics = lexicon.topics.map((t) => ({
      id: t.id,
      label: t.label,
      // longer words first: at one position 集资诈骗 is reported rather than a shorter word
      words: t.words.map((word) => ({ sought: normalizeText(word), word })).sort((a, b) => b.sought.length - a.sought.length),
      unless: (t.unless ?? []).map(normalizeText),
    }));
    this.index = new WordIndex(this.topics.flatMap((t, k) => t.words.map((w) => [w.sought, k] as const)));
  }

  // Each topic at most once, in the order of the lexicon, with its earliest uncancelled word.
  match(text: string): SensitiveHit[] {
    if (typeof text !== 'string' || !text) return [];
    return this.matchNormalized(normalizeText(text));
  }

  /** match() of a text already normalized (normalizeText). */
  matchNormalized(norm: string): SensitiveHit[] {
    const out: SensitiveHit[] = [];
    // the topics none of whose words occur are passed over
    const present = new Uint8Array(this.topics.length);
    let any = false;
    this.index.each(norm, (k) => {
      present[k] = 1;
      any = true;
    });
    if (!any) return out;
    for (const [k, t] of this.topics.entries()) {
      if (present[k] === 0) continue;
      let best: { at: number; word: string } | undefined;
      for (const { sought, word } of t.words) {
        for (let at = norm.indexOf(sought); at >= 0; at = norm.indexOf(sought, at + 1)) {
          if (best && at >= best.at) break;
          if (!this.cancelled(norm, at, t.unless)) {
            best = { at, word };
            break;
          }
        }
      }
      if (best) out.push({ topic: t.id, label: t.label, word: best.word });
    }
    return out;
  }

  // An `unless` word ending at most `within` characters before the hit, in the same clause.
  private cancelled(text: string, at: number, unless: string[]): boolean {
    for (const u of unless) {
      if (at < u.length) continue;
      const i = text.lastIndexOf(u, at - u.length);
      if (i < 0 || at - (i + u.length) > this.within) continue;
      if (!CLAUSE_MARK.test(text.slice(i + u.length, at))) return true;
    }
    return false;
  }
}
